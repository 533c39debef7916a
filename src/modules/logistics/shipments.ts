import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { addHours } from "../../lib/clock.js";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { sequenceNumber } from "../../server/numbers.js";
import { openOrderAddress } from "../addresses/service.js";
import { recordAudit } from "../audit/index.js";
import { reserveStock, shanghaiDay, shipReservedStock } from "../inventory/index.js";
import { stockLevels, stockReservationLines } from "../inventory/schema.js";
import { merchants } from "../merchants/schema.js";
import { orderLines, orders } from "../orders/schema.js";
import { applyOrderEvent, lockOrder, orderScope, type Order } from "../orders/service.js";
import { carrierAgreements, carriers, shipmentLines, shipmentParcels, shipmentPicks, shipments, trackingEvents, type AgreementTerms } from "./schema.js";

export type Shipment = typeof shipments.$inferSelect;
export type Carrier = typeof carriers.$inferSelect;

export interface ShipInput {
  carrierId: string;
  trackingNo: string;
  // Parcels of the shipment; one parcel of the goods' weight when not given.
  parcels?: { weightGrams: number; trackingNo?: string | null }[];
  // What goes in this shipment; everything not yet shipped when not given.
  lines?: { orderLineId: string; quantity: number }[];
  note?: string | null;
  // Set when the shipment sends goods again for an exception case (lost, damaged parcel).
  reshipOfCaseId?: string | null;
}

export const MAX_PARCELS = 20;

// L2: a waybill number must have the carrier's format; a typo would leave the buyer
// without tracking and the shipment without a delivery.
export function checkTrackingNo(carrier: Pick<Carrier, "name" | "trackingPattern" | "trackingExample">, raw: string, field = "trackingNo") {
  const no = raw.trim().toUpperCase();
  if (!new RegExp(carrier.trackingPattern).test(no)) {
    throw new ValidationError("TRACKING_NO_INVALID", `“${raw.trim()}” is not a ${carrier.name} waybill number; it looks like ${carrier.trackingExample}.`, { field, example: carrier.trackingExample });
  }
  return no;
}

// L1: the carrier's agreement in force today, and what it promises for a province.
export async function agreementFor(q: Queryable, carrierId: string, day: string) {
  const [a] = await q.select().from(carrierAgreements).where(and(
    eq(carrierAgreements.carrierId, carrierId), eq(carrierAgreements.status, "active"),
    lte(carrierAgreements.validFrom, day), sql`${carrierAgreements.validUntil} >= ${day}`,
  )).orderBy(desc(carrierAgreements.validFrom)).limit(1);
  return a ?? null;
}

export function covers(terms: AgreementTerms, province: string) {
  return terms.coverage.length === 0 || terms.coverage.includes(province);
}

export function serviceHours(terms: AgreementTerms, province: string): number | null {
  const level = terms.serviceLevels.find((l) => l.provinces.includes(province)) ?? terms.serviceLevels.find((l) => l.provinces.length === 0);
  return level?.hours ?? null;
}

// What of each order line has already left, in earlier shipments.
export async function shippedQuantities(q: Queryable, orderId: string) {
  const rows = await q.select({ orderLineId: shipmentLines.orderLineId, quantity: sql<number>`sum(${shipmentLines.quantity})::int` })
    .from(shipmentLines).where(eq(shipmentLines.orderId, orderId)).groupBy(shipmentLines.orderLineId);
  return new Map(rows.map((r) => [r.orderLineId, Number(r.quantity)]));
}

// L2/I4/P6: goods of a paid order handed to a carrier. One transaction: the order's hold is
// committed for what ships (batches first-expiry-first, recorded per line), the shipment
// with its parcels is written, and the order moves to partly shipped or shipped.
export async function shipOrder(ctx: Ctx, orderId: string, input: ShipInput) {
  return ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, ctx, orderId);
    return shipLocked(tx, ctx, order, input);
  });
}

