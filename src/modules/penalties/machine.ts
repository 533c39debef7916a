import { defineMachine } from "../../lib/machine.js";

// M6: in force → appealed → upheld | revoked; the platform may lift a penalty early.
export const penaltyMachine = defineMachine<
  "in_force" | "appealed" | "upheld" | "revoked" | "lifted",
  "appeal" | "uphold" | "revoke" | "lift"
>("penalty", {
  in_force: { appeal: "appealed", lift: "lifted" },
  appealed: { uphold: "upheld", revoke: "revoked" },
  upheld: { lift: "lifted" },
  revoked: {},
  lifted: {},
});
export type PenaltyStatus = keyof typeof penaltyMachine.table;

export const penaltyKinds = ["warning", "listing_restriction", "suspension", "closure"] as const;
export type PenaltyKind = (typeof penaltyKinds)[number];

// What each kind takes away while it is in force.
export const penaltyEffects: Record<PenaltyKind, { list: boolean; sell: boolean }> = {
  warning: { list: true, sell: true },
  listing_restriction: { list: false, sell: true },
  suspension: { list: false, sell: false },
  closure: { list: false, sell: false },
};

// Statuses in which a penalty still binds (an appeal does not pause it).
export const bindingStatuses: PenaltyStatus[] = ["in_force", "appealed", "upheld"];
