import { and, desc, eq } from "drizzle-orm";
import { addDays } from "../../lib/clock.js";
import type { Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { defineMachine, next } from "../../lib/machine.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { NotFound, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { orders } from "../orders/schema.js";
import { applyOrderEvent } from "../orders/service.js";
import { getRule } from "../settings/index.js";
import { carriers, shipments, trackingCallbacks, trackingEvents, type ShipmentStatus } from "./schema.js";
import { parsePush, type TrackingEventInput } from "./tracking/push.js";
import type { Shipment } from "./shipments.js";

// L3: a shipment is in transit until the carrier reports it delivered, lost or sent back.
export const shipmentMachine = defineMachine<ShipmentStatus, "deliver" | "lose" | "return">("shipment", {
  in_transit: { deliver: "delivered", lose: "lost", return: "returned" },
  delivered: {},
  lost: {},
  returned: {},
});

const eventOfKind: Partial<Record<TrackingEventInput["kind"], "deliver" | "return">> = { delivered: "deliver", returned: "return", rejected: "return" };

// L3: events for one shipment, from a callback or typed in by hand. Events already known are
// dropped (a push repeats the whole history). A delivery moves the shipment to delivered and,
// once every shipment of a fully shipped order is delivered, the order too; the buyer's
// confirmation clock (O6) starts then.
export async function recordTracking(tx: Tx, ctx: Ctx, shipment: Shipment, events: TrackingEventInput[], source: "aggregator" | "manual") {
  const now = ctx.clock.now();
  const added = events.length ? await tx.insert(trackingEvents).values(events.map((e) => ({
    id: newId(), shipmentId: shipment.id, at: e.at, kind: e.kind, text: e.text.slice(0, 500), location: e.location?.slice(0, 100) ?? null, source, recordedByLabel: ctx.actor.label, recordedAt: now,
  }))).onConflictDoNothing().returning() : [];
  if (!added.length) return { added: 0, shipment, orderDelivered: false };
  const latest = [...added].sort((a, b) => b.at.getTime() - a.at.getTime())[0]!;
  const set: Partial<Shipment> = { updatedAt: now };
  if (!shipment.lastEventAt || latest.at >= shipment.lastEventAt) Object.assign(set, { lastEventAt: latest.at, lastEventText: latest.text });
  let status = shipment.status;
  const final = added.filter((e) => eventOfKind[e.kind]).sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1);
  if (final && status === "in_transit") {
    status = next(shipmentMachine, status, eventOfKind[final.kind]!);
    Object.assign(set, { status, ...(status === "delivered" ? { deliveredAt: final.at } : {}) });
  }
  const [after] = await tx.update(shipments).set(set).where(eq(shipments.id, shipment.id)).returning();
  let orderDelivered = false;
  if (status === "delivered" && shipment.status !== "delivered") orderDelivered = await deliverOrderIfComplete(tx, ctx, shipment.orderId);
  return { added: added.length, shipment: after!, orderDelivered };
}

async function deliverOrderIfComplete(tx: Tx, ctx: Ctx, orderId: string) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  if (order?.status !== "shipped") return false;
  const [pending] = await tx.select({ id: shipments.id }).from(shipments).where(and(eq(shipments.orderId, orderId), eq(shipments.status, "in_transit"))).limit(1);
  if (pending) return false;
  const days = await getRule(ctx, "order.autoConfirmDays", tx);
  const delivered = await applyOrderEvent(tx, ctx.actor.kind === "staff" ? ctx : ctxFor(ctx, systemActor("carrier tracking")), order, "deliver", "The carrier reported the parcels delivered");
  await tx.update(orders).set({ confirmBy: addDays(delivered.deliveredAt ?? ctx.clock.now(), days) }).where(eq(orders.id, orderId));
  return true;
}

