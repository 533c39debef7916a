import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { addMinutes, shanghaiDay } from "../../lib/clock.js";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { products, productVersions } from "../catalog/schema.js";
import { getRule } from "../settings/index.js";
import { reservationMachine } from "./machine.js";
import {
  stockBatches, stockLevels, stockMovements, stockReservationLines, stockReservations, warehouses,
  type DocumentType, type MovementType,
} from "./schema.js";

export type Level = typeof stockLevels.$inferSelect;
export type Batch = typeof stockBatches.$inferSelect;
export type Reservation = typeof stockReservations.$inferSelect;
export interface Delta { onHand?: number; reserved?: number; blocked?: number }
export interface DocumentRef { type: DocumentType; id?: string | null; no?: string | null }

// Today in Shanghai as YYYY-MM-DD: batch dates are calendar dates there.
export { shanghaiDay };

// Which warehouses the actor works in: platform staff the platform's, a merchant its own.
export const warehouseScope = (ctx: Ctx) => (ctx.actor.merchantId ? eq(warehouses.merchantId, ctx.actor.merchantId) : isNull(warehouses.merchantId));

export async function ownWarehouse(q: Queryable, ctx: Ctx, id: string) {
  const [w] = await q.select().from(warehouses).where(and(eq(warehouses.id, id), warehouseScope(ctx)));
  if (!w) throw new NotFound("Warehouse", "WAREHOUSE_NOT_FOUND");
  return w;
}

// The one writer of stock: a conditional update that cannot take any quantity below zero
// nor reserve more than is on hand, the batch's share likewise, and the movement row, all
// in the caller's transaction. Concurrent writers queue on the level's row lock; the
// condition is evaluated on the row as it is after the one before them committed.
export async function move(tx: Tx, ctx: Ctx, level: Pick<Level, "id">, type: MovementType, delta: Delta, document: DocumentRef, opts: { batchId?: string | null; note?: string | null } = {}): Promise<Level> {
  const d = { onHand: delta.onHand ?? 0, reserved: delta.reserved ?? 0, blocked: delta.blocked ?? 0 };
  if ((d.onHand || d.blocked) && !opts.batchId) throw new Error(`stock movement ${type} changes on hand or blocked stock without naming a batch`);
  const [after] = await tx.update(stockLevels).set({
    onHand: sql`${stockLevels.onHand} + ${d.onHand}`, reserved: sql`${stockLevels.reserved} + ${d.reserved}`, blocked: sql`${stockLevels.blocked} + ${d.blocked}`,
    updatedAt: ctx.clock.now(),
  }).where(and(
    eq(stockLevels.id, level.id),
    sql`${stockLevels.onHand} + ${d.onHand} >= 0 and ${stockLevels.reserved} + ${d.reserved} >= 0 and ${stockLevels.blocked} + ${d.blocked} >= 0`,
    sql`${stockLevels.reserved} + ${d.reserved} <= ${stockLevels.onHand} + ${d.onHand}`,
  )).returning();
  if (!after) {
    const [now] = await tx.select().from(stockLevels).where(eq(stockLevels.id, level.id));
    if (!now) throw new NotFound("Stock level", "STOCK_LEVEL_NOT_FOUND");
    throw new RuleViolation("STOCK_INSUFFICIENT", `Not enough stock of ${now.skuCode}: ${now.onHand} on hand, ${now.reserved} reserved, ${now.onHand - now.reserved} available.`, {
      levelId: now.id, skuCode: now.skuCode, onHand: now.onHand, reserved: now.reserved, available: now.onHand - now.reserved, blocked: now.blocked, requested: d,
    });
  }
  if (opts.batchId) {
    const [b] = await tx.update(stockBatches).set({ onHand: sql`${stockBatches.onHand} + ${d.onHand}`, blocked: sql`${stockBatches.blocked} + ${d.blocked}` })
      .where(and(eq(stockBatches.id, opts.batchId), eq(stockBatches.levelId, level.id), sql`${stockBatches.onHand} + ${d.onHand} >= 0 and ${stockBatches.blocked} + ${d.blocked} >= 0`))
      .returning({ id: stockBatches.id });
    if (!b) throw new RuleViolation("BATCH_INSUFFICIENT", "The batch does not hold that much stock, or belongs to another SKU or warehouse.", { batchId: opts.batchId, requested: d });
  }
  await tx.insert(stockMovements).values({
    id: newId(), levelId: after.id, warehouseId: after.warehouseId, merchantId: after.merchantId, productId: after.productId, skuCode: after.skuCode,
    batchId: opts.batchId ?? null, type, onHandDelta: d.onHand, reservedDelta: d.reserved, blockedDelta: d.blocked, onHandAfter: after.onHand,
    documentType: document.type, documentId: document.id ?? null, documentNo: document.no ?? null, note: opts.note ?? null,
    actorUserId: ctx.actor.userId, actorLabel: ctx.actor.label, createdAt: ctx.clock.now(),
  });
  return after;
}

