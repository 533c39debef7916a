import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { defineMachine, next } from "../../lib/machine.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { nextNumber } from "../../server/numbers.js";
import { recordAudit } from "../audit/index.js";
import { products } from "../catalog/schema.js";
import { suppliers } from "../suppliers/schema.js";
import {
  outboundDocuments, outboundLines, stockBatches, stockLevels, stockReservationLines, stockReservations, warehouseLocations, warehouses,
} from "./schema.js";
import { commitReservation, commitReservationPart, levelFor, move, ownWarehouse, pickBatches, receiveIntoBatch, shanghaiDay, warehouseScope, type Batch, type Level } from "./stock.js";

type DocRow = typeof outboundDocuments.$inferSelect;
type BatchPick = { batchId: string; batchNo: string; quantity: number };
export type OutboundKind = DocRow["kind"];
export type OutboundStatus = DocRow["status"];

// I4: stock leaves only when the document is done; until then it can be called off.
export const outboundMachine = defineMachine<OutboundStatus, "complete" | "cancel">("outbound document", {
  open: { complete: "done", cancel: "cancelled" },
  done: {},
  cancelled: {},
});

export interface OrderOutbound { kind: "order"; reservationId: string; orderRef?: string | null; note?: string | null }
export interface TransferOutbound { kind: "transfer"; warehouseId: string; targetWarehouseId: string; lines: { productId: string; skuCode: string; quantity: number }[]; note?: string | null }
export interface SupplierReturnOutbound {
  kind: "supplier_return"; warehouseId: string; supplierId: string; note?: string | null;
  // A chosen batch, or a SKU whose units are taken first-expiry-first from this supplier's batches.
  lines: ({ batchId: string; quantity: number } | { productId: string; skuCode: string; quantity: number })[];
}
export type OutboundInput = OrderOutbound | TransferOutbound | SupplierReturnOutbound;

const availableOf = (l: Pick<Level, "onHand" | "reserved">) => l.onHand - l.reserved;
const short = (l: Level, quantity: number) => new RuleViolation("STOCK_INSUFFICIENT", `Not enough stock of ${l.skuCode}: ${l.onHand} on hand, ${l.reserved} reserved, ${availableOf(l)} available; ${quantity} asked.`, {
  levelId: l.id, skuCode: l.skuCode, onHand: l.onHand, reserved: l.reserved, available: availableOf(l), requested: quantity,
});

async function docInScope(q: Queryable, ctx: Ctx, id: string, lock = false) {
  const base = q.select({ d: outboundDocuments }).from(outboundDocuments).innerJoin(warehouses, eq(warehouses.id, outboundDocuments.warehouseId))
    .where(and(eq(outboundDocuments.id, id), warehouseScope(ctx)));
  const [row] = lock ? await base.for("update", { of: outboundDocuments }) : await base;
  if (!row) throw new NotFound("Outbound document", "OUTBOUND_NOT_FOUND");
  return row.d;
}

// The owner of all goods on one document: one shop per document keeps its books and its
// pick list simple.
function oneOwner(levels: Level[]) {
  const owners = new Set(levels.map((l) => l.merchantId));
  if (owners.size !== 1) throw new ValidationError("OUTBOUND_MIXED_OWNERS", "All lines of an outbound document must be goods of one shop; make one document per shop.", { field: "lines" });
  return [...owners][0]!;
}

async function supplierFor(q: Queryable, ctx: Ctx, supplierId: string, ownerId: string) {
  const [s] = await q.select().from(suppliers).where(and(eq(suppliers.id, supplierId), or(eq(suppliers.merchantId, ownerId), ctx.actor.merchantId ? sql`false` : isNull(suppliers.merchantId))));
  if (!s) throw new ValidationError("SUPPLIER_NOT_FOUND", "Choose the supplier the goods came from.", { field: "supplierId" });
  return s;
}

// ---- creating ----------------------------------------------------------------------------

