import { boolean, type AnyPgColumn, integer, jsonb, pgTable, text, uuid, index } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";

// P3: the maintained list of banned and absolute terms that listings are screened against.
export const screeningTerms = pgTable("screening_terms", {
  id: id(),
  term: text("term").notNull(),
  // The folded form (see screening.ts), unique: "ＢＥＳＴ" and "best" are one entry.
  folded: text("folded").notNull().unique(),
  category: text("category", { enum: ["absolute", "medical", "prohibited"] }).notNull(),
  severity: text("severity", { enum: ["block", "warn"] }).notNull(),
  note: text("note"),
  createdAt: at("created_at").notNull(),
  createdBy: uuid("created_by").references(() => users.id),
});

export interface Bilingual { zh: string; en: string }
// A typed attribute a category asks of its products (P1); children inherit their ancestors'.
export interface AttributeDef {
  key: string;
  name: Bilingual;
  type: "text" | "number" | "enum" | "date";
  unit?: string;
  options?: string[];
  required: boolean;
}

// P1: the category tree. Unset values on a child are inherited from the nearest ancestor
// that sets them; roots set all of them and are the business categories merchants apply for.
export const categories = pgTable("categories", {
  id: id(),
  parentId: uuid("parent_id").references((): AnyPgColumn => categories.id),
  key: text("key").notNull().unique(),
  name: jsonb("name").$type<Bilingual>().notNull(),
  sort: integer("sort").notNull().default(0),
  active: boolean("active").notNull().default(true),
  attributes: jsonb("attributes").$type<AttributeDef[]>().notNull().default([]),
  // Qualification document kinds the merchant must hold to list here (e.g. food_licence).
  requiredPermits: jsonb("required_permits").$type<string[]>().notNull().default([]),
  returnEligible: boolean("return_eligible"),
  commissionBps: integer("commission_bps"),
  requiresProductionDate: boolean("requires_production_date"),
  requiresShelfLife: boolean("requires_shelf_life"),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [index("categories_parent_idx").on(t.parentId, t.sort)]);
