import { and, desc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx, Services } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation } from "../../server/errors.js";
import { nextNumber } from "../../server/numbers.js";
import { recordAudit } from "../audit/service.js";
import { ledgerAccounts, ledgerEntries } from "../ledger/schema.js";
import { accounts, post } from "../ledger/service.js";
import { merchants } from "../merchants/schema.js";
import type { PaymentProvider } from "../payments/providers/provider.js";
import { providers } from "../payments/registry.js";
import { payouts, settlementStatements } from "./schema.js";

export type Payout = typeof payouts.$inferSelect;

// The provider that sends payouts: the first one offering transfers (the sandbox unless a
// licensed provider's payout product is configured before it).
export function payoutProvider(s: Services): PaymentProvider & Required<Pick<PaymentProvider, "transfer">> {
  for (const p of providers(s).values()) if (p.transfer) return p as PaymentProvider & Required<Pick<PaymentProvider, "transfer">>;
  throw new RuleViolation("PAYOUT_PROVIDER_UNAVAILABLE", "No payment provider offering payouts is configured here.");
}

// What the platform owes the shop now, from the ledger (a liability: a negative balance).
async function owedNow(tx: Tx, merchantId: string) {
  const [r] = await tx.select({ balance: sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)` }).from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId)).where(eq(ledgerAccounts.code, accounts.merchantPayable(merchantId).code));
  return -Number(r!.balance);
}

// F5, step 1: the payout is decided and numbered, pending, under the statement's lock: one
// payout per statement at a time, only of the shop's latest statement (its closing balance
// carries every earlier one's), only of a positive balance the ledger still owes.
async function decidePayout(ctx: Ctx, input: { statementId: string; requestKey: string }) {
  return ctx.db.transaction(async (tx) => {
    // The statement's lock first: a request sent twice at once finds its first payout here.
    const [s] = await tx.select().from(settlementStatements).where(eq(settlementStatements.id, input.statementId)).for("update");
    const [again] = await tx.select().from(payouts).where(eq(payouts.requestKey, input.requestKey));
    if (again) {
      if (again.statementId !== input.statementId) throw new Conflict("REQUEST_KEY_REUSED", "This request key was used for another statement's payout; send a new key for a new payout.", { payoutNo: again.no });
      return again;
    }
    if (!s) throw new NotFound("Statement", "STATEMENT_NOT_FOUND");
    if (s.status === "paid") throw new RuleViolation("STATEMENT_ALREADY_PAID", `Statement ${s.no} is already paid.`, { statementNo: s.no });
    const [later] = await tx.select({ no: settlementStatements.no }).from(settlementStatements)
      .where(and(eq(settlementStatements.merchantId, s.merchantId), gt(settlementStatements.periodStart, s.periodStart))).orderBy(desc(settlementStatements.periodStart)).limit(1);
    if (later) throw new RuleViolation("STATEMENT_SUPERSEDED", `Statement ${s.no} was carried forward; pay the shop's latest statement ${later.no}, whose closing balance includes this one's.`, { statementNo: s.no, latestNo: later.no });
    const [open] = await tx.select({ no: payouts.no }).from(payouts).where(and(eq(payouts.statementId, s.id), ne(payouts.status, "failed")));
    if (open) throw new RuleViolation("PAYOUT_IN_PROGRESS", `Payout ${open.no} of statement ${s.no} is already under way.`, { payoutNo: open.no });
    if (s.closingFen <= 0) {
      throw new RuleViolation("PAYOUT_AMOUNT_NOT_POSITIVE", `Statement ${s.no} closes at ${(s.closingFen / 100).toFixed(2)} yuan: there is nothing to pay out.`, { statementNo: s.no, closingFen: s.closingFen });
    }
    const owed = await owedNow(tx, s.merchantId);
    if (owed < s.closingFen) {
      throw new RuleViolation("PAYOUT_EXCEEDS_BALANCE", `The shop is owed ${(owed / 100).toFixed(2)} yuan in the books, less than statement ${s.no}'s ${(s.closingFen / 100).toFixed(2)} yuan; check the ledger before paying.`, { owedFen: owed, closingFen: s.closingFen });
    }
    const provider = payoutProvider(ctx);
    const now = ctx.clock.now();
    const [row] = await tx.insert(payouts).values({
      id: newId(), no: await nextNumber(tx, "PO", now), merchantId: s.merchantId, statementId: s.id, amountFen: s.closingFen, provider: provider.name,
      status: "pending", requestedByLabel: ctx.actor.label, requestKey: input.requestKey, createdAt: now,
    }).returning();
    return row!;
  });
}