export async function createOutbound(ctx: Ctx, input: OutboundInput) {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const id = newId();
    let head: Omit<typeof outboundDocuments.$inferInsert, "id" | "number" | "kind" | "status" | "createdByLabel" | "createdAt" | "updatedAt">;
    let lines: { levelId: string; quantity: number; picks: BatchPick[] }[];
    if (input.kind === "order") ({ head, lines } = await orderSource(tx, ctx, input));
    else if (input.kind === "transfer") ({ head, lines } = await transferSource(tx, ctx, input));
    else ({ head, lines } = await returnSource(tx, ctx, input));
    const [row] = await tx.insert(outboundDocuments).values({
      ...head, id, number: await nextNumber(tx, "CK", now), kind: input.kind, status: "open", note: input.note?.trim() || null,
      createdByLabel: ctx.actor.label, createdAt: now, updatedAt: now,
    }).returning();
    await tx.insert(outboundLines).values(lines.map((l) => ({ id: newId(), documentId: id, levelId: l.levelId, quantity: l.quantity, picks: l.picks })));
    return view(tx, ctx, row!);
  });
}

// An order ships what its reservation holds: the reservation is the document's authority.
async function orderSource(tx: Tx, ctx: Ctx, input: OrderOutbound) {
  const [r] = await tx.select().from(stockReservations).where(eq(stockReservations.id, input.reservationId)).for("update");
  const held = r ? await tx.select({ level: stockLevels, quantity: stockReservationLines.quantity, warehouseMerchant: warehouses.merchantId })
    .from(stockReservationLines).innerJoin(stockLevels, eq(stockLevels.id, stockReservationLines.levelId)).innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
    .where(eq(stockReservationLines.reservationId, r.id)) : [];
  const inScope = (m: string | null) => (ctx.actor.merchantId ? m === ctx.actor.merchantId : m === null);
  if (!r || !held.length || !held.every((h) => inScope(h.warehouseMerchant)) || (ctx.actor.merchantId && r.merchantId !== ctx.actor.merchantId)) {
    throw new NotFound("Reservation", "RESERVATION_NOT_FOUND");
  }
  if (r.status !== "active") throw new RuleViolation("RESERVATION_NOT_ACTIVE", `This reservation is ${r.status}; its stock is no longer held. Reserve the goods again.`, { status: r.status });
  const warehouseIds = new Set(held.map((h) => h.level.warehouseId));
  if (warehouseIds.size > 1) {
    throw new RuleViolation("RESERVATION_SPANS_WAREHOUSES", "The reservation holds stock in several warehouses; each warehouse ships its part on its own document, which this reservation cannot be split into.", { warehouses: warehouseIds.size });
  }
  const [taken] = await tx.select({ number: outboundDocuments.number }).from(outboundDocuments)
    .where(and(eq(outboundDocuments.reservationId, r.id), ne(outboundDocuments.status, "cancelled")));
  if (taken) throw new Conflict("OUTBOUND_EXISTS", `Outbound document ${taken.number} already ships this reservation.`, { number: taken.number });
  const byLevel = new Map<string, number>();
  for (const h of held) byLevel.set(h.level.id, (byLevel.get(h.level.id) ?? 0) + h.quantity);
  return {
    head: {
      warehouseId: [...warehouseIds][0]!, merchantId: r.merchantId ?? oneOwner(held.map((h) => h.level)), reservationId: r.id,
      orderRef: input.orderRef?.trim() || (r.referenceType === "order" ? r.referenceId : `${r.referenceType}:${r.referenceId}`),
    },
    lines: [...byLevel].map(([levelId, quantity]) => ({ levelId, quantity, picks: [] })),
  };
}

async function levelIn(tx: Tx, warehouseId: string, productId: string, skuCode: string) {
  const [l] = await tx.select().from(stockLevels).where(and(eq(stockLevels.warehouseId, warehouseId), eq(stockLevels.productId, productId), eq(stockLevels.skuCode, skuCode)));
  return l ?? null;
}

function distinctLines<T extends { quantity: number }>(lines: T[], key: (l: T) => string) {
  if (!lines.length) throw new ValidationError("OUTBOUND_EMPTY", "Add at least one line with the quantity to send.", { field: "lines" });
  const seen = new Set<string>();
  for (const [index, l] of lines.entries()) {
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new ValidationError("QUANTITY_INVALID", "Enter a whole number of units above zero.", { field: "lines", index });
    if (seen.has(key(l))) throw new ValidationError("OUTBOUND_DUPLICATE_LINE", "The same goods are on two lines; put the whole quantity on one.", { field: "lines", index });
    seen.add(key(l));
  }
}

