import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { at, id } from "../lib/columns.js";

// Durable jobs: claimed with FOR UPDATE SKIP LOCKED so that several API processes
// on one PostgreSQL run each job once.
export const jobs = pgTable("jobs", {
  id: id(),
  name: text("name").notNull(),
  payload: jsonb("payload").notNull().default({}),
  runAt: at("run_at").notNull(),
  status: text("status", { enum: ["queued", "running", "done", "failed"] }).notNull().default("queued"),
  attempts: integer("attempts").notNull().default(0),
  maxAttempts: integer("max_attempts").notNull().default(5),
  lockedUntil: at("locked_until"),
  lockedBy: text("locked_by"),
  lastError: text("last_error"),
  uniqueKey: text("unique_key").unique(),
  createdAt: at("created_at").notNull(),
  finishedAt: at("finished_at"),
}, (t) => [index("jobs_due_idx").on(t.status, t.runAt)]);

// Human-readable document numbers (receipts, counts, orders): one counter per prefix and day.
export const documentCounters = pgTable("document_counters", {
  key: text("key").primaryKey(),
  value: integer("value").notNull(),
});
