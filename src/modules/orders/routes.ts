import { z } from "zod";
import type { App } from "../../server/http.js";
import { ValidationError } from "../../server/errors.js";
import { IdParams, PageQuery } from "../../lib/schemas.js";
import { cancelOrder, refundOrder } from "./cancel.js";
import { checkoutView, placeCheckout, previewCheckout } from "./checkout.js";
import { orderStatuses } from "./schema.js";
import { listOrders, orderDetail } from "./service.js";
import { paymentsOfCheckout } from "../payments/queries.js";
import fulfilmentRoutes from "./fulfilment.routes.js";

const tags = ["orders"];
const Items = z.array(z.strictObject({
  productId: z.uuid({ message: "must be a product id" }), skuCode: z.string().trim().min(1).max(64), quantity: z.number().int().min(1).max(9999),
})).min(1, "choose at least one item").max(100, "at most 100 items in one checkout");
const Checkout = z.strictObject({
  addressId: z.uuid({ message: "choose a delivery address" }), items: Items,
  notes: z.record(z.uuid(), z.string().trim().max(200)).optional(),
});
const Reason = z.strictObject({ reason: z.string().trim().min(2, "say why, in a few words").max(500) });
// One status or several, comma-separated: the buyer's 待收货 tab is shipped, partly shipped and delivered.
const Statuses = z.string().max(200).transform((v, c) => {
  const list = v.split(",").map((x) => x.trim()).filter(Boolean);
  const bad = list.find((x) => !(orderStatuses as readonly string[]).includes(x));
  if (bad) { c.addIssue({ code: "custom", message: `unknown status "${bad}"; use ${orderStatuses.join(", ")}` }); return z.NEVER; }
  return list as (typeof orderStatuses)[number][];
});
const ListQuery = z.strictObject({ status: Statuses.optional(), q: z.string().trim().max(64).optional(), ...PageQuery, limit: PageQuery.limit.default(20) });
const AdminListQuery = ListQuery.extend({ merchantId: z.uuid().optional(), buyerId: z.uuid().optional() });
const Refund = z.strictObject({
  amountFen: z.number().int().min(1, "refund at least ¥0.01").max(100_000_000_00), reason: z.string().trim().min(2).max(500),
  requestKey: z.string().trim().min(8, "send a unique key of at least 8 characters, reused when retrying").max(128),
});

export default async function orderRoutes(app: App) {
  await fulfilmentRoutes(app);
  app.post("/me/checkouts/preview", { config: { permission: "order.place" }, schema: { tags, summary: "What a checkout will cost, shop by shop, shipping included (O2)", body: Checkout.omit({ notes: true }) } },
    (req) => previewCheckout(req.ctx, req.body));
  app.post("/me/checkouts", {
    config: { permission: "order.place" },
    schema: { tags, summary: "Place one order per shop, stock held, under one payment (O2). Send an Idempotency-Key header; a retry with the same key returns the same orders.", body: Checkout },
  }, async (req, reply) => {
    const key = req.headers["idempotency-key"];
    if (typeof key !== "string" || !/^[\w.:-]{8,128}$/.test(key)) {
      throw new ValidationError("IDEMPOTENCY_KEY_REQUIRED", "Send an Idempotency-Key header of 8 to 128 letters, digits, dots, dashes or colons, and reuse it when you retry the same checkout.", { field: "Idempotency-Key" });
    }
    const device = req.headers["x-device-id"];
    const result = await placeCheckout(req.ctx, { ...req.body, idempotencyKey: key, deviceId: typeof device === "string" ? device.slice(0, 128) : null });
    return reply.code(result.created ? 201 : 200).send(result);
  });
  app.get("/me/checkouts/:id", { config: { permission: "order.read.mine" }, schema: { tags, summary: "A checkout with its orders and payment attempts", params: IdParams } },
    async (req) => ({ ...(await checkoutView(req.ctx, req.params.id, false)), payments: await paymentsOfCheckout(req.ctx, req.params.id) }));
  app.get("/me/orders", { config: { permission: "order.read.mine" }, schema: { tags, summary: "My orders, newest first", querystring: ListQuery } }, (req) => listOrders(req.ctx, req.query));
  app.get("/me/orders/:id", { config: { permission: "order.read.mine" }, schema: { tags, summary: "One of my orders with its timeline (O3)", params: IdParams } },
    async (req) => { const o = await orderDetail(req.ctx.db, req.ctx, req.params.id); return { ...o, payments: await paymentsOfCheckout(req.ctx, o.checkoutId) }; });
  app.post("/me/orders/:id/cancel", { config: { permission: "order.place" }, schema: { tags, summary: "Cancel an order before it ships; a paid one is refunded in full", params: IdParams, body: Reason } },
    (req) => cancelOrder(req.ctx, req.params.id, req.body.reason));

  app.get("/merchant/orders", { config: { permission: "order.read.own" }, schema: { tags, summary: "The shop's orders", querystring: ListQuery } }, (req) => listOrders(req.ctx, req.query));
  app.get("/merchant/orders/:id", { config: { permission: "order.read.own" }, schema: { tags, summary: "One of the shop's orders with its timeline", params: IdParams } },
    (req) => orderDetail(req.ctx.db, req.ctx, req.params.id));

  app.get("/admin/orders", { config: { permission: "order.read.any" }, schema: { tags, summary: "Every order, filtered", querystring: AdminListQuery } }, (req) => listOrders(req.ctx, req.query));
  app.get("/admin/orders/:id", { config: { permission: "order.read.any" }, schema: { tags, summary: "An order with its timeline and payments", params: IdParams } },
    async (req) => { const o = await orderDetail(req.ctx.db, req.ctx, req.params.id); return { ...o, payments: await paymentsOfCheckout(req.ctx, o.checkoutId) }; });
  app.post("/admin/orders/:id/cancel", { config: { permission: "order.manage.any" }, schema: { tags, summary: "Cancel an order for the buyer; a paid one is refunded in full", params: IdParams, body: Reason } },
    (req) => cancelOrder(req.ctx, req.params.id, req.body.reason));
  app.post("/admin/orders/:id/refunds", { config: { permission: "order.manage.any" }, schema: { tags, summary: "Refund part or all of an order to the original method (F6)", params: IdParams, body: Refund } },
    async (req, reply) => reply.code(201).send(await refundOrder(req.ctx, req.params.id, req.body)));
}
