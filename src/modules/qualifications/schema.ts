import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { merchants } from "../merchants/schema.js";
import { applicationDocuments, documentColumns, merchantApplications } from "../onboarding/schema.js";

// M3: a renewed (or newly required) document from an approved merchant. The document
// it replaces stays in force until a reviewer approves the renewal.
export const qualificationRenewals = pgTable("qualification_renewals", {
  id: id(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  applicationId: uuid("application_id").notNull().references(() => merchantApplications.id),
  replacesDocumentId: uuid("replaces_document_id").references(() => applicationDocuments.id),
  ...documentColumns(),
  status: text("status", { enum: ["pending", "approved", "rejected"] }).notNull(),
  submittedAt: at("submitted_at").notNull(),
  submittedByLabel: text("submitted_by_label").notNull(),
  reason: text("reason"),
  decidedAt: at("decided_at"),
  decidedByLabel: text("decided_by_label"),
  // The qualification document the approval created.
  documentId: uuid("document_id").references(() => applicationDocuments.id),
}, (t) => [index("qualification_renewals_status_idx").on(t.status, t.submittedAt), index("qualification_renewals_merchant_idx").on(t.merchantId)]);

// M3: identity and qualifications re-verified at least every merchant.reverifyMonths.
export const reverifications = pgTable("reverifications", {
  id: id(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  status: text("status", { enum: ["due", "submitted", "passed", "returned"] }).notNull(),
  dueAt: at("due_at").notNull(),
  createdAt: at("created_at").notNull(),
  merchantNote: text("merchant_note"),
  submittedAt: at("submitted_at"),
  submittedByLabel: text("submitted_by_label"),
  reason: text("reason"),
  decidedAt: at("decided_at"),
  decidedByLabel: text("decided_by_label"),
}, (t) => [index("reverifications_merchant_idx").on(t.merchantId, t.createdAt), index("reverifications_status_idx").on(t.status, t.dueAt)]);
