import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";

// What the platform tells a buyer (a recall of goods they received, an order overdue for
// shipping that they may now cancel). Texts are built from `params` in the buyer's language.
export const buyerNotices = pgTable("buyer_notices", {
  id: id(),
  buyerId: uuid("buyer_id").notNull().references(() => users.id),
  kind: text("kind").notNull(),
  params: jsonb("params").$type<Record<string, string | number | null>>().notNull().default({}),
  subjectType: text("subject_type").notNull(),
  subjectId: uuid("subject_id").notNull(),
  // One notice per fact: a job that runs again finds it already sent.
  dedupeKey: text("dedupe_key").notNull().unique(),
  createdAt: at("created_at").notNull(),
  readAt: at("read_at"),
}, (t) => [index("buyer_notices_buyer_idx").on(t.buyerId, t.createdAt)]);
