import { integer, jsonb, pgTable, text, unique, uuid, index } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";

// Every change of a platform rule is a new row; the value in force at time t is
// the latest version whose effective_from <= t (G1).
export const ruleVersions = pgTable("rule_versions", {
  id: id(),
  key: text("key").notNull(),
  version: integer("version").notNull(),
  value: jsonb("value").notNull(),
  effectiveFrom: at("effective_from").notNull(),
  publishedAt: at("published_at").notNull(),
  publishedBy: uuid("published_by"),
  reason: text("reason").notNull(),
}, (t) => [unique("rule_versions_key_version_uq").on(t.key, t.version), index("rule_versions_key_idx").on(t.key, t.effectiveFrom)]);
