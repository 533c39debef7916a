import ExcelJS from "exceljs";
import { and, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import type { Ctx } from "../../server/context.js";
import { ValidationError } from "../../server/errors.js";
import { levelIdsIn, levelsIn, levelView, readableWarehouse, scopeOf, snapshot, warehouseChoices, type BookScope } from "./insight.js";
import { stockBatches, stockMovements } from "./schema.js";
import { shanghaiDay } from "./stock.js";

// I7: per warehouse and month (Shanghai calendar), for every SKU: the opening stock, what
// came in and went out by kind, the closing stock, and whether that agrees with the books.
export const inKinds = ["receive", "transferIn", "adjust", "unblock", "other"] as const;
export const outKinds = ["commit", "transferOut", "supplierReturn", "adjust", "blockExpired", "blockDamaged", "other"] as const;
type InKind = (typeof inKinds)[number];
type OutKind = (typeof outKinds)[number];
type Ins = Record<InKind | "total", number>;
type Outs = Record<OutKind | "total", number>;

const zeroIn = (): Ins => ({ receive: 0, transferIn: 0, adjust: 0, unblock: 0, other: 0, total: 0 });
const zeroOut = (): Outs => ({ commit: 0, transferOut: 0, supplierReturn: 0, adjust: 0, blockExpired: 0, blockDamaged: 0, other: 0, total: 0 });

// On hand excludes blocked stock, so blocking a batch is an outflow and unblocking an inflow.
// A block on or after the batch's expiry day is the expiry's; one before it, damage or a
// failed inspection. Decided from the dates, as the batch's present reason may have changed since.
function bucketOf(type: string, delta: number, expired: boolean): { side: "in"; kind: InKind } | { side: "out"; kind: OutKind } {
  if (delta > 0) {
    const kind = ({ receive: "receive", transfer_in: "transferIn", adjust: "adjust", unblock: "unblock" } as Record<string, InKind>)[type] ?? "other";
    return { side: "in", kind };
  }
  if (type === "block") return { side: "out", kind: expired ? "blockExpired" : "blockDamaged" };
  const kind = ({ commit: "commit", transfer_out: "transferOut", supplier_return: "supplierReturn", adjust: "adjust" } as Record<string, OutKind>)[type] ?? "other";
  return { side: "out", kind };
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

// The month's first instant and the next month's, in Shanghai time (UTC+8, no daylight saving).
export function monthBounds(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: new Date(`${month}-01T00:00:00+08:00`), end: new Date(`${next}-01T00:00:00+08:00`), days };
}

export interface ReportRow extends ReturnType<typeof levelView> {
  opening: number; in: Ins; out: Outs; closing: number;
  // What the books say independently: the level after its last movement before the month,
  // after its last movement of the month, and (for the running month) the level now.
  books: { opening: number; closing: number; onHandNow: number | null };
  reconciled: boolean;
}

const day = sql<string>`to_char(${stockMovements.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
const direction = sql<number>`sign(${stockMovements.onHandDelta})::int`;

async function lastOnHandAfter(q: Queryable, scope: BookScope, before: Date, warehouseId?: string) {
  const rows = await q.selectDistinctOn([stockMovements.levelId], { levelId: stockMovements.levelId, onHandAfter: stockMovements.onHandAfter })
    .from(stockMovements).where(and(lt(stockMovements.createdAt, before), inArray(stockMovements.levelId, levelIdsIn(q, scope, warehouseId))))
    .orderBy(stockMovements.levelId, desc(stockMovements.createdAt), desc(stockMovements.id));
  return new Map(rows.map((r) => [r.levelId, r.onHandAfter]));
}

async function sumBefore(q: Queryable, scope: BookScope, before: Date, warehouseId?: string) {
  const rows = await q.select({ levelId: stockMovements.levelId, onHand: sql<number>`sum(${stockMovements.onHandDelta})::int` })
    .from(stockMovements).where(and(lt(stockMovements.createdAt, before), inArray(stockMovements.levelId, levelIdsIn(q, scope, warehouseId))))
    .groupBy(stockMovements.levelId);
  return new Map(rows.map((r) => [r.levelId, Number(r.onHand)]));
}

export async function computeMonthlyReport(q: Queryable, ctx: Ctx, scope: BookScope, month: string, warehouseId?: string) {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  if (month > today.slice(0, 7)) throw new ValidationError("REPORT_MONTH_IN_FUTURE", "That month has not begun yet; choose this month or an earlier one.", { field: "month" });
  const current = month === today.slice(0, 7);
  const { start, end, days } = monthBounds(month);

  const levels = await levelsIn(q, scope, warehouseId);
  const openingSum = await sumBefore(q, scope, start, warehouseId);
  const closingSum = await sumBefore(q, scope, end, warehouseId);
  const openingBook = await lastOnHandAfter(q, scope, start, warehouseId);
  const closingBook = await lastOnHandAfter(q, scope, end, warehouseId);
  const flows = await q.select({
    levelId: stockMovements.levelId, type: stockMovements.type, expiryDate: stockBatches.expiryDate, day, direction,
    quantity: sql<number>`sum(${stockMovements.onHandDelta})::int`,
  }).from(stockMovements).leftJoin(stockBatches, eq(stockBatches.id, stockMovements.batchId))
    .where(and(gte(stockMovements.createdAt, start), lt(stockMovements.createdAt, end), ne(stockMovements.onHandDelta, 0), inArray(stockMovements.levelId, levelIdsIn(q, scope, warehouseId))))
    .groupBy(stockMovements.levelId, stockMovements.type, stockBatches.expiryDate, day, direction);

  const perLevel = new Map<string, { in: Ins; out: Outs }>();
  const perDay = new Map<string, { in: number; out: number }>();
  for (const f of flows) {
    const qty = Number(f.quantity);
    const b = bucketOf(f.type, qty, f.expiryDate !== null && f.day >= f.expiryDate);
    const acc = perLevel.get(f.levelId) ?? { in: zeroIn(), out: zeroOut() };
    perLevel.set(f.levelId, acc);
    const d = perDay.get(f.day) ?? { in: 0, out: 0 };
    perDay.set(f.day, d);
    if (b.side === "in") {
      acc.in[b.kind] += qty;
      acc.in.total += qty;
      d.in += qty;
    } else {
      acc.out[b.kind] -= qty;
      acc.out.total -= qty;
      d.out -= qty;
    }
  }

  const rows: ReportRow[] = [];
  for (const l of levels) {
    const flow = perLevel.get(l.levelId) ?? { in: zeroIn(), out: zeroOut() };
    const opening = openingSum.get(l.levelId) ?? 0;
    const closing = opening + flow.in.total - flow.out.total;
    const books = { opening: openingBook.get(l.levelId) ?? 0, closing: closingBook.get(l.levelId) ?? 0, onHandNow: current ? l.onHand : null };
    if (!perLevel.has(l.levelId) && !opening && !closing && !books.closing && !books.onHandNow) continue;
    const reconciled = opening === books.opening && closing === (closingSum.get(l.levelId) ?? 0) && closing === books.closing && (books.onHandNow === null || closing === books.onHandNow);
    rows.push({ ...levelView(l), opening, in: flow.in, out: flow.out, closing, books, reconciled });
  }

  const totals = { opening: 0, in: zeroIn(), out: zeroOut(), closing: 0 };
  for (const r of rows) {
    totals.opening += r.opening;
    totals.closing += r.closing;
    for (const k of [...inKinds, "total"] as const) totals.in[k] += r.in[k];
    for (const k of [...outKinds, "total"] as const) totals.out[k] += r.out[k];
  }
  const byWarehouse = new Map<string, { warehouse: ReportRow["warehouse"]; opening: number; in: number; out: number; closing: number; reconciled: boolean }>();
  for (const r of rows) {
    const w = byWarehouse.get(r.warehouse.id) ?? { warehouse: r.warehouse, opening: 0, in: 0, out: 0, closing: 0, reconciled: true };
    byWarehouse.set(r.warehouse.id, w);
    w.opening += r.opening;
    w.in += r.in.total;
    w.out += r.out.total;
    w.closing += r.closing;
    w.reconciled &&= r.reconciled;
  }

  // The month day by day (up to today in the running month): in, out and the closing stock.
  const series: { day: string; in: number; out: number; closing: number }[] = [];
  let running = totals.opening;
  for (let d = 1; d <= days; d++) {
    const key = `${month}-${String(d).padStart(2, "0")}`;
    if (current && key > today) break;
    const f = perDay.get(key) ?? { in: 0, out: 0 };
    running += f.in - f.out;
    series.push({ day: key, in: f.in, out: f.out, closing: running });
  }

  return {
    month, from: start, to: end, current, today,
    rows, totals: { ...totals, reconciled: rows.every((r) => r.reconciled) && totals.opening + totals.in.total - totals.out.total === totals.closing },
    byWarehouse: [...byWarehouse.values()], days: series,
  };
}

export async function monthlyReport(ctx: Ctx, filter: { month?: string; warehouseId?: string }) {
  const scope = scopeOf(ctx);
  const month = filter.month ?? shanghaiDay(ctx.clock.now()).slice(0, 7);
  return ctx.db.transaction(async (tx) => {
    const warehouse = filter.warehouseId ? await readableWarehouse(tx, scope, filter.warehouseId) : null;
    const report = await computeMonthlyReport(tx, ctx, scope, month, filter.warehouseId);
    return { ...report, warehouse: warehouse && { id: warehouse.id, code: warehouse.code, name: warehouse.name }, warehouses: await warehouseChoices(tx, scope) };
  }, snapshot);
}

export const reportColumns = [
  ["warehouse", "仓库 Warehouse"], ["owner", "货主 Owner"], ["product", "商品 Product"], ["sku", "SKU"], ["opening", "期初 Opening"],
  ["in.receive", "采购入库 Received"], ["in.transferIn", "调拨入库 Transfer in"], ["in.adjust", "盘盈调整 Adjustment +"], ["in.unblock", "解除冻结 Unblocked"], ["in.other", "其他入库 Other in"], ["in.total", "入库合计 Total in"],
  ["out.commit", "销售出库 Sold"], ["out.transferOut", "调拨出库 Transfer out"], ["out.supplierReturn", "退供应商 Returned to supplier"], ["out.adjust", "盘亏调整 Adjustment −"],
  ["out.blockExpired", "过期冻结 Blocked: expired"], ["out.blockDamaged", "残损冻结 Blocked: damaged"], ["out.other", "其他出库 Other out"], ["out.total", "出库合计 Total out"],
  ["closing", "期末 Closing"], ["books.closing", "账面期末 Closing in the books"], ["reconciled", "核对一致 Reconciled"],
] as const;

export async function monthlyReportXlsx(ctx: Ctx, filter: { month?: string; warehouseId?: string }) {
  const r = await monthlyReport(ctx, filter);
  const wb = new ExcelJS.Workbook();
  wb.created = ctx.clock.now();
  const sheet = wb.addWorksheet(`report-${r.month}`, { views: [{ state: "frozen", ySplit: 4, xSplit: 4 }] });
  sheet.addRow([`库存月报 Monthly stock report ${r.month}`]).font = { bold: true, size: 14 };
  sheet.addRow([`${r.warehouse ? `${r.warehouse.code} ${r.warehouse.name}` : "全部仓库 All warehouses"} · ${r.current ? `截至 ${r.today} to date` : "整月 Whole month"} · ${r.totals.reconciled ? "与账面一致 Agrees with the books" : "与账面不一致 Differs from the books"}`]);
  sheet.addRow([]);
  sheet.addRow(reportColumns.map(([, label]) => label)).font = { bold: true };
  const yes = (ok: boolean) => (ok ? "是 Yes" : "否 No");
  for (const x of r.rows) {
    sheet.addRow([
      x.warehouse.code, x.merchant.name, x.product.title, x.skuCode, x.opening,
      ...inKinds.map((k) => x.in[k]), x.in.total, ...outKinds.map((k) => x.out[k]), x.out.total,
      x.closing, x.books.closing, yes(x.reconciled),
    ]);
  }
  const t = r.totals;
  sheet.addRow(["合计 Total", null, null, null, t.opening, ...inKinds.map((k) => t.in[k]), t.in.total, ...outKinds.map((k) => t.out[k]), t.out.total, t.closing, null, yes(t.reconciled)]).font = { bold: true };
  sheet.columns.forEach((c, i) => { c.width = i === 2 ? 34 : i < 4 ? 16 : 12; });
  const where = r.warehouse ? `-${r.warehouse.code.replace(/[^A-Za-z0-9_-]/g, "")}` : "";
  return { filename: `stock-report-${r.month}${where}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}
