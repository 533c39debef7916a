import ExcelJS from "exceljs";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import type { Ctx, Services } from "../../server/context.js";
import { getRule } from "../settings/index.js";
import { suppliers } from "../suppliers/schema.js";
import { daysAgo, levelCondition, levelIdsIn, levelsIn, levelView, readableWarehouse, scopeOf, snapshot, unitsSoldSince, warehouseChoices, type BookScope } from "./insight.js";
import { purchaseReceiptLines, purchaseReceipts, stockBatches, stockLevels, warehouses } from "./schema.js";
import { shanghaiDay } from "./stock.js";

// I6: how much to buy, per SKU and warehouse, with every input shown next to the number.
//   velocity  = units sold (commit movements) in the window ÷ window days
//   target    = velocity × (lead time + cover target) + safety stock
//   suggested = max(0, ⌈target − (on hand − reserved) − inbound⌉)
// where inbound is what open receipts (status "expected") still bring.
export interface ReplenishmentRules { velocityWindowDays: number; coverTargetDays: number }

export interface Suggestion extends ReturnType<typeof levelView> {
  supplier: { id: string; name: string; contactName: string; contactPhone: string } | null;
  soldInWindow: number; velocity: number; leadTimeDays: number; coverTargetDays: number; safetyStock: number;
  target: number; onHand: number; reserved: number; available: number; inbound: number; suggestedQty: number;
}

// The formula in whole numbers: ⌈(sold × (lead + cover) + window × (safety − available − inbound)) ÷ window⌉.
export function suggestedQuantity(i: { soldInWindow: number; windowDays: number; leadTimeDays: number; coverTargetDays: number; safetyStock: number; available: number; inbound: number }) {
  const need = i.soldInWindow * (i.leadTimeDays + i.coverTargetDays) + i.windowDays * (i.safetyStock - i.available - i.inbound);
  return need > 0 ? Math.ceil(need / i.windowDays) : 0;
}

export async function computeSuggestions(q: Queryable, s: Services, scope: BookScope, warehouseId?: string) {
  const now = s.clock.now();
  const rules: ReplenishmentRules = {
    velocityWindowDays: await getRule(s, "inventory.velocityWindowDays", q),
    coverTargetDays: await getRule(s, "inventory.coverTargetDays", q),
  };
  const levels = await levelsIn(q, scope, warehouseId);
  const sold = await unitsSoldSince(q, scope, daysAgo(now, rules.velocityWindowDays), warehouseId);
  const inbound = await q.select({ levelId: stockLevels.id, quantity: sql<number>`sum(${purchaseReceiptLines.expectedQty})::int` })
    .from(purchaseReceiptLines)
    .innerJoin(purchaseReceipts, eq(purchaseReceipts.id, purchaseReceiptLines.receiptId))
    .innerJoin(stockLevels, and(eq(stockLevels.warehouseId, purchaseReceipts.warehouseId), eq(stockLevels.productId, purchaseReceiptLines.productId), eq(stockLevels.skuCode, purchaseReceiptLines.skuCode)))
    .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
    .where(and(eq(purchaseReceipts.status, "expected"), levelCondition(scope, warehouseId)))
    .groupBy(stockLevels.id);
  const inboundOf = new Map(inbound.map((r) => [r.levelId, Number(r.quantity)]));
  // The supplier to buy from: the one of the newest batch that names one.
  const latest = await q.selectDistinctOn([stockBatches.levelId], {
    levelId: stockBatches.levelId, id: suppliers.id, name: suppliers.name, contactName: suppliers.contactName, contactPhone: suppliers.contactPhone,
  }).from(stockBatches).innerJoin(suppliers, eq(suppliers.id, stockBatches.supplierId))
    .where(inArray(stockBatches.levelId, levelIdsIn(q, scope, warehouseId)))
    .orderBy(stockBatches.levelId, desc(stockBatches.createdAt), desc(stockBatches.id));
  const supplierOf = new Map(latest.map(({ levelId, ...sup }) => [levelId, sup]));

  const items: Suggestion[] = levels.map((l) => {
    const soldInWindow = sold.get(l.levelId) ?? 0;
    const available = l.onHand - l.reserved;
    const inb = inboundOf.get(l.levelId) ?? 0;
    const exactTarget = (soldInWindow * (l.leadTimeDays + rules.coverTargetDays)) / rules.velocityWindowDays + l.safetyStock;
    return {
      ...levelView(l), supplier: supplierOf.get(l.levelId) ?? null,
      soldInWindow, velocity: Math.round((soldInWindow / rules.velocityWindowDays) * 100) / 100,
      leadTimeDays: l.leadTimeDays, coverTargetDays: rules.coverTargetDays, safetyStock: l.safetyStock,
      target: Math.round(exactTarget * 100) / 100, onHand: l.onHand, reserved: l.reserved, available, inbound: inb,
      suggestedQty: suggestedQuantity({ soldInWindow, windowDays: rules.velocityWindowDays, leadTimeDays: l.leadTimeDays, coverTargetDays: rules.coverTargetDays, safetyStock: l.safetyStock, available, inbound: inb }),
    };
  });
  items.sort((a, b) => b.suggestedQty - a.suggestedQty || a.warehouse.code.localeCompare(b.warehouse.code) || a.product.title.localeCompare(b.product.title) || a.skuCode.localeCompare(b.skuCode));
  return { today: shanghaiDay(now), since: daysAgo(now, rules.velocityWindowDays), rules, items };
}

