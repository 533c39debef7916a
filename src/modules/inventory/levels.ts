import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Queryable, Tx } from "../../lib/db-types.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { nextNumber } from "../../server/numbers.js";
import { recordAudit } from "../audit/index.js";
import { products, productVersions } from "../catalog/schema.js";
import { merchants } from "../merchants/schema.js";
import { suppliers } from "../suppliers/schema.js";
import {
  stockBatches, stockLevels, stockMovements, stockReservationLines, stockReservations, warehouseLocations, warehouses, type MovementType,
} from "./schema.js";
import { move, releaseReservation, reserveStock, shanghaiDay, type Batch, type Reservation, type ReserveInput } from "./stock.js";

// Which levels the actor sees: platform staff everything in the platform's warehouses; a
// merchant its own goods wherever they are stored (its warehouses or the platform's).
const levelScope = (ctx: Ctx): SQL => (ctx.actor.merchantId ? eq(stockLevels.merchantId, ctx.actor.merchantId) : isNull(warehouses.merchantId));
const movementScope = (ctx: Ctx): SQL => (ctx.actor.merchantId ? eq(stockMovements.merchantId, ctx.actor.merchantId) : isNull(warehouses.merchantId));

export type StockState = "low" | "out" | "blocked" | "all";
const available = sql<number>`(${stockLevels.onHand} - ${stockLevels.reserved})`;
const stateFilter: Record<Exclude<StockState, "all">, SQL> = {
  // As the alerts count it: below the SKU's own threshold, sold out included.
  low: sql`${stockLevels.lowStockUnits} is not null and ${available} < ${stockLevels.lowStockUnits}`,
  out: sql`${available} <= 0`,
  blocked: sql`${stockLevels.blocked} > 0`,
};

// "250g 罐装": the SKU's options as the product shows them now.
const skuOptions = sql<Record<string, string> | null>`(select s->'options' from ${productVersions} v cross join jsonb_array_elements(v.content->'skus') s
  where v.id = coalesce(${products.liveVersionId}, ${products.workingVersionId}) and s->>'code' = ${stockLevels.skuCode} limit 1)`;

const levelColumns = {
  level: stockLevels, productTitle: products.title, merchantName: merchants.name, skuOptions,
  warehouseCode: warehouses.code, warehouseName: warehouses.name, warehouseMerchantId: warehouses.merchantId,
};
type LevelRow = { level: typeof stockLevels.$inferSelect; productTitle: string; merchantName: string; skuOptions: Record<string, string> | null; warehouseCode: string; warehouseName: string; warehouseMerchantId: string | null };

const levelView = (r: LevelRow, nextExpiry: string | null = null) => {
  const l = r.level;
  const avail = l.onHand - l.reserved;
  return {
    id: l.id, productId: l.productId, productTitle: r.productTitle, skuCode: l.skuCode, skuOptions: r.skuOptions ?? {}, merchantId: l.merchantId, merchantName: r.merchantName,
    warehouse: { id: l.warehouseId, code: r.warehouseCode, name: r.warehouseName, platform: r.warehouseMerchantId === null },
    onHand: l.onHand, reserved: l.reserved, available: avail, blocked: l.blocked,
    state: avail <= 0 ? "out" as const : l.lowStockUnits !== null && avail < l.lowStockUnits ? "low" as const : "ok" as const,
    lowStockUnits: l.lowStockUnits, coverDays: l.coverDays, safetyStock: l.safetyStock, leadTimeDays: l.leadTimeDays, nextExpiry, updatedAt: l.updatedAt,
  };
};

function levelQuery(q: Queryable) {
  return q.select(levelColumns).from(stockLevels)
    .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
    .innerJoin(products, eq(products.id, stockLevels.productId))
    .innerJoin(merchants, eq(merchants.id, stockLevels.merchantId));
}

async function visibleLevel(q: Queryable, ctx: Ctx, id: string) {
  const [row] = await levelQuery(q).where(and(eq(stockLevels.id, id), levelScope(ctx)));
  if (!row) throw new NotFound("Stock level", "STOCK_LEVEL_NOT_FOUND");
  return row;
}