// The SKU codes a product has in its live and working versions.
async function skuCodes(q: Queryable, productId: string) {
  const [p] = await q.select({ merchantId: products.merchantId, live: products.liveVersionId, working: products.workingVersionId }).from(products).where(eq(products.id, productId));
  if (!p) throw new NotFound("Product", "PRODUCT_NOT_FOUND");
  const ids = [p.live, p.working].filter((x): x is string => !!x);
  const versions = ids.length ? await q.select({ content: productVersions.content }).from(productVersions).where(inArray(productVersions.id, ids)) : [];
  return { merchantId: p.merchantId, codes: new Set(versions.flatMap((v) => v.content.skus.map((s) => s.code))) };
}

// The level of a SKU in a warehouse, created at zero on first use. A merchant's warehouse
// holds only that merchant's goods; a platform warehouse anyone's.
export async function levelFor(tx: Tx, ctx: Ctx, warehouseId: string, productId: string, skuCode: string): Promise<Level> {
  const [existing] = await tx.select().from(stockLevels).where(and(eq(stockLevels.warehouseId, warehouseId), eq(stockLevels.productId, productId), eq(stockLevels.skuCode, skuCode)));
  if (existing) return existing;
  const [w] = await tx.select().from(warehouses).where(eq(warehouses.id, warehouseId));
  if (!w) throw new NotFound("Warehouse", "WAREHOUSE_NOT_FOUND");
  const sku = await skuCodes(tx, productId);
  if (ctx.actor.merchantId && sku.merchantId !== ctx.actor.merchantId) throw new NotFound("Product", "PRODUCT_NOT_FOUND");
  if (w.merchantId && w.merchantId !== sku.merchantId) throw new ValidationError("WAREHOUSE_NOT_OWNERS", "This warehouse belongs to another shop; it holds only that shop's goods.", { field: "warehouseId" });
  if (!sku.codes.has(skuCode)) throw new ValidationError("SKU_UNKNOWN", `The product has no SKU "${skuCode}".`, { field: "skuCode", skuCode });
  await tx.insert(stockLevels).values({ id: newId(), warehouseId, merchantId: sku.merchantId, productId, skuCode, updatedAt: ctx.clock.now() }).onConflictDoNothing();
  const [row] = await tx.select().from(stockLevels).where(and(eq(stockLevels.warehouseId, warehouseId), eq(stockLevels.productId, productId), eq(stockLevels.skuCode, skuCode)));
  return row!;
}

export interface BatchInput {
  batchNo: string; locationId?: string | null; supplierId?: string | null; purchaseRef?: string | null; receiptId?: string | null;
  productionDate?: string | null; expiryDate?: string | null; inspectionReportKey?: string | null;
}

