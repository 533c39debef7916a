import { and, asc, desc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/service.js";
import type { StatementLine } from "../payments/providers/provider.js";
import { providerFor, providers } from "../payments/registry.js";
import { payments, refunds } from "../payments/schema.js";
import { reconciliationDifferences, reconciliationRuns } from "./schema.js";
import { isDay, shanghaiDay } from "./statements.js";

type Difference = Omit<typeof reconciliationDifferences.$inferInsert, "id" | "runId">;
interface Ours { kind: "payment" | "refund"; no: string; providerTxnId: string | null; amountFen: number; status: string }

const dayBounds = (day: string) => {
  const from = new Date(`${day}T00:00:00+08:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
};

// Sets a provider's lines of the day against ours, line by line, by our number (the
// provider's out_trade_no / out_refund_no). A provider line we booked on another day (a
// payment at midnight) still matches when our books have it succeeded with that amount.
function compare(theirs: StatementLine[], ours: Ours[], elsewhere: Map<string, Ours>) {
  const differences: Difference[] = [];
  let matched = 0;
  const key = (kind: string, no: string) => `${kind}:${no}`;
  const mine = new Map(ours.map((o) => [key(o.kind, o.no), o]));
  const seen = new Set<string>();
  for (const t of theirs) {
    const k = key(t.kind, t.no);
    seen.add(k);
    const o = mine.get(k) ?? elsewhere.get(k);
    const base = { lineKind: t.kind, no: t.no, providerTxnId: t.providerTxnId, providerFen: t.amountFen };
    if (!o) { differences.push({ ...base, kind: "missing_in_books", ourFen: null, note: `the provider lists this ${t.kind}; our books do not have it` }); continue; }
    if (o.status !== "succeeded") { differences.push({ ...base, kind: "status_differs", ourFen: o.amountFen, note: `the provider settled it; our books have it ${o.status}` }); continue; }
    if (o.amountFen !== t.amountFen) { differences.push({ ...base, kind: "amount_differs", ourFen: o.amountFen, note: `the provider lists ${t.amountFen} 分, our books ${o.amountFen} 分` }); continue; }
    if (o.providerTxnId && o.providerTxnId !== t.providerTxnId) {
      differences.push({ ...base, kind: "status_differs", ourFen: o.amountFen, note: `the provider's transaction ${t.providerTxnId} is not the one in our books, ${o.providerTxnId}` });
      continue;
    }
    matched++;
  }
  for (const o of ours) {
    if (seen.has(key(o.kind, o.no))) continue;
    differences.push({ kind: "missing_at_provider", lineKind: o.kind, no: o.no, providerTxnId: o.providerTxnId, ourFen: o.amountFen, providerFen: null, note: `our books have this ${o.kind} succeeded on this day; the provider's statement does not list it` });
  }
  return { matched, differences };
}

// Our side of a provider's day: payments that succeeded (paid at the provider's time) and
// refunds that the provider confirmed, in Shanghai time.
async function ourLines(q: Queryable, provider: string, day: string): Promise<Ours[]> {
  const { from, to } = dayBounds(day);
  const ps = await q.select({ no: payments.no, providerTxnId: payments.providerTxnId, amountFen: payments.amountFen, status: payments.status }).from(payments)
    .where(and(eq(payments.provider, provider as "sandbox"), eq(payments.status, "succeeded"), gte(payments.paidAt, from), lt(payments.paidAt, to)));
  const rs = await q.select({ no: refunds.no, providerTxnId: refunds.providerRefundId, amountFen: refunds.amountFen, status: refunds.status }).from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(and(eq(payments.provider, provider as "sandbox"), eq(refunds.status, "succeeded"), gte(refunds.completedAt, from), lt(refunds.completedAt, to)));
  return [...ps.map((p) => ({ kind: "payment" as const, ...p })), ...rs.map((r) => ({ kind: "refund" as const, ...r }))];
}

// The provider's lines we did not book on that day, looked up in the whole books.
async function lookUp(q: Queryable, provider: string, lines: StatementLine[], ours: Ours[]) {
  const have = new Set(ours.map((o) => `${o.kind}:${o.no}`));
  const missing = lines.filter((l) => !have.has(`${l.kind}:${l.no}`));
  const pNos = missing.filter((l) => l.kind === "payment").map((l) => l.no);
  const rNos = missing.filter((l) => l.kind === "refund").map((l) => l.no);
  const ps = pNos.length ? await q.select({ no: payments.no, providerTxnId: payments.providerTxnId, amountFen: payments.amountFen, status: payments.status }).from(payments)
    .where(and(eq(payments.provider, provider as "sandbox"), inArray(payments.no, pNos))) : [];
  const rs = rNos.length ? await q.select({ no: refunds.no, providerTxnId: refunds.providerRefundId, amountFen: refunds.amountFen, status: refunds.status }).from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId)).where(and(eq(payments.provider, provider as "sandbox"), inArray(refunds.no, rNos))) : [];
  return new Map<string, Ours>([...ps.map((p) => [`payment:${p.no}`, { kind: "payment" as const, ...p }] as const), ...rs.map((r) => [`refund:${r.no}`, { kind: "refund" as const, ...r }] as const)]);
}