// The first date a sellable batch runs out: what a person looks at before promising stock.
async function nextExpiries(q: Queryable, ctx: Ctx, levelIds: string[]) {
  if (!levelIds.length) return new Map<string, string>();
  const rows = await q.select({ levelId: stockBatches.levelId, expiry: sql<string>`min(${stockBatches.expiryDate})` }).from(stockBatches)
    .where(and(inArray(stockBatches.levelId, levelIds), sql`${stockBatches.onHand} > 0`, sql`${stockBatches.expiryDate} > ${shanghaiDay(ctx.clock.now())}`))
    .groupBy(stockBatches.levelId);
  return new Map(rows.map((r) => [r.levelId, r.expiry]));
}

const likeOf = (text: string) => `%${text.replace(/[%_\\]/g, "\\$&")}%`;

// I1: stock per SKU per warehouse, by product title then SKU; the cursor is the last row's id.
export async function listStock(ctx: Ctx, f: { warehouseId?: string; q?: string; state?: StockState; cursor?: string; limit: number }) {
  const where: SQL[] = [levelScope(ctx)];
  if (f.warehouseId) where.push(eq(stockLevels.warehouseId, f.warehouseId));
  if (f.q) where.push(or(ilike(products.title, likeOf(f.q)), ilike(stockLevels.skuCode, likeOf(f.q)))!);
  if (f.state && f.state !== "all") where.push(stateFilter[f.state]);
  if (f.cursor) {
    where.push(sql`(${products.title}, ${stockLevels.skuCode}, ${stockLevels.id}) > (select p.title, l.sku_code, l.id from ${stockLevels} l join ${products} p on p.id = l.product_id where l.id = ${f.cursor})`);
  }
  const rows = await levelQuery(ctx.db).where(and(...where)).orderBy(asc(products.title), asc(stockLevels.skuCode), asc(stockLevels.id)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const expiries = await nextExpiries(ctx.db, ctx, page.map((r) => r.level.id));
  return { items: page.map((r) => levelView(r, expiries.get(r.level.id) ?? null)), nextCursor: rows.length > f.limit ? page[page.length - 1]!.level.id : null };
}

// The figures above the list: how much there is and how many SKUs need a look.
export async function stockSummary(ctx: Ctx, f: { warehouseId?: string }) {
  const [row] = await ctx.db.select({
    levels: sql<number>`count(*)::int`,
    onHand: sql<number>`coalesce(sum(${stockLevels.onHand}), 0)::int`,
    reserved: sql<number>`coalesce(sum(${stockLevels.reserved}), 0)::int`,
    blocked: sql<number>`coalesce(sum(${stockLevels.blocked}), 0)::int`,
    low: sql<number>`(count(*) filter (where ${stateFilter.low}))::int`,
    out: sql<number>`(count(*) filter (where ${stateFilter.out}))::int`,
    blockedLevels: sql<number>`(count(*) filter (where ${stateFilter.blocked}))::int`,
  }).from(stockLevels).innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
    .where(and(levelScope(ctx), f.warehouseId ? eq(stockLevels.warehouseId, f.warehouseId) : undefined));
  return { ...row!, available: row!.onHand - row!.reserved };
}

// The warehouses the actor's stock lies in, for filters: a merchant's goods may also sit
// in platform warehouses it does not run.
export async function stockWarehouses(ctx: Ctx) {
  const rows = await ctx.db.selectDistinct({ id: warehouses.id, code: warehouses.code, name: warehouses.name, merchantId: warehouses.merchantId })
    .from(warehouses).leftJoin(stockLevels, eq(stockLevels.warehouseId, warehouses.id))
    .where(ctx.actor.merchantId ? or(eq(warehouses.merchantId, ctx.actor.merchantId), eq(stockLevels.merchantId, ctx.actor.merchantId)) : isNull(warehouses.merchantId))
    .orderBy(asc(warehouses.code));
  return { items: rows.map((w) => ({ id: w.id, code: w.code, name: w.name, platform: w.merchantId === null })) };
}

const movementColumns = {
  m: stockMovements, productTitle: products.title, warehouseCode: warehouses.code, batchNo: stockBatches.batchNo,
};
type MovementRow = { m: typeof stockMovements.$inferSelect; productTitle: string; warehouseCode: string; batchNo: string | null };
const movementView = ({ m, productTitle, warehouseCode, batchNo }: MovementRow) => ({
  id: m.id, createdAt: m.createdAt, type: m.type, levelId: m.levelId, warehouseId: m.warehouseId, warehouseCode, productId: m.productId, productTitle, skuCode: m.skuCode,
  batchId: m.batchId, batchNo, onHandDelta: m.onHandDelta, reservedDelta: m.reservedDelta, blockedDelta: m.blockedDelta, onHandAfter: m.onHandAfter,
  documentType: m.documentType, documentId: m.documentId, documentNo: m.documentNo, note: m.note, actorLabel: m.actorLabel,
});

function movementQuery(q: Queryable) {
  return q.select(movementColumns).from(stockMovements)
    .innerJoin(warehouses, eq(warehouses.id, stockMovements.warehouseId))
    .innerJoin(products, eq(products.id, stockMovements.productId))
    .leftJoin(stockBatches, eq(stockBatches.id, stockMovements.batchId));
}

// I1: the trail, newest first; the cursor is the last movement's id.
export async function listMovements(ctx: Ctx, f: { warehouseId?: string; levelId?: string; batchId?: string; type?: MovementType; from?: Date; to?: Date; cursor?: string; limit: number }) {
  const where: SQL[] = [movementScope(ctx)];
  if (f.warehouseId) where.push(eq(stockMovements.warehouseId, f.warehouseId));
  if (f.levelId) where.push(eq(stockMovements.levelId, f.levelId));
  if (f.batchId) where.push(eq(stockMovements.batchId, f.batchId));
  if (f.type) where.push(eq(stockMovements.type, f.type));
  if (f.from) where.push(gte(stockMovements.createdAt, f.from));
  if (f.to) where.push(lt(stockMovements.createdAt, f.to));
  if (f.from && f.to && f.to <= f.from) throw new ValidationError("RANGE_INVALID", "The end of the period must be after its start.", { field: "to" });
  if (f.cursor) where.push(sql`(${stockMovements.createdAt}, ${stockMovements.id}) < (select created_at, id from ${stockMovements} where id = ${f.cursor})`);
  const rows = await movementQuery(ctx.db).where(and(...where)).orderBy(desc(stockMovements.createdAt), desc(stockMovements.id)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  return { items: page.map(movementView), nextCursor: rows.length > f.limit ? page[page.length - 1]!.m.id : null };
}

// I1/P6: one SKU in one warehouse: its batches in the order they leave (first expiry
// first), where they lie and where they came from, the holds on it and its latest movements.
export async function getLevel(ctx: Ctx, id: string) {
  const row = await visibleLevel(ctx.db, ctx, id);
  const today = shanghaiDay(ctx.clock.now());
  const batches = await ctx.db.select({ b: stockBatches, locationCode: warehouseLocations.code, locationName: warehouseLocations.name, supplierName: suppliers.name })
    .from(stockBatches).leftJoin(warehouseLocations, eq(warehouseLocations.id, stockBatches.locationId)).leftJoin(suppliers, eq(suppliers.id, stockBatches.supplierId))
    .where(eq(stockBatches.levelId, id)).orderBy(sql`${stockBatches.expiryDate} asc nulls last`, asc(stockBatches.createdAt));
  const holds = await ctx.db.select({ r: stockReservations, quantity: stockReservationLines.quantity }).from(stockReservationLines)
    .innerJoin(stockReservations, eq(stockReservations.id, stockReservationLines.reservationId))
    .where(and(eq(stockReservationLines.levelId, id), eq(stockReservations.status, "active"))).orderBy(asc(stockReservations.expiresAt));
  const movements = await movementQuery(ctx.db).where(eq(stockMovements.levelId, id)).orderBy(desc(stockMovements.createdAt), desc(stockMovements.id)).limit(20);
  return {
    ...levelView(row, batches.find((b) => b.b.onHand > 0 && b.b.expiryDate && b.b.expiryDate > today)?.b.expiryDate ?? null),
    batches: batches.map(({ b, locationCode, locationName, supplierName }) => ({
      id: b.id, batchNo: b.batchNo, onHand: b.onHand, blocked: b.blocked, blockedReason: b.blockedReason, receivedQty: b.receivedQty,
      productionDate: b.productionDate, expiryDate: b.expiryDate, expired: b.expiryDate !== null && b.expiryDate <= today,
      daysToExpiry: b.expiryDate ? Math.round((Date.parse(b.expiryDate) - Date.parse(today)) / 86_400_000) : null,
      location: b.locationId ? { id: b.locationId, code: locationCode!, name: locationName! } : null,
      supplier: b.supplierId ? { id: b.supplierId, name: supplierName! } : null,
      purchaseRef: b.purchaseRef, receiptId: b.receiptId, inspectionReportKey: b.inspectionReportKey, createdAt: b.createdAt,
    })),
    holds: holds.map(({ r, quantity }) => ({ id: r.id, referenceType: r.referenceType, referenceId: r.referenceId, quantity, expiresAt: r.expiresAt, createdBy: r.createdByLabel })),
    movements: movements.map(movementView),
  };
}

export interface LevelSettings { lowStockUnits: number | null; coverDays: number | null; safetyStock: number; leadTimeDays: number }

// I6 inputs: when to warn and how much to keep; the merchant decides for its goods.
export async function updateLevelSettings(ctx: Ctx, id: string, input: LevelSettings) {
  return ctx.db.transaction(async (tx) => {
    const row = await visibleLevel(tx, ctx, id);
    await tx.update(stockLevels).set({ lowStockUnits: input.lowStockUnits, coverDays: input.coverDays, safetyStock: input.safetyStock, leadTimeDays: input.leadTimeDays, updatedAt: ctx.clock.now() })
      .where(eq(stockLevels.id, id));
    await recordAudit(tx, ctx, { action: "stock.settings", entityType: "stock_level", entityId: id, summary: { skuCode: row.level.skuCode, warehouse: row.warehouseCode, ...input } });
    return levelView(await visibleLevel(tx, ctx, id));
  });
}

// Hands-on work on a batch is for whoever runs the warehouse; a merchant whose goods sit
// in a platform warehouse sees them but asks the platform's staff.
async function handledBatch(tx: Tx, ctx: Ctx, batchId: string) {
  const [row] = await tx.select({ b: stockBatches, warehouseMerchantId: warehouses.merchantId, warehouseCode: warehouses.code }).from(stockBatches)
    .innerJoin(stockLevels, eq(stockLevels.id, stockBatches.levelId)).innerJoin(warehouses, eq(warehouses.id, stockBatches.warehouseId))
    .where(and(eq(stockBatches.id, batchId), levelScope(ctx))).for("update", { of: stockLevels });
  if (!row) throw new NotFound("Batch", "BATCH_NOT_FOUND");
  if (row.warehouseMerchantId !== ctx.actor.merchantId) {
    throw new RuleViolation("WAREHOUSE_RUN_BY_PLATFORM", `${row.warehouseCode} is run by the platform; ask its warehouse staff to handle this batch.`, { warehouseCode: row.warehouseCode });
  }
  return row.b;
}

const batchDoc = (b: Batch) => ({ type: "batch" as const, id: b.id, no: b.batchNo });

export async function blockBatch(ctx: Ctx, batchId: string, input: { quantity: number; reason: "damaged" | "quality"; note?: string | null }) {
  return ctx.db.transaction(async (tx) => {
    const b = await handledBatch(tx, ctx, batchId);
    if (input.quantity > b.onHand) {
      throw new RuleViolation("BATCH_INSUFFICIENT", `Batch ${b.batchNo} holds ${b.onHand} units on hand; ${input.quantity} cannot be set aside.`, { onHand: b.onHand, requested: input.quantity });
    }
    const [level] = await tx.select().from(stockLevels).where(eq(stockLevels.id, b.levelId));
    if (level!.onHand - input.quantity < level!.reserved) {
      throw new RuleViolation("STOCK_RESERVED", `${level!.reserved} units of ${level!.skuCode} are held for orders or reservations; release holds before setting more than ${Math.max(0, level!.onHand - level!.reserved)} aside.`, {
        onHand: level!.onHand, reserved: level!.reserved, requested: input.quantity,
      });
    }
    const after = await move(tx, ctx, level!, "block", { onHand: -input.quantity, blocked: input.quantity }, batchDoc(b), { batchId, note: input.note ?? input.reason });
    // An expired batch stays "expired" whatever else is wrong with it: it cannot be sold either way.
    if (b.blockedReason !== "expired") await tx.update(stockBatches).set({ blockedReason: input.reason }).where(eq(stockBatches.id, batchId));
    return { batchId, batchNo: b.batchNo, blocked: b.blocked + input.quantity, onHand: b.onHand - input.quantity, level: { id: after.id, onHand: after.onHand, reserved: after.reserved, blocked: after.blocked } };
  });
}

// Back to sale after a second look; expired goods never go back.
export async function unblockBatch(ctx: Ctx, batchId: string, input: { quantity: number; note?: string | null }) {
  return ctx.db.transaction(async (tx) => {
    const b = await handledBatch(tx, ctx, batchId);
    if (b.blockedReason === "expired" || (b.expiryDate && b.expiryDate <= shanghaiDay(ctx.clock.now()))) {
      throw new RuleViolation("BATCH_EXPIRED", `Batch ${b.batchNo} expired on ${b.expiryDate}; it cannot be sold again, only scrapped or returned to the supplier.`);
    }
    if (input.quantity > b.blocked) {
      throw new RuleViolation("BATCH_INSUFFICIENT", `Batch ${b.batchNo} has ${b.blocked} units set aside; ${input.quantity} cannot be released.`, { blocked: b.blocked, requested: input.quantity });
    }
    const after = await move(tx, ctx, { id: b.levelId }, "unblock", { onHand: input.quantity, blocked: -input.quantity }, batchDoc(b), { batchId, note: input.note ?? null });
    if (b.blocked === input.quantity) await tx.update(stockBatches).set({ blockedReason: null }).where(eq(stockBatches.id, batchId));
    return { batchId, batchNo: b.batchNo, blocked: b.blocked - input.quantity, onHand: b.onHand + input.quantity, level: { id: after.id, onHand: after.onHand, reserved: after.reserved, blocked: after.blocked } };
  });
}

// A write-off of units already set aside: a decision someone answers for, so audited.
export async function scrapBatch(ctx: Ctx, batchId: string, input: { quantity: number; note: string }) {
  return ctx.db.transaction(async (tx) => {
    const b = await handledBatch(tx, ctx, batchId);
    if (input.quantity > b.blocked) {
      throw new RuleViolation("BATCH_INSUFFICIENT", `Only units set aside can be scrapped: batch ${b.batchNo} has ${b.blocked}. Set the units aside first.`, { blocked: b.blocked, requested: input.quantity });
    }
    const no = await nextNumber(tx, "BF", ctx.clock.now());
    const after = await move(tx, ctx, { id: b.levelId }, "scrap", { blocked: -input.quantity }, { type: "adjustment", no }, { batchId, note: input.note });
    if (b.blocked === input.quantity && b.blockedReason !== "expired") await tx.update(stockBatches).set({ blockedReason: null }).where(eq(stockBatches.id, batchId));
    await recordAudit(tx, ctx, { action: "stock.scrap", entityType: "stock_batch", entityId: batchId, summary: { documentNo: no, batchNo: b.batchNo, skuCode: b.skuCode, quantity: input.quantity, note: input.note } });
    return { batchId, batchNo: b.batchNo, documentNo: no, blocked: b.blocked - input.quantity, level: { id: after.id, onHand: after.onHand, reserved: after.reserved, blocked: after.blocked } };
  });
}

// ---- Reservations over HTTP (I2): the manual hold, and what the oversell test drives.

// Staff hold stock in the platform's warehouses; a merchant its own goods anywhere.
const reservationScope = (ctx: Ctx): SQL => (ctx.actor.merchantId
  ? eq(stockReservations.merchantId, ctx.actor.merchantId)
  : sql`exists (select 1 from ${stockReservationLines} rl join ${stockLevels} l on l.id = rl.level_id join ${warehouses} w on w.id = l.warehouse_id
      where rl.reservation_id = ${stockReservations.id} and w.merchant_id is null)`);

async function reservationVisible(q: Queryable, ctx: Ctx, id: string) {
  const [r] = await q.select().from(stockReservations).where(and(eq(stockReservations.id, id), reservationScope(ctx)));
  if (!r) throw new NotFound("Reservation", "RESERVATION_NOT_FOUND");
  return r;
}

async function reservationView(q: Queryable, r: Reservation) {
  const lines = await q.select({ levelId: stockReservationLines.levelId, quantity: stockReservationLines.quantity, skuCode: stockLevels.skuCode, productId: stockLevels.productId, productTitle: products.title, warehouseId: stockLevels.warehouseId, warehouseCode: warehouses.code })
    .from(stockReservationLines).innerJoin(stockLevels, eq(stockLevels.id, stockReservationLines.levelId)).innerJoin(products, eq(products.id, stockLevels.productId))
    .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId)).where(eq(stockReservationLines.reservationId, r.id)).orderBy(asc(stockLevels.skuCode));
  return {
    id: r.id, referenceType: r.referenceType, referenceId: r.referenceId, status: r.status, expiresAt: r.expiresAt, createdBy: r.createdByLabel, createdAt: r.createdAt, updatedAt: r.updatedAt, lines,
  };
}