// Goods into a batch (new, or more of the same batch number): a "receive" movement, or
// "transfer_in" when the units come from another warehouse of the books.
export async function receiveIntoBatch(tx: Tx, ctx: Ctx, level: Level, quantity: number, input: BatchInput, document: DocumentRef, type: "receive" | "transfer_in" = "receive") {
  if (!Number.isInteger(quantity) || quantity <= 0) throw new ValidationError("QUANTITY_INVALID", "Enter a whole number of units above zero.", { field: "quantity" });
  if (input.productionDate && input.expiryDate && input.expiryDate < input.productionDate) {
    throw new ValidationError("EXPIRY_BEFORE_PRODUCTION", "The expiry date is before the production date.", { field: "expiryDate" });
  }
  await tx.insert(stockBatches).values({
    id: newId(), levelId: level.id, warehouseId: level.warehouseId, merchantId: level.merchantId, productId: level.productId, skuCode: level.skuCode,
    batchNo: input.batchNo, locationId: input.locationId ?? null, supplierId: input.supplierId ?? null, purchaseRef: input.purchaseRef ?? null, receiptId: input.receiptId ?? null,
    productionDate: input.productionDate ?? null, expiryDate: input.expiryDate ?? null, inspectionReportKey: input.inspectionReportKey ?? null, createdAt: ctx.clock.now(),
  }).onConflictDoNothing();
  const [batch] = await tx.update(stockBatches).set({ receivedQty: sql`${stockBatches.receivedQty} + ${quantity}` })
    .where(and(eq(stockBatches.levelId, level.id), eq(stockBatches.batchNo, input.batchNo))).returning();
  const after = await move(tx, ctx, level, type, { onHand: quantity }, document, { batchId: batch!.id });
  return { batch: batch!, level: after };
}

// FEFO: the batches to take `quantity` from, first expiry first; blocked stock is never
// picked, nor expired stock unless `only.expired` allows it (what goes back to a supplier may
// be past its date: that is often why it goes back). `only.supplierId` keeps to the batches
// that supplier delivered. Rows are locked so two pickers cannot take the same units.
export async function pickBatches(tx: Tx, ctx: Ctx, levelId: string, quantity: number, only: { supplierId?: string; expired?: boolean } = {}) {
  const today = shanghaiDay(ctx.clock.now());
  // Level before batches, the order move() takes them in: two writers never wait on each other crosswise.
  await tx.select({ id: stockLevels.id }).from(stockLevels).where(eq(stockLevels.id, levelId)).for("update");
  const batches = await tx.select().from(stockBatches)
    .where(and(
      eq(stockBatches.levelId, levelId), gt(stockBatches.onHand, 0),
      only.supplierId ? eq(stockBatches.supplierId, only.supplierId) : undefined,
      only.expired ? undefined : or(isNull(stockBatches.expiryDate), gt(stockBatches.expiryDate, today)),
    ))
    .orderBy(sql`${stockBatches.expiryDate} asc nulls last`, asc(stockBatches.createdAt)).for("update");
  const picks: { batch: Batch; quantity: number }[] = [];
  let left = quantity;
  for (const b of batches) {
    if (left === 0) break;
    const take = Math.min(left, b.onHand);
    picks.push({ batch: b, quantity: take });
    left -= take;
  }
  if (left > 0) {
    const where = only.supplierId ? "on hand came from this supplier" : "are in batches that may be sold (not expired, not blocked)";
    throw new RuleViolation("BATCH_STOCK_SHORT", `Only ${quantity - left} of ${quantity} units ${where}.`, { levelId, requested: quantity, pickable: quantity - left });
  }
  return picks;
}

export interface ReserveLine { productId: string; skuCode: string; quantity: number; warehouseId?: string }
export interface ReserveInput {
  referenceType: Reservation["referenceType"]; referenceId: string; lines: ReserveLine[]; minutes?: number;
  // All lines from one warehouse, so that they ship as one outbound document (an order).
  oneWarehouse?: boolean;
}

