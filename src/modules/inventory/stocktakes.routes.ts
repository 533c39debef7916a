import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams, PageQuery } from "../../lib/schemas.js";
import type { InventoryScope } from "./routes.js";
import * as counts from "./stocktakes.js";

const tags = ["inventory"];
const Quantity = z.number().int("whole units").min(0, "0 or more").max(10_000_000);
const Note = z.string().trim().max(500, "at most 500 characters");

const Start = z.strictObject({ warehouseId: z.uuid(), categoryId: z.uuid().nullable().optional() });
const Counts = z.strictObject({ lines: z.array(z.strictObject({ lineId: z.uuid(), countedQty: Quantity.nullable() })).min(1).max(1000) });
const ByCode = z.strictObject({
  code: z.string().trim().min(1, "scan or type a barcode or SKU code").max(64),
  batchNo: z.string().trim().max(64).nullable().optional(),
  quantity: Quantity,
  mode: z.enum(["set", "add"]).default("set"),
});
const List = z.strictObject({
  ...PageQuery, cursor: z.uuid().optional(), warehouseId: z.uuid().optional(),
  status: z.enum(["counting", "submitted", "approved", "rejected", "cancelled"]).optional(),
});

// I5 stocktakes: start, count (by line or by barcode), submit, and a second person decides.
export default async function stocktakesRoutes(app: App, [base, permission]: InventoryScope) {
  const config = { permission };
  const at = `${base}/stocktakes`;
  app.get(at, { config, schema: { tags, summary: "Stocktakes, newest first (I5)", querystring: List } }, (req) => counts.listStocktakes(req.ctx, req.query));
  app.get(`${at}/start-options`, { config, schema: { tags, summary: "Warehouses a count can start in, with any count open there" } }, (req) => counts.stocktakeStartOptions(req.ctx));
  app.post(at, { config, schema: { tags, summary: "Start a count of a warehouse, whole or one category (I5)", body: Start } },
    async (req, reply) => reply.code(201).send(await counts.startStocktake(req.ctx, req.body)));
  app.get(`${at}/:id`, { config, schema: { tags, summary: "A count with its lines: book, moved during the count, expected, counted, difference", params: IdParams } },
    (req) => counts.getStocktake(req.ctx, req.params.id));
  app.get(`${at}/:id/movements`, { config, schema: { tags, summary: "Movements of the counted batches while the count ran", params: IdParams } },
    (req) => counts.movementsDuringCount(req.ctx, req.params.id));
  app.post(`${at}/:id/counts`, { config, schema: { tags, summary: "Enter counted quantities by line (null clears one)", params: IdParams, body: Counts } },
    (req) => counts.recordCounts(req.ctx, req.params.id, req.body.lines));
  app.post(`${at}/:id/scan`, { config, schema: { tags, summary: "Enter a count by barcode or SKU code and batch number", params: IdParams, body: ByCode } },
    (req) => counts.countByCode(req.ctx, req.params.id, req.body));
  app.post(`${at}/:id/submit`, { config, schema: { tags, summary: "Submit the count; a reason is required when lines differ", params: IdParams, body: z.strictObject({ reason: Note.nullable().optional() }) } },
    (req) => counts.submitStocktake(req.ctx, req.params.id, req.body));
  app.post(`${at}/:id/approve`, { config, schema: { tags, summary: "Approve (a second person): the differences become adjustments", params: IdParams, body: z.strictObject({ note: Note.nullable().optional() }) } },
    (req) => counts.approveStocktake(req.ctx, req.params.id, req.body));
  app.post(`${at}/:id/reject`, { config, schema: { tags, summary: "Reject (a second person): the books stay as they are", params: IdParams, body: z.strictObject({ note: Note.min(2, "say why the count is rejected") }) } },
    (req) => counts.rejectStocktake(req.ctx, req.params.id, req.body));
  app.post(`${at}/:id/cancel`, { config, schema: { tags, summary: "Cancel a count before it is submitted", params: IdParams, body: z.strictObject({ note: Note.nullable().optional() }) } },
    (req) => counts.cancelStocktake(req.ctx, req.params.id, req.body));
}
