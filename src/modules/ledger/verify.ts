import { sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "../../lib/db-types.js";

export interface LedgerReport { ok: boolean; checked: Record<string, number>; problems: { check: string; detail: string }[] }

// F3: every invariant of the books, from the rows alone. `npm run ledger:verify` and the
// test suite's after-each hook run this.
export async function verifyLedger(q: Queryable): Promise<LedgerReport> {
  const problems: LedgerReport["problems"] = [];
  const run = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await q.execute(query));
  const unbalanced = await run<{ id: string; total: string }>(sql`select transaction_id as id, sum(amount_fen) as total from ledger_entries group by transaction_id having sum(amount_fen) <> 0`);
  for (const r of unbalanced) problems.push({ check: "transaction balances", detail: `transaction ${r.id} sums to ${r.total}` });
  const empty = await run<{ id: string }>(sql`select t.id from ledger_transactions t where (select count(*) from ledger_entries e where e.transaction_id = t.id) < 2`);
  for (const r of empty) problems.push({ check: "transaction has two sides", detail: `transaction ${r.id} has fewer than two entries` });
  const [total] = await run<{ total: string | null }>(sql`select sum(amount_fen) as total from ledger_entries`);
  if (Number(total?.total ?? 0) !== 0) problems.push({ check: "books balance", detail: `all entries sum to ${total?.total}` });
  // Escrow of an order = what its payments put in − what was decided to go back (and, later, released).
  const escrow = await run<{ id: string; no: string; held: string; expected: string }>(sql`
    select o.id, o.no, coalesce(-sum(e.amount_fen) filter (where a.code = 'escrow'), 0) as held,
      (case when exists (select 1 from ledger_transactions t join ledger_entries x on x.transaction_id = t.id where t.kind = 'payment.capture' and x.order_id = o.id)
        then o.total_fen - o.refunded_fen else 0 end) as expected
    from orders o left join ledger_entries e on e.order_id = o.id left join ledger_accounts a on a.id = e.account_id
    where o.completed_at is null group by o.id
    having coalesce(-sum(e.amount_fen) filter (where a.code = 'escrow'), 0) <> (case when exists (select 1 from ledger_transactions t join ledger_entries x on x.transaction_id = t.id where t.kind = 'payment.capture' and x.order_id = o.id) then o.total_fen - o.refunded_fen else 0 end)`);
  for (const r of escrow) problems.push({ check: "escrow per order", detail: `order ${r.no} holds ${r.held} 分 in escrow, expected ${r.expected}` });
  const captures = await run<{ no: string; amount: string; captured: string | null }>(sql`
    select p.no, p.amount_fen as amount, (select sum(e.amount_fen) from ledger_transactions t join ledger_entries e on e.transaction_id = t.id join ledger_accounts a on a.id = e.account_id
      where t.kind = 'payment.capture' and t.reference_id = p.id::text and a.code like 'provider_clearing:%') as captured
    from payments p where (p.status = 'succeeded') <> exists (select 1 from ledger_transactions t where t.kind = 'payment.capture' and t.reference_id = p.id::text)
      or (p.status = 'succeeded' and p.amount_fen <> coalesce((select sum(e.amount_fen) from ledger_transactions t join ledger_entries e on e.transaction_id = t.id join ledger_accounts a on a.id = e.account_id
      where t.kind = 'payment.capture' and t.reference_id = p.id::text and a.code like 'provider_clearing:%'), 0))`);
  for (const r of captures) problems.push({ check: "payment captured once, in full", detail: `payment ${r.no} of ${r.amount} 分 has ${r.captured ?? "no"} capture` });
  const [payable] = await run<{ book: string | null; pending: string | null }>(sql`
    select (select -sum(e.amount_fen) from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.code = 'refunds_payable') as book,
      (select sum(amount_fen) from refunds where status = 'pending') as pending`);
  if (Number(payable?.book ?? 0) !== Number(payable?.pending ?? 0)) problems.push({ check: "refunds payable", detail: `the books owe ${payable?.book ?? 0} 分 of refunds, pending refunds total ${payable?.pending ?? 0} 分` });
  const [counts] = await run<{ transactions: string; entries: string; payments: string; orders: string }>(sql`
    select (select count(*) from ledger_transactions) as transactions, (select count(*) from ledger_entries) as entries, (select count(*) from payments) as payments, (select count(*) from orders) as orders`);
  return { ok: problems.length === 0, checked: Object.fromEntries(Object.entries(counts ?? {}).map(([k, v]) => [k, Number(v)])), problems };
}