async function transferSource(tx: Tx, ctx: Ctx, input: TransferOutbound) {
  distinctLines(input.lines, (l) => `${l.productId}/${l.skuCode}`);
  if (input.warehouseId === input.targetWarehouseId) throw new ValidationError("TRANSFER_SAME_WAREHOUSE", "Choose a target warehouse other than the source.", { field: "targetWarehouseId" });
  const source = await ownWarehouse(tx, ctx, input.warehouseId);
  const target = await ownWarehouse(tx, ctx, input.targetWarehouseId);
  if (!target.active) throw new RuleViolation("WAREHOUSE_INACTIVE", `${target.code} is closed; choose an open warehouse to send the goods to.`, { field: "targetWarehouseId" });
  const levels: Level[] = [];
  for (const [index, l] of input.lines.entries()) {
    const level = await levelIn(tx, source.id, l.productId, l.skuCode);
    if (!level) throw new RuleViolation("STOCK_INSUFFICIENT", `${source.code} holds no ${l.skuCode}.`, { field: "lines", index, skuCode: l.skuCode, available: 0, requested: l.quantity });
    if (availableOf(level) < l.quantity) throw short(level, l.quantity);
    if (target.merchantId && target.merchantId !== level.merchantId) throw new ValidationError("WAREHOUSE_NOT_OWNERS", `${target.code} belongs to another shop; it holds only that shop's goods.`, { field: "targetWarehouseId" });
    levels.push(level);
  }
  return {
    head: { warehouseId: source.id, merchantId: oneOwner(levels), targetWarehouseId: target.id },
    lines: levels.map((level, i) => ({ levelId: level.id, quantity: input.lines[i]!.quantity, picks: [] })),
  };
}

async function returnSource(tx: Tx, ctx: Ctx, input: SupplierReturnOutbound) {
  distinctLines(input.lines, (l) => ("batchId" in l ? l.batchId : `${l.productId}/${l.skuCode}`));
  const w = await ownWarehouse(tx, ctx, input.warehouseId);
  const levels: Level[] = [];
  const lines: { levelId: string; quantity: number; picks: BatchPick[] }[] = [];
  for (const [index, l] of input.lines.entries()) {
    if ("batchId" in l) {
      const [b] = await tx.select().from(stockBatches).where(and(eq(stockBatches.id, l.batchId), eq(stockBatches.warehouseId, w.id)));
      if (!b) throw new ValidationError("BATCH_NOT_FOUND", `No such batch in ${w.code}.`, { field: "lines", index });
      if (b.supplierId !== input.supplierId) throw new ValidationError("BATCH_NOT_FROM_SUPPLIER", `Batch ${b.batchNo} did not come from this supplier; return it to its own supplier.`, { field: "lines", index, batchNo: b.batchNo });
      if (b.onHand + b.blocked < l.quantity) {
        throw new RuleViolation("STOCK_INSUFFICIENT", `Batch ${b.batchNo} holds ${b.onHand + b.blocked} units; ${l.quantity} asked.`, { field: "lines", index, batchNo: b.batchNo, available: b.onHand + b.blocked, requested: l.quantity });
      }
      const [level] = await tx.select().from(stockLevels).where(eq(stockLevels.id, b.levelId));
      levels.push(level!);
      lines.push({ levelId: b.levelId, quantity: l.quantity, picks: [{ batchId: b.id, batchNo: b.batchNo, quantity: l.quantity }] });
    } else {
      const level = await levelIn(tx, w.id, l.productId, l.skuCode);
      if (!level) throw new RuleViolation("STOCK_INSUFFICIENT", `${w.code} holds no ${l.skuCode}.`, { field: "lines", index, skuCode: l.skuCode, available: 0, requested: l.quantity });
      if (availableOf(level) < l.quantity) throw short(level, l.quantity);
      levels.push(level);
      lines.push({ levelId: level.id, quantity: l.quantity, picks: [] });
    }
  }
  const owner = oneOwner(levels);
  await supplierFor(tx, ctx, input.supplierId, owner);
  if (new Set(lines.map((l) => l.levelId)).size !== lines.length) {
    throw new ValidationError("OUTBOUND_DUPLICATE_LINE", "Two lines take the same SKU; return its batches on one line each or together on one line.", { field: "lines" });
  }
  return { head: { warehouseId: w.id, merchantId: owner, supplierId: input.supplierId }, lines };
}

