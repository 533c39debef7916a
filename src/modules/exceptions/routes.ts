import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import { exceptionKinds, exceptionStatuses, resolutions } from "./schema.js";
import { assignException, buyerCases, buyerKinds, cancelException, exceptionDetail, listExceptions, openException, resolveException } from "./service.js";

const tags = ["exceptions"];
const Description = z.string().trim().min(2, "describe what went wrong, in a few words").max(1000);
const BuyerOpen = z.strictObject({ kind: z.enum(buyerKinds), description: Description, shipmentId: z.uuid({ message: "must be a shipment id" }).optional() });
const Open = BuyerOpen.extend({ kind: z.enum(exceptionKinds) });
const Flag = z.enum(["true", "false"]).transform((v) => v === "true");
const ListQuery = z.strictObject({
  status: z.enum(exceptionStatuses).optional(), kind: z.enum(exceptionKinds).optional(), owner: z.enum(["merchant", "platform"]).optional(), overdue: Flag.optional(),
  orderId: z.uuid().optional(), q: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
const AdminListQuery = ListQuery.extend({ merchantId: z.uuid().optional() });
const Fen = z.number().int("in whole 分").min(1, "at least ¥0.01").max(100_000_000_00);
const Resolve = z.strictObject({
  resolution: z.enum(resolutions),
  note: z.string().trim().min(2, "say in a few words how the case was settled").max(1000),
  refundFen: Fen.optional(),
  claimFen: Fen.optional(),
  reship: z.strictObject({
    carrierId: z.uuid({ message: "choose a carrier" }),
    trackingNo: z.string().trim().min(4, "enter the new waybill number").max(40),
    lines: z.array(z.strictObject({ orderLineId: z.uuid(), quantity: z.number().int().min(1).max(9999) })).min(1, "choose what to send again").max(100),
    parcels: z.array(z.strictObject({ weightGrams: z.number().int().min(1).max(100_000), trackingNo: z.string().trim().max(40).nullish() })).max(20).optional(),
  }).optional(),
});
const Assign = z.strictObject({ ownerKind: z.enum(["merchant", "platform"]), ownerLabel: z.string().trim().max(60).nullish() });
const Cancel = z.strictObject({ note: z.string().trim().min(2, "say why the case is withdrawn").max(1000) });

// O7/L4: order exceptions. The buyer reports on their order; the shop works its own queue;
// staff see every case, hand it over and settle it.
export default async function exceptionsRoutes(app: App) {
  app.post("/me/orders/:id/exceptions", { config: { permission: "order.place" }, schema: { tags, summary: "Report a parcel damaged or lost, a wrong address or another problem with my order (O7)", params: IdParams, body: BuyerOpen } },
    async (req, reply) => reply.code(201).send(await openException(req.ctx, req.params.id, req.body)));
  app.get("/me/orders/:id/exceptions", { config: { permission: "order.read.mine" }, schema: { tags, summary: "The cases on my order and how they were settled", params: IdParams } },
    (req) => buyerCases(req.ctx, req.params.id));

  app.post("/merchant/orders/:id/exceptions", { config: { permission: "order.fulfil.own" }, schema: { tags, summary: "Open a case on one of the shop's orders (O7, L4)", params: IdParams, body: Open } },
    async (req, reply) => reply.code(201).send(await openException(req.ctx, req.params.id, req.body)));
  app.get("/merchant/exceptions", { config: { permission: "order.read.own" }, schema: { tags, summary: "The shop's exception queue with counts per status, kind and owner (O7)", querystring: ListQuery } },
    (req) => listExceptions(req.ctx, req.query));
  app.get("/merchant/exceptions/:id", { config: { permission: "order.read.own" }, schema: { tags, summary: "One case with its order, parcels, tracking and timeline", params: IdParams } },
    (req) => exceptionDetail(req.ctx, req.params.id));
  app.post("/merchant/exceptions/:id/resolve", { config: { permission: "order.fulfil.own" }, schema: { tags, summary: "Settle a case the shop owns: reship, refund, claim or no action (L4)", params: IdParams, body: Resolve } },
    (req) => resolveException(req.ctx, req.params.id, req.body));

  app.post("/admin/orders/:id/exceptions", { config: { permission: "order.manage.any" }, schema: { tags, summary: "Open a case on any order (O7, L4)", params: IdParams, body: Open } },
    async (req, reply) => reply.code(201).send(await openException(req.ctx, req.params.id, req.body)));
  app.get("/admin/exceptions", { config: { permission: "order.read.any" }, schema: { tags, summary: "Every exception case with counts per status, kind and owner (O7)", querystring: AdminListQuery } },
    (req) => listExceptions(req.ctx, req.query));
  app.get("/admin/exceptions/:id", { config: { permission: "order.read.any" }, schema: { tags, summary: "One case with its order, parcels, tracking and timeline", params: IdParams } },
    (req) => exceptionDetail(req.ctx, req.params.id));
  app.post("/admin/exceptions/:id/assign", { config: { permission: "order.manage.any" }, schema: { tags, summary: "Hand a case to the shop or to a platform team (O7)", params: IdParams, body: Assign } },
    (req) => assignException(req.ctx, req.params.id, req.body));
  app.post("/admin/exceptions/:id/resolve", { config: { permission: "order.manage.any" }, schema: { tags, summary: "Settle a case: reship, refund, claim or no action (L4)", params: IdParams, body: Resolve } },
    (req) => resolveException(req.ctx, req.params.id, req.body));
  app.post("/admin/exceptions/:id/cancel", { config: { permission: "order.manage.any" }, schema: { tags, summary: "Withdraw a case opened by mistake or twice", params: IdParams, body: Cancel } },
    (req) => cancelException(req.ctx, req.params.id, req.body.note));
}
