import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Services } from "../../server/context.js";
import { merchantBreaches, merchants } from "./schema.js";

export type BreachKind = (typeof merchantBreaches.$inferSelect)["kind"];

// M7 input: a breach counts once per fact, whoever notices it first.
export async function recordBreach(q: Queryable, s: Pick<Services, "clock">, b: { merchantId: string; kind: BreachKind; requirement: string; subjectType: string; subjectId: string; detail?: string | null }) {
  const [row] = await q.insert(merchantBreaches).values({ id: newId(), ...b, detail: b.detail ?? null, occurredAt: s.clock.now() }).onConflictDoNothing().returning();
  return row ?? null;
}

// Breaches per shop since a date, by kind: what the credit rating (M7) will weigh.
export async function breachCounts(q: Queryable, since: Date, merchantId?: string) {
  const rows = await q.select({ merchantId: merchantBreaches.merchantId, merchantName: merchants.name, kind: merchantBreaches.kind, count: sql<number>`count(*)::int` })
    .from(merchantBreaches).innerJoin(merchants, eq(merchants.id, merchantBreaches.merchantId))
    .where(and(gte(merchantBreaches.occurredAt, since), merchantId ? eq(merchantBreaches.merchantId, merchantId) : undefined))
    .groupBy(merchantBreaches.merchantId, merchants.name, merchantBreaches.kind);
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export async function breachesOf(q: Queryable, merchantId: string, limit = 100) {
  return q.select().from(merchantBreaches).where(eq(merchantBreaches.merchantId, merchantId)).orderBy(desc(merchantBreaches.occurredAt)).limit(limit);
}
