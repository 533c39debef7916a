import { and, desc, eq, gt, ilike, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { hash, verify } from "@node-rs/argon2";
import { generateSecret, generateURI, verify as verifyOtp } from "otplib";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { addHours, addMinutes } from "../../lib/clock.js";
import { newId } from "../../lib/ids.js";
import { randomToken, sha256 } from "../../lib/crypto.js";
import type { Actor, Ctx, Services } from "../../server/context.js";
import { Conflict, Forbidden, NotFound, RuleViolation, TooManyRequests, Unauthenticated, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { assertOwnMerchant, grantRole, permissionsOf, permissionsOfRoles, rolesOfUsers } from "../access/index.js";
import { userRoles } from "../access/schema.js";
import { getRule } from "../settings/index.js";
import { recordConsent } from "../privacy/index.js";
import { merchants } from "../merchants/schema.js";
import { loginThrottle, sessions, users } from "./schema.js";
import { checkPasswordPolicy, lockoutSeconds, parseLogin, type LoginType } from "./rules.js";

type UserRow = typeof users.$inferSelect;

export function userView(u: UserRow, roles: string[]) {
  return {
    id: u.id, kind: u.kind, login: u.loginMasked, displayName: u.displayName, merchantId: u.merchantId,
    roles, mfaEnabled: u.mfaEnabledAt !== null, status: u.status, createdAt: u.createdAt,
  };
}
export type UserView = ReturnType<typeof userView>;

async function viewOf(db: Queryable, u: UserRow) {
  return userView(u, (await permissionsOf(db, u.id)).roles);
}

const label = (u: UserRow) => `${u.displayName} (${u.loginMasked})`;

interface NewAccount {
  kind: UserRow["kind"];
  login: string;
  password: string;
  displayName: string;
  merchantId?: string | null;
  loginTypes: LoginType[];
}

// The one place an account is created: login checked and sealed, password hashed.
async function insertAccount(tx: Tx, ctx: Ctx, a: NewAccount): Promise<UserRow> {
  const login = parseLogin(a.login, a.loginTypes);
  checkPasswordPolicy(a.password, login.value);
  const now = ctx.clock.now();
  const [row] = await tx.insert(users).values({
    id: newId(), kind: a.kind, loginType: login.type, loginDigest: ctx.sealer.digest(login.value), loginCipher: ctx.sealer.seal(login.value),
    loginMasked: login.masked, displayName: a.displayName.trim(), passwordHash: await hash(a.password), merchantId: a.merchantId ?? null,
    createdAt: now, passwordChangedAt: now,
  }).onConflictDoNothing({ target: users.loginDigest }).returning();
  if (!row) throw new Conflict("LOGIN_TAKEN", "An account with this login already exists. Sign in, or use another e-mail address or mobile number.", { field: "login" });
  return row;
}

async function openSession(tx: Queryable, s: Services, user: UserRow, meta: SessionMeta, mfaVerified: boolean) {
  const token = randomToken();
  const now = s.clock.now();
  const [row] = await tx.insert(sessions).values({
    id: newId(), userId: user.id, tokenHash: sha256(token), createdAt: now, lastSeenAt: now,
    expiresAt: addHours(now, await getRule(s, "security.sessionTtlHours", tx)), mfaVerified, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null,
  }).returning();
  return { token, session: row! };
}

export interface SessionMeta { ip?: string; userAgent?: string }

// Self-registration: buyers, and prospective merchants who then apply (M1). An
// applicant is a merchant account without a merchant until its application is approved.
export async function register(ctx: Ctx, input: { login: string; password: string; displayName: string; acceptPolicyVersion: string }, meta: SessionMeta, as: "buyer" | "applicant" = "buyer") {
  const [kind, role] = as === "buyer" ? (["buyer", "buyer"] as const) : (["merchant", "merchant_applicant"] as const);
  return ctx.db.transaction(async (tx) => {
    const user = await insertAccount(tx, ctx, { ...input, kind, loginTypes: ["email", "mobile"] });
    await grantRole(tx, { ...ctx, actor: { ...ctx.actor, userId: user.id } }, user.id, role);
    await recordConsent(tx, ctx, user.id, input.acceptPolicyVersion);
    const { token, session } = await openSession(tx, ctx, user, meta, false);
    await recordAudit(tx, { ...ctx, actor: actorOf(user, new Set(), session.id, false) }, {
      action: "user.register", entityType: "user", entityId: user.id, summary: { kind: as, login: user.loginMasked, policyVersion: input.acceptPolicyVersion },
    });
    return { token, sessionId: session.id, expiresAt: session.expiresAt, user: userView(user, [role]) };
  });
}

let dummyHash: Promise<string> | undefined;

// S1: argon2id, back-off per account that holds across API nodes, MFA for staff.
export async function login(ctx: Ctx, input: { login: string; password: string; otp?: string }, meta: SessionMeta) {
  const now = ctx.clock.now();
  let value: string;
  try {
    value = parseLogin(input.login, ["email", "mobile", "username"]).value;
  } catch {
    value = input.login.trim().toLowerCase();
  }
  const digest = ctx.sealer.digest(value);
  const [throttle] = await ctx.db.select().from(loginThrottle).where(eq(loginThrottle.loginDigest, digest));
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    const wait = (throttle.lockedUntil.getTime() - now.getTime()) / 1000;
    throw new TooManyRequests("LOGIN_LOCKED", `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s), or reset your password.`, wait);
  }
  const [user] = await ctx.db.select().from(users).where(eq(users.loginDigest, digest));
  // The same work for unknown accounts, so timing does not reveal which logins exist.
  const passwordOk = user ? await verify(user.passwordHash, input.password) : (await verify(await (dummyHash ??= hash("not-a-password")), input.password), false);
  if (!user || !passwordOk || user.status !== "active") {
    await recordFailure(ctx, digest, user ?? null, "password");
    throw new Unauthenticated("INVALID_CREDENTIALS", "The login or password is wrong. Check both and try again.");
  }
  let mfaVerified = false;
  if (user.mfaEnabledAt && user.mfaSecretCipher) {
    if (!input.otp) throw new Unauthenticated("MFA_REQUIRED", "Enter the 6-digit code from your authenticator app.");
    if (!(await useOtp(ctx, user, input.otp))) {
      await recordFailure(ctx, digest, user, "otp");
      throw new Unauthenticated("INVALID_OTP", "The code is wrong or has expired. Enter the current code from your authenticator app.");
    }
    mfaVerified = true;
  }
  return ctx.db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.loginDigest, digest));
    const { token, session } = await openSession(tx, ctx, user, meta, mfaVerified);
    const { permissions, roles } = await permissionsOf(tx, user.id);
    await recordAudit(tx, { ...ctx, actor: actorOf(user, permissions, session.id, false) }, {
      action: "auth.login", entityType: "session", entityId: session.id, summary: { mfa: mfaVerified, userAgent: meta.userAgent ?? null },
    });
    return { token, sessionId: session.id, expiresAt: session.expiresAt, user: userView(user, roles) };
  });
}