const net = (lines: { kind: "payment" | "refund"; amountFen: number }[]) => lines.reduce((n, l) => n + (l.kind === "payment" ? l.amountFen : -l.amountFen), 0);

// F3: reconciles one provider's statement of one Shanghai day against our books: every
// difference listed, totals and fees kept. Running a day again replaces its run (same id)
// with a fresh comparison: the books or the provider's statement may have been corrected,
// and only the latest comparison says where things stand. A provider that cannot deliver
// its statement gives a failed run with its message.
export async function runReconciliation(ctx: Ctx, input: { provider: string; day: string }) {
  if (!isDay(input.day)) throw new ValidationError("DAY_INVALID", "Give a calendar day as YYYY-MM-DD, e.g. 2026-11-30.", { field: "day" });
  const today = shanghaiDay(ctx.clock.now());
  if (input.day >= today) throw new RuleViolation("DAY_NOT_ENDED", `Providers publish a day's statement after the day ends: ${input.day} can be reconciled from ${shanghaiDay(new Date(dayBounds(input.day).to))} on.`, { day: input.day });
  const provider = providerFor(ctx, input.provider);
  let lines: StatementLine[] = [];
  let error: string | null = null;
  try {
    lines = await provider.statement(input.day);
  } catch (e) {
    error = ((e as Error).message || String(e)).slice(0, 500);
  }
  return ctx.db.transaction(async (tx) => {
    const ours = await ourLines(tx, provider.name, input.day);
    const result = error ? { matched: 0, differences: [] } : compare(lines, ours, await lookUp(tx, provider.name, lines, ours));
    const values = {
      status: error ? "failed" as const : result.differences.length ? "differences" as const : "matched" as const,
      providerLines: lines.length, ourLines: ours.length, matched: result.matched, differences: result.differences.length,
      providerTotalFen: net(lines), ourTotalFen: net(ours), feeFen: lines.reduce((n, l) => n + l.feeFen, 0),
      error, ranByLabel: ctx.actor.label, ranAt: ctx.clock.now(),
    };
    const [run] = await tx.insert(reconciliationRuns).values({ id: newId(), provider: provider.name, day: input.day, ...values })
      .onConflictDoUpdate({ target: [reconciliationRuns.provider, reconciliationRuns.day], set: values }).returning();
    await tx.delete(reconciliationDifferences).where(eq(reconciliationDifferences.runId, run!.id));
    if (result.differences.length) await tx.insert(reconciliationDifferences).values(result.differences.map((d) => ({ id: newId(), runId: run!.id, ...d })));
    if (ctx.actor.kind === "staff") await recordAudit(tx, ctx, { action: "settlement.reconcile", entityType: "reconciliation_run", entityId: run!.id, summary: { provider: run!.provider, day: run!.day, status: run!.status, differences: run!.differences } });
    return run!;
  });
}

// The daily job: yesterday, for every provider configured here.
export async function reconcileYesterday(s: Services) {
  const ctx = ctxFor(s, systemActor("reconciliation"));
  const day = shanghaiDay(new Date(s.clock.now().getTime() - 86_400_000));
  const runs = [];
  for (const name of providers(s).keys()) runs.push(await runReconciliation(ctx, { provider: name, day }));
  return runs;
}

export async function listRuns(ctx: Ctx, filter: { provider?: string; limit?: number }) {
  const items = await ctx.db.select().from(reconciliationRuns).where(filter.provider ? eq(reconciliationRuns.provider, filter.provider) : undefined)
    .orderBy(desc(reconciliationRuns.day), asc(reconciliationRuns.provider)).limit(filter.limit ?? 90);
  return { items, providers: [...providers(ctx).keys()] };
}

export async function runDetail(ctx: Ctx, id: string) {
  const [run] = await ctx.db.select().from(reconciliationRuns).where(eq(reconciliationRuns.id, id));
  if (!run) throw new NotFound("Reconciliation run", "RECONCILIATION_RUN_NOT_FOUND");
  const differences = await ctx.db.select().from(reconciliationDifferences).where(eq(reconciliationDifferences.runId, id)).orderBy(asc(reconciliationDifferences.kind), asc(reconciliationDifferences.no));
  return { ...run, items: differences };
}