export async function shipLocked(tx: Tx, ctx: Ctx, order: Order, input: ShipInput) {
  if (order.status !== "paid" && order.status !== "partly_shipped") {
    throw new RuleViolation("ORDER_NOT_SHIPPABLE", order.status === "pending_payment" ? `Order ${order.no} is not paid yet; ship it once it is.` : `Order ${order.no} is ${order.status.replace("_", " ")}; there is nothing left to ship.`, { status: order.status });
  }
  if (!order.reservationId) throw new RuleViolation("ORDER_HAS_NO_STOCK_HOLD", `Order ${order.no} holds no stock to ship from.`);
  const waybill = await waybillFor(tx, ctx, order, input);
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.id));
  const shipped = await shippedQuantities(tx, order.id);
  const open = lines.map((l) => ({ line: l, left: l.quantity - (shipped.get(l.id) ?? 0) }));
  const wanted = input.lines ?? open.filter((o) => o.left > 0).map((o) => ({ orderLineId: o.line.id, quantity: o.left }));
  if (!wanted.length) throw new RuleViolation("NOTHING_TO_SHIP", `Everything of order ${order.no} has shipped.`);
  checkWanted(wanted, open);
  const out = await takeHeld(tx, ctx, order, order.reservationId, lines, wanted, input.note);
  const shipment = await writeShipment(tx, ctx, order, waybill, lines, wanted, out, input);
  const everything = open.every((o) => o.left === (wanted.find((w) => w.orderLineId === o.line.id)?.quantity ?? 0));
  const after = await applyOrderEvent(tx, ctx, order, everything ? "ship" : "ship_part", `${waybill.carrier.name} ${waybill.trackingNo}`);
  return { shipment, order: after, outbound: { id: out.id, number: out.number } };
}

// L4: goods sent again for an exception case (a parcel lost or damaged): fresh stock is held
// and leaves at once on its own waybill; the order's state does not change.
export async function reshipLocked(tx: Tx, ctx: Ctx, order: Order, caseId: string, input: ShipInput & { lines: { orderLineId: string; quantity: number }[] }) {
  const waybill = await waybillFor(tx, ctx, order, input);
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.id));
  if (!input.lines.length) throw new ValidationError("RESHIP_EMPTY", "Choose what to send again.", { field: "lines" });
  checkWanted(input.lines, lines.map((l) => ({ line: l, left: l.quantity })));
  const hold = await reserveStock(tx, ctx, {
    referenceType: "order", referenceId: `${order.id}/reship/${caseId}`, oneWarehouse: true, minutes: 60,
    lines: input.lines.map((w) => { const l = lines.find((x) => x.id === w.orderLineId)!; return { productId: l.productId, skuCode: l.skuCode, quantity: w.quantity }; }),
  });
  const out = await takeHeld(tx, ctx, order, hold.id, lines, input.lines, input.note);
  const shipment = await writeShipment(tx, ctx, order, waybill, lines, input.lines, out, { ...input, reshipOfCaseId: caseId });
  await recordAudit(tx, ctx, { action: "shipment.reship", entityType: "shipment", entityId: shipment.id, summary: { order: order.no, caseId, trackingNo: waybill.trackingNo } });
  return shipment;
}

type Line = typeof orderLines.$inferSelect;
type Wanted = { orderLineId: string; quantity: number }[];

function checkWanted(wanted: Wanted, open: { line: Line; left: number }[]) {
  const seen = new Set<string>();
  for (const [index, w] of wanted.entries()) {
    const o = open.find((x) => x.line.id === w.orderLineId);
    if (!o) throw new ValidationError("ORDER_LINE_UNKNOWN", "A line to ship is not part of this order.", { field: "lines", index });
    if (seen.has(w.orderLineId)) throw new ValidationError("SHIPMENT_DUPLICATE_LINE", "The same order line is listed twice; put its whole quantity on one line.", { field: "lines", index });
    seen.add(w.orderLineId);
    if (!Number.isInteger(w.quantity) || w.quantity <= 0) throw new ValidationError("QUANTITY_INVALID", "Enter a whole number of units above zero.", { field: "lines", index });
    if (w.quantity > o.left) throw new RuleViolation("SHIP_QUANTITY_EXCEEDS_ORDER", `Only ${o.left} of “${o.line.title}” are left to ship; ${w.quantity} given.`, { field: "lines", index, left: o.left });
  }
}

