import { defineMachine } from "../../lib/machine.js";

// I2: a hold ends exactly once: shipped (committed), given back, or timed out.
export const reservationMachine = defineMachine<"active" | "committed" | "released" | "expired", "commit" | "release" | "expire">("reservation", {
  active: { commit: "committed", release: "released", expire: "expired" },
  committed: {},
  released: {},
  expired: {},
});

// I5: a count is entered, then submitted with its differences, then decided by a second
// person: approved (the books are adjusted) or rejected (nothing changes, count again).
// A count started by mistake is cancelled before submission.
export type StocktakeStatus = "counting" | "submitted" | "approved" | "rejected" | "cancelled";
export const stocktakeMachine = defineMachine<StocktakeStatus, "submit" | "cancel" | "approve" | "reject">("stocktake", {
  counting: { submit: "submitted", cancel: "cancelled" },
  submitted: { approve: "approved", reject: "rejected" },
  approved: {},
  rejected: {},
  cancelled: {},
});
