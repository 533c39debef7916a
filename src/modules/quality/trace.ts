import { and, asc, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { sniffDocumentType } from "../../lib/filetype.js";
import type { Ctx } from "../../server/context.js";
import { NotFound } from "../../server/errors.js";
import { products } from "../catalog/schema.js";
import { users } from "../identity/schema.js";
import { purchaseReceipts, stockBatches, warehouseLocations, warehouses } from "../inventory/schema.js";
import { carriers, shipmentLines, shipmentPicks, shipments } from "../logistics/schema.js";
import { merchants } from "../merchants/schema.js";
import { orders } from "../orders/schema.js";
import { suppliers } from "../suppliers/schema.js";
import { batchScope, batchWithFacts, maskedBuyer } from "./batches.js";
import { recallsOfBatches } from "./recalls.js";
import { qualitySamplings, recallNotices, recalls } from "./schema.js";

// P6: batches by number (or product title, or SKU), newest first; without a query, the latest.
export async function searchBatches(ctx: Ctx, query: { q?: string; limit: number }) {
  const q = query.q?.trim();
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await ctx.db.select({
    b: stockBatches, productTitle: products.title, productStatus: products.status, merchantName: merchants.name, warehouseCode: warehouses.code,
    shipped: sql<number>`(select coalesce(sum(p.quantity), 0)::int from ${shipmentPicks} p where p.batch_id = ${stockBatches.id})`,
    samplings: sql<number>`(select count(*)::int from ${qualitySamplings} s where s.batch_id = ${stockBatches.id})`,
    openRecalls: sql<number>`(select count(*)::int from ${recalls} r where r.batch_id = ${stockBatches.id} and r.status = 'open')`,
  }).from(stockBatches)
    .innerJoin(products, eq(products.id, stockBatches.productId))
    .innerJoin(merchants, eq(merchants.id, stockBatches.merchantId))
    .innerJoin(warehouses, eq(warehouses.id, stockBatches.warehouseId))
    .where(and(batchScope(ctx), like ? or(ilike(stockBatches.batchNo, like), ilike(products.title, like), ilike(stockBatches.skuCode, like)) : undefined))
    // An exact batch number first: that is what someone holding a package types.
    .orderBy(...(q ? [sql`case when lower(${stockBatches.batchNo}) = lower(${q}) then 0 else 1 end`] : []), desc(stockBatches.createdAt), desc(stockBatches.id))
    .limit(query.limit);
  return {
    items: rows.map((x) => ({
      id: x.b.id, batchNo: x.b.batchNo, skuCode: x.b.skuCode, product: { id: x.b.productId, title: x.productTitle, status: x.productStatus },
      merchant: { id: x.b.merchantId, name: x.merchantName }, warehouseCode: x.warehouseCode, productionDate: x.b.productionDate, expiryDate: x.b.expiryDate,
      receivedQty: x.b.receivedQty, onHand: x.b.onHand, blocked: x.b.blocked, blockedReason: x.b.blockedReason, shipped: Number(x.shipped),
      samplings: Number(x.samplings), openRecalls: Number(x.openRecalls), createdAt: x.b.createdAt,
    })),
  };
}

// P6: one batch from its source to its buyers: supplier, purchase, receipt and inspection
// report; what is left of it; its samplings and recalls; and every order that received
// units of it, with the buyer masked (U4) and the state of the parcel.
export async function batchTrace(ctx: Ctx, id: string) {
  const f = await batchWithFacts(ctx.db, ctx, id);
  const b = f.b;
  const [supplier] = b.supplierId ? await ctx.db.select({ id: suppliers.id, name: suppliers.name }).from(suppliers).where(eq(suppliers.id, b.supplierId)) : [];
  const [receipt] = b.receiptId ? await ctx.db.select({
    id: purchaseReceipts.id, number: purchaseReceipts.number, status: purchaseReceipts.status, purchaseRef: purchaseReceipts.purchaseRef,
    acceptedAt: purchaseReceipts.acceptedAt, acceptedBy: purchaseReceipts.acceptedByLabel, expectedOn: purchaseReceipts.expectedOn,
  }).from(purchaseReceipts).where(eq(purchaseReceipts.id, b.receiptId)) : [];
  const [location] = b.locationId ? await ctx.db.select({ code: warehouseLocations.code, name: warehouseLocations.name }).from(warehouseLocations).where(eq(warehouseLocations.id, b.locationId)) : [];

  const picks = await ctx.db.select({
    orderId: shipmentPicks.orderId, quantity: shipmentPicks.quantity, shipmentId: shipments.id, shipmentNo: shipments.no, trackingNo: shipments.trackingNo,
    shipmentStatus: shipments.status, shippedAt: shipments.shippedAt, deliveredAt: shipments.deliveredAt, carrierName: carriers.name, carrierNameEn: carriers.nameEn,
    orderNo: orders.no, orderStatus: orders.status, buyerId: orders.buyerId, address: orders.address, displayName: users.displayName, loginMasked: users.loginMasked,
  }).from(shipmentPicks)
    .innerJoin(shipmentLines, eq(shipmentLines.id, shipmentPicks.shipmentLineId))
    .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
    .innerJoin(carriers, eq(carriers.id, shipments.carrierId))
    .innerJoin(orders, eq(orders.id, shipmentPicks.orderId))
    .innerJoin(users, eq(users.id, orders.buyerId))
    .where(eq(shipmentPicks.batchId, b.id))
    .orderBy(asc(shipments.shippedAt), asc(orders.no));

  const batchRecalls = await recallsOfBatches(ctx.db, [b.id]);
  const notified = batchRecalls.length
    ? new Set((await ctx.db.select({ orderId: recallNotices.orderId }).from(recallNotices).where(inArray(recallNotices.recallId, batchRecalls.map((r) => r.id)))).map((n) => n.orderId))
    : new Set<string>();

  type OrderRow = {
    orderId: string; orderNo: string; orderStatus: string; buyer: ReturnType<typeof maskedBuyer>; quantity: number; firstShippedAt: Date; notified: boolean;
    shipments: { id: string; no: string; carrier: { name: string; nameEn: string }; trackingNo: string; status: string; shippedAt: Date; deliveredAt: Date | null; quantity: number }[];
  };
  const byOrder = new Map<string, OrderRow & { buyerId: string }>();
  for (const p of picks) {
    let o = byOrder.get(p.orderId);
    if (!o) {
      o = {
        orderId: p.orderId, orderNo: p.orderNo, orderStatus: p.orderStatus, buyerId: p.buyerId, quantity: 0, firstShippedAt: p.shippedAt, notified: notified.has(p.orderId), shipments: [],
        buyer: maskedBuyer(ctx, { displayName: p.displayName, loginMasked: p.loginMasked }, p.address),
      };
      byOrder.set(p.orderId, o);
    }
    o.quantity += p.quantity;
    const sh = o.shipments.find((x) => x.id === p.shipmentId);
    if (sh) sh.quantity += p.quantity;
    else o.shipments.push({ id: p.shipmentId, no: p.shipmentNo, carrier: { name: p.carrierName, nameEn: p.carrierNameEn }, trackingNo: p.trackingNo, status: p.shipmentStatus, shippedAt: p.shippedAt, deliveredAt: p.deliveredAt, quantity: p.quantity });
  }
  const orderRows = [...byOrder.values()];
  const samplings = await ctx.db.select().from(qualitySamplings).where(eq(qualitySamplings.batchId, b.id)).orderBy(desc(qualitySamplings.createdAt));

  return {
    batch: {
      id: b.id, batchNo: b.batchNo, skuCode: b.skuCode, productionDate: b.productionDate, expiryDate: b.expiryDate, createdAt: b.createdAt,
      location: location ?? null, blockedReason: b.blockedReason,
    },
    product: { id: b.productId, title: f.productTitle, status: f.productStatus },
    merchant: { id: b.merchantId, name: f.merchantName },
    warehouse: { id: b.warehouseId, code: f.warehouseCode, name: f.warehouseName },
    supplier: supplier ?? null,
    purchaseRef: b.purchaseRef,
    receipt: receipt ?? null,
    inspectionReport: b.inspectionReportKey ? { url: `/api/v1/admin/quality/batches/${b.id}/inspection-report` } : null,
    quantities: {
      received: b.receivedQty, onHand: b.onHand, blocked: b.blocked, shipped: orderRows.reduce((n, o) => n + o.quantity, 0),
      orders: orderRows.length, buyers: new Set(orderRows.map((o) => o.buyerId)).size,
    },
    samplings: samplings.map((s) => ({
      id: s.id, no: s.no, status: s.status, plannedOn: s.plannedOn, sampleSize: s.sampleSize, sampledAt: s.sampledAt, findings: s.findings, decidedAt: s.decidedAt, hasReport: !!s.reportKey,
    })),
    recalls: batchRecalls.map((r) => ({ id: r.id, no: r.no, status: r.status, buyersNotified: r.buyersNotified, unitsShipped: r.unitsShipped, openedAt: r.openedAt, closedAt: r.closedAt })),
    orders: orderRows.map(({ buyerId: _b, ...o }) => o),
  };
}

export async function batchInspectionReportFile(ctx: Ctx, id: string) {
  const f = await batchWithFacts(ctx.db, ctx, id);
  if (!f.b.inspectionReportKey) throw new NotFound("Inspection report", "INSPECTION_REPORT_NOT_FOUND");
  const body = await ctx.storage.get(f.b.inspectionReportKey);
  const mime = sniffDocumentType(body) ?? "application/pdf";
  const ext = mime === "image/jpeg" ? "jpg" : mime === "image/png" ? "png" : mime === "image/webp" ? "webp" : "pdf";
  return { body, mime, fileName: `${f.b.batchNo}-inspection.${ext}` };
}
