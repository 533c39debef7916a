import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams, PageQuery } from "../../lib/schemas.js";
import { readUpload, sendPrivateFile } from "../../server/uploads.js";
import type { InventoryScope } from "./routes.js";
import * as receipts from "./receipts.js";
import * as outbound from "./outbound.js";

const tags = ["inventory"];
const Day = z.iso.date("a date as YYYY-MM-DD");
const Cursor = z.uuid({ message: "use the nextCursor of the previous page" }).optional();
const Units = z.number().int("whole units").min(1, "at least 1").max(1_000_000);
const Count = z.number().int("whole units").min(0, "zero or more").max(1_000_000);
const Sku = z.string().trim().min(1, "enter the SKU code").max(64);
const Note = z.string().trim().max(1000);
const Reason = z.strictObject({ reason: z.string().trim().min(2, "say why").max(500) });

const ReceiptInput = z.strictObject({
  warehouseId: z.uuid(), supplierId: z.uuid(), purchaseRef: z.string().trim().min(1, "enter the purchase order number").max(60),
  expectedOn: Day.nullable().optional(), note: Note.nullable().optional(),
  lines: z.array(z.strictObject({ productId: z.uuid(), skuCode: Sku, expectedQty: Units })).min(1, "add at least one line").max(100),
});
const Acceptance = z.strictObject({
  note: Note.nullable().optional(),
  lines: z.array(z.strictObject({
    lineId: z.uuid(), receivedQty: Count, acceptedQty: Count, rejectedQty: Count, qualityNote: Note.nullable().optional(),
    batchNo: z.string().trim().max(40).regex(/^[\w.\-/]*$/, "letters, digits and - _ . /").nullable().optional(),
    productionDate: Day.nullable().optional(), expiryDate: Day.nullable().optional(),
  })).min(1).max(100),
});
const ReceiptQuery = z.strictObject({
  status: z.enum(Object.keys(receipts.receiptMachine.table) as [receipts.ReceiptStatus, ...receipts.ReceiptStatus[]]).optional(),
  warehouseId: z.uuid().optional(), supplierId: z.uuid().optional(), q: z.string().trim().max(100).optional(), ...PageQuery, cursor: Cursor,
});
const DiscrepancyQuery = z.strictObject({ supplierId: z.uuid().optional(), from: Day.optional(), to: Day.optional() });

const Line = z.strictObject({ productId: z.uuid(), skuCode: Sku, quantity: Units });
const OutboundInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("order"), reservationId: z.uuid(), orderRef: z.string().trim().max(60).nullable().optional(), note: Note.nullable().optional() }),
  z.strictObject({ kind: z.literal("transfer"), warehouseId: z.uuid(), targetWarehouseId: z.uuid(), lines: z.array(Line).min(1, "add at least one line").max(100), note: Note.nullable().optional() }),
  z.strictObject({
    kind: z.literal("supplier_return"), warehouseId: z.uuid(), supplierId: z.uuid(), note: Note.nullable().optional(),
    lines: z.array(z.union([z.strictObject({ batchId: z.uuid(), quantity: Units }), Line])).min(1, "add at least one line").max(100),
  }),
]);
const OutboundQuery = z.strictObject({
  kind: z.enum(["order", "transfer", "supplier_return"]).optional(),
  status: z.enum(Object.keys(outbound.outboundMachine.table) as [outbound.OutboundStatus, ...outbound.OutboundStatus[]]).optional(),
  warehouseId: z.uuid().optional(), q: z.string().trim().max(100).optional(), ...PageQuery, cursor: Cursor,
});