async function recordFailure(ctx: Ctx, digest: string, user: UserRow | null, factor: "password" | "otp") {
  const [maxFailures, lockoutMinutes] = [await getRule(ctx, "security.loginMaxFailures"), await getRule(ctx, "security.lockoutMinutes")];
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // One atomic increment: concurrent failures on several nodes all count.
    const [row] = await tx.insert(loginThrottle).values({ loginDigest: digest, failures: 1, updatedAt: now })
      .onConflictDoUpdate({ target: loginThrottle.loginDigest, set: { failures: sql`${loginThrottle.failures} + 1`, updatedAt: now } })
      .returning();
    const wait = lockoutSeconds(row!.failures, maxFailures, lockoutMinutes);
    if (wait > 0) {
      await tx.update(loginThrottle).set({ lockedUntil: new Date(now.getTime() + wait * 1000) }).where(eq(loginThrottle.loginDigest, digest));
    }
    if (user) {
      await recordAudit(tx, { ...ctx, actor: actorOf(user, new Set(), null, false) }, {
        action: wait > 0 ? "auth.locked" : "auth.login_failed", entityType: "user", entityId: user.id, summary: { factor, failures: row!.failures, lockedSeconds: wait },
      });
    }
  });
}

// A code is accepted once: its time step must be later than the last one used, and the
// step is recorded with a conditional update so two concurrent uses cannot both pass.
async function useOtp(ctx: Ctx, user: UserRow, otp: string) {
  if (!/^\d{6}$/.test(otp) || !user.mfaSecretCipher) return false;
  const epoch = Math.floor(ctx.clock.now().getTime() / 1000);
  const r = await verifyOtp({ secret: ctx.sealer.open(user.mfaSecretCipher), token: otp, epoch, epochTolerance: 30 });
  if (!r.valid) return false;
  const step = Math.floor(epoch / 30) + r.delta;
  const used = await ctx.db.update(users).set({ mfaLastStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.mfaLastStep), lt(users.mfaLastStep, step)))).returning({ id: users.id });
  return used.length === 1;
}

