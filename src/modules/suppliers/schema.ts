import { index, integer, jsonb, pgTable, text, unique, uuid, boolean } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { merchants } from "../merchants/schema.js";

// P7: a supplier of a merchant (or, without merchant, of the platform's own shop).
export const suppliers = pgTable("suppliers", {
  id: id(),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  name: text("name").notNull(),
  creditCode: text("credit_code").notNull(),
  contactName: text("contact_name").notNull(),
  contactPhone: text("contact_phone").notNull(),
  address: text("address"),
  qualifications: jsonb("qualifications").$type<{ kind: string; number: string; validUntil: string | null }[]>().notNull().default([]),
  active: boolean("active").notNull().default(true),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [unique("suppliers_owner_code_uq").on(t.merchantId, t.creditCode).nullsNotDistinct(), index("suppliers_merchant_idx").on(t.merchantId)]);

// A periodic scorecard: four scores out of 100 and the weights in force when it was made.
export const supplierEvaluations = pgTable("supplier_evaluations", {
  id: id(),
  supplierId: uuid("supplier_id").notNull().references(() => suppliers.id),
  period: text("period").notNull(),
  quality: integer("quality").notNull(),
  price: integer("price").notNull(),
  delivery: integer("delivery").notNull(),
  service: integer("service").notNull(),
  weights: jsonb("weights").$type<{ quality: number; price: number; delivery: number; service: number }>().notNull(),
  // Weighted score in tenths of a point (87.5 → 875): no floating point in storage.
  scoreTenths: integer("score_tenths").notNull(),
  note: text("note"),
  evaluatedByLabel: text("evaluated_by_label").notNull(),
  evaluatedAt: at("evaluated_at").notNull(),
}, (t) => [unique("supplier_evaluations_period_uq").on(t.supplierId, t.period)]);
