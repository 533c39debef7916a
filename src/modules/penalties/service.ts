import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { addDays } from "../../lib/clock.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { merchants } from "../merchants/schema.js";
import { getRule } from "../settings/index.js";
import { closeTasks, raiseTask } from "../tasks/index.js";
import { penaltyMachine, type PenaltyKind, type PenaltyStatus } from "./machine.js";
import { merchantPenalties } from "./schema.js";
import { standingOf } from "./standing.js";

type Row = typeof merchantPenalties.$inferSelect;

const view = (p: Row, now: Date, merchantName?: string) => ({
  id: p.id, merchantId: p.merchantId, merchantName: merchantName ?? null, kind: p.kind, status: p.status, reason: p.reason, evidence: p.evidence,
  startsAt: p.startsAt, endsAt: p.endsAt, appealBy: p.appealBy, issuedBy: p.issuedByLabel, issuedAt: p.issuedAt,
  appeal: p.appealedAt ? { statement: p.appealStatement, at: p.appealedAt, by: p.appealedByLabel } : null,
  decision: p.decidedAt ? { reason: p.decisionReason, at: p.decidedAt, by: p.decidedByLabel } : null,
  // In force now: binding status and inside its period.
  active: ["in_force", "appealed", "upheld"].includes(p.status) && p.startsAt <= now && (!p.endsAt || p.endsAt > now),
  canAppeal: p.status === "in_force" && now <= p.appealBy,
});

async function byId(q: Queryable, id: string, lock = false) {
  const base = q.select().from(merchantPenalties).where(eq(merchantPenalties.id, id));
  const [p] = lock ? await base.for("update") : await base;
  if (!p) throw new NotFound("Penalty", "PENALTY_NOT_FOUND");
  return p;
}

export interface PenaltyInput { kind: PenaltyKind; reason: string; evidence: string; startsAt?: Date; endsAt?: Date | null }

export async function issuePenalty(ctx: Ctx, merchantId: string, input: PenaltyInput) {
  const now = ctx.clock.now();
  const startsAt = input.startsAt ?? now;
  const endsAt = input.endsAt ?? null;
  if ((input.kind === "listing_restriction" || input.kind === "suspension") && !endsAt) {
    throw new ValidationError("PENALTY_END_REQUIRED", "A listing restriction or suspension needs an end date; closure is the penalty without one.", { field: "endsAt" });
  }
  if ((input.kind === "warning" || input.kind === "closure") && endsAt) {
    throw new ValidationError("PENALTY_END_NOT_ALLOWED", `A ${input.kind} has no end date; choose a suspension or listing restriction for a limited period.`, { field: "endsAt" });
  }
  if (endsAt && endsAt <= startsAt) throw new ValidationError("PENALTY_DATES_INVALID", "The end must be after the start.", { field: "endsAt" });
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx.select({ id: merchants.id, name: merchants.name }).from(merchants).where(eq(merchants.id, merchantId));
    if (!m) throw new NotFound("Merchant", "MERCHANT_NOT_FOUND");
    const appealBy = addDays(now, await getRule(ctx, "merchant.penaltyAppealDays", tx));
    const [p] = await tx.insert(merchantPenalties).values({
      id: newId(), merchantId, kind: input.kind, status: "in_force", reason: input.reason.trim(), evidence: input.evidence.trim(), startsAt, endsAt, appealBy,
      issuedBy: ctx.actor.userId, issuedByLabel: ctx.actor.label, issuedAt: now,
    }).returning();
    await raiseTask(tx, ctx, {
      audience: "merchant", merchantId, kind: "penalty_issued", subjectType: "penalty", subjectId: p!.id, dueAt: appealBy, dedupeKey: `penalty-issued:${p!.id}`,
      params: { penaltyKind: input.kind, reason: p!.reason, appealBy: appealBy.toISOString() },
    });
    await recordAudit(tx, ctx, { action: "penalty.issue", entityType: "merchant", entityId: merchantId, summary: { penaltyId: p!.id, kind: input.kind, startsAt, endsAt, reason: p!.reason } });
    return view(p!, now, m.name);
  });
}

export async function listPenalties(ctx: Ctx, q: { merchantId?: string; status?: PenaltyStatus; limit: number }) {
  const where: SQL[] = [];
  if (q.merchantId) where.push(eq(merchantPenalties.merchantId, q.merchantId));
  if (q.status) where.push(eq(merchantPenalties.status, q.status));
  const rows = await ctx.db.select({ p: merchantPenalties, name: merchants.name }).from(merchantPenalties).innerJoin(merchants, eq(merchants.id, merchantPenalties.merchantId))
    .where(and(...where)).orderBy(desc(merchantPenalties.issuedAt)).limit(q.limit);
  const now = ctx.clock.now();
  return { items: rows.map((r) => view(r.p, now, r.name)) };
}