// I3 receipts with acceptance and I4 outbound documents, for platform staff (platform
// warehouses) and merchants (their own). Record ids are ":id" so that the tenancy probe
// (access.test.ts) tries another shop's ids on each of them.
export default async function receiptsRoutes(app: App, [base, permission]: InventoryScope) {
  const config = { permission };

  app.get(`${base}/receipts`, { config, schema: { tags, summary: "Purchase receipts of the actor's warehouses, newest first (I3)", querystring: ReceiptQuery } },
    (req) => receipts.listReceipts(req.ctx, req.query));
  app.post(`${base}/receipts`, { config, schema: { tags, summary: "Expect goods from a supplier: warehouse, purchase reference, lines (I3)", body: ReceiptInput } },
    async (req, reply) => reply.code(201).send(await receipts.createReceipt(req.ctx, req.body)));
  app.get(`${base}/receipts/discrepancies`, {
    config, schema: { tags, summary: "Per supplier: ordered vs delivered vs accepted, short/over and late deliveries, suggested scores for the evaluation (I3, P7)", querystring: DiscrepancyQuery },
  }, (req) => receipts.discrepancyReport(req.ctx, req.query));
  app.get(`${base}/receipts/products`, {
    config, schema: { tags, summary: "Products that may be received into a warehouse, with their SKUs and date rules", querystring: z.strictObject({ warehouseId: z.uuid(), q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }) },
  }, (req) => receipts.receivableProducts(req.ctx, req.query));
  app.get(`${base}/receipts/suppliers`, {
    config, schema: { tags, summary: "Suppliers a receipt for a shop's goods may name", querystring: z.strictObject({ merchantId: z.uuid().optional() }) },
  }, (req) => receipts.receiptSuppliers(req.ctx, req.query));
  app.get(`${base}/receipts/:id`, { config, schema: { tags, summary: "A receipt with its lines", params: IdParams } }, (req) => receipts.getReceipt(req.ctx, req.params.id));
  app.post(`${base}/receipts/:id/inspection-report`, {
    config, schema: { tags, summary: "Attach the inspection report (PDF, JPEG or PNG) as multipart/form-data with a file (P6)", params: IdParams, consumes: ["multipart/form-data"] },
  }, async (req) => {
    // Whose receipt it is comes before reading the upload: another shop's id is a 404.
    await receipts.getReceipt(req.ctx, req.params.id);
    const { file } = await readUpload(req, z.strictObject({}), "the inspection report (PDF, JPEG or PNG)");
    return receipts.attachInspectionReport(req.ctx, req.params.id, file);
  });
  app.get(`${base}/receipts/:id/inspection-report`, { config, schema: { tags, summary: "Open the receipt's inspection report", params: IdParams } },
    async (req, reply) => sendPrivateFile(reply, await receipts.inspectionReportFile(req.ctx, req.params.id)));
  app.post(`${base}/receipts/:id/accept`, {
    config, schema: { tags, summary: "Accept: per line received, accepted and refused units, quality note, batch and dates; accepted units enter stock (I3)", params: IdParams, body: Acceptance },
  }, (req) => receipts.acceptReceipt(req.ctx, req.params.id, req.body));
  app.post(`${base}/receipts/:id/cancel`, { config, schema: { tags, summary: "Call off an expected receipt", params: IdParams, body: Reason } },
    (req) => receipts.cancelReceipt(req.ctx, req.params.id, req.body.reason));

  app.get(`${base}/outbound`, { config, schema: { tags, summary: "Outbound documents of the actor's warehouses, newest first (I4)", querystring: OutboundQuery } },
    (req) => outbound.listOutbound(req.ctx, req.query));
  app.post(`${base}/outbound`, {
    config, schema: { tags, summary: "Open an outbound document: an order's reservation, a transfer to another warehouse, or a return to the supplier (I4)", body: OutboundInput },
  }, async (req, reply) => reply.code(201).send(await outbound.createOutbound(req.ctx, req.body)));
  app.get(`${base}/outbound/reservations`, { config, schema: { tags, summary: "Active reservations ready to ship from the actor's warehouses" } },
    (req) => outbound.shippableReservations(req.ctx));
  app.get(`${base}/outbound/stock`, {
    config, schema: { tags, summary: "Stock of a warehouse that may leave it, with batches (optionally of one supplier)", querystring: z.strictObject({ warehouseId: z.uuid(), supplierId: z.uuid().optional(), q: z.string().trim().max(100).optional() }) },
  }, (req) => outbound.outboundStock(req.ctx, req.query));
  app.get(`${base}/outbound/:id`, { config, schema: { tags, summary: "An outbound document with its pick list (planned while open, the batches taken once done)", params: IdParams } },
    (req) => outbound.getOutbound(req.ctx, req.params.id));
  app.post(`${base}/outbound/:id/done`, { config, schema: { tags, summary: "Complete: the goods leave, each line records its batches (I4, P6)", params: IdParams } },
    (req) => outbound.completeOutbound(req.ctx, req.params.id));
  app.post(`${base}/outbound/:id/cancel`, { config, schema: { tags, summary: "Call off an open outbound document", params: IdParams, body: Reason } },
    (req) => outbound.cancelOutbound(req.ctx, req.params.id, req.body.reason));
}
