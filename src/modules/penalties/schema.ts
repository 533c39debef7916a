import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";
import { merchants } from "../merchants/schema.js";

// M6: a penalty with its reason, evidence, period and appeal; the effects follow from
// kind, status and period (see standing.ts).
export const merchantPenalties = pgTable("merchant_penalties", {
  id: id(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id),
  kind: text("kind", { enum: ["warning", "listing_restriction", "suspension", "closure"] }).notNull(),
  status: text("status", { enum: ["in_force", "appealed", "upheld", "revoked", "lifted"] }).notNull(),
  reason: text("reason").notNull(),
  evidence: text("evidence").notNull(),
  startsAt: at("starts_at").notNull(),
  // Null: until lifted (closure) or not applicable (warning).
  endsAt: at("ends_at"),
  appealBy: at("appeal_by").notNull(),
  issuedBy: uuid("issued_by").references(() => users.id),
  issuedByLabel: text("issued_by_label").notNull(),
  issuedAt: at("issued_at").notNull(),
  appealStatement: text("appeal_statement"),
  appealedAt: at("appealed_at"),
  appealedByLabel: text("appealed_by_label"),
  decisionReason: text("decision_reason"),
  decidedBy: uuid("decided_by").references(() => users.id),
  decidedByLabel: text("decided_by_label"),
  decidedAt: at("decided_at"),
}, (t) => [index("merchant_penalties_merchant_idx").on(t.merchantId, t.status), index("merchant_penalties_status_idx").on(t.status, t.appealedAt)]);
