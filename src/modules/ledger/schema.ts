import { bigint, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { merchants } from "../merchants/schema.js";

// F3: the double-entry ledger. An entry is signed: debit positive, credit negative. Every
// transaction's entries sum to zero (a deferred trigger refuses the commit otherwise),
// nothing is ever updated or deleted, and balances are sums, never stored.
export const ledgerAccounts = pgTable("ledger_accounts", {
  id: id(),
  code: text("code").notNull().unique(),
  kind: text("kind", { enum: ["asset", "liability", "revenue", "expense"] }).notNull(),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  createdAt: at("created_at").notNull(),
});

// One business event. The unique key makes posting idempotent: the same capture or
// refund posts once however often it is retried.
export const ledgerTransactions = pgTable("ledger_transactions", {
  id: id(),
  kind: text("kind").notNull(),
  referenceType: text("reference_type").notNull(),
  referenceId: text("reference_id").notNull(),
  memo: text("memo"),
  at: at("at").notNull(),
}, (t) => [unique("ledger_transactions_reference_uq").on(t.kind, t.referenceType, t.referenceId), index("ledger_transactions_at_idx").on(t.at)]);

export const ledgerEntries = pgTable("ledger_entries", {
  id: id(),
  transactionId: uuid("transaction_id").notNull().references(() => ledgerTransactions.id),
  accountId: uuid("account_id").notNull().references(() => ledgerAccounts.id),
  amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  orderId: uuid("order_id"),
  merchantId: uuid("merchant_id"),
  paymentId: uuid("payment_id"),
  at: at("at").notNull(),
}, (t) => [
  index("ledger_entries_account_idx").on(t.accountId, t.at),
  index("ledger_entries_transaction_idx").on(t.transactionId),
  index("ledger_entries_order_idx").on(t.orderId),
]);
