import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import { trackingCallbacks } from "./schema.js";
import { MAX_PARCELS, orderShipments, packingList, shipOrder } from "./shipments.js";
import { addManualTracking, listTrackingCallbacks, manualKinds, receiveTrackingPush } from "./tracking.js";

const tags = ["logistics"];
const TrackingNo = z.string().trim().min(1, "enter the waybill number").max(40, "a waybill number has at most 40 characters");
const Ship = z.strictObject({
  carrierId: z.uuid({ message: "choose a carrier" }),
  trackingNo: TrackingNo,
  parcels: z.array(z.strictObject({
    weightGrams: z.number().int("give the weight in whole grams").min(1, "a parcel weighs at least 1 g").max(100_000, "a parcel weighs at most 100 kg"),
    trackingNo: TrackingNo.nullish(),
  })).min(1, "leave parcels out for one parcel, or list each one").max(MAX_PARCELS, `at most ${MAX_PARCELS} parcels go under one waybill`).optional(),
  lines: z.array(z.strictObject({
    orderLineId: z.uuid({ message: "must be a line of this order" }),
    quantity: z.number().int("whole units").min(1, "ship at least 1 unit").max(9999),
  })).min(1, "leave lines out to ship everything left, or list what goes in this shipment").max(200).optional(),
  note: z.string().trim().max(500, "at most 500 characters").nullish(),
});
const ManualEvent = z.strictObject({
  kind: z.enum(manualKinds, { message: `one of ${manualKinds.join(", ")}` }),
  text: z.string().trim().min(2, "describe what happened to the parcel").max(500, "at most 500 characters"),
  at: z.iso.datetime({ offset: true, message: "a time with its offset, e.g. 2026-01-05T14:30:00+08:00" }).transform((v) => new Date(v)).optional(),
  location: z.string().trim().max(100, "at most 100 characters").nullish(),
});
const CallbackQuery = z.strictObject({
  outcome: z.enum(trackingCallbacks.outcome.enumValues).optional(),
  trackingNo: z.string().trim().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// What the aggregator expects back: anything but result true makes it send again.
const pushAnswer = (ok: boolean, message: string) => ({ result: ok, returnCode: ok ? "200" : "400", message });

// L2/L3: shipping an order, its shipments and packing list, manual tracking, and the
// tracking aggregator's push.
export default async function shipmentsRoutes(app: App) {
  for (const [base, ship, read] of [["/merchant", "order.fulfil.own", "order.read.own"], ["/admin", "logistics.manage", "order.read.any"]] as const) {
    app.post(`${base}/orders/:id/shipments`, {
      config: { permission: ship },
      schema: { tags, summary: "Hand goods of a paid order to a carrier: all that is left, or the lines given (partial shipment), in one or more parcels (L2)", params: IdParams, body: Ship },
    }, async (req, reply) => reply.code(201).send(await shipOrder(req.ctx, req.params.id, req.body)));
    app.get(`${base}/orders/:id/shipments`, { config: { permission: read }, schema: { tags, summary: "An order's shipments with parcels, batches and tracking events (L2, L3)", params: IdParams } },
      (req) => orderShipments(req.ctx, req.params.id));
    app.get(`${base}/orders/:id/packing-list`, { config: { permission: ship }, schema: { tags, summary: "What is left to pack and the full recipient address for the label (the read is audited)", params: IdParams } },
      (req) => packingList(req.ctx, req.params.id));
    app.post(`${base}/shipments/:id/tracking`, {
      config: { permission: ship },
      schema: { tags, summary: "Record a tracking event by hand, for a carrier without push (L3)", params: IdParams, body: ManualEvent },
    }, async (req, reply) => {
      const r = await addManualTracking(req.ctx, req.params.id, req.body);
      return reply.code(r.added ? 201 : 200).send(r);
    });
  }
  app.get("/me/orders/:id/shipments", { config: { permission: "order.read.mine" }, schema: { tags, summary: "Where my parcels are (L3)", params: IdParams } },
    (req) => orderShipments(req.ctx, req.params.id));

  app.get("/admin/tracking-callbacks", { config: { permission: "logistics.manage" }, schema: { tags, summary: "Every push the tracking aggregator sent and what became of it (L3)", querystring: CallbackQuery } },
    (req) => listTrackingCallbacks(req.ctx, req.query));

  // L3: the aggregator's push, a signed form body kept as the exact text that was signed.
  await app.register(async (plain) => {
    const raw = plain as unknown as App;
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser("*", { parseAs: "string", bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    raw.post("/logistics/tracking/push", { config: { permission: "public" }, schema: { tags, summary: "Tracking pushes from the aggregator (form fields param and sign)" } }, async (req, reply) => {
      const r = await receiveTrackingPush(req.ctx, typeof req.body === "string" ? req.body : "");
      const message = r.ok ? "成功" : r.outcome === "bad_signature" ? "签名错误 bad signature" : "参数错误 malformed body";
      return reply.code(r.ok ? 200 : 400).send(pushAnswer(r.ok, message));
    });
  });
}
