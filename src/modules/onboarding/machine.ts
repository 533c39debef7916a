import { defineMachine } from "../../lib/machine.js";

// M2: draft → submitted → under review → approved | rejected → (fixed) → submitted …
export const applicationMachine = defineMachine<
  "draft" | "submitted" | "under_review" | "approved" | "rejected",
  "submit" | "startReview" | "approve" | "reject" | "resubmit"
>("merchant application", {
  draft: { submit: "submitted" },
  submitted: { startReview: "under_review" },
  under_review: { approve: "approved", reject: "rejected" },
  rejected: { resubmit: "submitted" },
  approved: {},
});

export type ApplicationStatus = keyof typeof applicationMachine.table;
export const editableStatuses: ApplicationStatus[] = ["draft", "rejected"];
