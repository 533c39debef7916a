import { shanghaiDay } from "../../lib/clock.js";
import ExcelJS from "exceljs";
import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { rowsOf, type Queryable, type Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { documentCounters } from "../../server/schema.js";
import { recordAudit } from "../audit/service.js";
import { categories } from "../catalog/schema.js";
import { merchants } from "../merchants/schema.js";
import { orders } from "../orders/schema.js";
import { escrowReleases, payouts, settlementStatements } from "./schema.js";

export type Statement = typeof settlementStatements.$inferSelect;

// F5: a settlement period is a calendar month in Shanghai time (UTC+8, no daylight saving).
export { shanghaiDay };
export const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// A calendar day that exists (2026-02-30 does not).
export const isDay = (v: string) => DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

export interface Period { month: string; periodStart: string; periodEnd: string; from: Date; to: Date }

export function periodOf(month: string): Period {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { month, periodStart: `${month}-01`, periodEnd: `${month}-${String(last).padStart(2, "0")}`, from: new Date(`${month}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}
const previousMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};
export const monthOf = (d: Date) => shanghaiDay(d).slice(0, 7);

// Reads of several tables that must agree with one another see one snapshot.
const snapshot = { isolationLevel: "repeatable read", accessMode: "read only" } as const;

// A release written in the last instants of a month commits a moment later than the clock
// it read: a period is issued only once this much has passed since it ended, so that no
// completing transaction can still add to it.
export const ISSUE_GRACE_MS = 10 * 60_000;

// Statements are issued one merchant chain at a time: two issuers (the daily job and a
// person) never number or insert the same statement twice.
const ISSUE_LOCK = 0x5347_5354;

// ST202611-0003: the period's month and a counter of that month's statements.
async function statementNumber(tx: Tx, month: string) {
  const key = `ST${month.replace("-", "")}`;
  const [row] = rowsOf<{ value: number }>(await tx.execute(sql`insert into ${documentCounters} (key, value) values (${key}, 1)
    on conflict (key) do update set value = ${documentCounters.value} + 1 returning value`));
  return `${key}-${String(row!.value).padStart(4, "0")}`;
}

type CommissionLine = (typeof escrowReleases.$inferSelect)["commissionLines"][number];

// The figures of one merchant's period, from the escrow releases (what the ledger posted
// to merchant_payable) and the payouts paid in it. Refunds after release come with
// after-sales; until then the field is there and zero.
async function periodFigures(q: Queryable, merchantId: string, p: Period) {
  const [r] = await q.select({
    orders: sql<string>`count(*)`, gross: sql<string>`coalesce(sum(${escrowReleases.releasedFen}), 0)`,
    commission: sql<string>`coalesce(sum(${escrowReleases.commissionFen}), 0)`, payable: sql<string>`coalesce(sum(${escrowReleases.payableFen}), 0)`,
  }).from(escrowReleases).where(and(eq(escrowReleases.merchantId, merchantId), gte(escrowReleases.releasedAt, p.from), lt(escrowReleases.releasedAt, p.to)));
  const [po] = await q.select({ paid: sql<string>`coalesce(sum(${payouts.amountFen}), 0)` }).from(payouts)
    .where(and(eq(payouts.merchantId, merchantId), eq(payouts.status, "paid"), gte(payouts.paidAt, p.from), lt(payouts.paidAt, p.to)));
  const grossFen = Number(r!.gross);
  const commissionFen = Number(r!.commission);
  const refundsFen = 0;
  const netFen = Number(r!.payable) - refundsFen;
  if (netFen !== grossFen - commissionFen - refundsFen) throw new Error(`escrow releases of merchant ${merchantId} do not add up in ${p.month}`);
  return { orders: Number(r!.orders), grossFen, refundsFen, commissionFen, netFen, paidOutFen: Number(po!.paid) };
}

// What the shop was owed at an instant: every payable released before it, less every payout paid before it.
async function owedBefore(q: Queryable, merchantId: string, at: Date) {
  const [r] = rowsOf<{ owed: string }>(await q.execute(sql`select
    (select coalesce(sum(payable_fen), 0) from ${escrowReleases} where merchant_id = ${merchantId} and released_at < ${at.toISOString()}::timestamptz)
    - (select coalesce(sum(amount_fen), 0) from ${payouts} where merchant_id = ${merchantId} and status = 'paid' and paid_at < ${at.toISOString()}::timestamptz) as owed`));
  return Number(r!.owed);
}

// The orders of a merchant's period with their commission by category and rate.
async function periodLines(q: Queryable, merchantId: string, p: Period) {
  const rows = await q.select({ r: escrowReleases, orderNo: orders.no, completedAt: orders.completedAt }).from(escrowReleases).innerJoin(orders, eq(orders.id, escrowReleases.orderId))
    .where(and(eq(escrowReleases.merchantId, merchantId), gte(escrowReleases.releasedAt, p.from), lt(escrowReleases.releasedAt, p.to)))
    .orderBy(asc(escrowReleases.releasedAt), asc(escrowReleases.id));
  const keys = [...new Set(rows.flatMap((x) => x.r.commissionLines.map((l) => l.categoryKey).filter((k): k is string => !!k)))];
  const names = new Map((keys.length ? await q.select({ key: categories.key, name: categories.name }).from(categories).where(inArray(categories.key, keys)) : []).map((c) => [c.key, c.name]));
  // Lines of one order in the same category at the same rate read as one.
  const group = (lines: CommissionLine[]) => {
    const m = new Map<string, { categoryKey: string | null; categoryName: { zh: string; en: string } | null; bps: number; baseFen: number; commissionFen: number }>();
    for (const l of lines) {
      const k = `${l.categoryKey ?? ""}|${l.bps}`;
      const g = m.get(k) ?? { categoryKey: l.categoryKey, categoryName: l.categoryKey ? (names.get(l.categoryKey) ?? null) : null, bps: l.bps, baseFen: 0, commissionFen: 0 };
      g.baseFen += l.baseFen;
      g.commissionFen += l.commissionFen;
      m.set(k, g);
    }
    return [...m.values()];
  };
  const lines = rows.map(({ r, orderNo, completedAt }) => ({
    orderId: r.orderId, orderNo, completedAt: completedAt ?? r.releasedAt, releasedAt: r.releasedAt,
    grossFen: r.releasedFen, commissionFen: r.commissionFen, netFen: r.payableFen, commission: group(r.commissionLines),
  }));
  const byCategory = group(rows.flatMap((x) => x.r.commissionLines)).sort((a, b) => b.commissionFen - a.commissionFen);
  return { lines, byCategory };
}

async function payoutsIn(q: Queryable, merchantId: string, p: Period) {
  return q.select({ id: payouts.id, no: payouts.no, amountFen: payouts.amountFen, providerRef: payouts.providerRef, paidAt: payouts.paidAt, statementId: payouts.statementId })
    .from(payouts).where(and(eq(payouts.merchantId, merchantId), eq(payouts.status, "paid"), gte(payouts.paidAt, p.from), lt(payouts.paidAt, p.to))).orderBy(asc(payouts.paidAt));
}

async function merchantName(q: Queryable, merchantId: string) {
  const [m] = await q.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, merchantId));
  return m?.name ?? null;
}

// F5: the open period as it stands now, from the same figures an issued statement freezes.
// Its opening balance is what the shop was owed when the period began: the closing balance
// of the last statement, plus anything of ended periods not issued yet.
export async function currentStatement(ctx: Ctx, merchantId: string) {
  return ctx.db.transaction(async (tx) => {
    const p = periodOf(monthOf(ctx.clock.now()));
    const figures = await periodFigures(tx, merchantId, p);
    const openingFen = await owedBefore(tx, merchantId, p.from);
    const [last] = await tx.select({ no: settlementStatements.no, closingFen: settlementStatements.closingFen, periodEnd: settlementStatements.periodEnd }).from(settlementStatements)
      .where(eq(settlementStatements.merchantId, merchantId)).orderBy(desc(settlementStatements.periodStart)).limit(1);
    return {
      current: true as const, merchantId, merchantName: await merchantName(tx, merchantId), periodStart: p.periodStart, periodEnd: p.periodEnd, asOf: ctx.clock.now(),
      ...figures, openingFen, closingFen: openingFen + figures.netFen - figures.paidOutFen,
      lastStatement: last ?? null, ...(await periodLines(tx, merchantId, p)), payouts: await payoutsIn(tx, merchantId, p),
    };
  }, snapshot);
}

export interface IssueResult { periodEnd: string; issued: Statement[]; alreadyIssued: number }

// F5: freezes the statements of every ended period up to `periodEnd` (by default the last
// ended month) for every merchant with activity in them: orders completed or payouts paid.
// Periods of a merchant are issued in order, each opening with the previous one's closing;
// a month without activity has no statement and carries its balance on. Issuing again
// changes nothing (one statement per merchant and period).
export async function issueStatements(ctx: Ctx, input: { periodEnd?: string }) {
  const now = ctx.clock.now();
  let month: string;
  if (input.periodEnd) {
    if (!isDay(input.periodEnd)) throw new ValidationError("PERIOD_END_INVALID", "Give the period's last day as YYYY-MM-DD, e.g. 2026-11-30.", { field: "periodEnd" });
    month = input.periodEnd.slice(0, 7);
    const p = periodOf(month);
    if (p.periodEnd !== input.periodEnd) throw new ValidationError("PERIOD_END_INVALID", `A settlement period is a calendar month: its end is the month's last day, ${p.periodEnd}, not ${input.periodEnd}.`, { field: "periodEnd", expected: p.periodEnd });
    if (p.to.getTime() + ISSUE_GRACE_MS > now.getTime()) {
      throw new RuleViolation("PERIOD_NOT_ENDED", `The period ${p.periodStart} – ${p.periodEnd} has not ended yet; its statements can be issued from ${shanghaiDay(p.to)} 00:${String(ISSUE_GRACE_MS / 60_000).padStart(2, "0")} (Shanghai time).`, { periodEnd: p.periodEnd });
    }
  } else {
    month = previousMonth(monthOf(new Date(now.getTime() - ISSUE_GRACE_MS)));
  }
  const target = periodOf(month);
  return ctx.db.transaction(async (tx): Promise<IssueResult> => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ISSUE_LOCK})`);
    // Months with activity up to the target, per merchant, after its last statement.
    const pending = rowsOf<{ merchant_id: string; month: string }>(await tx.execute(sql`
      with activity as (
        select merchant_id, to_char(released_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month from ${escrowReleases} where released_at < ${target.to.toISOString()}::timestamptz
        union
        select merchant_id, to_char(paid_at at time zone 'Asia/Shanghai', 'YYYY-MM') from ${payouts} where status = 'paid' and paid_at < ${target.to.toISOString()}::timestamptz)
      select a.merchant_id, a.month from activity a
      where a.month > coalesce((select to_char(max(s.period_start), 'YYYY-MM') from ${settlementStatements} s where s.merchant_id = a.merchant_id), '')
      order by a.merchant_id, a.month`));
    const issued: Statement[] = [];
    for (const { merchant_id: merchantId, month: m } of pending) {
      const p = periodOf(m);
      const [prev] = await tx.select({ closingFen: settlementStatements.closingFen }).from(settlementStatements)
        .where(and(eq(settlementStatements.merchantId, merchantId), lt(settlementStatements.periodStart, p.periodStart))).orderBy(desc(settlementStatements.periodStart)).limit(1);
      const figures = await periodFigures(tx, merchantId, p);
      const openingFen = prev?.closingFen ?? 0;
      const [row] = await tx.insert(settlementStatements).values({
        id: newId(), no: await statementNumber(tx, m), merchantId, periodStart: p.periodStart, periodEnd: p.periodEnd, ...figures,
        openingFen, closingFen: openingFen + figures.netFen - figures.paidOutFen, status: "issued", issuedAt: now,
      }).returning();
      issued.push(row!);
    }
    const [already] = await tx.select({ n: sql<string>`count(*)` }).from(settlementStatements).where(eq(settlementStatements.periodStart, target.periodStart));
    if (ctx.actor.kind === "staff") {
      await recordAudit(tx, ctx, { action: "settlement.issue", entityType: "settlement_period", entityId: null, summary: { periodEnd: target.periodEnd, issued: issued.map((s) => s.no) } });
    }
    return { periodEnd: target.periodEnd, issued, alreadyIssued: Number(already!.n) - issued.filter((s) => s.periodStart === target.periodStart).length };
  });
}

// The payout that paid a statement: its own, or (for one carried forward unpaid) the one of
// the later statement whose closing balance included it.
async function payoutsOf(q: Queryable, list: Statement[]) {
  if (!list.length) return new Map<string, typeof payouts.$inferSelect>();
  const merchantIds = [...new Set(list.map((s) => s.merchantId))];
  const rows = await q.select({ p: payouts, periodStart: settlementStatements.periodStart }).from(payouts).innerJoin(settlementStatements, eq(settlementStatements.id, payouts.statementId))
    .where(inArray(payouts.merchantId, merchantIds)).orderBy(asc(settlementStatements.periodStart), desc(payouts.createdAt));
  const m = new Map<string, typeof payouts.$inferSelect>();
  for (const s of list) {
    const own = rows.find((r) => r.p.statementId === s.id && r.p.status !== "failed") ?? rows.find((r) => r.p.statementId === s.id);
    const later = s.status === "paid" && (!own || own.p.status !== "paid") ? rows.find((r) => r.p.merchantId === s.merchantId && r.p.status === "paid" && r.periodStart > s.periodStart) : undefined;
    const chosen = (own?.p.status === "paid" ? own : later ?? own)?.p;
    if (chosen) m.set(s.id, chosen);
  }
  return m;
}

async function views(q: Queryable, list: Statement[]) {
  const names = new Map((list.length ? await q.select({ id: merchants.id, name: merchants.name }).from(merchants).where(inArray(merchants.id, [...new Set(list.map((s) => s.merchantId))])) : []).map((m) => [m.id, m.name]));
  const paid = await payoutsOf(q, list);
  const newer = list.length ? await q.select({ merchantId: settlementStatements.merchantId, periodStart: sql<string>`to_char(max(${settlementStatements.periodStart}), 'YYYY-MM-DD')` }).from(settlementStatements)
    .where(inArray(settlementStatements.merchantId, [...new Set(list.map((s) => s.merchantId))])).groupBy(settlementStatements.merchantId) : [];
  const newest = new Map(newer.map((r) => [r.merchantId, r.periodStart]));
  return list.map((s) => {
    const payout = paid.get(s.id) ?? null;
    const isLatest = newest.get(s.merchantId) === s.periodStart;
    return {
      ...s, merchantName: names.get(s.merchantId) ?? null, latest: isLatest,
      payout: payout && { id: payout.id, no: payout.no, status: payout.status, amountFen: payout.amountFen, providerRef: payout.providerRef, paidAt: payout.paidAt, statementId: payout.statementId, failureReason: payout.failureReason },
      // Only the latest statement is paid out: its closing balance carries every earlier one's.
      payable: s.status === "issued" && isLatest && s.closingFen > 0 && payout?.status !== "pending",
    };
  });
}
export type StatementView = Awaited<ReturnType<typeof views>>[number];

export async function listStatements(ctx: Ctx, filter: { merchantId?: string; status?: "issued" | "paid"; month?: string; limit?: number }) {
  const rows = await ctx.db.select().from(settlementStatements).where(and(
    filter.merchantId ? eq(settlementStatements.merchantId, filter.merchantId) : undefined,
    filter.status ? eq(settlementStatements.status, filter.status) : undefined,
    filter.month ? eq(settlementStatements.periodStart, `${filter.month}-01`) : undefined,
  )).orderBy(desc(settlementStatements.periodStart), asc(settlementStatements.no)).limit(filter.limit ?? 200);
  return { items: await views(ctx.db, rows) };
}

// One issued statement with its orders (commission by category and rate) and the payouts of
// its period. A merchant reaches only its own (`merchantId` set).
export async function statementDetail(ctx: Ctx, id: string, merchantId?: string) {
  return ctx.db.transaction(async (tx) => {
    const [s] = await tx.select().from(settlementStatements).where(and(eq(settlementStatements.id, id), merchantId ? eq(settlementStatements.merchantId, merchantId) : undefined));
    if (!s) throw new NotFound("Statement", "STATEMENT_NOT_FOUND");
    const p = periodOf(s.periodStart.slice(0, 7));
    const [view] = await views(tx, [s]);
    return { ...view!, ...(await periodLines(tx, s.merchantId, p)), payouts: await payoutsIn(tx, s.merchantId, p) };
  }, snapshot);
}
export type StatementDetail = Awaited<ReturnType<typeof statementDetail>>;

const yuan = (f: number) => (f / 100).toFixed(2);
const rate = (bps: number) => `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
const commissionText = (c: StatementDetail["lines"][number]["commission"]) => c.map((x) => `${x.categoryName ? `${x.categoryName.zh} ${x.categoryName.en}` : x.categoryKey ?? "—"} ${rate(x.bps)}`).join("; ");

const summaryRows = (s: StatementDetail): [string, string | number][] => [
  ["对账单号 Statement", s.no], ["商家 Merchant", s.merchantName ?? s.merchantId], ["账期 Period", `${s.periodStart} – ${s.periodEnd}`],
  ["订单数 Orders", s.orders], ["期初余额 Opening (CNY)", yuan(s.openingFen)], ["成交金额 Gross (CNY)", yuan(s.grossFen)], ["佣金 Commission (CNY)", yuan(s.commissionFen)],
  ["结算后退款 Refunds after release (CNY)", yuan(s.refundsFen)], ["应结净额 Net (CNY)", yuan(s.netFen)], ["本期已付 Paid out (CNY)", yuan(s.paidOutFen)], ["期末余额 Closing (CNY)", yuan(s.closingFen)],
  ["状态 Status", s.status === "paid" ? "已付款 Paid" : "已出账 Issued"],
];
const orderHeader = ["订单号 Order", "完成时间 Completed at", "成交金额 Gross (CNY)", "佣金 Commission (CNY)", "类目与费率 Category and rate", "应结 Net (CNY)"];
const orderRow = (l: StatementDetail["lines"][number]) => [l.orderNo, l.completedAt.toISOString(), yuan(l.grossFen), yuan(l.commissionFen), commissionText(l.commission), yuan(l.netFen)];

// F5: the statement as a workbook (summary, orders, commission by category) or as CSV.
export async function statementExport(ctx: Ctx, id: string, format: "xlsx" | "csv", merchantId?: string) {
  const s = await statementDetail(ctx, id, merchantId);
  if (format === "csv") {
    const cell = (v: string | number) => (/[",\n\r]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
    const rows = [...summaryRows(s), [], orderHeader, ...s.lines.map(orderRow)] as (string | number)[][];
    // The byte-order mark makes Excel read the Chinese headings as UTF-8.
    return { filename: `${s.no}.csv`, contentType: "text/csv; charset=utf-8", body: Buffer.from(`\uFEFF${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`) };
  }
  const wb = new ExcelJS.Workbook();
  wb.created = ctx.clock.now();
  const summary = wb.addWorksheet("对账单 Statement");
  summary.addRow([`结算对账单 Settlement statement ${s.no}`]).font = { bold: true, size: 14 };
  summary.addRow([]);
  for (const r of summaryRows(s)) summary.addRow(r);
  summary.columns.forEach((c, i) => { c.width = i === 0 ? 36 : 40; });
  const ordersSheet = wb.addWorksheet("订单 Orders", { views: [{ state: "frozen", ySplit: 1 }] });
  ordersSheet.addRow(orderHeader).font = { bold: true };
  for (const l of s.lines) ordersSheet.addRow([l.orderNo, l.completedAt, l.grossFen / 100, l.commissionFen / 100, commissionText(l.commission), l.netFen / 100]);
  ordersSheet.addRow(["合计 Total", null, s.grossFen / 100, s.commissionFen / 100, null, s.netFen / 100]).font = { bold: true };
  ordersSheet.getColumn(2).numFmt = "yyyy-mm-dd hh:mm";
  for (const c of [3, 4, 6]) ordersSheet.getColumn(c).numFmt = "#,##0.00";
  ordersSheet.columns.forEach((c, i) => { c.width = i === 4 ? 40 : 20; });
  const cats = wb.addWorksheet("佣金 Commission");
  cats.addRow(["类目 Category", "费率 Rate", "计佣基数 Base (CNY)", "佣金 Commission (CNY)"]).font = { bold: true };
  for (const c of s.byCategory) cats.addRow([c.categoryName ? `${c.categoryName.zh} ${c.categoryName.en}` : c.categoryKey ?? "—", rate(c.bps), c.baseFen / 100, c.commissionFen / 100]);
  cats.columns.forEach((c) => { c.width = 24; });
  return { filename: `${s.no}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: Buffer.from(await wb.xlsx.writeBuffer()) };
}
