import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx, Services } from "../../server/context.js";
import { NotFound } from "../../server/errors.js";
import { buyerNotices } from "./schema.js";

export interface NewNotice { buyerId: string; kind: string; params?: Record<string, string | number | null>; subjectType: string; subjectId: string; dedupeKey: string }

// Sent inside the caller's transaction; a notice already sent for the same fact is not sent again.
export async function notifyBuyers(q: Queryable, s: Pick<Services, "clock">, list: NewNotice[]) {
  if (!list.length) return [];
  return q.insert(buyerNotices).values(list.map((n) => ({ id: newId(), ...n, params: n.params ?? {}, createdAt: s.clock.now() })))
    .onConflictDoNothing({ target: buyerNotices.dedupeKey }).returning();
}

export async function myNotices(ctx: Ctx, q: { unread?: boolean; limit: number }) {
  const where = and(eq(buyerNotices.buyerId, ctx.actor.userId!), q.unread ? isNull(buyerNotices.readAt) : undefined);
  const [items, [counts]] = await Promise.all([
    ctx.db.select().from(buyerNotices).where(where).orderBy(desc(buyerNotices.createdAt)).limit(q.limit),
    ctx.db.select({ unread: sql<number>`count(*) filter (where ${buyerNotices.readAt} is null)::int` }).from(buyerNotices).where(eq(buyerNotices.buyerId, ctx.actor.userId!)),
  ]);
  return { items: items.map(({ dedupeKey: _k, buyerId: _b, ...n }) => n), unread: Number(counts?.unread ?? 0) };
}

export async function readNotice(ctx: Ctx, id: string) {
  const [row] = await ctx.db.update(buyerNotices).set({ readAt: ctx.clock.now() })
    .where(and(eq(buyerNotices.id, id), eq(buyerNotices.buyerId, ctx.actor.userId!), isNull(buyerNotices.readAt))).returning();
  if (row) return { id: row.id, readAt: row.readAt };
  const [exists] = await ctx.db.select({ id: buyerNotices.id, readAt: buyerNotices.readAt }).from(buyerNotices).where(and(eq(buyerNotices.id, id), eq(buyerNotices.buyerId, ctx.actor.userId!)));
  if (!exists) throw new NotFound("Notice", "NOTICE_NOT_FOUND");
  return exists;
}
