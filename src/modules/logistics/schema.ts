import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { merchants } from "../merchants/schema.js";

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
