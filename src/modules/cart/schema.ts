import { bigint, boolean, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";
import { products } from "../catalog/schema.js";

// O2: one cart per buyer, or per guest token until the guest logs in and the carts merge.
export const carts = pgTable("carts", {
  id: id(),
  userId: uuid("user_id").references(() => users.id).unique(),
  guestTokenDigest: text("guest_token_digest").unique(),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
});

// The price when added is kept only to tell the buyer that it changed; checkout prices anew.
export const cartItems = pgTable("cart_items", {
  id: id(),
  cartId: uuid("cart_id").notNull().references(() => carts.id, { onDelete: "cascade" }),
  productId: uuid("product_id").notNull().references(() => products.id),
  skuCode: text("sku_code").notNull(),
  quantity: integer("quantity").notNull(),
  selected: boolean("selected").notNull().default(true),
  priceFenAtAdd: bigint("price_fen_at_add", { mode: "number" }).notNull(),
  addedAt: at("added_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [unique("cart_items_sku_uq").on(t.cartId, t.productId, t.skuCode)]);
