import { and, eq, inArray } from "drizzle-orm";
import type { Db, Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Actor, Ctx } from "../../server/context.js";
import { Conflict, Forbidden, NotFound, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { users } from "../identity/schema.js";
import { builtinRoles, permissions } from "./catalogue.js";
import { rolePermissions, roles, userRoles } from "./schema.js";

// Roles are defined in code and mirrored into the database at start-up so that
// assignments can reference them and reports can join them.
export async function syncBuiltinRoles(db: Db) {
  await db.transaction(async (tx) => {
    for (const [key, r] of Object.entries(builtinRoles)) {
      await tx.insert(roles).values({ key, nameZh: r.zh, nameEn: r.en, scope: r.scope, builtin: true })
        .onConflictDoUpdate({ target: roles.key, set: { nameZh: r.zh, nameEn: r.en, scope: r.scope } });
      await tx.delete(rolePermissions).where(eq(rolePermissions.roleKey, key));
      if (r.permissions.length) await tx.insert(rolePermissions).values(r.permissions.map((permission) => ({ roleKey: key, permission })));
    }
  });
}

// Role definitions live in code, so a permission set follows from role keys alone.
export function permissionsOfRoles(roleKeys: readonly string[]): Set<string> {
  return new Set(roleKeys.flatMap((k) => builtinRoles[k]?.permissions ?? []));
}

export async function permissionsOf(db: Queryable, userId: string): Promise<{ permissions: Set<string>; roles: string[] }> {
  const rows = await db.select({ roleKey: userRoles.roleKey }).from(userRoles).where(eq(userRoles.userId, userId)).orderBy(userRoles.roleKey);
  const roles = rows.map((r) => r.roleKey);
  return { permissions: permissionsOfRoles(roles), roles };
}

export async function rolesOfUsers(db: Queryable, userIds: string[]) {
  if (!userIds.length) return new Map<string, string[]>();
  const rows = await db.select({ userId: userRoles.userId, roleKey: userRoles.roleKey }).from(userRoles).where(inArray(userRoles.userId, userIds));
  const m = new Map<string, string[]>();
  for (const r of rows) m.set(r.userId, [...(m.get(r.userId) ?? []), r.roleKey]);
  return m;
}

export function listRoles() {
  return Object.entries(builtinRoles).map(([key, r]) => ({ key, scope: r.scope, zh: r.zh, en: r.en, permissions: [...r.permissions] }));
}

export function listPermissions() {
  return Object.entries(permissions).map(([key, description]) => ({ key, description }));
}

const scopeOfKind = { staff: "platform", merchant: "merchant", buyer: "buyer" } as const;

// A role's scope must match the account: platform roles only for staff, merchant roles
// only for a merchant's people (bound to their merchant), the buyer role for buyers.
export async function grantRole(tx: Queryable, ctx: Ctx, userId: string, roleKey: string) {
  const def = builtinRoles[roleKey];
  if (!def) throw new ValidationError("ROLE_UNKNOWN", `There is no role "${roleKey}". Pick one of: ${Object.keys(builtinRoles).join(", ")}.`);
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  if (!user) throw new NotFound("User");
  if (scopeOfKind[user.kind] !== def.scope) {
    throw new ValidationError("ROLE_SCOPE_MISMATCH", `The role "${roleKey}" is for ${def.scope} accounts; this is a ${user.kind} account.`);
  }
  const inserted = await tx.insert(userRoles).values({
    id: newId(), userId, roleKey, merchantId: user.merchantId, grantedBy: ctx.actor.userId, grantedAt: ctx.clock.now(),
  }).onConflictDoNothing().returning();
  if (!inserted.length) throw new Conflict("ROLE_ALREADY_GRANTED", `This account already has the role "${roleKey}".`);
}

export async function assignRole(ctx: Ctx, userId: string, roleKey: string) {
  return ctx.db.transaction(async (tx) => {
    await grantRole(tx, ctx, userId, roleKey);
    await recordAudit(tx, ctx, { action: "role.grant", entityType: "user", entityId: userId, summary: { role: roleKey } });
    return { userId, roles: (await permissionsOf(tx, userId)).roles };
  });
}

export async function revokeRole(ctx: Ctx, userId: string, roleKey: string) {
  if (userId === ctx.actor.userId && roleKey === "platform_admin") {
    throw new Forbidden("ROLE_SELF_REVOKE", "You cannot remove your own administrator role; ask another administrator.");
  }
  return ctx.db.transaction(async (tx) => {
    const removed = await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.roleKey, roleKey))).returning();
    if (!removed.length) throw new NotFound(`Role "${roleKey}" on this account`, "ROLE_NOT_GRANTED");
    await recordAudit(tx, ctx, { action: "role.revoke", entityType: "user", entityId: userId, summary: { role: roleKey } });
    return { userId, roles: (await permissionsOf(tx, userId)).roles };
  });
}

export const can = (actor: Actor, p: string) => actor.permissions.has(p);

// Tenancy: merchant people reach only their own merchant's rows. A foreign id answers
// 404, not 403, so that ids of other merchants cannot be probed.
export function assertOwnMerchant(actor: Actor, merchantId: string | null, what: string) {
  if (actor.kind === "merchant" && actor.merchantId !== merchantId) throw new NotFound(what);
}

