import { eq, sql } from "drizzle-orm";
import { rowsOf } from "../../lib/db-types.js";
import { ctxFor, systemActor, type Services } from "../../server/context.js";
import { orders } from "../orders/schema.js";
import { getRule } from "../settings/index.js";
import type { ExceptionKind } from "./schema.js";
import { openLocked } from "./service.js";

interface Found { shipment_id: string; order_id: string; kind: ExceptionKind; tracking_no: string; carrier: string; promised_by: string | null; last_text: string | null }

const shanghai = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(d);

// L4: parcels the carrier has not delivered within its agreement's promise and the grace
// hours, parcels the carrier reports lost or sent back, and parcels whose latest event is a
// problem: each opens a case, once per parcel and kind (a case already opened, even one
// settled since, is not opened again). Each in its own transaction under the order's lock.
export async function detectShipmentExceptions(s: Services, limit = 200) {
  const ctx = ctxFor(s, systemActor("exception detection"));
  const now = s.clock.now();
  const grace = await getRule(s, "logistics.delayGraceHours");
  const found = rowsOf<Found>(await s.db.execute(sql`
    select s.id as shipment_id, s.order_id, s.tracking_no, c.name as carrier, s.promised_by, s.last_event_text as last_text, k.kind
    from shipments s join orders o on o.id = s.order_id join carriers c on c.id = s.carrier_id
      left join lateral (select e.kind as last_kind from tracking_events e where e.shipment_id = s.id order by e.at desc, e.recorded_at desc limit 1) last on true
      cross join lateral (values
        (case when s.status = 'lost' then 'lost' end),
        (case when s.status = 'returned' then 'returned' end),
        (case when s.status = 'in_transit' and last.last_kind = 'problem' then 'system' end),
        (case when s.status = 'in_transit' and s.promised_by + make_interval(hours => ${grace}::int) <= ${now.toISOString()}::timestamptz then 'delayed' end)
      ) k(kind)
    where o.status in ('paid', 'partly_shipped', 'shipped', 'delivered') and s.status in ('in_transit', 'lost', 'returned') and k.kind is not null
      and not exists (select 1 from order_exceptions x where x.shipment_id = s.id and x.kind = k.kind)
    order by s.promised_by nulls first limit ${limit}`));
  let opened = 0;
  for (const f of found) {
    const description = f.kind === "delayed"
      ? `${f.carrier} ${f.tracking_no} 承诺 ${shanghai(new Date(f.promised_by!))} 前送达，超出 ${grace} 小时仍未签收 · Promised by ${shanghai(new Date(f.promised_by!))}, not delivered ${grace} h later`
      : f.kind === "lost" ? `${f.carrier} ${f.tracking_no} 承运商报告包裹丢失 · The carrier reports the parcel lost${f.last_text ? `: ${f.last_text}` : ""}`
      : f.kind === "returned" ? `${f.carrier} ${f.tracking_no} 包裹被退回 · The parcel is on its way back${f.last_text ? `: ${f.last_text}` : ""}`
      : `${f.carrier} ${f.tracking_no} 物流异常 · The carrier reports a problem${f.last_text ? `: ${f.last_text}` : ""}`;
    const done = await s.db.transaction(async (tx) => {
      const [o] = await tx.select().from(orders).where(eq(orders.id, f.order_id)).for("update", { skipLocked: true });
      if (!o || !["paid", "partly_shipped", "shipped", "delivered"].includes(o.status)) return false;
      // Looked at again under the lock: another run, or a person, may have opened it meanwhile.
      const [taken] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from order_exceptions where shipment_id = ${f.shipment_id} and kind = ${f.kind}`));
      if (taken!.n > 0) return false;
      await openLocked(tx, ctx, o, { kind: f.kind, description, shipmentId: f.shipment_id });
      return true;
    });
    if (done) opened++;
  }
  return { opened };
}
