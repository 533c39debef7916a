import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams, PageQuery } from "../../lib/schemas.js";
import type { InventoryScope } from "./routes.js";
import { movementTypes } from "./schema.js";
import * as warehouses from "./warehouses.js";
import * as levels from "./levels.js";
import { verifyStock } from "./verify.js";

const tags = ["inventory"];
const Code = z.string().trim().min(2, "at least 2 characters").max(20, "at most 20 characters").regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "letters, digits and dashes");
const WarehouseChange = z.strictObject({
  name: z.string().trim().min(2, "enter a name").max(60), address: z.string().trim().max(200).optional(), active: z.boolean().optional(),
});
const WarehouseInput = WarehouseChange.extend({ code: Code });
const LocationKind = z.enum(["storage", "receiving", "quarantine"]);
const LocationInput = z.strictObject({ code: Code, name: z.string().trim().max(60).optional(), kind: LocationKind.optional(), active: z.boolean().optional() });
const LocationChange = z.strictObject({ name: z.string().trim().max(60).optional(), kind: LocationKind.optional(), active: z.boolean().optional() });
const LocationParams = z.strictObject({ id: z.uuid({ message: "must be an id (UUID)" }), locationId: z.uuid({ message: "must be an id (UUID)" }) });
const Cursor = z.uuid({ message: "use the nextCursor of the previous page" }).optional();
const Units = z.number().int("whole units").min(1, "at least 1").max(1_000_000);
const Days = z.number().int().min(0).max(3650);
const Settings = z.strictObject({
  lowStockUnits: z.number().int().min(0).max(1_000_000).nullable(), coverDays: z.number().int().min(1).max(365).nullable(), safetyStock: z.number().int().min(0).max(1_000_000), leadTimeDays: Days,
});
const Note = z.string().trim().max(500);
const StockQuery = z.strictObject({
  warehouseId: z.uuid().optional(), q: z.string().trim().max(100).optional(), state: z.enum(["low", "out", "blocked", "all"]).default("all"), ...PageQuery, cursor: Cursor,
});
const MovementQuery = z.strictObject({
  warehouseId: z.uuid().optional(), levelId: z.uuid().optional(), batchId: z.uuid().optional(), type: z.enum(movementTypes).optional(),
  from: z.coerce.date().optional(), to: z.coerce.date().optional(), ...PageQuery, cursor: Cursor,
});
const Reserve = z.strictObject({
  referenceType: z.enum(["manual", "order"]), referenceId: z.string().trim().min(1, "enter a reference").max(100),
  lines: z.array(z.strictObject({ productId: z.uuid(), skuCode: z.string().trim().min(1).max(64), quantity: Units, warehouseId: z.uuid().optional() })).min(1, "name at least one SKU").max(100),
  minutes: z.number().int().min(1).max(60 * 24 * 30).optional(),
});
const ReservationQuery = z.strictObject({
  status: z.enum(["active", "committed", "released", "expired"]).optional(), referenceType: z.enum(["manual", "order", "transfer"]).optional(), ...PageQuery, cursor: Cursor,
});