export function actorOf(u: UserRow, permissions: ReadonlySet<string>, sessionId: string | null, mfaPending: boolean): Actor {
  return { userId: u.id, kind: u.kind, label: label(u), merchantId: u.merchantId, permissions, sessionId, mfaPending };
}

// Called on every request that carries a token or session cookie.
export async function resolveSession(s: Services, token: string): Promise<Actor | null> {
  const now = s.clock.now();
  // One round trip: every signed-in request pays for this.
  const [row] = await s.db.select({
    session: sessions, user: users,
    roles: sql<string[]>`coalesce((select array_agg(${userRoles.roleKey}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`,
  }).from(sessions).innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!row || row.user.status !== "active") return null;
  const idle = await getRule(s, "security.sessionIdleMinutes");
  if (addMinutes(row.session.lastSeenAt, idle) <= now) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await s.db.update(sessions).set({ lastSeenAt: now }).where(and(eq(sessions.id, row.session.id), lt(sessions.lastSeenAt, now)));
  }
  const permissions = permissionsOfRoles(row.roles);
  const mfaPending = row.user.kind === "staff" && !row.session.mfaVerified && !row.user.mfaEnabledAt && (await getRule(s, "security.staffMfaRequired"));
  return actorOf(row.user, permissions, row.session.id, mfaPending);
}

async function me(ctx: Ctx): Promise<UserRow> {
  const [u] = ctx.actor.userId ? await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId)) : [];
  if (!u) throw new Unauthenticated();
  return u;
}

export async function whoAmI(ctx: Ctx) {
  const u = await me(ctx);
  const { permissions, roles } = await permissionsOf(ctx.db, u.id);
  const areas: string[] = ["shop"];
  if (u.kind === "merchant") areas.push("merchant");
  if (u.kind === "staff" && permissions.size > 0) areas.push("admin");
  return { user: userView(u, roles), permissions: [...permissions].sort(), areas, mfaEnrollmentRequired: ctx.actor.mfaPending };
}

export async function logout(ctx: Ctx) {
  await ctx.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.id, ctx.actor.sessionId!), isNull(sessions.revokedAt)));
    await recordAudit(tx, ctx, { action: "auth.logout", entityType: "session", entityId: ctx.actor.sessionId });
  });
}

async function revokeAllSessions(tx: Tx, ctx: Ctx, userId: string, exceptSessionId?: string | null) {
  const where = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptSessionId) where.push(ne(sessions.id, exceptSessionId));
  return (await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(...where)).returning({ id: sessions.id })).length;
}

export async function logoutEverywhere(ctx: Ctx) {
  await ctx.db.transaction(async (tx) => {
    const n = await revokeAllSessions(tx, ctx, ctx.actor.userId!);
    await recordAudit(tx, ctx, { action: "auth.logout_all", entityType: "user", entityId: ctx.actor.userId, summary: { sessions: n } });
  });
}