// Staff name no warehouse: the platform warehouse with most of the SKU available is taken,
// so a staff hold never reaches into a merchant-run warehouse.
async function platformWarehouseFor(tx: Tx, line: ReserveInput["lines"][number]) {
  const [best] = await tx.select({ warehouseId: stockLevels.warehouseId }).from(stockLevels).innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
    .where(and(eq(stockLevels.productId, line.productId), eq(stockLevels.skuCode, line.skuCode), isNull(warehouses.merchantId)))
    .orderBy(desc(available), asc(stockLevels.id)).limit(1);
  if (!best) {
    throw new RuleViolation("OUT_OF_STOCK", `Only 0 of ${line.skuCode} available; ${line.quantity} asked.`, { productId: line.productId, skuCode: line.skuCode, requested: line.quantity, available: 0 });
  }
  return best.warehouseId;
}

export async function createReservation(ctx: Ctx, input: ReserveInput) {
  return ctx.db.transaction(async (tx) => {
    const lines = [];
    const platformWarehouses = new Set<string>();
    for (const line of input.lines) {
      if (ctx.actor.merchantId) { lines.push(line); continue; }
      if (line.warehouseId && !platformWarehouses.has(line.warehouseId)) {
        const [w] = await tx.select({ id: warehouses.id }).from(warehouses).where(and(eq(warehouses.id, line.warehouseId), isNull(warehouses.merchantId)));
        if (!w) throw new NotFound("Warehouse", "WAREHOUSE_NOT_FOUND");
      }
      const warehouseId = line.warehouseId ?? await platformWarehouseFor(tx, line);
      platformWarehouses.add(warehouseId);
      lines.push({ ...line, warehouseId });
    }
    const r = await reserveStock(tx, ctx, { ...input, lines });
    // The same reference again returns the first hold; another shop's must not come back.
    const surely = ctx.actor.merchantId ? r.merchantId === ctx.actor.merchantId : r.lines.every((l) => platformWarehouses.has(l.warehouseId));
    const [mine] = surely ? [r] : await tx.select({ id: stockReservations.id }).from(stockReservations).where(and(eq(stockReservations.id, r.id), reservationScope(ctx)));
    if (!mine) throw new Conflict("RESERVATION_REFERENCE_TAKEN", `The reference ${input.referenceId} is already used by another hold; choose another reference.`, { field: "referenceId" });
    return reservationView(tx, r);
  });
}