// The carrier, its waybill number and parcels, checked; and what its agreement promises.
async function waybillFor(tx: Tx, ctx: Ctx, order: Order, input: ShipInput) {
  const [carrier] = await tx.select().from(carriers).where(eq(carriers.id, input.carrierId));
  if (!carrier || !carrier.active) throw new ValidationError("CARRIER_UNKNOWN", "Choose one of the carriers offered.", { field: "carrierId" });
  const trackingNo = checkTrackingNo(carrier, input.trackingNo);
  const province = order.address.provinceCode;
  const agreement = await agreementFor(tx, carrier.id, shanghaiDay(ctx.clock.now()));
  if (agreement && !covers(agreement.terms, province)) {
    throw new RuleViolation("CARRIER_NOT_COVERING", `${carrier.name} does not deliver to ${order.address.regionName.split(" ")[0]} under its agreement; choose another carrier.`, { field: "carrierId" });
  }
  if ((input.parcels?.length ?? 0) > MAX_PARCELS) throw new ValidationError("TOO_MANY_PARCELS", `At most ${MAX_PARCELS} parcels go under one waybill; ship the rest under another.`, { field: "parcels" });
  const parcelNos = (input.parcels ?? []).map((p, index) => {
    if (!Number.isInteger(p.weightGrams) || p.weightGrams <= 0 || p.weightGrams > 100_000) throw new ValidationError("PARCEL_WEIGHT_INVALID", "Give each parcel's weight in whole grams, up to 100 kg.", { field: "parcels", index });
    return p.trackingNo?.trim() ? checkTrackingNo(carrier, p.trackingNo, `parcels.${index}.trackingNo`) : null;
  });
  const hours = agreement ? serviceHours(agreement.terms, province) : null;
  return { carrier, trackingNo, agreement, hours, parcelNos };
}

// The held units of the lines leave the warehouse on an outbound document, by FEFO.
async function takeHeld(tx: Tx, ctx: Ctx, order: Order, reservationId: string, lines: Line[], wanted: Wanted, note?: string | null) {
  // A hold lives in one warehouse: each SKU has one level there.
  const held = await tx.select({ levelId: stockReservationLines.levelId, productId: stockLevels.productId, skuCode: stockLevels.skuCode })
    .from(stockReservationLines).innerJoin(stockLevels, eq(stockLevels.id, stockReservationLines.levelId)).where(eq(stockReservationLines.reservationId, reservationId));
  const parts = new Map<string, number>();
  for (const w of wanted) {
    const line = lines.find((l) => l.id === w.orderLineId)!;
    const levelId = held.find((h) => h.productId === line.productId && h.skuCode === line.skuCode)?.levelId;
    if (!levelId) throw new RuleViolation("RESERVATION_SHORT", `No stock of “${line.title}” is held for this order any more.`, { orderLineId: line.id });
    parts.set(levelId, (parts.get(levelId) ?? 0) + w.quantity);
  }
  const out = await shipReservedStock(tx, ctx, { reservationId, orderRef: order.no, parts: [...parts].map(([levelId, quantity]) => ({ levelId, quantity })), note: note ?? null });
  return { ...out, levelOf: (l: Line) => held.find((h) => h.productId === l.productId && h.skuCode === l.skuCode)!.levelId };
}