// L3: the aggregator's push. The signature is checked before anything is read from the
// body; a bad one is logged and changes nothing. The answer tells the aggregator whether to
// send again.
export async function receiveTrackingPush(s: Services, body: string) {
  const ctx = ctxFor(s, systemActor("tracking push"));
  const now = s.clock.now();
  const log = async (outcome: typeof trackingCallbacks.$inferInsert["outcome"], extra: { trackingNo?: string | null; carrierCode?: string | null; eventsAdded?: number } = {}) => {
    await s.db.insert(trackingCallbacks).values({ id: newId(), adapter: "push", outcome, body: body.slice(0, 20_000), receivedAt: now, trackingNo: extra.trackingNo ?? null, carrierCode: extra.carrierCode ?? null, eventsAdded: extra.eventsAdded ?? 0 });
  };
  const parsed = parsePush(body, pushSalt(s));
  if (parsed.kind === "bad_signature" || parsed.kind === "malformed") {
    await log(parsed.kind);
    return { ok: false, outcome: parsed.kind };
  }
  const { carrierCode, trackingNo, events } = parsed;
  const result = await s.db.transaction(async (tx) => {
    const [row] = await tx.select({ s: shipments }).from(shipments).innerJoin(carriers, eq(carriers.id, shipments.carrierId))
      .where(and(eq(carriers.code, carrierCode), eq(shipments.trackingNo, trackingNo))).for("update", { of: shipments });
    if (!row) return null;
    return recordTracking(tx, ctx, row.s, events, "aggregator");
  });
  if (!result) {
    await log("unknown_shipment", { trackingNo, carrierCode });
    return { ok: true, outcome: "unknown_shipment" as const };
  }
  await log(result.added ? "applied" : "duplicate", { trackingNo, carrierCode, eventsAdded: result.added });
  return { ok: true, outcome: result.added ? ("applied" as const) : ("duplicate" as const) };
}

// The salt agreed with the aggregator when subscribing; without one configured, a secret
// of this installation (the built-in tracking sandbox signs with it).
export const pushSalt = (s: Pick<Services, "sealer">) => process.env.TRACKING_PUSH_SALT?.trim() || s.sealer.digest("tracking-push-salt").slice(0, 32);

export const manualKinds = ["collected", "in_transit", "out_for_delivery", "delivered", "problem", "returned", "rejected"] as const;

// L3: the manual adapter: a carrier without push (or a phone call with the courier) is
// tracked by typing its events in.
export async function addManualTracking(ctx: Ctx, shipmentId: string, input: { kind: (typeof manualKinds)[number]; text: string; at?: Date | null; location?: string | null }) {
  if (!manualKinds.includes(input.kind)) throw new ValidationError("TRACKING_KIND_INVALID", `Choose one of: ${manualKinds.join(", ")}.`, { field: "kind" });
  const text = input.text.trim();
  if (!text) throw new ValidationError("TRACKING_TEXT_REQUIRED", "Describe what happened to the parcel.", { field: "text" });
  const at = input.at ?? ctx.clock.now();
  if (at.getTime() > ctx.clock.now().getTime() + 5 * 60_000) throw new ValidationError("TRACKING_IN_FUTURE", "An event cannot be later than now.", { field: "at" });
  return ctx.db.transaction(async (tx) => {
    const [s] = await tx.select().from(shipments).where(and(eq(shipments.id, shipmentId), ctx.actor.merchantId ? eq(shipments.merchantId, ctx.actor.merchantId) : undefined)).for("update");
    if (!s) throw new NotFound("Shipment", "SHIPMENT_NOT_FOUND");
    if (at < s.shippedAt) throw new ValidationError("TRACKING_BEFORE_SHIPPING", "An event cannot be earlier than the shipment itself.", { field: "at" });
    const result = await recordTracking(tx, ctx, s, [{ at, kind: input.kind, text, location: input.location ?? null }], "manual");
    if (ctx.actor.kind === "staff") await recordAudit(tx, ctx, { action: "shipment.track", entityType: "shipment", entityId: s.id, summary: { kind: input.kind, text } });
    return result;
  });
}

// L3: the log of callbacks, newest first: what the aggregator sent and what became of it.
export async function listTrackingCallbacks(ctx: Ctx, q: { outcome?: (typeof trackingCallbacks.$inferSelect)["outcome"]; trackingNo?: string; limit: number }) {
  const items = await ctx.db.select().from(trackingCallbacks)
    .where(and(q.outcome ? eq(trackingCallbacks.outcome, q.outcome) : undefined, q.trackingNo ? eq(trackingCallbacks.trackingNo, q.trackingNo.trim().toUpperCase()) : undefined))
    .orderBy(desc(trackingCallbacks.receivedAt), desc(trackingCallbacks.id)).limit(q.limit);
  return { items };
}