// I1/I2: warehouses, stock levels, movements and manual holds, for platform staff (the
// platform's warehouses) and merchants (their own warehouses and goods). Every path
// parameter that names a record is ":id", so the tenancy probe (access.test.ts) tries
// another shop's ids on each of them.
export default async function stockRoutes(app: App, [base, permission]: InventoryScope) {
  const config = { permission };

  app.get(`${base}/warehouses`, { config, schema: { tags, summary: "Warehouses the actor runs, with stock totals (I1)" } }, (req) => warehouses.listWarehouses(req.ctx));
  app.post(`${base}/warehouses`, { config, schema: { tags, summary: "Open a warehouse (platform-run for staff, own for a merchant)", body: WarehouseInput } },
    async (req, reply) => reply.code(201).send(await warehouses.createWarehouse(req.ctx, req.body)));
  app.get(`${base}/warehouses/:id`, { config, schema: { tags, summary: "A warehouse with its locations", params: IdParams } }, (req) => warehouses.getWarehouse(req.ctx, req.params.id));
  app.put(`${base}/warehouses/:id`, { config, schema: { tags, summary: "Rename, re-address or close a warehouse (the code stays)", params: IdParams, body: WarehouseChange } },
    (req) => warehouses.updateWarehouse(req.ctx, req.params.id, req.body));
  app.get(`${base}/warehouses/:id/locations`, { config, schema: { tags, summary: "Locations of a warehouse", params: IdParams } }, (req) => warehouses.listLocations(req.ctx, req.params.id));
  app.post(`${base}/warehouses/:id/locations`, { config, schema: { tags, summary: "Add a location (storage, receiving or quarantine)", params: IdParams, body: LocationInput } },
    async (req, reply) => reply.code(201).send(await warehouses.createLocation(req.ctx, req.params.id, req.body)));
  app.put(`${base}/warehouses/:id/locations/:locationId`, { config, schema: { tags, summary: "Rename, re-kind or retire a location", params: LocationParams, body: LocationChange } },
    (req) => warehouses.updateLocation(req.ctx, req.params.id, req.params.locationId, req.body));

  app.get(`${base}/stock`, { config, schema: { tags, summary: "Stock per SKU per warehouse: on hand, reserved, available, blocked (I1)", querystring: StockQuery } },
    (req) => levels.listStock(req.ctx, req.query));
  app.get(`${base}/stock/summary`, { config, schema: { tags, summary: "Totals and how many SKUs are low, sold out or have goods set aside", querystring: z.strictObject({ warehouseId: z.uuid().optional() }) } },
    (req) => levels.stockSummary(req.ctx, req.query));
  app.get(`${base}/stock/warehouses`, { config, schema: { tags, summary: "Warehouses holding the actor's stock, for filters" } }, (req) => levels.stockWarehouses(req.ctx));
  app.get(`${base}/stock/:id`, { config, schema: { tags, summary: "One level: batches first-expiry-first, holds, latest movements", params: IdParams } },
    (req) => levels.getLevel(req.ctx, req.params.id));
  app.put(`${base}/stock/:id/settings`, { config, schema: { tags, summary: "Low-stock threshold, days of cover, safety stock, lead time (I6)", params: IdParams, body: Settings } },
    (req) => levels.updateLevelSettings(req.ctx, req.params.id, req.body));
  app.post(`${base}/stock/batches/:id/block`, {
    config, schema: { tags, summary: "Set units of a batch aside (damaged, quality)", params: IdParams, body: z.strictObject({ quantity: Units, reason: z.enum(["damaged", "quality"]), note: Note.optional() }) },
  }, (req) => levels.blockBatch(req.ctx, req.params.id, req.body));
  app.post(`${base}/stock/batches/:id/unblock`, {
    config, schema: { tags, summary: "Put units set aside back on sale", params: IdParams, body: z.strictObject({ quantity: Units, note: Note.optional() }) },
  }, (req) => levels.unblockBatch(req.ctx, req.params.id, req.body));
  app.post(`${base}/stock/batches/:id/scrap`, {
    config, schema: { tags, summary: "Write off units set aside", params: IdParams, body: z.strictObject({ quantity: Units, note: Note.min(2, "say why the goods are scrapped") }) },
  }, (req) => levels.scrapBatch(req.ctx, req.params.id, req.body));

  app.get(`${base}/movements`, { config, schema: { tags, summary: "Stock movements, newest first (I1)", querystring: MovementQuery } }, (req) => levels.listMovements(req.ctx, req.query));

  app.get(`${base}/reservations`, { config, schema: { tags, summary: "Stock holds (I2)", querystring: ReservationQuery } }, (req) => levels.listReservations(req.ctx, req.query));
  app.post(`${base}/reservations`, { config, schema: { tags, summary: "Hold stock: every line or none (I2); 409 OUT_OF_STOCK", body: Reserve } },
    async (req, reply) => reply.code(201).send(await levels.createReservation(req.ctx, req.body)));
  app.get(`${base}/reservations/:id`, { config, schema: { tags, summary: "A stock hold with its lines", params: IdParams } }, (req) => levels.getReservation(req.ctx, req.params.id));
  app.post(`${base}/reservations/:id/release`, { config, schema: { tags, summary: "Give a manual hold back", params: IdParams } }, (req) => levels.releaseManualReservation(req.ctx, req.params.id));

  // The books span every tenant's stock, so only the platform checks them.
  if (base === "/admin/inventory") {
    app.get(`${base}/verify`, { config, schema: { tags, summary: "Check every level against its movements, batches and holds (I1)" } }, (req) => verifyStock(req.ctx.db));
  }
}
