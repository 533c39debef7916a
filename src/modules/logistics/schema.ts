import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { merchants } from "../merchants/schema.js";
import { orderLines, orders } from "../orders/schema.js";
import { outboundDocuments, stockBatches, warehouses } from "../inventory/schema.js";

// L2: how a shop charges for shipping. The first region whose provinces include the
// destination applies; a region with no provinces covers everywhere else. Provinces in
// `excluded` are not shipped to at all.
export interface ShippingRules {
  regions: { provinces: string[]; firstGrams: number; firstFen: number; extraGrams: number; extraFen: number }[];
  freeOverFen: number | null;
  excluded: string[];
}

export const shippingTemplates = pgTable("shipping_templates", {
  id: id(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  name: text("name").notNull(),
  isDefault: boolean("is_default").notNull().default(false),
  rules: jsonb("rules").$type<ShippingRules>().notNull(),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [
  index("shipping_templates_merchant_idx").on(t.merchantId),
  uniqueIndex("shipping_templates_one_default_uq").on(t.merchantId).where(sql`${t.isDefault}`),
]);

// L1: a carrier the platform has agreements with. `code` is the carrier's code at the
// tracking aggregator (shunfeng, zhongtong …); a waybill number must match `trackingPattern`.
export const carriers = pgTable("carriers", {
  id: id(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  trackingPattern: text("tracking_pattern").notNull(),
  // An example number shown next to the field, so a merchant knows the format asked for.
  trackingExample: text("tracking_example").notNull(),
  // How its tracking reaches us: pushed by the aggregator, or typed in by hand.
  tracking: text("tracking", { enum: ["aggregator", "manual"] }).notNull().default("aggregator"),
  active: boolean("active").notNull().default(true),
  contact: text("contact"),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
});

// L1: what the carrier promised for a period: hours to deliver by destination province
// (a region without provinces covers the rest), price by weight, where it goes.
export interface AgreementTerms {
  serviceLevels: { provinces: string[]; hours: number }[];
  price: { firstGrams: number; firstFen: number; extraGrams: number; extraFen: number };
  // Provinces served; empty means the whole mainland.
  coverage: string[];
  // Compensation for a lost or damaged parcel: at most this many 分 per parcel.
  claimLimitFen: number;
}

export const carrierAgreements = pgTable("carrier_agreements", {
  id: id(),
  carrierId: uuid("carrier_id").notNull().references(() => carriers.id),
  no: text("no").notNull().unique(),
  terms: jsonb("terms").$type<AgreementTerms>().notNull(),
  validFrom: date("valid_from").notNull(),
  validUntil: date("valid_until").notNull(),
  status: text("status", { enum: ["active", "ended"] }).notNull().default("active"),
  note: text("note"),
  createdByLabel: text("created_by_label").notNull(),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [index("carrier_agreements_carrier_idx").on(t.carrierId, t.validFrom)]);

export const shipmentStatuses = ["in_transit", "delivered", "lost", "returned"] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

// L2: goods of one order handed to one carrier under one waybill, in one or more parcels.
// An order ships in one or several shipments (partial shipment).
export const shipments = pgTable("shipments", {
  id: id(),
  no: text("no").notNull().unique(),
  orderId: uuid("order_id").notNull().references(() => orders.id),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  carrierId: uuid("carrier_id").notNull().references(() => carriers.id),
  trackingNo: text("tracking_no").notNull(),
  status: text("status", { enum: shipmentStatuses }).notNull(),
  warehouseId: uuid("warehouse_id").references(() => warehouses.id),
  outboundId: uuid("outbound_id").references(() => outboundDocuments.id),
  destinationProvince: text("destination_province").notNull(),
  // L1: when the carrier's agreement says it should arrive; on-time rate is measured against it.
  promisedBy: at("promised_by"),
  agreementId: uuid("agreement_id").references(() => carrierAgreements.id),
  weightGrams: integer("weight_grams").notNull(),
  shippedByLabel: text("shipped_by_label").notNull(),
  shippedAt: at("shipped_at").notNull(),
  lastEventAt: at("last_event_at"),
  lastEventText: text("last_event_text"),
  deliveredAt: at("delivered_at"),
  // A shipment sent again after an exception (lost, damaged) names the case.
  reshipOfCaseId: uuid("reship_of_case_id"),
  updatedAt: at("updated_at").notNull(),
}, (t) => [
  unique("shipments_waybill_uq").on(t.carrierId, t.trackingNo),
  index("shipments_order_idx").on(t.orderId),
  index("shipments_merchant_idx").on(t.merchantId, t.shippedAt),
  index("shipments_carrier_idx").on(t.carrierId, t.shippedAt),
  index("shipments_status_idx").on(t.status, t.promisedBy),
]);

export const shipmentParcels = pgTable("shipment_parcels", {
  id: id(),
  shipmentId: uuid("shipment_id").notNull().references(() => shipments.id),
  seq: integer("seq").notNull(),
  weightGrams: integer("weight_grams").notNull(),
  // The child waybill of a multi-parcel shipment, when the carrier gives one.
  trackingNo: text("tracking_no"),
}, (t) => [unique("shipment_parcels_seq_uq").on(t.shipmentId, t.seq), check("shipment_parcels_weight", sql`${t.weightGrams} > 0`)]);

export const shipmentLines = pgTable("shipment_lines", {
  id: id(),
  shipmentId: uuid("shipment_id").notNull().references(() => shipments.id),
  orderId: uuid("order_id").notNull().references(() => orders.id),
  orderLineId: uuid("order_line_id").notNull().references(() => orderLines.id),
  quantity: integer("quantity").notNull(),
}, (t) => [index("shipment_lines_shipment_idx").on(t.shipmentId), index("shipment_lines_line_idx").on(t.orderLineId), check("shipment_lines_positive", sql`${t.quantity} > 0`)]);

// P6: which batch each shipped unit came from. From a batch, every order and buyer.
export const shipmentPicks = pgTable("shipment_picks", {
  id: id(),
  shipmentLineId: uuid("shipment_line_id").notNull().references(() => shipmentLines.id),
  orderId: uuid("order_id").notNull().references(() => orders.id),
  orderLineId: uuid("order_line_id").notNull().references(() => orderLines.id),
  batchId: uuid("batch_id").notNull().references(() => stockBatches.id),
  batchNo: text("batch_no").notNull(),
  quantity: integer("quantity").notNull(),
}, (t) => [index("shipment_picks_batch_idx").on(t.batchId), index("shipment_picks_line_idx").on(t.orderLineId), check("shipment_picks_positive", sql`${t.quantity} > 0`)]);

// L3: what the carrier said happened to the waybill. One row per distinct event: a pushed
// history repeats earlier events, which the unique key drops.
export const trackingEvents = pgTable("tracking_events", {
  id: id(),
  shipmentId: uuid("shipment_id").notNull().references(() => shipments.id),
  at: at("at").notNull(),
  kind: text("kind", { enum: ["collected", "in_transit", "out_for_delivery", "delivered", "problem", "returned", "rejected"] }).notNull(),
  text: text("text").notNull(),
  location: text("location"),
  source: text("source", { enum: ["aggregator", "manual"] }).notNull(),
  recordedByLabel: text("recorded_by_label").notNull(),
  recordedAt: at("recorded_at").notNull(),
}, (t) => [unique("tracking_events_uq").on(t.shipmentId, t.at, t.kind, t.text), index("tracking_events_shipment_idx").on(t.shipmentId, t.at)]);

// L3: every callback the aggregator sent, with what became of it. A bad signature is
// logged and changes nothing else.
export const trackingCallbacks = pgTable("tracking_callbacks", {
  id: id(),
  adapter: text("adapter").notNull(),
  trackingNo: text("tracking_no"),
  carrierCode: text("carrier_code"),
  outcome: text("outcome", { enum: ["applied", "duplicate", "bad_signature", "malformed", "unknown_shipment"] }).notNull(),
  eventsAdded: integer("events_added").notNull().default(0),
  body: text("body").notNull(),
  receivedAt: at("received_at").notNull(),
}, (t) => [index("tracking_callbacks_received_idx").on(t.receivedAt)]);
