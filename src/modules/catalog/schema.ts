import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";

// P3: the maintained list of banned and absolute terms that listings are screened against.
export const screeningTerms = pgTable("screening_terms", {
  id: id(),
  term: text("term").notNull(),
  // The folded form (see screening.ts), unique: "ＢＥＳＴ" and "best" are one entry.
  folded: text("folded").notNull().unique(),
  category: text("category", { enum: ["absolute", "medical", "prohibited"] }).notNull(),
  severity: text("severity", { enum: ["block", "warn"] }).notNull(),
  note: text("note"),
  createdAt: at("created_at").notNull(),
  createdBy: uuid("created_by").references(() => users.id),
});
