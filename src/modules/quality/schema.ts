import { date, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";
import { merchants } from "../merchants/schema.js";
import { products } from "../catalog/schema.js";
import { stockBatches } from "../inventory/schema.js";
import { orders } from "../orders/schema.js";

// P5: a quality sampling (抽检) of one batch: the plan, the sample drawn, the result and
// the lab's report. A failed result delists the product and counts against the shop.
export const qualitySamplings = pgTable("quality_samplings", {
  id: id(),
  no: text("no").notNull().unique(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  productId: uuid("product_id").notNull().references(() => products.id),
  batchId: uuid("batch_id").notNull().references(() => stockBatches.id),
  plan: text("plan").notNull(),
  // Which standard or items were tested (GB 2762 heavy metals, pesticide residues …).
  standard: text("standard"),
  plannedOn: date("planned_on").notNull(),
  sampleSize: integer("sample_size"),
  sampledAt: at("sampled_at"),
  status: text("status", { enum: ["planned", "sampled", "passed", "failed"] }).notNull(),
  findings: text("findings"),
  reportKey: text("report_key"),
  reportName: text("report_name"),
  decidedByLabel: text("decided_by_label"),
  decidedAt: at("decided_at"),
  createdByLabel: text("created_by_label").notNull(),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [index("quality_samplings_batch_idx").on(t.batchId), index("quality_samplings_merchant_idx").on(t.merchantId, t.status)]);

// P5: goods of a failed batch called back from every buyer who received them.
export const recalls = pgTable("recalls", {
  id: id(),
  no: text("no").notNull().unique(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  productId: uuid("product_id").notNull().references(() => products.id),
  batchId: uuid("batch_id").notNull().references(() => stockBatches.id),
  samplingId: uuid("sampling_id").references(() => qualitySamplings.id),
  reason: text("reason").notNull(),
  // What the buyer is asked to do (stop using, return for a refund …), in their notice.
  instructions: text("instructions").notNull(),
  status: text("status", { enum: ["open", "closed"] }).notNull(),
  buyersNotified: integer("buyers_notified").notNull().default(0),
  unitsShipped: integer("units_shipped").notNull().default(0),
  openedByLabel: text("opened_by_label").notNull(),
  openedAt: at("opened_at").notNull(),
  closedAt: at("closed_at"),
  closingNote: text("closing_note"),
}, (t) => [index("recalls_batch_idx").on(t.batchId)]);

// Who a recall reached: one row per buyer and order, so a second notice run adds no one twice.
export const recallNotices = pgTable("recall_notices", {
  id: id(),
  recallId: uuid("recall_id").notNull().references(() => recalls.id),
  buyerId: uuid("buyer_id").notNull().references(() => users.id),
  orderId: uuid("order_id").notNull().references(() => orders.id),
  units: integer("units").notNull(),
  notifiedAt: at("notified_at").notNull(),
}, (t) => [unique("recall_notices_uq").on(t.recallId, t.orderId), index("recall_notices_buyer_idx").on(t.buyerId)]);