export async function listMySessions(ctx: Ctx) {
  const now = ctx.clock.now();
  const rows = await ctx.db.select().from(sessions)
    .where(and(eq(sessions.userId, ctx.actor.userId!), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, expiresAt: r.expiresAt, ip: r.ip, userAgent: r.userAgent, current: r.id === ctx.actor.sessionId }));
}

export async function revokeMySession(ctx: Ctx, sessionId: string) {
  await ctx.db.transaction(async (tx) => {
    const revoked = await tx.update(sessions).set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, ctx.actor.userId!), isNull(sessions.revokedAt))).returning();
    if (!revoked.length) throw new NotFound("Session");
    await recordAudit(tx, ctx, { action: "auth.session_revoke", entityType: "session", entityId: sessionId });
  });
}

export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }) {
  const u = await me(ctx);
  if (!(await verify(u.passwordHash, input.currentPassword))) {
    throw new ValidationError("CURRENT_PASSWORD_WRONG", "Your current password is not correct.", { field: "currentPassword" });
  }
  checkPasswordPolicy(input.newPassword, ctx.sealer.open(u.loginCipher));
  const newHash = await hash(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: newHash, passwordChangedAt: ctx.clock.now() }).where(eq(users.id, u.id));
    const n = await revokeAllSessions(tx, ctx, u.id, ctx.actor.sessionId);
    await recordAudit(tx, ctx, { action: "auth.password_change", entityType: "user", entityId: u.id, summary: { otherSessionsRevoked: n } });
  });
}

export async function updateProfile(ctx: Ctx, input: { displayName: string }) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, ctx.actor.userId!)).for("update");
    const [u] = await tx.update(users).set({ displayName: input.displayName.trim() }).where(eq(users.id, ctx.actor.userId!)).returning();
    await recordAudit(tx, ctx, { action: "user.profile_update", entityType: "user", entityId: u!.id, summary: { displayName: { from: before!.displayName, to: u!.displayName } } });
    return viewOf(tx, u!);
  });
}

export async function startMfaEnrolment(ctx: Ctx) {
  const u = await me(ctx);
  if (u.mfaEnabledAt) throw new Conflict("MFA_ALREADY_ENABLED", "Two-step verification is already on. Turn it off first to enrol a new device.");
  const secret = generateSecret();
  await ctx.db.update(users).set({ mfaSecretCipher: ctx.sealer.seal(secret), mfaLastStep: null }).where(eq(users.id, u.id));
  return { secret, otpauthUrl: generateURI({ issuer: "Shangguan", label: ctx.sealer.open(u.loginCipher), secret }) };
}

export async function confirmMfa(ctx: Ctx, otp: string) {
  const u = await me(ctx);
  if (u.mfaEnabledAt) throw new Conflict("MFA_ALREADY_ENABLED", "Two-step verification is already on.");
  if (!u.mfaSecretCipher) throw new RuleViolation("MFA_NOT_STARTED", "Start enrolment first to get a secret for your authenticator app.");
  if (!(await useOtp(ctx, u, otp))) {
    throw new ValidationError("INVALID_OTP", "The code is wrong or has expired. Enter the current code from your authenticator app.", { field: "otp" });
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ mfaEnabledAt: ctx.clock.now() }).where(eq(users.id, u.id)).returning();
    if (ctx.actor.sessionId) await tx.update(sessions).set({ mfaVerified: true }).where(eq(sessions.id, ctx.actor.sessionId));
    await recordAudit(tx, ctx, { action: "auth.mfa_enable", entityType: "user", entityId: u.id });
    return viewOf(tx, row!);
  });
}

export async function disableMfa(ctx: Ctx, otp: string) {
  const u = await me(ctx);
  if (!u.mfaEnabledAt || !u.mfaSecretCipher) throw new RuleViolation("MFA_NOT_ENABLED", "Two-step verification is not on.");
  if (u.kind === "staff" && (await getRule(ctx, "security.staffMfaRequired"))) {
    throw new Forbidden("MFA_REQUIRED_BY_RULE", "Platform rules require staff to keep two-step verification on.");
  }
  if (!(await useOtp(ctx, u, otp))) {
    throw new ValidationError("INVALID_OTP", "The code is wrong or has expired. Enter the current code from your authenticator app.", { field: "otp" });
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ mfaEnabledAt: null, mfaSecretCipher: null, mfaLastStep: null }).where(eq(users.id, u.id)).returning();
    await recordAudit(tx, ctx, { action: "auth.mfa_disable", entityType: "user", entityId: u.id });
    return viewOf(tx, row!);
  });
}

