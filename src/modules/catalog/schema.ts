import { bigint, boolean, type AnyPgColumn, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { customType } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { merchants } from "../merchants/schema.js";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
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

// P2: what a merchant says about a product; one immutable snapshot per version.
export interface ProductContent {
  title: string;
  categoryId: string;
  description: string;
  attributes: Record<string, string | number>;
  material: string | null;
  functions: string | null;
  usage: string | null;
  afterSales: string;
  origin: string;
  productionDate: string | null;
  shelfLifeDays: number | null;
  // Product image ids, the first is the main image.
  images: string[];
  // P7: who supplies it (one of the shop's suppliers).
  supplierId: string | null;
  skus: { code: string; options: Record<string, string>; priceFen: number; barcode: string | null; weightGrams: number }[];
}

export interface ScreeningFinding { code: string; severity: "block" | "warn"; field: string; message: string; term?: string; category?: string; permit?: string; min?: number }

// A product and its listing state; the storefront shows the live version's denormalised facts.
export const products = pgTable("products", {
  id: id(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  status: text("status", { enum: ["draft", "pending_review", "listed", "rejected", "delisted"] }).notNull(),
  liveVersionId: uuid("live_version_id"),
  workingVersionId: uuid("working_version_id"),
  // Of the live version once listed, else of the working one.
  title: text("title").notNull(),
  categoryId: uuid("category_id").notNull().references(() => categories.id),
  minPriceFen: bigint("min_price_fen", { mode: "number" }).notNull(),
  maxPriceFen: bigint("max_price_fen", { mode: "number" }).notNull(),
  listedAt: at("listed_at"),
  delistedAt: at("delisted_at"),
  delistKind: text("delist_kind", { enum: ["merchant", "violation", "qualification", "quality"] }),
  delistReason: text("delist_reason"),
  // Set when the platform delisted it: going back on sale needs a review.
  relistNeedsReview: boolean("relist_needs_review").notNull().default(false),
  lastSoldAt: at("last_sold_at"),
  salesCount: integer("sales_count").notNull().default(0),
  // Of the live version, for the storefront's filters and search (see search.ts).
  attributes: jsonb("attributes").$type<Record<string, string | number>>().notNull().default({}),
  mainImageId: uuid("main_image_id"),
  searchTokens: text("search_tokens").notNull().default(""),
  searchLatin: text("search_latin").notNull().default(""),
  searchVector: tsvector("search_vector").generatedAlwaysAs(sql`to_tsvector('simple', search_tokens)`),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [
  index("products_merchant_idx").on(t.merchantId, t.status),
  index("products_category_idx").on(t.categoryId, t.status, t.minPriceFen),
  // Storefront orders: the first page of a popular category is the head of one of these.
  index("products_listed_new_idx").on(t.status, t.listedAt, t.id),
  index("products_listed_price_idx").on(t.status, t.minPriceFen, t.id),
  index("products_listed_sales_idx").on(t.status, t.salesCount, t.id),
  index("products_search_idx").using("gin", t.searchVector),
  index("products_latin_trgm_idx").using("gin", sql`${t.searchLatin} gin_trgm_ops`),
  index("products_attributes_idx").using("gin", sql`${t.attributes} jsonb_path_ops`),
]);

export const productVersions = pgTable("product_versions", {
  id: id(),
  productId: uuid("product_id").notNull().references(() => products.id),
  number: integer("number").notNull(),
  content: jsonb("content").$type<ProductContent>().notNull(),
  status: text("status", { enum: ["draft", "pending_review", "approved", "rejected", "superseded"] }).notNull(),
  findings: jsonb("findings").$type<ScreeningFinding[]>().notNull().default([]),
  // Which key fields differ from the live version (P3): any of them sends it to review.
  keyChanges: jsonb("key_changes").$type<string[]>().notNull().default([]),
  submittedAt: at("submitted_at"),
  decidedAt: at("decided_at"),
  decidedByLabel: text("decided_by_label"),
  reason: text("reason"),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [unique("product_versions_uq").on(t.productId, t.number), index("product_versions_status_idx").on(t.status, t.submittedAt)]);

// P2: product images, stored once per standard size.
export const productImages = pgTable("product_images", {
  id: id(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  bytes: integer("bytes").notNull(),
  fileName: text("file_name").notNull(),
  createdAt: at("created_at").notNull(),
}, (t) => [index("product_images_merchant_idx").on(t.merchantId)]);
