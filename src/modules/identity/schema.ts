import { boolean, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { merchants } from "../merchants/schema.js";

// Logins are personal data (U4): looked up by keyed digest, stored encrypted,
// shown masked.
export const users = pgTable("users", {
  id: id(),
  kind: text("kind", { enum: ["staff", "merchant", "buyer"] }).notNull(),
  loginType: text("login_type", { enum: ["email", "mobile", "username"] }).notNull(),
  loginDigest: text("login_digest").notNull().unique(),
  loginCipher: text("login_cipher").notNull(),
  loginMasked: text("login_masked").notNull(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  mfaSecretCipher: text("mfa_secret_cipher"),
  mfaEnabledAt: at("mfa_enabled_at"),
  // The last TOTP time step accepted: a code is good once (no replay within its window).
  mfaLastStep: integer("mfa_last_step"),
  createdAt: at("created_at").notNull(),
  passwordChangedAt: at("password_changed_at").notNull(),
}, (t) => [index("users_merchant_idx").on(t.merchantId)]);

export const sessions = pgTable("sessions", {
  id: id(),
  userId: uuid("user_id").notNull().references(() => users.id),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: at("created_at").notNull(),
  expiresAt: at("expires_at").notNull(),
  lastSeenAt: at("last_seen_at").notNull(),
  revokedAt: at("revoked_at"),
  mfaVerified: boolean("mfa_verified").notNull().default(false),
  ip: text("ip"),
  userAgent: text("user_agent"),
}, (t) => [index("sessions_user_idx").on(t.userId)]);

// Failed-login back-off per account (by login digest) so that lockout holds
// across API processes.
export const loginThrottle = pgTable("login_throttle", {
  loginDigest: text("login_digest").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: at("locked_until"),
  updatedAt: at("updated_at").notNull(),
});