type AccountInput = { kind: "staff" | "merchant"; login: string; password: string; displayName: string; merchantId?: string; roles: string[] };

// Staff and merchant accounts are created by administrators; merchant accounts belong to one merchant.
export async function createAccount(ctx: Ctx, input: AccountInput) {
  return ctx.db.transaction((tx) => createAccountIn(tx, ctx, input));
}

// For operations that create an account as one step of a larger transaction.
export async function createAccountIn(tx: Tx, ctx: Ctx, input: AccountInput) {
  if (input.kind === "merchant" && !input.merchantId) throw new ValidationError("MERCHANT_REQUIRED", "Choose the merchant this account belongs to.", { field: "merchantId" });
  if (input.kind === "staff" && input.merchantId) throw new ValidationError("MERCHANT_NOT_ALLOWED", "Platform staff accounts do not belong to a merchant; leave the merchant empty.", { field: "merchantId" });
  if (input.merchantId) {
    const [m] = await tx.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, input.merchantId));
    if (!m) throw new NotFound("Merchant", "MERCHANT_NOT_FOUND");
  }
  const user = await insertAccount(tx, ctx, { ...input, loginTypes: ["email", "mobile", "username"] });
  for (const role of new Set(input.roles)) await grantRole(tx, ctx, user.id, role);
  await recordAudit(tx, ctx, { action: "user.create", entityType: "user", entityId: user.id, summary: { kind: input.kind, login: user.loginMasked, merchantId: user.merchantId, roles: input.roles } });
  return viewOf(tx, user);
}

export async function listUsers(ctx: Ctx, q: { kind?: UserRow["kind"]; q?: string; merchantId?: string; cursor?: string; limit: number }) {
  const where: SQL[] = [];
  if (q.kind) where.push(eq(users.kind, q.kind));
  if (q.merchantId) where.push(eq(users.merchantId, q.merchantId));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, "\\$&")}%`;
    const exact = (() => { try { return ctx.sealer.digest(parseLogin(q.q, ["email", "mobile", "username"]).value); } catch { return null; } })();
    where.push(or(ilike(users.displayName, like), ilike(users.loginMasked, like), ...(exact ? [eq(users.loginDigest, exact)] : []))!);
  }
  if (q.cursor) where.push(lt(users.id, q.cursor));
  const rows = await ctx.db.select().from(users).where(and(...where)).orderBy(desc(users.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const roles = await rolesOfUsers(ctx.db, page.map((u) => u.id));
  return { items: page.map((u) => userView(u, roles.get(u.id) ?? [])), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

export async function getUser(ctx: Ctx, id: string) {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, id));
  if (!u) throw new NotFound("User");
  assertOwnMerchant(ctx.actor, u.merchantId, "User");
  return viewOf(ctx.db, u);
}

// Offboarding starts here: the account stops working at once, on every device.
export async function deactivateUser(ctx: Ctx, id: string) {
  if (id === ctx.actor.userId) throw new Forbidden("SELF_DEACTIVATE", "You cannot deactivate your own account; ask another administrator.");
  return ctx.db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, id)).for("update");
    if (!u) throw new NotFound("User");
    assertOwnMerchant(ctx.actor, u.merchantId, "User");
    if (u.status === "disabled") throw new Conflict("USER_ALREADY_DISABLED", "This account is already deactivated.");
    const [row] = await tx.update(users).set({ status: "disabled" }).where(eq(users.id, id)).returning();
    const n = await revokeAllSessions(tx, ctx, id);
    await recordAudit(tx, ctx, { action: "user.deactivate", entityType: "user", entityId: id, summary: { sessionsRevoked: n } });
    return viewOf(tx, row!);
  });
}
