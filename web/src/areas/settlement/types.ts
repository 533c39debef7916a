// What the settlement API answers (src/modules/settlement): statements, payouts and
// reconciliation runs. Money is integer 分; days are Shanghai calendar days (YYYY-MM-DD).

export type StatementStatus = "issued" | "paid";
export type PayoutStatus = "pending" | "paid" | "failed";
export type RunStatus = "matched" | "differences" | "failed";
export type DifferenceKind = "missing_at_provider" | "missing_in_books" | "amount_differs" | "status_differs";

export interface Bilingual {
  zh: string;
  en: string;
}

export interface CommissionPart {
  categoryKey: string | null;
  categoryName: Bilingual | null;
  bps: number;
  baseFen: number;
  commissionFen: number;
}

export interface StatementLine {
  orderId: string;
  orderNo: string;
  completedAt: string;
  releasedAt: string;
  grossFen: number;
  commissionFen: number;
  netFen: number;
  commission: CommissionPart[];
}

export interface PeriodPayout {
  id: string;
  no: string;
  amountFen: number;
  providerRef: string | null;
  paidAt: string | null;
  statementId: string | null;
}

interface Figures {
  merchantId: string;
  merchantName: string | null;
  periodStart: string;
  periodEnd: string;
  orders: number;
  grossFen: number;
  refundsFen: number;
  commissionFen: number;
  netFen: number;
  openingFen: number;
  paidOutFen: number;
  closingFen: number;
}

export interface CurrentStatement extends Figures {
  current: true;
  asOf: string;
  lastStatement: { no: string; closingFen: number; periodEnd: string } | null;
  lines: StatementLine[];
  byCategory: CommissionPart[];
  payouts: PeriodPayout[];
}

export interface Statement extends Figures {
  id: string;
  no: string;
  status: StatementStatus;
  issuedAt: string;
  paidAt: string | null;
  latest: boolean;
  payable: boolean;
  payout: { id: string; no: string; status: PayoutStatus; amountFen: number; providerRef: string | null; paidAt: string | null; statementId: string | null; failureReason: string | null } | null;
}

export interface StatementDetail extends Statement {
  lines: StatementLine[];
  byCategory: CommissionPart[];
  payouts: PeriodPayout[];
}

export interface IssueResult {
  periodEnd: string;
  issued: Statement[];
  alreadyIssued: number;
}

export interface Payout {
  id: string;
  no: string;
  merchantId: string;
  merchantName: string | null;
  statementId: string | null;
  statementNo: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  amountFen: number;
  provider: string;
  providerRef: string | null;
  status: PayoutStatus;
  failureReason: string | null;
  requestedByLabel: string;
  createdAt: string;
  paidAt: string | null;
}

export interface ReconciliationRun {
  id: string;
  provider: string;
  day: string;
  status: RunStatus;
  providerLines: number;
  ourLines: number;
  matched: number;
  differences: number;
  providerTotalFen: number;
  ourTotalFen: number;
  feeFen: number;
  error: string | null;
  ranByLabel: string;
  ranAt: string;
}

export interface Difference {
  id: string;
  kind: DifferenceKind;
  lineKind: "payment" | "refund";
  no: string;
  providerTxnId: string | null;
  ourFen: number | null;
  providerFen: number | null;
  note: string | null;
}

export interface RunDetail extends ReconciliationRun {
  items: Difference[];
}
