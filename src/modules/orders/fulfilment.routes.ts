import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import { confirmReceipt, extendReceipt } from "./receipt.js";
import { overdueOrders, shippingCompliance } from "./sla.js";

const tags = ["orders"];
const Day = z.iso.date("a date as YYYY-MM-DD");
const Period = { from: Day.optional(), to: Day.optional() };
const Limit = z.coerce.number().int().min(1).max(500).default(100);

// O5/O6: receipt by the buyer, and the ship-by deadline watched for shops and the platform.
export default async function fulfilmentRoutes(app: App) {
  app.post("/me/orders/:id/confirm-receipt", { config: { permission: "order.place" }, schema: { tags, summary: "The goods arrived: the order completes and the shop is paid (O6, F3)", params: IdParams } },
    (req) => confirmReceipt(req.ctx, req.params.id));
  app.post("/me/orders/:id/extend-receipt", {
    config: { permission: "order.place" },
    schema: { tags, summary: "Push the automatic receipt confirmation back, once per order (O6)", params: IdParams },
  }, (req) => extendReceipt(req.ctx, req.params.id));

  app.get("/admin/sla/shipping", {
    config: { permission: "order.read.any" },
    schema: { tags, summary: "Ship-by compliance per shop for orders paid in a period (O5)", querystring: z.strictObject({ ...Period, merchantId: z.uuid({ message: "must be a shop id" }).optional() }) },
  }, (req) => shippingCompliance(req.ctx, req.query));
  app.get("/merchant/sla/shipping", { config: { permission: "order.read.own" }, schema: { tags, summary: "The shop's ship-by compliance (O5)", querystring: z.strictObject(Period) } },
    (req) => shippingCompliance(req.ctx, req.query));

  app.get("/admin/orders/overdue", {
    config: { permission: "order.read.any" },
    schema: { tags, summary: "Paid orders past their ship-by time and still not shipped (O5)", querystring: z.strictObject({ merchantId: z.uuid({ message: "must be a shop id" }).optional(), limit: Limit }) },
  }, async (req) => ({ items: await overdueOrders(req.ctx, req.query) }));
  app.get("/merchant/orders/overdue", { config: { permission: "order.read.own" }, schema: { tags, summary: "The shop's orders past their ship-by time (O5)", querystring: z.strictObject({ limit: Limit }) } },
    async (req) => ({ items: await overdueOrders(req.ctx, req.query) }));
}