// ---- completing ----------------------------------------------------------------------------

// One batch number means one production run: the target's batch must carry the same dates.
async function sameBatchDates(tx: Tx, levelId: string, b: Batch) {
  const [existing] = await tx.select().from(stockBatches).where(and(eq(stockBatches.levelId, levelId), eq(stockBatches.batchNo, b.batchNo)));
  if (existing && (existing.productionDate !== b.productionDate || existing.expiryDate !== b.expiryDate)) {
    throw new Conflict("BATCH_DATES_DIFFER", `The target warehouse holds a batch ${b.batchNo} with other dates; it cannot be merged with this one.`, { batchNo: b.batchNo });
  }
}

// I4/P6: the goods leave; each line records the batches they left from.
export async function completeOutbound(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const d = await docInScope(tx, ctx, id, true);
    const status = next(outboundMachine, d.status, "complete");
    const document = { type: "outbound" as const, id: d.id, no: d.number };
    const lines = (await tx.select().from(outboundLines).where(eq(outboundLines.documentId, id))).sort((a, b) => a.levelId.localeCompare(b.levelId));
    const picksOf = new Map<string, BatchPick[]>();
    if (d.kind === "order") {
      const [r] = await tx.select({ status: stockReservations.status }).from(stockReservations).where(eq(stockReservations.id, d.reservationId!));
      if (r?.status !== "active") {
        throw new RuleViolation("RESERVATION_NOT_ACTIVE", `The reservation behind this document is ${r?.status ?? "gone"}; its stock is no longer held. Cancel this document and reserve again.`, { status: r?.status ?? null });
      }
      const committed = await commitReservation(tx, ctx, d.reservationId!, document);
      for (const l of committed.lines) picksOf.set(l.levelId, [...(picksOf.get(l.levelId) ?? []), ...l.picks]);
    } else {
      // Every level this document touches, locked in one order, so that two documents
      // moving the same goods in opposite directions queue instead of deadlocking.
      const sources = await tx.select().from(stockLevels).where(inArray(stockLevels.id, lines.map((l) => l.levelId)));
      const targets = new Map<string, Level>();
      if (d.kind === "transfer") {
        const [target] = await tx.select().from(warehouses).where(eq(warehouses.id, d.targetWarehouseId!));
        if (!target?.active) throw new RuleViolation("WAREHOUSE_INACTIVE", `${target?.code ?? "The target warehouse"} was closed meanwhile; cancel this transfer and send the goods elsewhere.`, { field: "targetWarehouseId" });
      }
      if (d.kind === "transfer") for (const s of sources) targets.set(s.id, await levelFor(tx, ctx, d.targetWarehouseId!, s.productId, s.skuCode));
      const all = [...new Set([...sources.map((s) => s.id), ...[...targets.values()].map((t) => t.id)])].sort();
      await tx.select({ id: stockLevels.id }).from(stockLevels).where(inArray(stockLevels.id, all)).orderBy(asc(stockLevels.id)).for("update");
      for (const line of lines) {
        if (d.kind === "transfer") {
          const target = targets.get(line.levelId)!;
          const picks = await pickBatches(tx, ctx, line.levelId, line.quantity);
          for (const p of picks) {
            await move(tx, ctx, { id: line.levelId }, "transfer_out", { onHand: -p.quantity }, document, { batchId: p.batch.id });
            await sameBatchDates(tx, target.id, p.batch);
            const b = p.batch;
            await receiveIntoBatch(tx, ctx, target, p.quantity, {
              batchNo: b.batchNo, supplierId: b.supplierId, purchaseRef: b.purchaseRef, receiptId: b.receiptId, productionDate: b.productionDate, expiryDate: b.expiryDate,
              inspectionReportKey: b.inspectionReportKey,
            }, document, "transfer_in");
          }
          picksOf.set(line.levelId, picks.map((p) => ({ batchId: p.batch.id, batchNo: p.batch.batchNo, quantity: p.quantity })));
        } else if (line.picks.length) {
          // A chosen batch: its blocked units (expired, damaged) go back first, then sellable ones.
          const chosen = line.picks[0]!;
          const [b] = await tx.select().from(stockBatches).where(eq(stockBatches.id, chosen.batchId)).for("update");
          const fromBlocked = Math.min(b!.blocked, line.quantity);
          if (fromBlocked) await move(tx, ctx, { id: line.levelId }, "supplier_return", { blocked: -fromBlocked }, document, { batchId: b!.id });
          if (line.quantity > fromBlocked) await move(tx, ctx, { id: line.levelId }, "supplier_return", { onHand: -(line.quantity - fromBlocked) }, document, { batchId: b!.id });
          picksOf.set(line.levelId, [{ batchId: b!.id, batchNo: b!.batchNo, quantity: line.quantity }]);
        } else {
          const picks = await pickBatches(tx, ctx, line.levelId, line.quantity, { supplierId: d.supplierId!, expired: true });
          for (const p of picks) await move(tx, ctx, { id: line.levelId }, "supplier_return", { onHand: -p.quantity }, document, { batchId: p.batch.id });
          picksOf.set(line.levelId, picks.map((p) => ({ batchId: p.batch.id, batchNo: p.batch.batchNo, quantity: p.quantity })));
        }
      }
    }
    for (const line of lines) await tx.update(outboundLines).set({ picks: picksOf.get(line.levelId) ?? [] }).where(eq(outboundLines.id, line.id));
    const now = ctx.clock.now();
    const [row] = await tx.update(outboundDocuments).set({ status, doneByLabel: ctx.actor.label, doneAt: now, updatedAt: now }).where(eq(outboundDocuments.id, id)).returning();
    return view(tx, ctx, row!);
  });
}