// Only manual holds are given back here: an order's hold ends with the order.
export async function releaseManualReservation(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const r = await reservationVisible(tx, ctx, id);
    if (r.referenceType !== "manual") {
      throw new RuleViolation("RESERVATION_NOT_MANUAL", `This hold belongs to ${r.referenceType} ${r.referenceId}; it is released when that is cancelled or completed.`);
    }
    const released = await releaseReservation(tx, ctx, id);
    return reservationView(tx, { ...r, status: released.status, updatedAt: ctx.clock.now() });
  });
}

export async function getReservation(ctx: Ctx, id: string) {
  return reservationView(ctx.db, await reservationVisible(ctx.db, ctx, id));
}

export async function listReservations(ctx: Ctx, f: { status?: Reservation["status"]; referenceType?: Reservation["referenceType"]; cursor?: string; limit: number }) {
  const where: SQL[] = [reservationScope(ctx)];
  if (f.status) where.push(eq(stockReservations.status, f.status));
  if (f.referenceType) where.push(eq(stockReservations.referenceType, f.referenceType));
  if (f.cursor) where.push(sql`(${stockReservations.createdAt}, ${stockReservations.id}) < (select created_at, id from ${stockReservations} where id = ${f.cursor})`);
  const rows = await ctx.db.select().from(stockReservations).where(and(...where)).orderBy(desc(stockReservations.createdAt), desc(stockReservations.id)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const items = [];
  for (const r of page) items.push(await reservationView(ctx.db, r));
  return { items, nextCursor: rows.length > f.limit ? page[page.length - 1]!.id : null };
}
