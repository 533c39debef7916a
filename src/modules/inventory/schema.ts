import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";
import { merchants } from "../merchants/schema.js";
import { categories, products } from "../catalog/schema.js";
import { suppliers } from "../suppliers/schema.js";

// I1: a warehouse run by the platform (no merchant) or by one merchant.
export const warehouses = pgTable("warehouses", {
  id: id(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  address: text("address").notNull().default(""),
  active: boolean("active").notNull().default(true),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [index("warehouses_merchant_idx").on(t.merchantId)]);

// Places inside a warehouse; a batch sits at one.
export const warehouseLocations = pgTable("warehouse_locations", {
  id: id(),
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  code: text("code").notNull(),
  name: text("name").notNull().default(""),
  kind: text("kind", { enum: ["storage", "receiving", "quarantine"] }).notNull().default("storage"),
  active: boolean("active").notNull().default(true),
  createdAt: at("created_at").notNull(),
}, (t) => [unique("warehouse_locations_code_uq").on(t.warehouseId, t.code)]);

// I1/I2: the book level of one SKU in one warehouse. Sellable stock is on hand minus
// reserved; blocked stock (expired, damaged, quarantined) is outside on hand. Only
// stock.ts writes these columns, and only together with a movement row.
export const stockLevels = pgTable("stock_levels", {
  id: id(),
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  productId: uuid("product_id").notNull().references(() => products.id),
  skuCode: text("sku_code").notNull(),
  onHand: integer("on_hand").notNull().default(0),
  reserved: integer("reserved").notNull().default(0),
  blocked: integer("blocked").notNull().default(0),
  // I6: alert below this many units, or below this many days of sales cover.
  lowStockUnits: integer("low_stock_units"),
  coverDays: integer("cover_days"),
  // I6: replenishment inputs.
  safetyStock: integer("safety_stock").notNull().default(0),
  leadTimeDays: integer("lead_time_days").notNull().default(7),
  updatedAt: at("updated_at").notNull(),
}, (t) => [
  unique("stock_levels_sku_uq").on(t.warehouseId, t.productId, t.skuCode),
  index("stock_levels_merchant_idx").on(t.merchantId),
  index("stock_levels_product_idx").on(t.productId, t.skuCode),
  // The last line of defence against overselling: the database refuses it.
  check("stock_levels_never_negative", sql`${t.onHand} >= 0 and ${t.reserved} >= 0 and ${t.blocked} >= 0 and ${t.reserved} <= ${t.onHand}`),
]);

// P6/I3: goods received together: supplier, purchase, dates and inspection report. Its own
// quantities split the level's on hand and blocked by batch.
export const stockBatches = pgTable("stock_batches", {
  id: id(),
  levelId: uuid("level_id").notNull().references(() => stockLevels.id),
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  productId: uuid("product_id").notNull().references(() => products.id),
  skuCode: text("sku_code").notNull(),
  batchNo: text("batch_no").notNull(),
  locationId: uuid("location_id").references(() => warehouseLocations.id),
  supplierId: uuid("supplier_id").references(() => suppliers.id),
  purchaseRef: text("purchase_ref"),
  receiptId: uuid("receipt_id"),
  productionDate: date("production_date"),
  expiryDate: date("expiry_date"),
  inspectionReportKey: text("inspection_report_key"),
  receivedQty: integer("received_qty").notNull().default(0),
  onHand: integer("on_hand").notNull().default(0),
  blocked: integer("blocked").notNull().default(0),
  blockedReason: text("blocked_reason", { enum: ["expired", "damaged", "quality"] }),
  createdAt: at("created_at").notNull(),
}, (t) => [
  unique("stock_batches_no_uq").on(t.levelId, t.batchNo),
  index("stock_batches_fefo_idx").on(t.levelId, t.expiryDate),
  index("stock_batches_expiry_idx").on(t.expiryDate),
  check("stock_batches_never_negative", sql`${t.onHand} >= 0 and ${t.blocked} >= 0`),
]);

export const movementTypes = [
  "receive", "reserve", "release", "expire", "commit", "transfer_out", "transfer_in", "supplier_return", "adjust", "block", "unblock", "scrap",
] as const;
export type MovementType = (typeof movementTypes)[number];
export const documentTypes = ["receipt", "reservation", "outbound", "stocktake", "adjustment", "batch"] as const;
export type DocumentType = (typeof documentTypes)[number];

// I1: every change of a level, append-only. The level is the sum of these deltas, and a
// batch's quantities the sum of the rows naming it (see verify.ts).
export const stockMovements = pgTable("stock_movements", {
  id: id(),
  levelId: uuid("level_id").notNull().references(() => stockLevels.id),
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  productId: uuid("product_id").notNull().references(() => products.id),
  skuCode: text("sku_code").notNull(),
  batchId: uuid("batch_id").references(() => stockBatches.id),
  type: text("type", { enum: movementTypes }).notNull(),
  onHandDelta: integer("on_hand_delta").notNull().default(0),
  reservedDelta: integer("reserved_delta").notNull().default(0),
  blockedDelta: integer("blocked_delta").notNull().default(0),
  // The level right after this movement, for statements that need no re-summing.
  onHandAfter: integer("on_hand_after").notNull(),
  documentType: text("document_type", { enum: documentTypes }).notNull(),
  documentId: uuid("document_id"),
  documentNo: text("document_no"),
  note: text("note"),
  actorUserId: uuid("actor_user_id").references(() => users.id),
  actorLabel: text("actor_label").notNull(),
  createdAt: at("created_at").notNull(),
}, (t) => [
  index("stock_movements_level_idx").on(t.levelId, t.createdAt),
  index("stock_movements_warehouse_idx").on(t.warehouseId, t.createdAt),
  index("stock_movements_batch_idx").on(t.batchId),
  index("stock_movements_document_idx").on(t.documentType, t.documentId),
]);

// I2: stock held for an order (or another document) until it is committed, released or
// expires. One per reference, so placing the same order twice holds stock once.
export const stockReservations = pgTable("stock_reservations", {
  id: id(),
  referenceType: text("reference_type", { enum: ["order", "manual", "transfer"] }).notNull(),
  referenceId: text("reference_id").notNull(),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  status: text("status", { enum: ["active", "committed", "released", "expired"] }).notNull(),
  expiresAt: at("expires_at").notNull(),
  createdByLabel: text("created_by_label").notNull(),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [unique("stock_reservations_reference_uq").on(t.referenceType, t.referenceId), index("stock_reservations_expiry_idx").on(t.status, t.expiresAt)]);

export const stockReservationLines = pgTable("stock_reservation_lines", {
  id: id(),
  reservationId: uuid("reservation_id").notNull().references(() => stockReservations.id),
  levelId: uuid("level_id").notNull().references(() => stockLevels.id),
  quantity: integer("quantity").notNull(),
}, (t) => [index("stock_reservation_lines_reservation_idx").on(t.reservationId), check("stock_reservation_lines_positive", sql`${t.quantity} > 0`)]);

// I3: goods expected from a supplier, then accepted line by line.
export const purchaseReceipts = pgTable("purchase_receipts", {
  id: id(),
  number: text("number").notNull().unique(),
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  supplierId: uuid("supplier_id").references(() => suppliers.id),
  purchaseRef: text("purchase_ref").notNull(),
  status: text("status", { enum: ["expected", "accepted", "cancelled"] }).notNull(),
  expectedOn: date("expected_on"),
  inspectionReportKey: text("inspection_report_key"),
  note: text("note"),
  createdByLabel: text("created_by_label").notNull(),
  acceptedByLabel: text("accepted_by_label"),
  acceptedAt: at("accepted_at"),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [index("purchase_receipts_warehouse_idx").on(t.warehouseId, t.status), index("purchase_receipts_supplier_idx").on(t.supplierId)]);

export const purchaseReceiptLines = pgTable("purchase_receipt_lines", {
  id: id(),
  receiptId: uuid("receipt_id").notNull().references(() => purchaseReceipts.id),
  productId: uuid("product_id").notNull().references(() => products.id),
  skuCode: text("sku_code").notNull(),
  expectedQty: integer("expected_qty").notNull(),
  receivedQty: integer("received_qty"),
  acceptedQty: integer("accepted_qty"),
  rejectedQty: integer("rejected_qty"),
  qualityNote: text("quality_note"),
  batchNo: text("batch_no"),
  productionDate: date("production_date"),
  expiryDate: date("expiry_date"),
  batchId: uuid("batch_id").references(() => stockBatches.id),
}, (t) => [index("purchase_receipt_lines_receipt_idx").on(t.receiptId)]);

// I4: stock leaves only against one of these.
export const outboundDocuments = pgTable("outbound_documents", {
  id: id(),
  number: text("number").notNull().unique(),
  kind: text("kind", { enum: ["order", "transfer", "supplier_return"] }).notNull(),
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  status: text("status", { enum: ["open", "done", "cancelled"] }).notNull(),
  reservationId: uuid("reservation_id").references(() => stockReservations.id),
  // The order (by its id or number) for kind "order".
  orderRef: text("order_ref"),
  targetWarehouseId: uuid("target_warehouse_id").references(() => warehouses.id),
  supplierId: uuid("supplier_id").references(() => suppliers.id),
  note: text("note"),
  createdByLabel: text("created_by_label").notNull(),
  doneByLabel: text("done_by_label"),
  doneAt: at("done_at"),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [index("outbound_documents_warehouse_idx").on(t.warehouseId, t.status)]);

export const outboundLines = pgTable("outbound_lines", {
  id: id(),
  documentId: uuid("document_id").notNull().references(() => outboundDocuments.id),
  levelId: uuid("level_id").notNull().references(() => stockLevels.id),
  quantity: integer("quantity").notNull(),
  // Which batches it left from (FEFO unless chosen): P6 traceability.
  picks: jsonb("picks").$type<{ batchId: string; batchNo: string; quantity: number }[]>().notNull().default([]),
}, (t) => [index("outbound_lines_document_idx").on(t.documentId), check("outbound_lines_positive", sql`${t.quantity} > 0`)]);

// I5: a count of a warehouse, whole or one category, and its lines.
export const stocktakes = pgTable("stocktakes", {
  id: id(),
  number: text("number").notNull().unique(),
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  categoryId: uuid("category_id").references(() => categories.id),
  status: text("status", { enum: ["counting", "submitted", "approved", "rejected", "cancelled"] }).notNull(),
  reason: text("reason"),
  startedByUserId: uuid("started_by_user_id").references(() => users.id),
  startedByLabel: text("started_by_label").notNull(),
  submittedByUserId: uuid("submitted_by_user_id").references(() => users.id),
  submittedByLabel: text("submitted_by_label"),
  submittedAt: at("submitted_at"),
  decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
  decidedByLabel: text("decided_by_label"),
  decidedAt: at("decided_at"),
  decisionNote: text("decision_note"),
  startedAt: at("started_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [index("stocktakes_warehouse_idx").on(t.warehouseId, t.status)]);

export const stocktakeLines = pgTable("stocktake_lines", {
  id: id(),
  stocktakeId: uuid("stocktake_id").notNull().references(() => stocktakes.id),
  levelId: uuid("level_id").notNull().references(() => stockLevels.id),
  batchId: uuid("batch_id").references(() => stockBatches.id),
  // The book quantity when the count started; movements during the count are added to it.
  bookQty: integer("book_qty").notNull(),
  countedQty: integer("counted_qty"),
  countedByLabel: text("counted_by_label"),
  countedAt: at("counted_at"),
}, (t) => [unique("stocktake_lines_uq").on(t.stocktakeId, t.levelId, t.batchId).nullsNotDistinct()]);