// L2/I4: a shipment's goods leave on an order document made and done at once, taking
// part or all of the order's hold. An open document for the same hold (made by hand on the
// outbound screen) must be cancelled first: the stock cannot leave twice.
export async function shipReservedStock(tx: Tx, ctx: Ctx, input: { reservationId: string; orderRef: string; parts: { levelId: string; quantity: number }[]; note?: string | null }) {
  const [open] = await tx.select({ number: outboundDocuments.number }).from(outboundDocuments)
    .where(and(eq(outboundDocuments.reservationId, input.reservationId), eq(outboundDocuments.status, "open")));
  if (open) throw new Conflict("OUTBOUND_EXISTS", `Outbound document ${open.number} is open for this order's stock; cancel it on the outbound screen, then ship here.`, { number: open.number });
  const [level] = await tx.select().from(stockLevels).where(eq(stockLevels.id, input.parts[0]!.levelId));
  const now = ctx.clock.now();
  const id = newId();
  const number = await nextNumber(tx, "CK", now);
  const document = { type: "outbound" as const, id, no: number };
  await tx.insert(outboundDocuments).values({
    id, number, kind: "order", warehouseId: level!.warehouseId, merchantId: level!.merchantId, status: "done", reservationId: input.reservationId, orderRef: input.orderRef,
    note: input.note ?? null, createdByLabel: ctx.actor.label, doneByLabel: ctx.actor.label, doneAt: now, createdAt: now, updatedAt: now,
  });
  const committed = await commitReservationPart(tx, ctx, input.reservationId, input.parts, document);
  await tx.insert(outboundLines).values(committed.lines.map((l) => ({ id: newId(), documentId: id, levelId: l.levelId, quantity: l.quantity, picks: l.picks })));
  return { id, number, warehouseId: level!.warehouseId, lines: committed.lines, remaining: committed.remaining };
}

