import { bigint, date, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { merchants } from "../merchants/schema.js";
import { orders } from "../orders/schema.js";

// F3: an order's escrow handed to its shop when the order completed, with the commission
// the platform kept per category. One per order: the unique key makes release idempotent.
export const escrowReleases = pgTable("escrow_releases", {
  id: id(),
  orderId: uuid("order_id").notNull().references(() => orders.id).unique(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  releasedFen: bigint("released_fen", { mode: "number" }).notNull(),
  commissionFen: bigint("commission_fen", { mode: "number" }).notNull(),
  payableFen: bigint("payable_fen", { mode: "number" }).notNull(),
  // How the commission was reached, line by line: base, category, rate.
  commissionLines: jsonb("commission_lines").$type<{ orderLineId: string; categoryKey: string | null; baseFen: number; bps: number; commissionFen: number }[]>().notNull(),
  releasedAt: at("released_at").notNull(),
}, (t) => [index("escrow_releases_merchant_idx").on(t.merchantId, t.releasedAt)]);

// F5: what a shop earned in a period and what it was paid. Issued once the period is over;
// the figures are the ledger's, frozen at issue.
export const settlementStatements = pgTable("settlement_statements", {
  id: id(),
  no: text("no").notNull().unique(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  periodStart: date("period_start").notNull(),
  periodEnd: date("period_end").notNull(),
  orders: integer("orders").notNull(),
  grossFen: bigint("gross_fen", { mode: "number" }).notNull(),
  refundsFen: bigint("refunds_fen", { mode: "number" }).notNull(),
  commissionFen: bigint("commission_fen", { mode: "number" }).notNull(),
  netFen: bigint("net_fen", { mode: "number" }).notNull(),
  openingFen: bigint("opening_fen", { mode: "number" }).notNull(),
  paidOutFen: bigint("paid_out_fen", { mode: "number" }).notNull(),
  closingFen: bigint("closing_fen", { mode: "number" }).notNull(),
  status: text("status", { enum: ["issued", "paid"] }).notNull(),
  issuedAt: at("issued_at").notNull(),
  paidAt: at("paid_at"),
}, (t) => [unique("settlement_statements_period_uq").on(t.merchantId, t.periodStart), index("settlement_statements_merchant_idx").on(t.merchantId, t.periodStart)]);

// F5: money sent to a shop's bank account through a provider, posted to the ledger with
// the provider's reference.
export const payouts = pgTable("payouts", {
  id: id(),
  no: text("no").notNull().unique(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  statementId: uuid("statement_id").references(() => settlementStatements.id),
  amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  provider: text("provider").notNull(),
  providerRef: text("provider_ref"),
  status: text("status", { enum: ["pending", "paid", "failed"] }).notNull(),
  failureReason: text("failure_reason"),
  requestedByLabel: text("requested_by_label").notNull(),
  requestKey: text("request_key").notNull().unique(),
  createdAt: at("created_at").notNull(),
  paidAt: at("paid_at"),
}, (t) => [index("payouts_merchant_idx").on(t.merchantId, t.createdAt)]);

// F3: a provider's statement of one day set against our books; every difference listed.
export const reconciliationRuns = pgTable("reconciliation_runs", {
  id: id(),
  provider: text("provider").notNull(),
  day: date("day").notNull(),
  status: text("status", { enum: ["matched", "differences", "failed"] }).notNull(),
  providerLines: integer("provider_lines").notNull(),
  ourLines: integer("our_lines").notNull(),
  matched: integer("matched").notNull(),
  differences: integer("differences").notNull(),
  providerTotalFen: bigint("provider_total_fen", { mode: "number" }).notNull(),
  ourTotalFen: bigint("our_total_fen", { mode: "number" }).notNull(),
  feeFen: bigint("fee_fen", { mode: "number" }).notNull(),
  error: text("error"),
  ranByLabel: text("ran_by_label").notNull(),
  ranAt: at("ran_at").notNull(),
}, (t) => [unique("reconciliation_runs_day_uq").on(t.provider, t.day)]);

export const reconciliationDifferences = pgTable("reconciliation_differences", {
  id: id(),
  runId: uuid("run_id").notNull().references(() => reconciliationRuns.id),
  kind: text("kind", { enum: ["missing_at_provider", "missing_in_books", "amount_differs", "status_differs"] }).notNull(),
  lineKind: text("line_kind", { enum: ["payment", "refund"] }).notNull(),
  no: text("no").notNull(),
  providerTxnId: text("provider_txn_id"),
  ourFen: bigint("our_fen", { mode: "number" }),
  providerFen: bigint("provider_fen", { mode: "number" }),
  note: text("note"),
}, (t) => [index("reconciliation_differences_run_idx").on(t.runId)]);
