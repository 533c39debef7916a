import { bigint, date, index, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";
import { merchants } from "../merchants/schema.js";

// M1/M2: one application per applicant account; personal data (ID number, phone) sealed (U4).
export const merchantApplications = pgTable("merchant_applications", {
  id: id(),
  applicantId: uuid("applicant_id").notNull().references(() => users.id).unique(),
  status: text("status", { enum: ["draft", "submitted", "under_review", "approved", "rejected"] }).notNull(),
  entityType: text("entity_type", { enum: ["enterprise", "individual"] }),
  name: text("name"),
  creditCode: text("credit_code"),
  legalRepName: text("legal_rep_name"),
  legalRepIdCipher: text("legal_rep_id_cipher"),
  legalRepIdMasked: text("legal_rep_id_masked"),
  contactName: text("contact_name"),
  contactPhoneCipher: text("contact_phone_cipher"),
  contactPhoneMasked: text("contact_phone_masked"),
  contactEmail: text("contact_email"),
  address: text("address"),
  categories: jsonb("categories").$type<string[]>().notNull().default([]),
  agreementVersion: text("agreement_version"),
  agreementAcceptedAt: at("agreement_accepted_at"),
  submittedAt: at("submitted_at"),
  reviewerId: uuid("reviewer_id"),
  decidedAt: at("decided_at"),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [index("merchant_applications_status_idx").on(t.status, t.submittedAt)]);

// The facts and the stored file of a qualification document, at application and at renewal.
export const documentColumns = () => ({
  kind: text("kind").notNull(),
  number: text("number").notNull(),
  issuer: text("issuer").notNull(),
  validFrom: date("valid_from", { mode: "string" }).notNull(),
  validUntil: date("valid_until", { mode: "string" }),
  fileKey: text("file_key").notNull(),
  fileName: text("file_name").notNull(),
  mime: text("mime").notNull(),
  size: bigint("size", { mode: "number" }).notNull(),
  sha256: text("sha256").notNull(),
});

export const applicationDocuments = pgTable("application_documents", {
  id: id(),
  applicationId: uuid("application_id").notNull().references(() => merchantApplications.id),
  ...documentColumns(),
  // Set by a reviewer's rejection; cleared when the document is replaced.
  problem: text("problem"),
  uploadedAt: at("uploaded_at").notNull(),
  // A replaced document stays for the history but no longer counts.
  replacedAt: at("replaced_at"),
}, (t) => [index("application_documents_app_idx").on(t.applicationId)]);

// The whole history of an application: every transition, by whom, why (M2).
export const applicationEvents = pgTable("application_events", {
  id: id(),
  applicationId: uuid("application_id").notNull().references(() => merchantApplications.id),
  event: text("event").notNull(),
  fromStatus: text("from_status"),
  toStatus: text("to_status").notNull(),
  actorId: uuid("actor_id"),
  actorLabel: text("actor_label").notNull(),
  at: at("at").notNull(),
  problems: jsonb("problems").$type<{ documentId?: string; field?: string; reason: string }[]>().notNull().default([]),
  note: text("note"),
}, (t) => [index("application_events_app_idx").on(t.applicationId, t.at)]);

// Which documents are mandatory for which entity type and business category ("*" = any).
// A platform rule table, edited by administrators.
export const documentRequirements = pgTable("document_requirements", {
  id: id(),
  entityType: text("entity_type").notNull(),
  category: text("category").notNull(),
  documentKind: text("document_kind").notNull(),
}, (t) => [unique("document_requirements_uq").on(t.entityType, t.category, t.documentKind)]);

// F3 comes later; approval opens the merchant's settlement account in a pending state.
export const settlementAccounts = pgTable("settlement_accounts", {
  merchantId: uuid("merchant_id").primaryKey().references(() => merchants.id),
  status: text("status", { enum: ["pending_setup", "active", "frozen"] }).notNull().default("pending_setup"),
  createdAt: at("created_at").notNull(),
});

// M5: which version of the platform agreement a merchant accepted, when, and who.
export const agreementAcceptances = pgTable("agreement_acceptances", {
  id: id(),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  applicationId: uuid("application_id").references(() => merchantApplications.id),
  userId: uuid("user_id").notNull().references(() => users.id),
  version: text("version").notNull(),
  acceptedAt: at("accepted_at").notNull(),
  ip: text("ip"),
}, (t) => [index("agreement_acceptances_merchant_idx").on(t.merchantId)]);

