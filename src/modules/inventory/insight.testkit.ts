import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { World } from "../../../test/support/world.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { products, productVersions } from "../catalog/schema.js";
import { merchants } from "../merchants/schema.js";
import { commitReservation, levelFor, move, receiveIntoBatch, reserveStock, type Level } from "./stock.js";
import { stockBatches, stockLevels, warehouses } from "./schema.js";

// Fixtures for the alerts, replenishment and report tests: stock put in and taken out
// through the core (stock.ts), never by writing quantities.

export async function merchantId(w: World, name: string) {
  const [m] = await w.services.db.select({ id: merchants.id }).from(merchants).where(eq(merchants.name, name));
  return m!.id;
}
export const TEA = "西湖茶舍 West Lake Tea House";

// SKU code → product id of a shop's live products.
export async function skus(w: World, shop: string) {
  const rows = await w.services.db.select({ id: products.id, content: productVersions.content }).from(products)
    .innerJoin(productVersions, eq(productVersions.id, products.liveVersionId)).where(eq(products.merchantId, await merchantId(w, shop)));
  return new Map(rows.flatMap((r) => r.content.skus.map((s) => [s.code, r.id] as const)));
}

export async function warehouse(w: World, code: string, ownerId: string | null = null) {
  const id = newId();
  await w.services.db.insert(warehouses).values({ id, code, name: `测试仓 ${code}`, merchantId: ownerId, createdAt: w.clock.now(), updatedAt: w.clock.now() });
  return id;
}

export interface Lot { batchNo: string; quantity: number; expiryDate?: string | null; supplierId?: string | null }

export async function receive(w: World, warehouseId: string, productId: string, skuCode: string, lots: Lot[], ctx: Ctx = w.system): Promise<Level> {
  return w.services.db.transaction(async (tx) => {
    const l = await levelFor(tx, ctx, warehouseId, productId, skuCode);
    for (const lot of lots) await receiveIntoBatch(tx, ctx, l, lot.quantity, { batchNo: lot.batchNo, expiryDate: lot.expiryDate ?? null, supplierId: lot.supplierId ?? null }, { type: "receipt", no: "TEST" });
    const [after] = await tx.select().from(stockLevels).where(eq(stockLevels.id, l.id));
    return after!;
  });
}

// An order placed and shipped: a reservation, then its commit (FEFO picks).
export async function sell(w: World, level: Level, quantity: number) {
  await w.services.db.transaction(async (tx) => {
    const r = await reserveStock(tx, w.system, { referenceType: "order", referenceId: newId(), lines: [{ productId: level.productId, skuCode: level.skuCode, quantity, warehouseId: level.warehouseId }] });
    await commitReservation(tx, w.system, r.id, { type: "outbound", no: "TEST-OUT" });
  });
}

export async function hold(w: World, level: Level, quantity: number, referenceId = newId()) {
  return w.services.db.transaction((tx) => reserveStock(tx, w.system, { referenceType: "manual", referenceId, lines: [{ productId: level.productId, skuCode: level.skuCode, quantity, warehouseId: level.warehouseId }], minutes: 60 * 24 * 365 }));
}

export async function batchOf(w: World, level: Level, batchNo: string) {
  const [b] = await w.services.db.select().from(stockBatches).where(and(eq(stockBatches.levelId, level.id), eq(stockBatches.batchNo, batchNo)));
  return b!;
}

// Takes units of a batch out of sale with a reason, as the expiry job and the damage report do.
export async function block(w: World, level: Level, batchNo: string, quantity: number, reason: "expired" | "damaged" | "quality") {
  const b = await batchOf(w, level, batchNo);
  await w.services.db.transaction(async (tx) => {
    await move(tx, w.system, level, "block", { onHand: -quantity, blocked: quantity }, { type: "batch", id: b.id, no: b.batchNo }, { batchId: b.id, note: reason });
    await tx.update(stockBatches).set({ blockedReason: reason }).where(eq(stockBatches.id, b.id));
  });
}

// A movement of a given type straight through move(), for kinds whose documents other parts own.
export async function moveBatch(w: World, level: Level, batchNo: string, type: "transfer_in" | "transfer_out" | "supplier_return" | "adjust" | "unblock", delta: { onHand: number; blocked?: number }) {
  const b = await batchOf(w, level, batchNo);
  await w.services.db.transaction((tx) => move(tx, w.system, level, type, delta, { type: type === "adjust" ? "stocktake" : type === "unblock" ? "batch" : "outbound", no: "TEST" }, { batchId: b.id }));
}

export async function settings(w: World, level: Level, s: Partial<Pick<Level, "lowStockUnits" | "coverDays" | "safetyStock" | "leadTimeDays">>) {
  await w.services.db.update(stockLevels).set(s).where(eq(stockLevels.id, level.id));
}

// The body of a binary answer (w.http decodes bodies as text).
export async function download(w: World, url: string, token: string) {
  const res = await w.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

export async function readSheet(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const rows: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = Array.from(row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === undefined || v === null ? null : typeof v === "number" ? v : String(v)));
    while (values.length && values[values.length - 1] === null) values.pop();
    rows.push(values);
  });
  return rows;
}