async function writeShipment(tx: Tx, ctx: Ctx, order: Order, waybill: Awaited<ReturnType<typeof waybillFor>>, lines: Line[], wanted: Wanted, out: Awaited<ReturnType<typeof takeHeld>>, input: ShipInput) {
  const now = ctx.clock.now();
  const weight = wanted.reduce((n, w) => n + lines.find((l) => l.id === w.orderLineId)!.weightGrams * w.quantity, 0);
  const parcels = input.parcels?.length ? input.parcels : [{ weightGrams: Math.max(1, weight), trackingNo: null }];
  const id = newId();
  const [row] = await tx.insert(shipments).values({
    id, no: await sequenceNumber(tx, "shipment_no_seq", "SH", now), orderId: order.id, merchantId: order.merchantId, carrierId: waybill.carrier.id, trackingNo: waybill.trackingNo, status: "in_transit",
    warehouseId: out.warehouseId, outboundId: out.id, destinationProvince: order.address.provinceCode, promisedBy: waybill.hours ? addHours(now, waybill.hours) : null, agreementId: waybill.agreement?.id ?? null,
    weightGrams: parcels.reduce((n, p) => n + p.weightGrams, 0), shippedByLabel: ctx.actor.label, shippedAt: now, reshipOfCaseId: input.reshipOfCaseId ?? null, updatedAt: now,
  }).onConflictDoNothing().returning();
  if (!row) throw new Conflict("TRACKING_NO_TAKEN", `${waybill.carrier.name} waybill ${waybill.trackingNo} is already on another shipment; check the number.`, { field: "trackingNo" });
  await tx.insert(shipmentParcels).values(parcels.map((p, i) => ({ id: newId(), shipmentId: id, seq: i + 1, weightGrams: p.weightGrams, trackingNo: waybill.parcelNos[i] ?? null })));
  // The picks of a level are shared out over the order lines of that SKU, in line order.
  const picksLeft = new Map(out.lines.map((l) => [l.levelId, l.picks.map((p) => ({ ...p }))]));
  for (const w of wanted) {
    const line = lines.find((l) => l.id === w.orderLineId)!;
    const lineId = newId();
    await tx.insert(shipmentLines).values({ id: lineId, shipmentId: id, orderId: order.id, orderLineId: line.id, quantity: w.quantity });
    let need = w.quantity;
    for (const p of picksLeft.get(out.levelOf(line)) ?? []) {
      if (!need) break;
      const take = Math.min(need, p.quantity);
      if (!take) continue;
      p.quantity -= take;
      need -= take;
      await tx.insert(shipmentPicks).values({ id: newId(), shipmentLineId: lineId, orderId: order.id, orderLineId: line.id, batchId: p.batchId, batchNo: p.batchNo, quantity: take });
    }
  }
  if (ctx.actor.kind === "staff") await recordAudit(tx, ctx, { action: "shipment.create", entityType: "shipment", entityId: id, summary: { order: order.no, carrier: waybill.carrier.code, trackingNo: waybill.trackingNo } });
  return row;
}

