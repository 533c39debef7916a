import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Ctx } from "../../server/context.js";
import { orders } from "../orders/schema.js";
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from "./schema.js";

// Entries with their transaction, newest first, for one account or one order.
export async function ledgerEntriesOf(ctx: Ctx, q: { account?: string; orderId?: string; cursor?: string; limit: number }) {
  const [at, id] = q.cursor ? Buffer.from(q.cursor, "base64url").toString().split("|") : [];
  const d = at ? new Date(at) : null;
  const rows = await ctx.db.select({
    id: ledgerEntries.id, at: ledgerEntries.at, account: ledgerAccounts.code, amountFen: ledgerEntries.amountFen, orderId: ledgerEntries.orderId, paymentId: ledgerEntries.paymentId,
    merchantId: ledgerEntries.merchantId, transactionId: ledgerTransactions.id, kind: ledgerTransactions.kind, memo: ledgerTransactions.memo, orderNo: orders.no,
  }).from(ledgerEntries).innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId)).innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .leftJoin(orders, eq(orders.id, ledgerEntries.orderId))
    .where(and(
      q.account ? eq(ledgerAccounts.code, q.account) : undefined, q.orderId ? eq(ledgerEntries.orderId, q.orderId) : undefined,
      d && id && !Number.isNaN(d.getTime()) ? or(lt(ledgerEntries.at, d), and(eq(ledgerEntries.at, d), lt(ledgerEntries.id, id))) : undefined,
    )).orderBy(desc(ledgerEntries.at), desc(ledgerEntries.id)).limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? Buffer.from(`${last.at.toISOString()}|${last.id}`).toString("base64url") : null };
}
