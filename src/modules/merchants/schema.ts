import { index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";

// The shop a third-party merchant runs on the platform. What it may do right now (list,
// sell) is its standing, computed from penalties and qualification holds against the
// clock (penalties module), never a stored status that could go stale.
export const merchants = pgTable("merchants", {
  id: id(),
  name: text("name").notNull(),
  // M3: set while a mandatory qualification document is expired; selling stops until renewed.
  qualificationHoldSince: at("qualification_hold_since"),
  // M4 (E-Commerce Law art. 15): how buyers reach the shop for service, after-sales and complaints.
  servicePhone: text("service_phone"),
  serviceEmail: text("service_email"),
  serviceHours: text("service_hours"),
  afterSalesPolicy: text("after_sales_policy"),
  createdAt: at("created_at").notNull(),
});

// M7 input: a rule the shop broke that counts in its credit (an order not shipped in time,
// a batch recalled, a quality sampling failed). One row per fact.
export const merchantBreaches = pgTable("merchant_breaches", {
  id: id(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  kind: text("kind", { enum: ["ship_overdue", "quality_failed", "recall", "parcel_lost"] }).notNull(),
  requirement: text("requirement").notNull(),
  subjectType: text("subject_type").notNull(),
  subjectId: uuid("subject_id").notNull(),
  detail: text("detail"),
  occurredAt: at("occurred_at").notNull(),
}, (t) => [unique("merchant_breaches_uq").on(t.kind, t.subjectId), index("merchant_breaches_merchant_idx").on(t.merchantId, t.occurredAt)]);
