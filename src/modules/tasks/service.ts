import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx, Services } from "../../server/context.js";
import { Forbidden, NotFound, RuleViolation } from "../../server/errors.js";
import { tasks } from "./schema.js";
import { merchants } from "../merchants/schema.js";

type TaskRow = typeof tasks.$inferSelect;

export interface NewTask {
  audience: "merchant" | "platform";
  merchantId: string | null;
  permission?: string;
  kind: string;
  params?: Record<string, string | number | null>;
  subjectType: string;
  subjectId: string;
  dueAt?: Date | null;
  dedupeKey: string;
}

// Raised inside the caller's transaction; a task already raised for the same fact stays as it is.
export async function raiseTasks(q: Queryable, s: Pick<Services, "clock">, list: NewTask[]) {
  if (!list.length) return [];
  return q.insert(tasks).values(list.map((t) => ({ id: newId(), ...t, permission: t.permission ?? null, params: t.params ?? {}, dueAt: t.dueAt ?? null, createdAt: s.clock.now() })))
    .onConflictDoNothing({ target: tasks.dedupeKey }).returning();
}

export async function raiseTask(q: Queryable, s: Pick<Services, "clock">, t: NewTask) {
  return (await raiseTasks(q, s, [t]))[0] ?? null;
}

// The fact behind the tasks went away (document renewed, appeal decided): close what is still open.
export async function closeTasks(q: Queryable, s: Pick<Services, "clock">, subject: { subjectType: string; subjectId: string; kinds?: string[]; merchantId?: string }, by: string) {
  const where: SQL[] = [eq(tasks.subjectType, subject.subjectType), eq(tasks.subjectId, subject.subjectId), eq(tasks.status, "open")];
  if (subject.merchantId) where.push(eq(tasks.merchantId, subject.merchantId));
  if (subject.kinds) where.push(inArray(tasks.kind, subject.kinds));
  await q.update(tasks).set({ status: "done", closedAt: s.clock.now(), closedBy: by }).where(and(...where));
}

const view = (t: TaskRow) => ({
  id: t.id, audience: t.audience, merchantId: t.merchantId, kind: t.kind, params: t.params, subjectType: t.subjectType, subjectId: t.subjectId,
  dueAt: t.dueAt, status: t.status, createdAt: t.createdAt, closedAt: t.closedAt,
});

const openFirst = [sql`case when ${tasks.status} = 'open' then 0 else 1 end`, asc(sql`coalesce(${tasks.dueAt}, ${tasks.createdAt})`), desc(tasks.createdAt)];

export async function myShopTasks(ctx: Ctx, q: { status?: "open" | "done" | "cancelled"; limit: number }) {
  const where: SQL[] = [eq(tasks.audience, "merchant"), eq(tasks.merchantId, ctx.actor.merchantId!)];
  if (q.status) where.push(eq(tasks.status, q.status));
  const rows = await ctx.db.select().from(tasks).where(and(...where)).orderBy(...openFirst).limit(q.limit);
  return { items: rows.map(view) };
}

// Platform tasks the actor's permissions let them work on.
export async function platformTasks(ctx: Ctx, q: { status?: "open" | "done" | "cancelled"; merchantId?: string; limit: number }) {
  if (ctx.actor.kind !== "staff") throw new Forbidden("STAFF_ONLY", "Platform tasks are for platform staff.");
  const mine = [...ctx.actor.permissions];
  const where: SQL[] = [eq(tasks.audience, "platform"), or(isNull(tasks.permission), mine.length ? inArray(tasks.permission, mine) : sql`false`)!];
  if (q.status) where.push(eq(tasks.status, q.status));
  if (q.merchantId) where.push(eq(tasks.merchantId, q.merchantId));
  const rows = await ctx.db.select({ t: tasks, merchantName: merchants.name }).from(tasks).leftJoin(merchants, eq(merchants.id, tasks.merchantId))
    .where(and(...where)).orderBy(...openFirst).limit(q.limit);
  return { items: rows.map((r) => ({ ...view(r.t), merchantName: r.merchantName })) };
}

// Notices that need nothing but reading (a warning, a decided appeal) are closed by hand;
// tasks that wait for a fact (a renewed licence) close themselves when it arrives.
const acknowledgeable = new Set(["penalty_issued", "appeal_decided", "document_renewal_rejected", "reverification_passed", "slow_mover", "listing_rejected", "product_delisted"]);

export async function acknowledgeTask(ctx: Ctx, id: string) {
  const [t] = await ctx.db.select().from(tasks).where(and(eq(tasks.id, id), eq(tasks.audience, "merchant"), eq(tasks.merchantId, ctx.actor.merchantId!)));
  if (!t) throw new NotFound("Task", "TASK_NOT_FOUND");
  if (!acknowledgeable.has(t.kind)) throw new RuleViolation("TASK_NEEDS_ACTION", "This task closes by itself once the action it asks for is done.", { kind: t.kind });
  const [row] = await ctx.db.update(tasks).set({ status: "done", closedAt: ctx.clock.now(), closedBy: ctx.actor.label }).where(and(eq(tasks.id, id), eq(tasks.status, "open"))).returning();
  return view(row ?? t);
}
