import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Queryable, Tx } from "../../lib/db-types.js";
import type { Ctx } from "../../server/context.js";
import { auditLog } from "./schema.js";
import { GENESIS, rowHash } from "./chain.js";

// Arbitrary constant: one writer at a time extends the chain.
const AUDIT_CHAIN_LOCK = 0x5347_4155;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  summary?: Record<string, unknown>;
}

// Written inside the transaction of the change it records, so either both happen or
// neither does. Call it last in the transaction: the chain lock is held until commit.
export async function recordAudit(tx: Tx, ctx: Ctx, e: AuditEntry) {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: ctx.clock.now(),
    actorId: ctx.actor.userId,
    actorLabel: ctx.actor.label,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    summary: JSON.parse(JSON.stringify(e.summary ?? {})) as unknown,
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
    prevHash: last?.hash ?? GENESIS,
  };
  await tx.insert(auditLog).values({ ...row, hash: rowHash(row) });
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  before?: number;
  limit: number;
}

export async function listAudit(db: Queryable, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.action) where.push(sql`${auditLog.action} like ${q.action.replace(/[%_]/g, "\\$&") + "%"}`);
  if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lte(auditLog.at, q.to));
  if (q.before) where.push(lt(auditLog.seq, q.before));
  const rows = await db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.seq)).limit(q.limit + 1);
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  return { items, nextCursor: more ? String(items[items.length - 1]!.seq) : null };
}

export type ChainReport =
  | { ok: true; checked: number; lastSeq: number }
  | { ok: false; checked: number; firstBroken: { seq: number; reason: string } };

// Walks the whole chain in order and reports the first row that does not hold:
// a gap in the sequence (a deleted row), a wrong back-link, or content that no
// longer matches its hash (an altered row).
export async function verifyAuditChain(db: Queryable, batch = 2000): Promise<ChainReport> {
  let prevHash = GENESIS;
  let expectSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, expectSeq - 1)).orderBy(asc(auditLog.seq)).limit(batch);
    for (const r of rows) {
      const broken = (reason: string): ChainReport => ({ ok: false, checked, firstBroken: { seq: r.seq, reason } });
      if (r.seq !== expectSeq) return { ok: false, checked, firstBroken: { seq: expectSeq, reason: `row ${expectSeq} is missing (next present row is ${r.seq})` } };
      if (r.prevHash !== prevHash) return broken("link to the previous row does not match");
      if (rowHash(r) !== r.hash) return broken("content does not match its hash: the row was altered");
      prevHash = r.hash;
      expectSeq++;
      checked++;
    }
    if (rows.length < batch) return { ok: true, checked, lastSeq: expectSeq - 1 };
  }
}
