import { pgTable, primaryKey, text, unique, uuid, boolean } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";
import { merchants } from "../merchants/schema.js";

export const roles = pgTable("roles", {
  key: text("key").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  scope: text("scope", { enum: ["platform", "merchant", "buyer"] }).notNull(),
  builtin: boolean("builtin").notNull().default(true),
});

export const rolePermissions = pgTable("role_permissions", {
  roleKey: text("role_key").notNull().references(() => roles.key),
  permission: text("permission").notNull(),
}, (t) => [primaryKey({ columns: [t.roleKey, t.permission] })]);

export const userRoles = pgTable("user_roles", {
  id: id(),
  userId: uuid("user_id").notNull().references(() => users.id),
  roleKey: text("role_key").notNull().references(() => roles.key),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  grantedBy: uuid("granted_by"),
  grantedAt: at("granted_at").notNull(),
}, (t) => [unique("user_roles_user_role_uq").on(t.userId, t.roleKey)]);
