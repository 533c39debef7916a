import { defineMachine } from "../../lib/machine.js";

// M3: due → (merchant confirms its data) submitted → passed | returned → submitted …
export const reverificationMachine = defineMachine<"due" | "submitted" | "passed" | "returned", "submit" | "pass" | "return">("re-verification", {
  due: { submit: "submitted" },
  submitted: { pass: "passed", return: "returned" },
  returned: { submit: "submitted" },
  passed: {},
});
export type ReverificationStatus = keyof typeof reverificationMachine.table;

export const renewalMachine = defineMachine<"pending" | "approved" | "rejected", "approve" | "reject">("document renewal", {
  pending: { approve: "approved", reject: "rejected" },
  approved: {},
  rejected: {},
});
