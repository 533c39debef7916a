import { createHash } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Services } from "../../../server/context.js";
import { provinces } from "../../addresses/index.js";
import { carriers, shipments, trackingEvents } from "../schema.js";
import { pushSalt } from "../tracking.js";
import { pushBody } from "./push.js";

// The built-in tracking sandbox. Waybills are tracked by an aggregator's pushes; without one
// subscribed (TRACKING_AGGREGATOR_URL not set) nothing would ever report a parcel, and the
// demo's and the tests' orders would stay in transit for ever. So the sandbox plays the
// carriers whose tracking comes from the aggregator: for every waybill in transit it sends
// the aggregator's signed push through the platform's own HTTP stack, so that the real path
// runs end to end (signature, parsing, duplicates, delivery, the buyer's confirmation clock).
// Its story of a parcel is fixed by the shipment alone and only told up to the clock's now,
// so running it again, or often, sends nothing new.

export type Deliver = (url: string, headers: Record<string, string>, body: string) => Promise<{ status: number; body: string }>;

export const PUSH_PATH = "/api/v1/logistics/tracking/push";

export const trackingSandboxOn = () => !process.env.TRACKING_AGGREGATOR_URL?.trim();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Without an agreement promising a time, a parcel is expected two days after it leaves.
const DEFAULT_HOURS = 48;

const hash = (s: string) => createHash("sha256").update(s).digest().readUInt32BE(0);
const toMinute = (ms: number) => new Date(Math.round(ms / MINUTE) * MINUTE);

interface Step { at: Date; text: string; status: "揽收" | "在途" | "派件" | "签收"; state: string; areaName?: string }

// The whole journey of one waybill. Whether it arrives before or after its promise depends
// on a hash of the shipment, and how often a carrier is late on a hash of its code, so that
// carriers' on-time rates differ the same way on every run.
export function journey(p: { id: string; carrierCode: string; shippedAt: Date; promisedBy: Date | null; province: string }): Step[] {
  const h = hash(p.id);
  const start = p.shippedAt.getTime();
  const promised = (p.promisedBy ?? new Date(start + DEFAULT_HOURS * HOUR)).getTime();
  const lateShare = 8 + (hash(p.carrierCode) % 4) * 7;
  const late = h % 100 < lateShare;
  const span = Math.max(promised - start, 6 * HOUR);
  const arrive = late ? start + span + (2 + ((h >>> 8) % 30)) * HOUR : start + span * (0.55 + ((h >>> 16) % 40) / 100);
  const delivered = Math.max(arrive, start + 5 * HOUR);
  const collected = start + (20 + ((h >>> 4) % 40)) * MINUTE;
  const legs = delivered - collected;
  const name = provinces().find((x) => x.code === p.province)?.name ?? "";
  return [
    { at: toMinute(collected), status: "揽收", state: "1", text: "【揽收】快递员已揽收 Parcel collected by the courier" },
    { at: toMinute(collected + legs * 0.25), status: "在途", state: "0", text: "【运输中】快件已发往转运中心 Left for the sorting centre" },
    { at: toMinute(collected + legs * 0.6), status: "在途", state: "0", text: `【运输中】快件已到达${name}转运中心 Arrived at the sorting centre of ${name || "the destination"}`, areaName: name || undefined },
    { at: toMinute(delivered - Math.min(3 * HOUR, legs * 0.3)), status: "派件", state: "5", text: "【派件中】快递员正在派件 Out for delivery", areaName: name || undefined },
    { at: toMinute(delivered), status: "签收", state: "3", text: "【已签收】已签收，签收人：本人 Delivered, signed for by the recipient", areaName: name || undefined },
  ];
}

// Pushes, for each waybill in transit of an aggregator-tracked carrier, its history up to
// now when that holds events the platform has not recorded yet.
export async function pushDueTracking(s: Services, deliver: Deliver, opts: { shipmentId?: string; limit?: number } = {}) {
  const now = s.clock.now();
  const rows = await s.db.select({
    id: shipments.id, trackingNo: shipments.trackingNo, shippedAt: shipments.shippedAt, promisedBy: shipments.promisedBy, province: shipments.destinationProvince, carrierCode: carriers.code,
    known: sql<number>`(select count(*)::int from ${trackingEvents} e where e.shipment_id = ${shipments.id} and e.source = 'aggregator')`,
  }).from(shipments).innerJoin(carriers, eq(carriers.id, shipments.carrierId))
    .where(and(eq(shipments.status, "in_transit"), eq(carriers.tracking, "aggregator"), opts.shipmentId ? eq(shipments.id, opts.shipmentId) : undefined))
    .orderBy(asc(shipments.shippedAt)).limit(opts.limit ?? 500);
  const salt = pushSalt(s);
  let pushed = 0;
  let failed = 0;
  for (const r of rows) {
    const due = journey(r).filter((e) => e.at <= now);
    if (due.length <= Number(r.known)) continue;
    const body = pushBody({ carrierCode: r.carrierCode, trackingNo: r.trackingNo, state: due.at(-1)!.state, events: due }, salt);
    let ok = false;
    try {
      const res = await deliver(PUSH_PATH, { "content-type": "application/x-www-form-urlencoded" }, body);
      ok = res.status === 200 && (JSON.parse(res.body) as { result?: unknown }).result === true;
    } catch {
      ok = false;
    }
    if (ok) pushed++;
    else failed++;
  }
  return { checked: rows.length, pushed, failed };
}
