import { bigint, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at } from "../../lib/columns.js";

// Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained:
// each row's hash covers its content and the previous row's hash (S3).
export const auditLog = pgTable("audit_log", {
  seq: bigint("seq", { mode: "number" }).primaryKey(),
  at: at("at").notNull(),
  actorId: uuid("actor_id"),
  actorLabel: text("actor_label").notNull(),
  action: text("action").notNull(),
  entityType: text("entity_type").notNull(),
  entityId: text("entity_id"),
  summary: jsonb("summary").notNull(),
  requestId: text("request_id"),
  ip: text("ip"),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
}, (t) => [
  index("audit_log_action_idx").on(t.action),
  index("audit_log_actor_idx").on(t.actorId),
  index("audit_log_entity_idx").on(t.entityType, t.entityId),
  index("audit_log_at_idx").on(t.at),
]);