// I2: all lines or none, in the caller's transaction. A line without a warehouse takes the
// one with most available stock; when that one is emptied meanwhile, the next. The same
// reference reserves once: a retry gets the first reservation back.
export async function reserveStock(tx: Tx, ctx: Ctx, input: ReserveInput) {
  if (!input.lines.length) throw new ValidationError("RESERVATION_EMPTY", "Name at least one SKU and quantity to reserve.", { field: "lines" });
  for (const l of input.lines) {
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new ValidationError("QUANTITY_INVALID", "Enter a whole number of units above zero.", { field: "lines", skuCode: l.skuCode });
  }
  const now = ctx.clock.now();
  const minutes = input.minutes ?? (await getRule(ctx, "order.autoCancelMinutes", tx));
  const id = newId();
  const [created] = await tx.insert(stockReservations).values({
    id, referenceType: input.referenceType, referenceId: input.referenceId, merchantId: null, status: "active",
    expiresAt: addMinutes(now, minutes), createdByLabel: ctx.actor.label, createdAt: now, updatedAt: now,
  }).onConflictDoNothing().returning();
  if (!created) return loadReservation(tx, input.referenceType, input.referenceId);
  // A fixed order of row locks: two reservations of the same SKUs cannot deadlock.
  const lines = [...input.lines].sort((a, b) => `${a.productId}/${a.skuCode}/${a.warehouseId ?? ""}`.localeCompare(`${b.productId}/${b.skuCode}/${b.warehouseId ?? ""}`));
  const document = { type: "reservation" as const, id, no: `${input.referenceType}:${input.referenceId}` };
  const held = input.oneWarehouse ? await holdInOneWarehouse(tx, ctx, id, lines, document) : [];
  for (const line of input.oneWarehouse ? [] : lines) {
    const candidates = await tx.select().from(stockLevels).where(and(
      eq(stockLevels.productId, line.productId), eq(stockLevels.skuCode, line.skuCode),
      line.warehouseId ? eq(stockLevels.warehouseId, line.warehouseId) : undefined,
      ctx.actor.merchantId ? eq(stockLevels.merchantId, ctx.actor.merchantId) : undefined,
    )).orderBy(sql`${stockLevels.onHand} - ${stockLevels.reserved} desc`, asc(stockLevels.id));
    let taken: Level | null = null;
    for (const c of candidates) {
      if (c.onHand - c.reserved < line.quantity) continue;
      // A refused conditional update writes nothing, so the transaction goes on to the next.
      try {
        taken = await move(tx, ctx, c, "reserve", { reserved: line.quantity }, document);
        break;
      } catch (e) {
        if (!(e instanceof RuleViolation)) throw e;
      }
    }
    if (!taken) {
      const available = candidates.reduce((n, c) => n + c.onHand - c.reserved, 0);
      throw new RuleViolation("OUT_OF_STOCK", `Only ${Math.max(0, available)} of ${line.skuCode} available; ${line.quantity} asked.`, { productId: line.productId, skuCode: line.skuCode, requested: line.quantity, available: Math.max(0, available) });
    }
    held.push({ id: newId(), reservationId: id, levelId: taken.id, quantity: line.quantity, level: taken });
  }
  // The level rows stay locked until commit: what follows is kept to two statements.
  await tx.insert(stockReservationLines).values(held.map(({ level: _l, ...row }) => row));
  const merchantIds = new Set(held.map((h) => h.level.merchantId));
  const merchantId = merchantIds.size === 1 ? [...merchantIds][0]! : null;
  if (merchantId) await tx.update(stockReservations).set({ merchantId }).where(eq(stockReservations.id, id));
  return {
    ...created, merchantId,
    lines: held.map((h) => ({ id: h.id, levelId: h.levelId, quantity: h.quantity, warehouseId: h.level.warehouseId, productId: h.level.productId, skuCode: h.level.skuCode })),
  };
}

type Held = { id: string; reservationId: string; levelId: string; quantity: number; level: Level };

// The warehouses that hold every line, most stock first; each is tried under a savepoint
// so that a warehouse emptied meanwhile gives way to the next without leaving half a hold.
async function holdInOneWarehouse(tx: Tx, ctx: Ctx, reservationId: string, lines: ReserveLine[], document: DocumentRef): Promise<Held[]> {
  const levels = await tx.select().from(stockLevels).where(and(
    or(...lines.map((l) => and(eq(stockLevels.productId, l.productId), eq(stockLevels.skuCode, l.skuCode)))),
    ctx.actor.merchantId ? eq(stockLevels.merchantId, ctx.actor.merchantId) : undefined,
  ));
  const byWarehouse = new Map<string, Level[]>();
  for (const l of levels) byWarehouse.set(l.warehouseId, [...(byWarehouse.get(l.warehouseId) ?? []), l]);
  const levelOf = (ws: Level[], line: ReserveLine) => ws.find((l) => l.productId === line.productId && l.skuCode === line.skuCode);
  const candidates = [...byWarehouse.entries()]
    .filter(([, ws]) => lines.every((line) => { const l = levelOf(ws, line); return !!l && l.onHand - l.reserved >= line.quantity; }))
    .sort((a, b) => b[1].reduce((n, l) => n + l.onHand - l.reserved, 0) - a[1].reduce((n, l) => n + l.onHand - l.reserved, 0) || a[0].localeCompare(b[0]));
  for (const [, ws] of candidates) {
    try {
      return await tx.transaction(async (sp) => {
        const held: Held[] = [];
        for (const line of lines) {
          const level = await move(sp, ctx, levelOf(ws, line)!, "reserve", { reserved: line.quantity }, document);
          held.push({ id: newId(), reservationId, levelId: level.id, quantity: line.quantity, level });
        }
        return held;
      });
    } catch (e) {
      if (!(e instanceof RuleViolation)) throw e;
    }
  }
  const short = lines.map((line) => ({ line, available: levels.filter((l) => l.productId === line.productId && l.skuCode === line.skuCode).reduce((n, l) => n + Math.max(0, l.onHand - l.reserved), 0) }))
    .find((x) => x.available < x.line.quantity) ?? { line: lines[0]!, available: 0 };
  throw new RuleViolation("OUT_OF_STOCK", short.available < short.line.quantity
    ? `Only ${short.available} of ${short.line.skuCode} available; ${short.line.quantity} asked.`
    : "No single warehouse holds all of these items at once; buy them in separate orders.", {
    productId: short.line.productId, skuCode: short.line.skuCode, requested: short.line.quantity, available: short.available,
  });
}