export async function cancelOutbound(ctx: Ctx, id: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const d = await docInScope(tx, ctx, id, true);
    const status = next(outboundMachine, d.status, "cancel");
    const note = [d.note, reason.trim()].filter(Boolean).join("\n");
    const [row] = await tx.update(outboundDocuments).set({ status, note, updatedAt: ctx.clock.now() }).where(eq(outboundDocuments.id, id)).returning();
    await recordAudit(tx, ctx, { action: "outbound.cancel", entityType: "outbound_document", entityId: id, summary: { number: d.number, kind: d.kind, reason: reason.trim() } });
    return view(tx, ctx, row!);
  });
}

// ---- reading -------------------------------------------------------------------------------

type PlannedPick = BatchPick & { expiryDate: string | null; productionDate: string | null; locationCode: string | null; blocked?: boolean };

// What a picker would take now, without taking it: the pick list of an open document.
async function planPicks(q: Queryable, d: DocRow, line: typeof outboundLines.$inferSelect, today: string) {
  if (d.kind === "supplier_return" && line.picks.length) return { picks: line.picks, short: 0 };
  const batches = await q.select().from(stockBatches).where(and(
    eq(stockBatches.levelId, line.levelId), gt(stockBatches.onHand, 0),
    d.kind === "supplier_return" ? eq(stockBatches.supplierId, d.supplierId!) : or(isNull(stockBatches.expiryDate), gt(stockBatches.expiryDate, today)),
  )).orderBy(sql`${stockBatches.expiryDate} asc nulls last`, asc(stockBatches.createdAt));
  const picks: BatchPick[] = [];
  let left = line.quantity;
  for (const b of batches) {
    if (left === 0) break;
    const take = Math.min(left, b.onHand);
    picks.push({ batchId: b.id, batchNo: b.batchNo, quantity: take });
    left -= take;
  }
  return { picks, short: left };
}

async function view(q: Queryable, ctx: Ctx, d: DocRow) {
  const lines = await q.select({ line: outboundLines, level: stockLevels, title: products.title }).from(outboundLines)
    .innerJoin(stockLevels, eq(stockLevels.id, outboundLines.levelId)).innerJoin(products, eq(products.id, stockLevels.productId))
    .where(eq(outboundLines.documentId, d.id)).orderBy(asc(stockLevels.skuCode), asc(outboundLines.id));
  const today = shanghaiDay(ctx.clock.now());
  const planned = new Map<string, { picks: BatchPick[]; short: number }>();
  for (const l of lines) planned.set(l.line.id, d.status === "open" ? await planPicks(q, d, l.line, today) : { picks: l.line.picks, short: 0 });
  const batchIds = [...new Set([...planned.values()].flatMap((p) => p.picks.map((x) => x.batchId)))];
  const batches = batchIds.length ? await q.select({ b: stockBatches, location: warehouseLocations.code }).from(stockBatches)
    .leftJoin(warehouseLocations, eq(warehouseLocations.id, stockBatches.locationId)).where(inArray(stockBatches.id, batchIds)) : [];
  const batchOf = new Map(batches.map((x) => [x.b.id, x]));
  const rich = (p: BatchPick): PlannedPick => {
    const b = batchOf.get(p.batchId);
    return { ...p, expiryDate: b?.b.expiryDate ?? null, productionDate: b?.b.productionDate ?? null, locationCode: b?.location ?? null, blocked: (b?.b.blocked ?? 0) > 0 };
  };
  const places = await q.select({ id: warehouses.id, code: warehouses.code, name: warehouses.name }).from(warehouses)
    .where(inArray(warehouses.id, [d.warehouseId, ...(d.targetWarehouseId ? [d.targetWarehouseId] : [])]));
  const place = (wid: string | null) => (wid ? places.find((w) => w.id === wid) ?? null : null);
  const [s] = d.supplierId ? await q.select({ id: suppliers.id, name: suppliers.name }).from(suppliers).where(eq(suppliers.id, d.supplierId)) : [];
  const [r] = d.reservationId ? await q.select().from(stockReservations).where(eq(stockReservations.id, d.reservationId)) : [];
  return {
    id: d.id, number: d.number, kind: d.kind, status: d.status, warehouse: place(d.warehouseId)!, targetWarehouse: place(d.targetWarehouseId),
    supplier: s ?? null, orderRef: d.orderRef, merchantId: d.merchantId,
    reservation: r ? { id: r.id, referenceType: r.referenceType, referenceId: r.referenceId, status: r.status, expiresAt: r.expiresAt } : null,
    note: d.note, createdBy: d.createdByLabel, createdAt: d.createdAt, doneBy: d.doneByLabel, doneAt: d.doneAt, updatedAt: d.updatedAt,
    units: lines.reduce((n, l) => n + l.line.quantity, 0),
    lines: lines.map(({ line, level, title }) => {
      const p = planned.get(line.id)!;
      return {
        id: line.id, levelId: line.levelId, productId: level.productId, productTitle: title, skuCode: level.skuCode, quantity: line.quantity,
        onHand: level.onHand, reserved: level.reserved, available: availableOf(level), blocked: level.blocked,
        // Done: the batches the units left from; open: what a picker would take now.
        picks: (d.status === "done" ? line.picks : []).map(rich),
        plannedPicks: d.status === "open" ? p.picks.map(rich) : [],
        plannedShort: d.status === "open" ? p.short : 0,
      };
    }),
  };
}

