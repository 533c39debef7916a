import { and, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Queryable, type Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from "./schema.js";

type Kind = (typeof ledgerAccounts.$inferSelect)["kind"];

// F3: the chart of accounts. Debit-normal accounts (assets) grow with positive entries,
// the others with negative ones.
export const accounts = {
  // Money a provider has collected for us and not yet paid out or refunded.
  providerClearing: (provider: string) => ({ code: `provider_clearing:${provider}`, kind: "asset" as Kind }),
  // A buyer's payment on its way to the orders it pays for.
  buyerClearing: { code: "buyer_clearing", kind: "liability" as Kind },
  // Paid for orders not yet completed: held by the platform, owed to merchant or buyer.
  escrow: { code: "escrow", kind: "liability" as Kind },
  // Refunds decided and not yet confirmed by the provider.
  refundsPayable: { code: "refunds_payable", kind: "liability" as Kind },
  merchantPayable: (merchantId: string) => ({ code: `merchant_payable:${merchantId}`, kind: "liability" as Kind, merchantId }),
  platformCommission: { code: "platform_commission", kind: "revenue" as Kind },
};
export type AccountRef = { code: string; kind: Kind; merchantId?: string };

export interface Entry { account: AccountRef; amountFen: number; orderId?: string | null; merchantId?: string | null; paymentId?: string | null }
export interface Posting { kind: string; referenceType: string; referenceId: string; memo?: string; entries: Entry[] }

async function accountIds(tx: Tx, ctx: Ctx, refs: AccountRef[]) {
  const unique = [...new Map(refs.map((r) => [r.code, r])).values()];
  await tx.insert(ledgerAccounts).values(unique.map((r) => ({ id: newId(), code: r.code, kind: r.kind, merchantId: r.merchantId ?? null, createdAt: ctx.clock.now() }))).onConflictDoNothing();
  const rows = await tx.select({ id: ledgerAccounts.id, code: ledgerAccounts.code }).from(ledgerAccounts).where(inArray(ledgerAccounts.code, unique.map((r) => r.code)));
  return new Map(rows.map((r) => [r.code, r.id]));
}

// Posts one balanced transaction in the caller's transaction, once: a second posting of
// the same kind and reference returns false and writes nothing.
export async function post(tx: Tx, ctx: Ctx, p: Posting): Promise<boolean> {
  const entries = p.entries.filter((e) => e.amountFen !== 0);
  for (const e of entries) if (!Number.isSafeInteger(e.amountFen)) throw new Error(`ledger amount must be whole 分: ${e.amountFen}`);
  if (entries.reduce((s, e) => s + e.amountFen, 0) !== 0) throw new Error(`ledger posting ${p.kind} ${p.referenceId} does not balance`);
  if (!entries.length) return false;
  const id = newId();
  const now = ctx.clock.now();
  const [created] = await tx.insert(ledgerTransactions).values({ id, kind: p.kind, referenceType: p.referenceType, referenceId: p.referenceId, memo: p.memo ?? null, at: now })
    .onConflictDoNothing().returning({ id: ledgerTransactions.id });
  if (!created) return false;
  const ids = await accountIds(tx, ctx, entries.map((e) => e.account));
  await tx.insert(ledgerEntries).values(entries.map((e) => ({
    id: newId(), transactionId: id, accountId: ids.get(e.account.code)!, amountFen: e.amountFen,
    orderId: e.orderId ?? null, merchantId: e.merchantId ?? e.account.merchantId ?? null, paymentId: e.paymentId ?? null, at: now,
  })));
  return true;
}

// Balances are derived, never stored: the sum of an account's entries.
export async function accountBalances(q: Queryable) {
  const rows = rowsOf<{ id: string; code: string; kind: Kind; merchant_id: string | null; balance: string; entries: string }>(await q.execute(sql`
    select a.id, a.code, a.kind, a.merchant_id, coalesce(sum(e.amount_fen), 0) as balance, count(e.id) as entries
    from ${ledgerAccounts} a left join ${ledgerEntries} e on e.account_id = a.id group by a.id order by a.code`));
  return rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, merchantId: r.merchant_id, balanceFen: Number(r.balance), entries: Number(r.entries) }));
}

// What the platform holds in escrow for each order.
export async function escrowOf(q: Queryable, orderIds: string[]): Promise<Map<string, number>> {
  if (!orderIds.length) return new Map();
  const rows = await q.select({ orderId: ledgerEntries.orderId, balance: sql<string>`sum(${ledgerEntries.amountFen})` }).from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(and(eq(ledgerAccounts.code, accounts.escrow.code), inArray(ledgerEntries.orderId, orderIds))).groupBy(ledgerEntries.orderId);
  // Escrow is a liability: credits (negative) are money held.
  return new Map(rows.map((r) => [r.orderId!, 0 - Number(r.balance)]));
}
