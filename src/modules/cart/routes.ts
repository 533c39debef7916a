import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import * as cart from "./service.js";

const tags = ["cart"];
const config = { permission: "cart.use" as const };
const Quantity = z.number().int("whole units").min(1, "at least 1").max(9999);
const Item = z.strictObject({ productId: z.uuid({ message: "must be a product id (UUID)" }), skuCode: z.string().trim().min(1, "choose a variant").max(64), quantity: Quantity });
const GuestItem = Item.extend({ selected: z.boolean().optional(), priceFenAtAdd: z.number().int().min(0).optional() });

// O2: the signed-in buyer's cart, and a guest's (kept in the browser) priced by the server.
export default async function cartRoutes(app: App) {
  app.get("/me/cart", { config, schema: { tags, summary: "My cart priced now, by shop: availability, price changes, stock, selected total" } }, (req) => cart.getCart(req.ctx));
  app.post("/me/cart/items", {
    config, schema: { tags, summary: "Add to the cart (adds to the line of the same SKU); 409 CART_QUANTITY_LIMIT, PRODUCT_UNAVAILABLE, CART_FULL; 400 SKU_UNKNOWN", body: Item },
  }, async (req, reply) => reply.code(201).send(await cart.addItem(req.ctx, req.body)));
  app.patch("/me/cart/items/:id", {
    config, schema: { tags, summary: "Change a line's quantity or tick it", params: IdParams, body: z.strictObject({ quantity: Quantity.optional(), selected: z.boolean().optional() }) },
  }, (req) => cart.updateItem(req.ctx, req.params.id, req.body));
  app.delete("/me/cart/items/:id", { config, schema: { tags, summary: "Remove a line", params: IdParams } }, (req) => cart.removeItem(req.ctx, req.params.id));
  app.post("/me/cart/selection", {
    config, schema: { tags, summary: "Tick or untick several lines (all of them without itemIds)", body: z.strictObject({ itemIds: z.array(z.uuid()).max(500).optional(), selected: z.boolean() }) },
  }, (req) => cart.selectItems(req.ctx, req.body));
  app.post("/me/cart/merge", {
    config, schema: { tags, summary: "Merge a guest's cart at sign-in: quantities add up to the limit; items not on sale are skipped and listed", body: z.strictObject({ items: z.array(GuestItem).max(100, "at most 100 items at a time") }) },
  }, (req) => cart.mergeCart(req.ctx, req.body.items));
  app.post("/cart/quote", {
    config: { permission: "public" }, schema: { tags, summary: "Price a guest's cart like a buyer's, storing nothing", body: z.strictObject({ items: z.array(GuestItem).max(500) }) },
  }, (req) => cart.quoteCart(req.ctx, req.body.items));
}