export async function replenishment(ctx: Ctx, filter: { warehouseId?: string }) {
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    if (filter.warehouseId) await readableWarehouse(tx, scope, filter.warehouseId);
    const plan = await computeSuggestions(tx, ctx, scope, filter.warehouseId);
    return { ...plan, warehouses: await warehouseChoices(tx, scope) };
  }, snapshot);
}

export const purchasePlanColumns = [
  ["supplier", "供应商 Supplier"], ["product", "商品 Product"], ["sku", "SKU"], ["warehouse", "仓库 Warehouse"], ["suggested", "建议采购量 Suggested qty"],
  ["velocity", "日均销量 Velocity (units/day)"], ["leadTime", "采购周期(天) Lead time (days)"], ["safety", "安全库存 Safety stock"],
  ["onHand", "在库 On hand"], ["reserved", "已预留 Reserved"], ["inbound", "在途 Inbound"],
] as const;

// The purchase plan: the SKUs worth buying, grouped by supplier, one subtotal each.
export async function purchasePlanXlsx(ctx: Ctx, filter: { warehouseId?: string }) {
  const plan = await replenishment(ctx, filter);
  const lines = plan.items.filter((i) => i.suggestedQty > 0);
  const groups = new Map<string, { supplier: Suggestion["supplier"]; lines: Suggestion[] }>();
  for (const l of lines) {
    const k = l.supplier?.id ?? "";
    if (!groups.has(k)) groups.set(k, { supplier: l.supplier, lines: [] });
    groups.get(k)!.lines.push(l);
  }
  const ordered = [...groups.values()].sort((a, b) => (a.supplier ? 0 : 1) - (b.supplier ? 0 : 1) || (a.supplier?.name ?? "").localeCompare(b.supplier?.name ?? ""));

  const wb = new ExcelJS.Workbook();
  wb.created = ctx.clock.now();
  const sheet = wb.addWorksheet("purchase-plan", { views: [{ state: "frozen", ySplit: 4 }] });
  sheet.addRow(["采购计划 Purchase plan"]).font = { bold: true, size: 14 };
  sheet.addRow([`${plan.today} · 销售窗口 ${plan.rules.velocityWindowDays} 天 Velocity over ${plan.rules.velocityWindowDays} days · 覆盖 ${plan.rules.coverTargetDays} 天 Cover ${plan.rules.coverTargetDays} days · 建议 = ⌈日均销量 × (采购周期 + 覆盖天数) + 安全库存 − (在库 − 已预留) − 在途⌉ Suggested = ⌈velocity × (lead time + cover) + safety − (on hand − reserved) − inbound⌉`]);
  sheet.addRow([]);
  sheet.addRow(purchasePlanColumns.map(([, label]) => label)).font = { bold: true };
  for (const g of ordered) {
    const head = sheet.addRow([g.supplier ? `${g.supplier.name} · ${g.supplier.contactName} ${g.supplier.contactPhone}` : "未指定供应商 No supplier on record"]);
    head.font = { bold: true };
    head.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF1E6" } };
    for (const l of g.lines) {
      sheet.addRow([g.supplier?.name ?? null, l.product.title, l.skuCode, l.warehouse.code, l.suggestedQty, l.velocity, l.leadTimeDays, l.safetyStock, l.onHand, l.reserved, l.inbound]);
    }
    const sub = sheet.addRow(["小计 Subtotal", null, null, null, g.lines.reduce((n, l) => n + l.suggestedQty, 0)]);
    sub.font = { italic: true };
  }
  if (!ordered.length) sheet.addRow(["目前没有需要补货的 SKU No SKU needs replenishing now"]);
  sheet.columns.forEach((c, i) => { c.width = i === 1 ? 36 : i === 0 ? 24 : 16; });
  return { filename: `purchase-plan-${plan.today}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}