// What the order's page shows of its shipments: carrier, waybill, parcels, lines with their
// batches, and the tracking timeline newest first.
export async function shipmentsOf(q: Queryable, orderIds: string[]) {
  if (!orderIds.length) return [];
  const rows = await q.select({ s: shipments, carrier: carriers }).from(shipments).innerJoin(carriers, eq(carriers.id, shipments.carrierId))
    .where(inArray(shipments.orderId, orderIds)).orderBy(asc(shipments.shippedAt), asc(shipments.no));
  const ids = rows.map((r) => r.s.id);
  if (!ids.length) return [];
  const [parcels, lines, picks, events] = await Promise.all([
    q.select().from(shipmentParcels).where(inArray(shipmentParcels.shipmentId, ids)).orderBy(asc(shipmentParcels.seq)),
    q.select({ l: shipmentLines, title: orderLines.title, skuCode: orderLines.skuCode, options: orderLines.options }).from(shipmentLines)
      .innerJoin(orderLines, eq(orderLines.id, shipmentLines.orderLineId)).where(inArray(shipmentLines.shipmentId, ids)).orderBy(asc(shipmentLines.id)),
    q.select().from(shipmentPicks).innerJoin(shipmentLines, eq(shipmentLines.id, shipmentPicks.shipmentLineId)).where(inArray(shipmentLines.shipmentId, ids)),
    q.select().from(trackingEvents).where(inArray(trackingEvents.shipmentId, ids)).orderBy(desc(trackingEvents.at), desc(trackingEvents.recordedAt)),
  ]);
  return rows.map(({ s, carrier }) => ({
    id: s.id, no: s.no, orderId: s.orderId, status: s.status, trackingNo: s.trackingNo,
    carrier: { id: carrier.id, code: carrier.code, name: carrier.name, nameEn: carrier.nameEn, tracking: carrier.tracking },
    weightGrams: s.weightGrams, shippedAt: s.shippedAt, shippedBy: s.shippedByLabel, promisedBy: s.promisedBy, deliveredAt: s.deliveredAt,
    lastEventAt: s.lastEventAt, lastEventText: s.lastEventText, outboundId: s.outboundId, reshipOfCaseId: s.reshipOfCaseId,
    parcels: parcels.filter((p) => p.shipmentId === s.id).map((p) => ({ seq: p.seq, weightGrams: p.weightGrams, trackingNo: p.trackingNo })),
    lines: lines.filter((l) => l.l.shipmentId === s.id).map((l) => ({
      orderLineId: l.l.orderLineId, title: l.title, skuCode: l.skuCode, options: l.options, quantity: l.l.quantity,
      batches: picks.filter((p) => p.shipment_picks.shipmentLineId === l.l.id).map((p) => ({ batchId: p.shipment_picks.batchId, batchNo: p.shipment_picks.batchNo, quantity: p.shipment_picks.quantity })),
    })),
    events: events.filter((e) => e.shipmentId === s.id).map((e) => ({ at: e.at, kind: e.kind, text: e.text, location: e.location, source: e.source })),
  }));
}

export async function orderShipments(ctx: Ctx, orderId: string) {
  const [o] = await ctx.db.select({ id: orders.id }).from(orders).where(and(eq(orders.id, orderId), orderScope(ctx)));
  if (!o) throw new NotFound("Order", "ORDER_NOT_FOUND");
  return { items: await shipmentsOf(ctx.db, [orderId]) };
}

// L2: the packing list of an order for the warehouse: goods, quantities left to ship, and
// the recipient in full (the label needs it; the read is audited as an unmasked access, U4).
export async function packingList(ctx: Ctx, orderId: string) {
  const [row] = await ctx.db.select({ o: orders, merchantName: merchants.name }).from(orders).innerJoin(merchants, eq(merchants.id, orders.merchantId))
    .where(and(eq(orders.id, orderId), orderScope(ctx)));
  if (!row) throw new NotFound("Order", "ORDER_NOT_FOUND");
  const lines = await ctx.db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.id));
  const shipped = await shippedQuantities(ctx.db, orderId);
  await ctx.db.transaction((tx) => recordAudit(tx, ctx, { action: "order.address.open", entityType: "order", entityId: orderId, summary: { no: row.o.no, purpose: "packing list" } }));
  return {
    no: row.o.no, merchantName: row.merchantName, paidAt: row.o.paidAt, shipBy: row.o.shipBy, buyerNote: row.o.buyerNote,
    address: openOrderAddress(ctx, row.o.address, { masked: false }),
    lines: lines.map((l) => ({ orderLineId: l.id, title: l.title, skuCode: l.skuCode, options: l.options, quantity: l.quantity, shipped: shipped.get(l.id) ?? 0, left: l.quantity - (shipped.get(l.id) ?? 0), weightGrams: l.weightGrams })),
  };
}
