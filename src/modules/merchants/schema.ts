import { pgTable, text } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";

// The shop a third-party merchant runs on the platform. Onboarding and
// qualification review (M1-M6) extend this table.
export const merchants = pgTable("merchants", {
  id: id(),
  name: text("name").notNull(),
  status: text("status", { enum: ["active", "suspended", "closed"] }).notNull().default("active"),
  createdAt: at("created_at").notNull(),
});
