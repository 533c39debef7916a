import { describe, expect, it } from "vitest";
import { defineMachine, next, unreachableStates } from "./machine.js";
import { checkMachines } from "../server/platform.js";

describe("state machines as tables", () => {
  const m = defineMachine<"a" | "b" | "c" | "island", "go" | "back">("thing", { a: { go: "b" }, b: { go: "c", back: "a" }, c: {}, island: { go: "a" } });

  it("allows only the edges in the table, with a message naming the possible events", () => {
    expect(next(m, "a", "go")).toBe("b");
    expect(() => next(m, "c", "back")).toThrow(/cannot be "back"/);
    expect(() => next(m, "a", "back")).toThrow(/possible now: go/);
  });

  it("finds states that cannot be reached from the initial one", () => {
    expect(unreachableStates(m, "a")).toEqual(["island"]);
  });

  it("every machine of the platform has all its states reachable (start-up check)", () => {
    expect(() => checkMachines()).not.toThrow();
  });
});
