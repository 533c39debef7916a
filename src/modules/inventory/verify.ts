import { sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "../../lib/db-types.js";

export interface StockProblem { kind: string; id: string; detail: Record<string, unknown> }

// I1: the books agree with themselves. Every level equals the sum of its movements, every
// batch the sum of the movements naming it, the batches of a level add up to its on hand
// and blocked stock, and its reserved stock is what its active reservations hold.
export async function verifyStock(q: Queryable): Promise<{ levels: number; batches: number; movements: number; problems: StockProblem[] }> {
  const problems: StockProblem[] = [];
  const add = (kind: string, rows: Record<string, unknown>[]) => rows.forEach(({ id, ...detail }) => problems.push({ kind, id: String(id), detail }));
  add("level_differs_from_movements", rowsOf(await q.execute(sql`
    select l.id, l.on_hand, l.reserved, l.blocked, coalesce(m.on_hand, 0) as moved_on_hand, coalesce(m.reserved, 0) as moved_reserved, coalesce(m.blocked, 0) as moved_blocked
    from stock_levels l left join (select level_id, sum(on_hand_delta) on_hand, sum(reserved_delta) reserved, sum(blocked_delta) blocked from stock_movements group by level_id) m on m.level_id = l.id
    where l.on_hand <> coalesce(m.on_hand, 0) or l.reserved <> coalesce(m.reserved, 0) or l.blocked <> coalesce(m.blocked, 0)`)));
  add("batch_differs_from_movements", rowsOf(await q.execute(sql`
    select b.id, b.on_hand, b.blocked, coalesce(m.on_hand, 0) as moved_on_hand, coalesce(m.blocked, 0) as moved_blocked
    from stock_batches b left join (select batch_id, sum(on_hand_delta) on_hand, sum(blocked_delta) blocked from stock_movements where batch_id is not null group by batch_id) m on m.batch_id = b.id
    where b.on_hand <> coalesce(m.on_hand, 0) or b.blocked <> coalesce(m.blocked, 0)`)));
  add("level_differs_from_batches", rowsOf(await q.execute(sql`
    select l.id, l.on_hand, l.blocked, coalesce(b.on_hand, 0) as batches_on_hand, coalesce(b.blocked, 0) as batches_blocked
    from stock_levels l left join (select level_id, sum(on_hand) on_hand, sum(blocked) blocked from stock_batches group by level_id) b on b.level_id = l.id
    where l.on_hand <> coalesce(b.on_hand, 0) or l.blocked <> coalesce(b.blocked, 0)`)));
  add("reserved_differs_from_reservations", rowsOf(await q.execute(sql`
    select l.id, l.reserved, coalesce(r.quantity, 0) as held
    from stock_levels l left join (select rl.level_id, sum(rl.quantity) quantity from stock_reservation_lines rl join stock_reservations r on r.id = rl.reservation_id
      where r.status = 'active' group by rl.level_id) r on r.level_id = l.id
    where l.reserved <> coalesce(r.quantity, 0)`)));
  const [counts] = rowsOf<{ levels: number; batches: number; movements: number }>(await q.execute(sql`
    select (select count(*) from stock_levels)::int as levels, (select count(*) from stock_batches)::int as batches, (select count(*) from stock_movements)::int as movements`));
  return { ...counts!, problems };
}