// A paid order keeps its hold until it ships: the hold no longer times out.
export async function keepReservation(tx: Tx, ctx: Ctx, id: string, until: Date) {
  const [r] = await tx.update(stockReservations).set({ expiresAt: until, updatedAt: ctx.clock.now() })
    .where(and(eq(stockReservations.id, id), eq(stockReservations.status, "active"))).returning({ id: stockReservations.id });
  return !!r;
}

export async function loadReservation(q: Queryable, referenceType: Reservation["referenceType"], referenceId: string) {
  const [r] = await q.select().from(stockReservations).where(and(eq(stockReservations.referenceType, referenceType), eq(stockReservations.referenceId, referenceId)));
  if (!r) throw new NotFound("Reservation", "RESERVATION_NOT_FOUND");
  return withLines(q, r);
}

async function withLines(q: Queryable, r: Reservation) {
  const lines = await q.select({ id: stockReservationLines.id, levelId: stockReservationLines.levelId, quantity: stockReservationLines.quantity, warehouseId: stockLevels.warehouseId, productId: stockLevels.productId, skuCode: stockLevels.skuCode })
    .from(stockReservationLines).innerJoin(stockLevels, eq(stockLevels.id, stockReservationLines.levelId)).where(eq(stockReservationLines.reservationId, r.id));
  return { ...r, lines };
}

// Locks the reservation, moves it along the machine and returns it with its lines.
async function transition(tx: Tx, ctx: Ctx, id: string, event: "release" | "expire" | "commit") {
  const [r] = await tx.select().from(stockReservations).where(and(eq(stockReservations.id, id), ctx.actor.merchantId ? eq(stockReservations.merchantId, ctx.actor.merchantId) : undefined)).for("update");
  if (!r) throw new NotFound("Reservation", "RESERVATION_NOT_FOUND");
  const status = next(reservationMachine, r.status, event);
  await tx.update(stockReservations).set({ status, updatedAt: ctx.clock.now() }).where(eq(stockReservations.id, id));
  return withLines(tx, { ...r, status });
}

// I2: an order cancelled, or a hold no longer wanted: the units become available again.
export async function releaseReservation(tx: Tx, ctx: Ctx, id: string, event: "release" | "expire" = "release") {
  const r = await transition(tx, ctx, id, event);
  const document = { type: "reservation" as const, id, no: `${r.referenceType}:${r.referenceId}` };
  for (const l of [...r.lines].sort((a, b) => a.levelId.localeCompare(b.levelId))) await move(tx, ctx, { id: l.levelId }, event, { reserved: -l.quantity }, document);
  return r;
}

