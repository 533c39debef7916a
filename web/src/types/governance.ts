// Shapes of the governance API (tasks, standing, qualifications M3, penalties M6) that the
// merchant portal and the admin console both read.

import type { DocumentFacts } from "../api";

export type StandingStatus = "active" | "restricted" | "suspended" | "closed";
export type PenaltyKind = "warning" | "listing_restriction" | "suspension" | "closure";
export type PenaltyStatus = "in_force" | "appealed" | "upheld" | "revoked" | "lifted";
export type RenewalStatus = "pending" | "approved" | "rejected";
export type ReverificationStatus = "due" | "submitted" | "passed" | "returned";

export interface Task {
  id: string;
  audience: "merchant" | "platform";
  merchantId: string | null;
  kind: string;
  params: Record<string, string | number | null | undefined>;
  subjectType: string;
  subjectId: string;
  dueAt: string | null;
  status: "open" | "done" | "cancelled";
  createdAt: string;
  closedAt: string | null;
}

export interface Restriction {
  source: "penalty" | "qualification";
  kind: PenaltyKind | "qualification_hold";
  penaltyId: string | null;
  since: string;
  until: string | null;
}

export interface Standing {
  status: StandingStatus;
  canList: boolean;
  canSell: boolean;
  restrictions: Restriction[];
}

export interface QualificationDocument extends DocumentFacts {
  id: string;
  fileName: string;
  mime: string;
  mandatory: boolean;
  state: "valid" | "expiring" | "expired";
  daysLeft: number | null;
}

export interface Renewal extends DocumentFacts {
  id: string;
  merchantId: string;
  /** Only in the reviewers' answers. */
  merchantName: string | null;
  status: RenewalStatus;
  fileName: string;
  mime: string;
  size: number;
  submittedAt: string;
  submittedBy: string;
  reason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  replacesDocumentId: string | null;
  /** The replaced document's facts, in GET /admin/qualification-renewals/:id only. */
  replaces: (DocumentFacts & { id: string }) | null;
}

export interface Reverification {
  id: string;
  merchantId: string;
  status: ReverificationStatus;
  dueAt: string;
  createdAt: string;
  merchantNote: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  reason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface QualificationOverview {
  merchantId: string;
  applicationId: string;
  entityType: string;
  name: string;
  creditCode: string;
  categories: string[];
  approvedAt: string | null;
  holdSince: string | null;
  warningDays: number;
  documents: QualificationDocument[];
  missingMandatory: string[];
  renewals: Renewal[];
  reverifications: Reverification[];
}

export interface Penalty {
  id: string;
  merchantId: string;
  merchantName: string | null;
  kind: PenaltyKind;
  status: PenaltyStatus;
  reason: string;
  evidence: string;
  startsAt: string;
  endsAt: string | null;
  appealBy: string;
  issuedBy: string;
  issuedAt: string;
  appeal: { statement: string; at: string; by: string | null } | null;
  decision: { reason: string; at: string; by: string | null } | null;
  /** Binding now. */
  active: boolean;
  canAppeal: boolean;
}