async function merchantName(q: Queryable, merchantId: string) {
  const [m] = await q.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, merchantId));
  return m?.name;
}

export async function getPenalty(ctx: Ctx, id: string) {
  const p = await byId(ctx.db, id);
  return view(p, ctx.clock.now(), await merchantName(ctx.db, p.merchantId));
}

export async function myPenalties(ctx: Ctx) {
  const rows = await ctx.db.select().from(merchantPenalties).where(eq(merchantPenalties.merchantId, ctx.actor.merchantId!)).orderBy(desc(merchantPenalties.issuedAt));
  const now = ctx.clock.now();
  return { items: rows.map((p) => view(p, now)), standing: await standingOf(ctx.db, ctx.actor.merchantId!, now) };
}

// The merchant's side of the appeal path: one statement, within the appeal window.
export async function appealPenalty(ctx: Ctx, id: string, statement: string) {
  return ctx.db.transaction(async (tx) => {
    const p = await byId(tx, id, true);
    if (p.merchantId !== ctx.actor.merchantId) throw new NotFound("Penalty", "PENALTY_NOT_FOUND");
    const to = next(penaltyMachine, p.status, "appeal");
    const now = ctx.clock.now();
    if (now > p.appealBy) throw new RuleViolation("APPEAL_WINDOW_CLOSED", `The appeal window closed on ${p.appealBy.toISOString()}.`, { appealBy: p.appealBy });
    const [row] = await tx.update(merchantPenalties).set({ status: to, appealStatement: statement.trim(), appealedAt: now, appealedByLabel: ctx.actor.label })
      .where(eq(merchantPenalties.id, id)).returning();
    await closeTasks(tx, ctx, { subjectType: "penalty", subjectId: id, kinds: ["penalty_issued"] }, ctx.actor.label);
    await raiseTask(tx, ctx, {
      audience: "platform", merchantId: p.merchantId, permission: "merchant.penalize", kind: "appeal_review", subjectType: "penalty", subjectId: id,
      dueAt: addDays(now, 7), dedupeKey: `appeal-review:${id}`, params: { penaltyKind: p.kind },
    });
    await recordAudit(tx, ctx, { action: "penalty.appeal", entityType: "merchant", entityId: p.merchantId, summary: { penaltyId: id } });
    return view(row!, now);
  });
}

// Another person than the one who issued the penalty decides its appeal.
export async function decideAppeal(ctx: Ctx, id: string, input: { decision: "uphold" | "revoke"; reason: string }) {
  return ctx.db.transaction(async (tx) => {
    const p = await byId(tx, id, true);
    const to = next(penaltyMachine, p.status, input.decision);
    if (p.issuedBy && p.issuedBy === ctx.actor.userId) {
      throw new Conflict("APPEAL_NEEDS_ANOTHER_REVIEWER", "You issued this penalty; a colleague must decide the appeal against it.");
    }
    const now = ctx.clock.now();
    const [row] = await tx.update(merchantPenalties).set({ status: to, decisionReason: input.reason.trim(), decidedBy: ctx.actor.userId, decidedByLabel: ctx.actor.label, decidedAt: now })
      .where(eq(merchantPenalties.id, id)).returning();
    await closeTasks(tx, ctx, { subjectType: "penalty", subjectId: id, kinds: ["appeal_review"] }, ctx.actor.label);
    await raiseTask(tx, ctx, {
      audience: "merchant", merchantId: p.merchantId, kind: "appeal_decided", subjectType: "penalty", subjectId: id, dedupeKey: `appeal-decided:${id}`,
      params: { decision: input.decision, penaltyKind: p.kind, reason: input.reason.trim() },
    });
    await recordAudit(tx, ctx, { action: `penalty.appeal_${input.decision}`, entityType: "merchant", entityId: p.merchantId, summary: { penaltyId: id, reason: input.reason } });
    return view(row!, now, await merchantName(tx, p.merchantId));
  });
}

export async function liftPenalty(ctx: Ctx, id: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const p = await byId(tx, id, true);
    const to = next(penaltyMachine, p.status, "lift");
    const now = ctx.clock.now();
    const [row] = await tx.update(merchantPenalties).set({ status: to, decisionReason: reason.trim(), decidedBy: ctx.actor.userId, decidedByLabel: ctx.actor.label, decidedAt: now })
      .where(eq(merchantPenalties.id, id)).returning();
    await closeTasks(tx, ctx, { subjectType: "penalty", subjectId: id }, ctx.actor.label);
    await recordAudit(tx, ctx, { action: "penalty.lift", entityType: "merchant", entityId: p.merchantId, summary: { penaltyId: id, reason } });
    return view(row!, now, await merchantName(tx, p.merchantId));
  });
}

export async function myStanding(ctx: Ctx) {
  return standingOf(ctx.db, ctx.actor.merchantId!, ctx.clock.now());
}
