import { defineMachine } from "../../lib/machine.js";

// I2: a hold ends exactly once: shipped (committed), given back, or timed out.
export const reservationMachine = defineMachine<"active" | "committed" | "released" | "expired", "commit" | "release" | "expire">("reservation", {
  active: { commit: "committed", release: "released", expire: "expired" },
  committed: {},
  released: {},
  expired: {},
});
