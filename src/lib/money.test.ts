import { describe, expect, it } from "vitest";
import { fen, formatYuan, percentOf } from "./money.js";

describe("money in 分", () => {
  it("rounds commission half up to the nearest 分", () => {
    expect(percentOf(fen(1000), 500)).toBe(50);
    expect(percentOf(fen(999), 550)).toBe(55); // 54.945 → 55
    expect(percentOf(fen(101), 50)).toBe(1); // 0.505 → 1
    expect(percentOf(fen(99), 50)).toBe(0); // 0.495 → 0
    expect(percentOf(fen(Number.MAX_SAFE_INTEGER), 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });
  it("refuses fractions of a 分 and fractional rates", () => {
    expect(() => fen(1.5)).toThrow();
    expect(() => percentOf(fen(100), 1.5)).toThrow();
  });
  it("formats yuan", () => {
    expect(formatYuan(fen(123456))).toBe("¥1234.56");
    expect(formatYuan(fen(-5))).toBe("-¥0.05");
  });
});
