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
  // Escrow of an order = what its payments put in − what was decided to go back, until it
  // completes: then all of it was released to the shop.
  const captured = sql`exists (select 1 from ledger_transactions t join ledger_entries x on x.transaction_id = t.id where t.kind = 'payment.capture' and x.order_id = o.id)`;
  const escrow = await run<{ id: string; no: string; held: string; expected: string; completed: boolean }>(sql`
    select o.id, o.no, o.completed_at is not null as completed, coalesce(-sum(e.amount_fen) filter (where a.code = 'escrow'), 0) as held,
      (case when o.completed_at is null and ${captured} then o.total_fen - o.refunded_fen else 0 end) as expected
    from orders o left join ledger_entries e on e.order_id = o.id left join ledger_accounts a on a.id = e.account_id
    group by o.id
    having coalesce(-sum(e.amount_fen) filter (where a.code = 'escrow'), 0) <> (case when o.completed_at is null and ${captured} then o.total_fen - o.refunded_fen else 0 end)`);
  for (const r of escrow) problems.push({ check: "escrow per order", detail: `order ${r.no}${r.completed ? " (completed)" : ""} holds ${r.held} 分 in escrow, expected ${r.expected}` });
  problems.push(...(await settlementProblems(q)));
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

// F3/F5: escrow released on completion, what the shops are owed, the platform's commission,
// payouts and statements, each set against the ledger.
async function settlementProblems(q: Queryable): Promise<LedgerReport["problems"]> {
  const problems: LedgerReport["problems"] = [];
  const run = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await q.execute(query));
  // A completed paid order released exactly once what it held: paid − refunded at completion.
  const releases = await run<{ no: string; expected: string; n: string; released: string | null }>(sql`
    select o.no, o.total_fen - o.refunded_fen as expected, count(r.id) as n, min(r.released_fen) as released
    from orders o left join escrow_releases r on r.order_id = o.id
    where o.completed_at is not null and exists (select 1 from ledger_transactions t join ledger_entries x on x.transaction_id = t.id where t.kind = 'payment.capture' and x.order_id = o.id)
    group by o.id
    having count(r.id) <> (case when o.total_fen - o.refunded_fen > 0 then 1 else 0 end) or (count(r.id) = 1 and min(r.released_fen) <> o.total_fen - o.refunded_fen)`);
  for (const r of releases) {
    problems.push({ check: "escrow released on completion", detail: Number(r.n) === 1
      ? `completed order ${r.no} released ${r.released} 分, expected paid − refunded = ${r.expected} 分`
      : `completed order ${r.no} has ${r.n} escrow releases, expected ${Number(r.expected) > 0 ? 1 : 0} (paid − refunded = ${r.expected} 分)` });
  }
  const early = await run<{ no: string; status: string }>(sql`select o.no, o.status from escrow_releases r join orders o on o.id = r.order_id where o.completed_at is null`);
  for (const r of early) problems.push({ check: "escrow released on completion", detail: `order ${r.no} is ${r.status}, not completed, yet has an escrow release` });
  // Each release adds up and is posted: escrow +released, merchant_payable −payable, platform_commission −commission.
  const posted = await run<{ no: string; released: string; commission: string; payable: string; lines: string; escrow: string | null; owed: string | null; kept: string | null }>(sql`
    select o.no, r.released_fen as released, r.commission_fen as commission, r.payable_fen as payable,
      (select coalesce(sum((l->>'commissionFen')::bigint), 0) from jsonb_array_elements(r.commission_lines) l) as lines,
      sum(e.amount_fen) filter (where a.code = 'escrow') as escrow,
      sum(e.amount_fen) filter (where a.code = 'merchant_payable:' || r.merchant_id::text) as owed,
      sum(e.amount_fen) filter (where a.code = 'platform_commission') as kept
    from escrow_releases r join orders o on o.id = r.order_id
    left join ledger_transactions t on t.kind = 'escrow.release' and t.reference_type = 'order' and t.reference_id = r.order_id::text
    left join ledger_entries e on e.transaction_id = t.id left join ledger_accounts a on a.id = e.account_id
    group by r.id, o.no`);
  for (const r of posted) {
    const [released, commission, payable] = [Number(r.released), Number(r.commission), Number(r.payable)];
    if (released !== commission + payable || commission !== Number(r.lines)) {
      problems.push({ check: "escrow release adds up", detail: `order ${r.no} released ${released} 分 = commission ${commission} 分 (lines say ${r.lines}) + payable ${payable} 分 does not hold` });
    }
    if (Number(r.escrow ?? 0) !== released || Number(r.owed ?? 0) !== -payable || Number(r.kept ?? 0) !== -commission) {
      problems.push({ check: "escrow release posted", detail: `order ${r.no}: the escrow.release posting has escrow ${r.escrow ?? "none"}, merchant_payable ${r.owed ?? "none"}, platform_commission ${r.kept ?? "none"}; expected ${released}, ${-payable}, ${-commission} 分` });
    }
  }
  // What each shop is owed: every payable released to it less every payout paid to it (a liability: negative).
  const owed = await run<{ merchant: string; balance: string; released: string; paid: string }>(sql`
    with book as (select split_part(a.code, ':', 2) as merchant, coalesce(sum(e.amount_fen), 0) as balance from ledger_accounts a left join ledger_entries e on e.account_id = a.id
        where a.code like 'merchant_payable:%' group by a.id),
      rel as (select merchant_id::text as merchant, sum(payable_fen) as released from escrow_releases group by merchant_id),
      paid as (select merchant_id::text as merchant, sum(amount_fen) as paid from payouts where status = 'paid' group by merchant_id),
      shops as (select merchant from book union select merchant from rel union select merchant from paid)
    select s.merchant, coalesce(book.balance, 0) as balance, coalesce(rel.released, 0) as released, coalesce(paid.paid, 0) as paid
    from shops s left join book on book.merchant = s.merchant left join rel on rel.merchant = s.merchant left join paid on paid.merchant = s.merchant
    where coalesce(book.balance, 0) <> -(coalesce(rel.released, 0) - coalesce(paid.paid, 0))`);
  for (const r of owed) {
    problems.push({ check: "merchant payable", detail: `merchant_payable:${r.merchant} balance is ${r.balance} 分, expected −(released payable ${r.released} − paid payouts ${r.paid}) = ${-(Number(r.released) - Number(r.paid))} 分` });
  }
  const [commission] = await run<{ balance: string; released: string }>(sql`
    select (select coalesce(sum(e.amount_fen), 0) from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.code = 'platform_commission') as balance,
      (select coalesce(sum(commission_fen), 0) from escrow_releases) as released`);
  if (Number(commission!.balance) !== -Number(commission!.released)) {
    problems.push({ check: "platform commission", detail: `platform_commission balance is ${commission!.balance} 分, expected −(commission of all releases ${commission!.released}) = ${-Number(commission!.released)} 分` });
  }
  // A payout is paid exactly when its posting exists: merchant_payable +amount, provider_clearing −amount.
  const paidOut = await run<{ no: string; status: string; amount: string; tx: string | null; owed: string | null; clearing: string | null }>(sql`
    select p.no, p.status, p.amount_fen as amount, t.id as tx,
      sum(e.amount_fen) filter (where a.code = 'merchant_payable:' || p.merchant_id::text) as owed,
      sum(e.amount_fen) filter (where a.code = 'provider_clearing:' || p.provider) as clearing
    from payouts p left join ledger_transactions t on t.kind = 'payout' and t.reference_type = 'payout' and t.reference_id = p.id::text
    left join ledger_entries e on e.transaction_id = t.id left join ledger_accounts a on a.id = e.account_id
    group by p.id, t.id`);
  for (const r of paidOut) {
    if ((r.status === "paid") !== (r.tx !== null)) {
      problems.push({ check: "payout posted", detail: r.tx ? `payout ${r.no} is ${r.status} but has a ledger posting` : `payout ${r.no} of ${r.amount} 分 is paid but has no ledger posting` });
    } else if (r.tx && (Number(r.owed ?? 0) !== Number(r.amount) || Number(r.clearing ?? 0) !== -Number(r.amount))) {
      problems.push({ check: "payout posted", detail: `payout ${r.no} of ${r.amount} 分 posts merchant_payable ${r.owed ?? "none"} and provider clearing ${r.clearing ?? "none"}; expected +${r.amount} and −${r.amount}` });
    }
  }
  const strays = await run<{ id: string; reference: string }>(sql`
    select t.id, t.reference_id as reference from ledger_transactions t where t.kind = 'payout' and not exists (select 1 from payouts p where p.id::text = t.reference_id)`);
  for (const r of strays) problems.push({ check: "payout posted", detail: `ledger transaction ${r.id} posts a payout ${r.reference} that does not exist` });
  // Statements add up, open with the previous one's closing, close at what the shop was owed
  // when the period ended, and are paid out at most once.
  const statements = await run<{ no: string; gross: string; refunds: string; commission: string; net: string; opening: string; paid_out: string; closing: string; previous: string | null; owed: string; payouts: string }>(sql`
    select s.no, s.gross_fen as gross, s.refunds_fen as refunds, s.commission_fen as commission, s.net_fen as net, s.opening_fen as opening, s.paid_out_fen as paid_out, s.closing_fen as closing,
      (select p.closing_fen from settlement_statements p where p.merchant_id = s.merchant_id and p.period_start < s.period_start order by p.period_start desc limit 1) as previous,
      (select coalesce(sum(r.payable_fen), 0) from escrow_releases r where r.merchant_id = s.merchant_id and r.released_at < ((s.period_end + 1)::text || 'T00:00:00+08:00')::timestamptz)
        - (select coalesce(sum(p.amount_fen), 0) from payouts p where p.merchant_id = s.merchant_id and p.status = 'paid' and p.paid_at < ((s.period_end + 1)::text || 'T00:00:00+08:00')::timestamptz) as owed,
      (select count(*) from payouts p where p.statement_id = s.id and p.status = 'paid') as payouts
    from settlement_statements s`);
  for (const r of statements) {
    const n = (v: string | null) => Number(v ?? 0);
    if (n(r.net) !== n(r.gross) - n(r.commission) - n(r.refunds) || n(r.closing) !== n(r.opening) + n(r.net) - n(r.paid_out)) {
      problems.push({ check: "statement adds up", detail: `statement ${r.no}: net ${r.net} = gross ${r.gross} − commission ${r.commission} − refunds ${r.refunds}, closing ${r.closing} = opening ${r.opening} + net − paid out ${r.paid_out} does not hold` });
    }
    if (n(r.opening) !== n(r.previous)) problems.push({ check: "statement chain", detail: `statement ${r.no} opens at ${r.opening} 分, the previous statement closed at ${r.previous ?? "nothing (0)"}` });
    if (n(r.closing) !== n(r.owed)) problems.push({ check: "statement closing", detail: `statement ${r.no} closes at ${r.closing} 分, the shop was owed ${r.owed} 分 when its period ended` });
    if (n(r.payouts) > 1) problems.push({ check: "statement paid once", detail: `statement ${r.no} has ${r.payouts} paid payouts` });
  }
  return problems;
}
