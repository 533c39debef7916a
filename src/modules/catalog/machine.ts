import { defineMachine } from "../../lib/machine.js";

// P3/P4: a product's place on the shelf. A listed product's revision is reviewed on its
// version while the product stays listed.
export const productMachine = defineMachine<
  "draft" | "pending_review" | "listed" | "rejected" | "delisted",
  "submit" | "approve" | "reject" | "delist" | "relist"
>("product", {
  draft: { submit: "pending_review" },
  pending_review: { approve: "listed", reject: "rejected", delist: "delisted" },
  rejected: { submit: "pending_review" },
  listed: { delist: "delisted" },
  delisted: { relist: "listed", submit: "pending_review" },
});
export type ProductStatus = keyof typeof productMachine.table;

export const versionMachine = defineMachine<"draft" | "pending_review" | "approved" | "rejected" | "superseded", "submit" | "approve" | "reject" | "supersede">("product version", {
  draft: { submit: "pending_review", approve: "approved" },
  pending_review: { approve: "approved", reject: "rejected" },
  approved: { supersede: "superseded" },
  rejected: {},
  superseded: {},
});
