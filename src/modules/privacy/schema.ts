import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";

// U1: what the person agreed to, which version, when, from where.
export const consents = pgTable("consents", {
  id: id(),
  userId: uuid("user_id").notNull().references(() => users.id),
  policy: text("policy").notNull(),
  version: text("version").notNull(),
  acceptedAt: at("accepted_at").notNull(),
  ip: text("ip"),
  withdrawnAt: at("withdrawn_at"),
}, (t) => [index("consents_user_idx").on(t.userId)]);
