import { bigint, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";
import { merchants } from "../merchants/schema.js";
import { products, productVersions } from "../catalog/schema.js";
import { warehouses } from "../inventory/schema.js";

export const orderStatuses = ["pending_payment", "paid", "partly_shipped", "shipped", "delivered", "completed", "cancelled", "closed"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

// O2: one submitted checkout. The buyer's Idempotency-Key makes a retried submit return
// this row's orders instead of placing new ones; the request digest tells a retry from a
// different checkout that reused a key.
export const checkouts = pgTable("checkouts", {
  id: id(),
  buyerId: uuid("buyer_id").notNull().references(() => users.id),
  idempotencyKey: text("idempotency_key").notNull(),
  requestDigest: text("request_digest").notNull(),
  totalFen: bigint("total_fen", { mode: "number" }).notNull(),
  addressDigest: text("address_digest").notNull(),
  deviceDigest: text("device_digest"),
  createdAt: at("created_at").notNull(),
}, (t) => [unique("checkouts_key_uq").on(t.buyerId, t.idempotencyKey), index("checkouts_address_idx").on(t.addressDigest, t.createdAt), index("checkouts_device_idx").on(t.deviceDigest, t.createdAt)]);

// The address as it was when the order was placed: a later edit of the address book
// does not move a parcel. Personal parts stay sealed.
export interface OrderAddress {
  recipientSealed: string; mobileSealed: string; detailSealed: string;
  provinceCode: string; cityCode: string; districtCode: string; regionName: string; digest: string;
}

// O3: one merchant's part of a checkout. Only orders/service.ts changes `status`, through
// the transition table, and writes an order_events row with it.
export const orders = pgTable("orders", {
  id: id(),
  no: text("no").notNull().unique(),
  checkoutId: uuid("checkout_id").notNull().references(() => checkouts.id),
  buyerId: uuid("buyer_id").notNull().references(() => users.id),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  status: text("status", { enum: orderStatuses }).notNull(),
  itemsFen: bigint("items_fen", { mode: "number" }).notNull(),
  shippingFen: bigint("shipping_fen", { mode: "number" }).notNull(),
  discountFen: bigint("discount_fen", { mode: "number" }).notNull().default(0),
  totalFen: bigint("total_fen", { mode: "number" }).notNull(),
  refundedFen: bigint("refunded_fen", { mode: "number" }).notNull().default(0),
  address: jsonb("address").$type<OrderAddress>().notNull(),
  warehouseId: uuid("warehouse_id").references(() => warehouses.id),
  reservationId: uuid("reservation_id"),
  buyerNote: text("buyer_note"),
  payDeadline: at("pay_deadline").notNull(),
  paidAt: at("paid_at"),
  // O5: payment + order.shipByHours; the SLA job flags the order when this passes unshipped.
  shipBy: at("ship_by"),
  shipOverdueAt: at("ship_overdue_at"),
  shippedAt: at("shipped_at"),
  deliveredAt: at("delivered_at"),
  // O6: delivery + order.autoConfirmDays (+ the buyer's one extension); receipt is confirmed then.
  confirmBy: at("confirm_by"),
  receiptExtendedAt: at("receipt_extended_at"),
  completedAt: at("completed_at"),
  endedAt: at("ended_at"),
  // O8: set when the order ends; the database refuses deletion before this moment.
  retainUntil: at("retain_until"),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [
  index("orders_buyer_idx").on(t.buyerId, t.createdAt),
  index("orders_merchant_idx").on(t.merchantId, t.status, t.createdAt),
  index("orders_checkout_idx").on(t.checkoutId),
  index("orders_due_idx").on(t.status, t.payDeadline),
  index("orders_ship_by_idx").on(t.status, t.shipBy),
  index("orders_confirm_by_idx").on(t.status, t.confirmBy),
]);

export const orderLines = pgTable("order_lines", {
  id: id(),
  orderId: uuid("order_id").notNull().references(() => orders.id),
  productId: uuid("product_id").notNull().references(() => products.id),
  versionId: uuid("version_id").notNull().references(() => productVersions.id),
  skuCode: text("sku_code").notNull(),
  title: text("title").notNull(),
  options: jsonb("options").$type<Record<string, string>>().notNull(),
  imageKey: text("image_key"),
  unitPriceFen: bigint("unit_price_fen", { mode: "number" }).notNull(),
  quantity: integer("quantity").notNull(),
  lineFen: bigint("line_fen", { mode: "number" }).notNull(),
  weightGrams: integer("weight_grams").notNull(),
}, (t) => [index("order_lines_order_idx").on(t.orderId), index("order_lines_product_idx").on(t.productId)]);

// O3: the timeline. Append-only (a trigger refuses change).
export const orderEvents = pgTable("order_events", {
  id: id(),
  orderId: uuid("order_id").notNull().references(() => orders.id),
  event: text("event").notNull(),
  fromStatus: text("from_status"),
  toStatus: text("to_status").notNull(),
  actorUserId: uuid("actor_user_id"),
  actorKind: text("actor_kind").notNull(),
  actorLabel: text("actor_label").notNull(),
  reason: text("reason"),
  at: at("at").notNull(),
}, (t) => [index("order_events_order_idx").on(t.orderId, t.at)]);
