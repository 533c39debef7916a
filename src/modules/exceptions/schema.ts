import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { merchants } from "../merchants/schema.js";
import { orders } from "../orders/schema.js";
import { shipments } from "../logistics/schema.js";

export const exceptionKinds = ["lost", "damaged", "delayed", "returned", "address", "system", "customer"] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];
export const exceptionStatuses = ["open", "resolved", "cancelled"] as const;
export type ExceptionStatus = (typeof exceptionStatuses)[number];
export const resolutions = ["reship", "refund", "claim", "no_action"] as const;
export type Resolution = (typeof resolutions)[number];

// O7/L4: something went wrong with an order or a parcel. A case has an owner (the shop or
// a platform department), a deadline and, in the end, a resolution: the goods sent again,
// the money given back, compensation claimed from the carrier, or nothing to do.
export const orderExceptions = pgTable("order_exceptions", {
  id: id(),
  no: text("no").notNull().unique(),
  orderId: uuid("order_id").notNull().references(() => orders.id),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  shipmentId: uuid("shipment_id").references(() => shipments.id),
  kind: text("kind", { enum: exceptionKinds }).notNull(),
  // Who raised it: the buyer, the shop, staff, or a job that noticed (a parcel overdue, a
  // callback saying "lost").
  source: text("source", { enum: ["buyer", "merchant", "staff", "system"] }).notNull(),
  description: text("description").notNull(),
  status: text("status", { enum: exceptionStatuses }).notNull(),
  ownerKind: text("owner_kind", { enum: ["merchant", "platform"] }).notNull(),
  ownerLabel: text("owner_label"),
  ownerUserId: uuid("owner_user_id"),
  deadline: at("deadline").notNull(),
  resolution: text("resolution", { enum: resolutions }),
  resolutionNote: text("resolution_note"),
  refundFen: bigint("refund_fen", { mode: "number" }),
  claimFen: bigint("claim_fen", { mode: "number" }),
  reshipShipmentId: uuid("reship_shipment_id"),
  openedByLabel: text("opened_by_label").notNull(),
  openedAt: at("opened_at").notNull(),
  resolvedByLabel: text("resolved_by_label"),
  resolvedAt: at("resolved_at"),
  updatedAt: at("updated_at").notNull(),
}, (t) => [
  index("order_exceptions_queue_idx").on(t.status, t.deadline),
  index("order_exceptions_order_idx").on(t.orderId),
  index("order_exceptions_merchant_idx").on(t.merchantId, t.status),
  index("order_exceptions_shipment_idx").on(t.shipmentId),
]);