// I4: reserved units leave the warehouse against an outbound document, from batches
// picked first-expiry-first. Returns the picks per line for traceability (P6).
export async function commitReservation(tx: Tx, ctx: Ctx, id: string, document: DocumentRef) {
  const r = await transition(tx, ctx, id, "commit");
  const out: { levelId: string; productId: string; skuCode: string; quantity: number; picks: { batchId: string; batchNo: string; quantity: number }[] }[] = [];
  for (const l of [...r.lines].sort((a, b) => a.levelId.localeCompare(b.levelId))) {
    const picks = await pickBatches(tx, ctx, l.levelId, l.quantity);
    for (const p of picks) await move(tx, ctx, { id: l.levelId }, "commit", { onHand: -p.quantity, reserved: -p.quantity }, document, { batchId: p.batch.id });
    out.push({ levelId: l.levelId, productId: l.productId, skuCode: l.skuCode, quantity: l.quantity, picks: picks.map((p) => ({ batchId: p.batch.id, batchNo: p.batch.batchNo, quantity: p.quantity })) });
  }
  return { reservation: { ...r, status: "committed" as const }, lines: out };
}

// I4/L2: part of a hold leaves with a partial shipment. The reservation's lines shrink by
// what left (a line taken whole goes), so its active lines keep matching the level's
// reserved stock; when nothing is left held the reservation is committed.
export async function commitReservationPart(tx: Tx, ctx: Ctx, id: string, parts: { levelId: string; quantity: number }[], document: DocumentRef) {
  const [r] = await tx.select().from(stockReservations).where(eq(stockReservations.id, id)).for("update");
  if (!r) throw new NotFound("Reservation", "RESERVATION_NOT_FOUND");
  if (r.status !== "active") throw new RuleViolation("RESERVATION_NOT_ACTIVE", `The stock hold of this order is ${r.status}; nothing is held to ship from.`, { status: r.status });
  const held = await tx.select().from(stockReservationLines).where(eq(stockReservationLines.reservationId, id));
  const out: { levelId: string; quantity: number; picks: { batchId: string; batchNo: string; quantity: number }[] }[] = [];
  for (const part of [...parts].sort((a, b) => a.levelId.localeCompare(b.levelId))) {
    let left = part.quantity;
    const picks: { batchId: string; batchNo: string; quantity: number }[] = [];
    for (const p of await pickBatches(tx, ctx, part.levelId, part.quantity)) {
      await move(tx, ctx, { id: part.levelId }, "commit", { onHand: -p.quantity, reserved: -p.quantity }, document, { batchId: p.batch.id });
      picks.push({ batchId: p.batch.id, batchNo: p.batch.batchNo, quantity: p.quantity });
    }
    for (const line of held.filter((h) => h.levelId === part.levelId && h.quantity > 0)) {
      const take = Math.min(left, line.quantity);
      if (!take) break;
      line.quantity -= take;
      left -= take;
      if (line.quantity) await tx.update(stockReservationLines).set({ quantity: line.quantity }).where(eq(stockReservationLines.id, line.id));
      else await tx.delete(stockReservationLines).where(eq(stockReservationLines.id, line.id));
    }
    if (left) throw new RuleViolation("RESERVATION_SHORT", `The order's hold has ${part.quantity - left} of ${part.quantity} units of this SKU left to ship.`, { levelId: part.levelId, requested: part.quantity, held: part.quantity - left });
    out.push({ levelId: part.levelId, quantity: part.quantity, picks });
  }
  const remaining = held.reduce((n, h) => n + h.quantity, 0);
  if (!remaining) await tx.update(stockReservations).set({ status: next(reservationMachine, r.status, "commit"), updatedAt: ctx.clock.now() }).where(eq(stockReservations.id, id));
  return { lines: out, remaining };
}

// I2: holds past their time are released, each in its own transaction; a hold another
// process is working on is skipped and picked up next time.
export async function releaseExpiredReservations(s: Services) {
  const ctx = ctxFor(s, systemActor("reservation expiry"));
  const due = await s.db.select({ id: stockReservations.id }).from(stockReservations)
    .where(and(eq(stockReservations.status, "active"), lte(stockReservations.expiresAt, ctx.clock.now()))).orderBy(asc(stockReservations.expiresAt)).limit(500);
  let released = 0;
  for (const { id } of due) {
    const done = await s.db.transaction(async (tx) => {
      const [r] = await tx.select({ status: stockReservations.status }).from(stockReservations).where(eq(stockReservations.id, id)).for("update", { skipLocked: true });
      if (r?.status !== "active") return false;
      await releaseReservation(tx, ctx, id, "expire");
      return true;
    });
    if (done) released++;
  }
  return { released };
}
