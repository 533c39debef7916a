import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { merchants } from "../merchants/schema.js";

// Work that a rule raises for a merchant or for a platform department (M3, M6, G1):
// "your food licence expires on …", "re-verify this merchant", "accept agreement 2026-12".
// For merchants an open task is also their notification.
export const tasks = pgTable("tasks", {
  id: id(),
  audience: text("audience", { enum: ["merchant", "platform"] }).notNull(),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  // Platform tasks are worked by whoever holds this permission.
  permission: text("permission"),
  kind: text("kind").notNull(),
  // Facts the text is built from in either language (document kind, dates, version …).
  params: jsonb("params").$type<Record<string, string | number | null>>().notNull().default({}),
  subjectType: text("subject_type").notNull(),
  subjectId: uuid("subject_id").notNull(),
  dueAt: at("due_at"),
  status: text("status", { enum: ["open", "done", "cancelled"] }).notNull().default("open"),
  // One task per fact: a daily job raising the same warning again finds it already there.
  dedupeKey: text("dedupe_key").notNull().unique(),
  createdAt: at("created_at").notNull(),
  closedAt: at("closed_at"),
  closedBy: text("closed_by"),
}, (t) => [
  index("tasks_merchant_idx").on(t.merchantId, t.status),
  index("tasks_platform_idx").on(t.audience, t.status, t.permission),
  index("tasks_subject_idx").on(t.subjectType, t.subjectId),
]);