export async function getOutbound(ctx: Ctx, id: string) {
  return view(ctx.db, ctx, await docInScope(ctx.db, ctx, id));
}

export interface OutboundQuery { kind?: OutboundKind; status?: OutboundStatus; warehouseId?: string; q?: string; cursor?: string; limit: number }

export async function listOutbound(ctx: Ctx, query: OutboundQuery) {
  const where: (SQL | undefined)[] = [warehouseScope(ctx)];
  if (query.kind) where.push(eq(outboundDocuments.kind, query.kind));
  if (query.status) where.push(eq(outboundDocuments.status, query.status));
  if (query.warehouseId) where.push(eq(outboundDocuments.warehouseId, query.warehouseId));
  if (query.cursor) where.push(lt(outboundDocuments.id, query.cursor));
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(outboundDocuments.number, like), ilike(outboundDocuments.orderRef, like)));
  }
  const rows = await ctx.db.select({
    d: outboundDocuments, warehouseCode: warehouses.code, supplierName: suppliers.name,
    targetCode: sql<string | null>`(select code from ${warehouses} t where t.id = ${outboundDocuments.targetWarehouseId})`,
    lines: sql<number>`(select count(*)::int from ${outboundLines} l where l.document_id = ${outboundDocuments.id})`,
    units: sql<number>`(select coalesce(sum(l.quantity), 0)::int from ${outboundLines} l where l.document_id = ${outboundDocuments.id})`,
  }).from(outboundDocuments).innerJoin(warehouses, eq(warehouses.id, outboundDocuments.warehouseId)).leftJoin(suppliers, eq(suppliers.id, outboundDocuments.supplierId))
    .where(and(...where)).orderBy(desc(outboundDocuments.id)).limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((x) => ({
      id: x.d.id, number: x.d.number, kind: x.d.kind, status: x.d.status, warehouseCode: x.warehouseCode, targetWarehouseCode: x.targetCode,
      supplierName: x.supplierName, orderRef: x.d.orderRef, lines: x.lines, units: x.units, createdBy: x.d.createdByLabel, createdAt: x.d.createdAt, doneAt: x.d.doneAt,
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.d.id : null,
  };
}

// ---- what the forms offer ------------------------------------------------------------------

// Reservations ready to ship from the actor's warehouses: active, in one of its
// warehouses, and not already on a document.
export async function shippableReservations(ctx: Ctx) {
  const rows = await ctx.db.select({
    r: stockReservations, lineQty: stockReservationLines.quantity, levelId: stockLevels.id, skuCode: stockLevels.skuCode, title: products.title,
    warehouseId: warehouses.id, warehouseCode: warehouses.code, warehouseMerchant: warehouses.merchantId,
  }).from(stockReservations)
    .innerJoin(stockReservationLines, eq(stockReservationLines.reservationId, stockReservations.id))
    .innerJoin(stockLevels, eq(stockLevels.id, stockReservationLines.levelId))
    .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
    .innerJoin(products, eq(products.id, stockLevels.productId))
    .where(and(
      eq(stockReservations.status, "active"), inArray(stockReservations.referenceType, ["order", "manual"]),
      ctx.actor.merchantId ? eq(stockReservations.merchantId, ctx.actor.merchantId) : undefined,
      sql`not exists (select 1 from ${outboundDocuments} o where o.reservation_id = ${stockReservations.id} and o.status <> 'cancelled')`,
    )).orderBy(desc(stockReservations.createdAt)).limit(500);
  const inScope = (m: string | null) => (ctx.actor.merchantId ? m === ctx.actor.merchantId : m === null);
  const byId = new Map<string, { id: string; referenceType: string; referenceId: string; expiresAt: Date; createdAt: Date; warehouses: Set<string>; outOfScope: boolean; lines: { skuCode: string; productTitle: string; quantity: number }[] }>();
  for (const x of rows) {
    const e = byId.get(x.r.id) ?? { id: x.r.id, referenceType: x.r.referenceType, referenceId: x.r.referenceId, expiresAt: x.r.expiresAt, createdAt: x.r.createdAt, warehouses: new Set(), outOfScope: false, lines: [] };
    byId.set(x.r.id, e);
    e.warehouses.add(x.warehouseCode);
    if (!inScope(x.warehouseMerchant)) e.outOfScope = true;
    e.lines.push({ skuCode: x.skuCode, productTitle: x.title, quantity: x.lineQty });
  }
  return {
    items: [...byId.values()].filter((e) => !e.outOfScope).slice(0, 100).map(({ warehouses: ws, outOfScope: _, ...e }) => ({
      ...e, warehouseCodes: [...ws].sort(), units: e.lines.reduce((n, l) => n + l.quantity, 0),
    })),
  };
}

// The stock of a warehouse that may leave it: levels with what is available, and their
// batches with dates, supplier and blocked units (for returns to a supplier).
export async function outboundStock(ctx: Ctx, query: { warehouseId: string; supplierId?: string; q?: string }) {
  const w = await ownWarehouse(ctx.db, ctx, query.warehouseId);
  const where: (SQL | undefined)[] = [eq(stockLevels.warehouseId, w.id), sql`${stockLevels.onHand} + ${stockLevels.blocked} > 0`];
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(products.title, like), ilike(stockLevels.skuCode, like)));
  }
  const levels = await ctx.db.select({ l: stockLevels, title: products.title }).from(stockLevels).innerJoin(products, eq(products.id, stockLevels.productId))
    .where(and(...where)).orderBy(asc(products.title), asc(stockLevels.skuCode)).limit(200);
  const batches = levels.length ? await ctx.db.select({ b: stockBatches, supplierName: suppliers.name }).from(stockBatches).leftJoin(suppliers, eq(suppliers.id, stockBatches.supplierId))
    .where(and(inArray(stockBatches.levelId, levels.map((x) => x.l.id)), sql`${stockBatches.onHand} + ${stockBatches.blocked} > 0`, query.supplierId ? eq(stockBatches.supplierId, query.supplierId) : undefined))
    .orderBy(sql`${stockBatches.expiryDate} asc nulls last`, asc(stockBatches.createdAt)) : [];
  const today = shanghaiDay(ctx.clock.now());
  return {
    warehouse: { id: w.id, code: w.code, name: w.name, merchantId: w.merchantId },
    items: levels.map(({ l, title }) => ({
      levelId: l.id, productId: l.productId, productTitle: title, skuCode: l.skuCode, merchantId: l.merchantId, onHand: l.onHand, reserved: l.reserved, available: availableOf(l), blocked: l.blocked,
      batches: batches.filter((x) => x.b.levelId === l.id).map(({ b, supplierName }) => ({
        id: b.id, batchNo: b.batchNo, onHand: b.onHand, blocked: b.blocked, blockedReason: b.blockedReason, productionDate: b.productionDate, expiryDate: b.expiryDate,
        expired: !!b.expiryDate && b.expiryDate <= today, supplierId: b.supplierId, supplierName,
      })),
    })).filter((x) => !query.supplierId || x.batches.length),
  };
}
