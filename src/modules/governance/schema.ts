import { check, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";

export interface Bilingual { zh: string; en: string }
// A section of a published document; zh and en are Markdown.
export interface PolicySection { key: string; zh: string; en: string }

// G1: platform agreements and rules as versioned documents. A version is immutable once
// published; a change is a new version announced ahead of its effective date.
export const policyVersions = pgTable("policy_versions", {
  id: id(),
  documentKey: text("document_key").notNull(),
  version: text("version").notNull(),
  title: jsonb("title").$type<Bilingual>().notNull(),
  sections: jsonb("sections").$type<PolicySection[]>().notNull(),
  // What changed, for the announcement.
  summary: text("summary").notNull().default(""),
  publishedAt: at("published_at").notNull(),
  effectiveFrom: at("effective_from").notNull(),
  publishedBy: uuid("published_by").references(() => users.id),
  publishedByLabel: text("published_by_label").notNull(),
}, (t) => [unique("policy_versions_uq").on(t.documentKey, t.version), index("policy_versions_key_idx").on(t.documentKey, t.effectiveFrom)]);

// Comments received while a version is announced and not yet in force (art. 34).
export const policyComments = pgTable("policy_comments", {
  id: id(),
  versionId: uuid("version_id").notNull().references(() => policyVersions.id),
  userId: uuid("user_id").notNull().references(() => users.id),
  authorLabel: text("author_label").notNull(),
  authorKind: text("author_kind").notNull(),
  body: text("body").notNull(),
  createdAt: at("created_at").notNull(),
}, (t) => [index("policy_comments_version_idx").on(t.versionId, t.createdAt)]);

// G2: the operator's public facts for the storefront footer and about page; one row.
export const operatorProfile = pgTable("operator_profile", {
  id: integer("id").primaryKey().default(1),
  profile: jsonb("profile").notNull(),
  updatedAt: at("updated_at").notNull(),
  updatedByLabel: text("updated_by_label").notNull(),
}, (t) => [check("operator_profile_single_row", sql`${t.id} = 1`)]);