// F5, step 3: the provider has sent the money. The payout, its ledger posting and the
// statement (with any earlier ones it carried) become paid in one transaction.
async function confirmPayout(ctx: Ctx, p: Payout, providerRef: string | null) {
  return ctx.db.transaction(async (tx) => {
    const [done] = await tx.update(payouts).set({ status: "paid", providerRef, paidAt: ctx.clock.now(), failureReason: null })
      .where(and(eq(payouts.id, p.id), eq(payouts.status, "pending"))).returning();
    if (!done) return (await tx.select().from(payouts).where(eq(payouts.id, p.id)))[0]!;
    await post(tx, ctx, {
      kind: "payout", referenceType: "payout", referenceId: done.id, memo: `payout ${done.no} via ${done.provider} ${providerRef ?? ""}`.trim(),
      entries: [
        { account: accounts.merchantPayable(done.merchantId), amountFen: done.amountFen },
        { account: accounts.providerClearing(done.provider), amountFen: -done.amountFen, merchantId: done.merchantId },
      ],
    });
    if (done.statementId) {
      const [s] = await tx.select().from(settlementStatements).where(eq(settlementStatements.id, done.statementId));
      // Earlier statements still open were carried into this one's closing balance: paid with it.
      await tx.update(settlementStatements).set({ status: "paid", paidAt: done.paidAt })
        .where(and(eq(settlementStatements.merchantId, done.merchantId), eq(settlementStatements.status, "issued"), sql`${settlementStatements.periodStart} <= ${s!.periodStart}`));
    }
    if (ctx.actor.kind === "staff") await recordAudit(tx, ctx, { action: "settlement.payout", entityType: "payout", entityId: done.id, summary: { no: done.no, amountFen: done.amountFen, providerRef } });
    return done;
  });
}

// F5: finance pays an issued statement's closing balance to the shop. The same request key
// returns the same payout; a payout left pending (the provider did not answer, or answers
// later) is asked again with the same transfer number, which the provider never pays twice.
export async function payStatement(ctx: Ctx, input: { statementId: string; requestKey: string }) {
  const p = await decidePayout(ctx, input);
  if (p.status !== "pending") return p;
  const [m] = await ctx.db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, p.merchantId));
  const provider = payoutProvider(ctx);
  let result;
  try {
    result = await provider.transfer({ transferNo: p.no, amountFen: p.amountFen, payeeId: p.merchantId, payeeName: m?.name ?? p.merchantId, memo: `Settlement payout ${p.no}` });
  } catch (e) {
    result = { status: "failed" as const, providerRef: null, detail: (e as Error).message };
  }
  if (result.status === "succeeded") return confirmPayout(ctx, p, result.providerRef);
  if (result.status === "failed") {
    const [failed] = await ctx.db.update(payouts).set({ status: "failed", failureReason: (result.detail ?? "the provider refused the transfer").slice(0, 500), providerRef: result.providerRef })
      .where(and(eq(payouts.id, p.id), eq(payouts.status, "pending"))).returning();
    return failed ?? p;
  }
  return p;
}

export async function listPayouts(ctx: Ctx, filter: { merchantId?: string; status?: Payout["status"]; limit?: number }) {
  const rows = await ctx.db.select({ p: payouts, statementNo: settlementStatements.no, periodStart: settlementStatements.periodStart, periodEnd: settlementStatements.periodEnd })
    .from(payouts).leftJoin(settlementStatements, eq(settlementStatements.id, payouts.statementId))
    .where(and(filter.merchantId ? eq(payouts.merchantId, filter.merchantId) : undefined, filter.status ? eq(payouts.status, filter.status) : undefined))
    .orderBy(desc(payouts.createdAt), desc(payouts.id)).limit(filter.limit ?? 200);
  const ids = [...new Set(rows.map((r) => r.p.merchantId))];
  const names = new Map((ids.length ? await ctx.db.select({ id: merchants.id, name: merchants.name }).from(merchants).where(inArray(merchants.id, ids)) : []).map((m) => [m.id, m.name]));
  return { items: rows.map((r) => ({ ...r.p, statementNo: r.statementNo, periodStart: r.periodStart, periodEnd: r.periodEnd, merchantName: names.get(r.p.merchantId) ?? null })) };
}
