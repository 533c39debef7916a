import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, inArray } from "drizzle-orm";
import type { World } from "../../../test/support/world.js";
import { inventoryWorld } from "../../../test/support/inventory.js";
import { products, productVersions } from "../catalog/schema.js";
import { merchants } from "../merchants/schema.js";
import { move, releaseExpiredReservations, reserveStock, verifyStock } from "./index.js";
import { outboundDocuments, stockBatches, stockLevels, stockMovements, stockReservations, warehouses } from "./schema.js";

let w: World, staff: string, teaOwner: string, bambooOwner: string;
let hz: string;
beforeAll(async () => {
  ({ w, staff, tea: teaOwner, bamboo: bambooOwner } = await inventoryWorld());
  hz = await warehouseId("HZ-01");
});
afterAll(async () => { await w?.close(); });

const ADMIN = "/api/v1/admin/inventory";
const SHOP = "/api/v1/merchant/inventory";
const TEA = "西湖茶舍 West Lake Tea House";

async function warehouseId(code: string) {
  const [row] = await w.services.db.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.code, code));
  return row!.id;
}

async function productOf(shop: string, sku: string) {
  const rows = await w.services.db.select({ id: products.id, content: productVersions.content }).from(products)
    .innerJoin(productVersions, eq(productVersions.id, products.liveVersionId)).innerJoin(merchants, eq(merchants.id, products.merchantId)).where(eq(merchants.name, shop));
  return rows.find((r) => r.content.skus.some((s) => s.code === sku))!.id;
}

async function level(warehouse: string, sku: string) {
  const [l] = await w.services.db.select().from(stockLevels).where(and(eq(stockLevels.warehouseId, warehouse), eq(stockLevels.skuCode, sku)));
  return l ?? null;
}

async function batch(warehouse: string, batchNo: string) {
  const [b] = await w.services.db.select().from(stockBatches).where(and(eq(stockBatches.warehouseId, warehouse), eq(stockBatches.batchNo, batchNo)));
  return b ?? null;
}

const reserve = (referenceId: string, productId: string, sku: string, quantity: number, minutes?: number) =>
  w.services.db.transaction((tx) => reserveStock(tx, w.system, { referenceType: "order", referenceId, lines: [{ productId, skuCode: sku, quantity, warehouseId: hz }], minutes }));

describe("I4 outbound documents", () => {
  it("I4 an order ships against its reservation: the document commits it and each line records the batches it left from (P6)", async () => {
    const lj = await productOf(TEA, "LJ-250");
    const before = (await level(hz, "LJ-250"))!;
    const r = await reserve("ORDER-1001", lj, "LJ-250", 5);
    const ready = (await w.http("GET", `${ADMIN}/outbound/reservations`, { token: staff })).body.items;
    expect(ready.find((x: { id: string }) => x.id === r.id)).toMatchObject({ referenceType: "order", referenceId: "ORDER-1001", warehouseCodes: ["HZ-01"], units: 5 });

    const created = await w.http("POST", `${ADMIN}/outbound`, { token: staff, body: { kind: "order", reservationId: r.id } });
    expect(created.status).toBe(201);
    const doc = created.body;
    expect(doc).toMatchObject({ kind: "order", status: "open", number: expect.stringMatching(/^CK\d{8}-\d{4}$/), orderRef: "ORDER-1001", units: 5 });
    // The pick list while open: first expiry first, nothing taken yet.
    expect(doc.lines[0]).toMatchObject({ skuCode: "LJ-250", quantity: 5, picks: [], plannedShort: 0, plannedPicks: [{ batchNo: "LJ250-2601", quantity: 5, locationCode: "A-01-01" }] });
    expect((await w.http("POST", `${ADMIN}/outbound`, { token: staff, body: { kind: "order", reservationId: r.id } })).body.error.code).toBe("OUTBOUND_EXISTS");
    expect((await level(hz, "LJ-250"))!.onHand).toBe(before.onHand);

    const done = await w.http("POST", `${ADMIN}/outbound/${doc.id}/done`, { token: staff });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "done", doneBy: expect.stringContaining("Warehouse"), reservation: { status: "committed" } });
    expect(done.body.lines[0].picks).toEqual([expect.objectContaining({ batchNo: "LJ250-2601", quantity: 5, expiryDate: expect.any(String) })]);
    expect(await level(hz, "LJ-250")).toMatchObject({ onHand: before.onHand - 5, reserved: before.reserved });
    const moves = await w.services.db.select().from(stockMovements).where(eq(stockMovements.documentId, doc.id));
    expect(moves.map((m) => [m.type, m.onHandDelta, m.reservedDelta, m.documentType, m.documentNo])).toEqual([["commit", -5, -5, "outbound", doc.number]]);
    expect((await w.http("POST", `${ADMIN}/outbound/${doc.id}/done`, { token: staff })).body.error.code).toBe("INVALID_TRANSITION");

    // A hold that ran out before the goods left ships nothing.
    const brief = await reserve("ORDER-1002", lj, "LJ-250", 2, 5);
    const late = (await w.http("POST", `${ADMIN}/outbound`, { token: staff, body: { kind: "order", reservationId: brief.id, orderRef: "SO-1002" } })).body;
    expect(late.orderRef).toBe("SO-1002");
    w.clock.advance({ minutes: 6 });
    await releaseExpiredReservations(w.services);
    expect((await w.http("POST", `${ADMIN}/outbound/${late.id}/done`, { token: staff })).body.error.code).toBe("RESERVATION_NOT_ACTIVE");
    expect((await w.http("POST", `${ADMIN}/outbound/${late.id}/cancel`, { token: staff, body: { reason: "订单超时取消" } })).body.status).toBe("cancelled");
    expect((await w.http("POST", `${ADMIN}/outbound`, { token: staff, body: { kind: "order", reservationId: brief.id } })).body.error.code).toBe("RESERVATION_NOT_ACTIVE");

    // Other tenants: a shop sees neither the platform's document nor its reservation.
    expect((await w.http("GET", `${SHOP}/outbound/${doc.id}`, { token: teaOwner })).status).toBe(404);
    expect((await w.http("POST", `${SHOP}/outbound/${late.id}/done`, { token: bambooOwner })).status).toBe(404);
    const other = await reserve("ORDER-1003", lj, "LJ-250", 1);
    expect((await w.http("POST", `${SHOP}/outbound`, { token: teaOwner, body: { kind: "order", reservationId: other.id } })).status).toBe(404);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });

  it("I4 a transfer moves the picked batches with their numbers and dates to the target warehouse (P6)", async () => {
    const opened = await w.http("POST", `${ADMIN}/warehouses`, { token: staff, body: { code: "NB-01", name: "宁波前置仓 Ningbo" } });
    expect(opened.status).toBe(201);
    const nb = opened.body.id as string;
    const blc = await productOf(TEA, "BLC-250");
    const line = { productId: blc, skuCode: "BLC-250" };
    const create = (body: Record<string, unknown>) => w.http("POST", `${ADMIN}/outbound`, { token: staff, body: { kind: "transfer", warehouseId: hz, targetWarehouseId: nb, ...body } });
    expect((await create({ targetWarehouseId: hz, lines: [{ ...line, quantity: 1 }] })).body.error.code).toBe("TRANSFER_SAME_WAREHOUSE");
    expect((await create({ targetWarehouseId: await warehouseId("TEA-01"), lines: [{ ...line, quantity: 1 }] })).status).toBe(404);
    expect((await create({ lines: [{ ...line, quantity: 1000 }] })).body.error.code).toBe("STOCK_INSUFFICIENT");

    // BLC-2509 is past its date: FEFO skips it and takes the fresh batch.
    const fresh = (await batch(hz, "BLC-2601"))!;
    const t = (await create({ lines: [{ ...line, quantity: 20 }], note: "宁波大促备货" })).body;
    expect(t.lines[0].plannedPicks.map((p: { batchNo: string; quantity: number }) => [p.batchNo, p.quantity])).toEqual([["BLC-2601", 20]]);
    const done = await w.http("POST", `${ADMIN}/outbound/${t.id}/done`, { token: staff });
    expect(done.status).toBe(200);
    expect(done.body.lines[0].picks.map((p: { batchNo: string; quantity: number }) => [p.batchNo, p.quantity])).toEqual([["BLC-2601", 20]]);
    const arrived = (await batch(nb, "BLC-2601"))!;
    expect(arrived).toMatchObject({ onHand: 20, productionDate: fresh.productionDate, expiryDate: fresh.expiryDate, supplierId: fresh.supplierId, purchaseRef: fresh.purchaseRef });
    expect((await batch(hz, "BLC-2601"))!.onHand).toBe(fresh.onHand - 20);
    const moves = await w.services.db.select().from(stockMovements).where(eq(stockMovements.documentId, t.id));
    expect(moves.map((m) => [m.type, m.warehouseId, m.onHandDelta, m.documentType]).sort()).toEqual([["transfer_in", nb, 20, "outbound"], ["transfer_out", hz, -20, "outbound"]].sort());

    // More than the unexpired batches hold: the level counts the expired units, picking does not.
    const left = (await level(hz, "BLC-250"))!;
    const tooMuch = (await create({ lines: [{ ...line, quantity: fresh.onHand - 20 + 1 }] })).body;
    expect(tooMuch.lines[0].plannedShort).toBe(1);
    expect((await w.http("POST", `${ADMIN}/outbound/${tooMuch.id}/done`, { token: staff })).body.error.code).toBe("BATCH_STOCK_SHORT");
    expect(await level(hz, "BLC-250")).toMatchObject({ onHand: left.onHand });

    // Back again: the units rejoin their own batch, dates unchanged.
    const back = (await w.http("POST", `${ADMIN}/outbound`, { token: staff, body: { kind: "transfer", warehouseId: nb, targetWarehouseId: hz, lines: [{ ...line, quantity: 5 }] } })).body;
    expect((await w.http("POST", `${ADMIN}/outbound/${back.id}/done`, { token: staff })).status).toBe(200);
    expect((await batch(hz, "BLC-2601"))!.onHand).toBe(fresh.onHand - 15);
    const listed = (await w.http("GET", `${ADMIN}/outbound?kind=transfer&status=done`, { token: staff })).body.items;
    expect(listed.map((d: { number: string; targetWarehouseCode: string }) => [d.number, d.targetWarehouseCode])).toEqual([[back.number, "HZ-01"], [t.number, "NB-01"]]);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });

  it("I4 a merchant moves its goods between its own warehouses, never into the platform's or another shop's", async () => {
    const teaWarehouse = await warehouseId("TEA-01");
    const own = await w.http("POST", `${SHOP}/warehouses`, { token: teaOwner, body: { code: "TEA-02", name: "茶舍门店 Shop floor" } });
    expect(own.status).toBe(201);
    const pu = await productOf(TEA, "PE-357");
    const body = { kind: "transfer", warehouseId: teaWarehouse, targetWarehouseId: own.body.id, lines: [{ productId: pu, skuCode: "PE-357", quantity: 5 }] };
    expect((await w.http("POST", `${SHOP}/outbound`, { token: teaOwner, body: { ...body, targetWarehouseId: hz } })).status).toBe(404);
    expect((await w.http("POST", `${SHOP}/outbound`, { token: bambooOwner, body })).status).toBe(404);
    const doc = (await w.http("POST", `${SHOP}/outbound`, { token: teaOwner, body })).body;
    expect((await w.http("GET", `${SHOP}/outbound/${doc.id}`, { token: bambooOwner })).status).toBe(404);
    expect((await w.http("GET", `${ADMIN}/outbound/${doc.id}`, { token: staff })).status).toBe(404);
    const done = await w.http("POST", `${SHOP}/outbound/${doc.id}/done`, { token: teaOwner });
    expect(done.body.lines[0].picks.map((p: { batchNo: string; quantity: number }) => [p.batchNo, p.quantity])).toEqual([["PE-2019", 5]]);
    expect((await batch(own.body.id, "PE-2019"))!.onHand).toBe(5);
    expect((await w.http("GET", `${SHOP}/outbound?kind=transfer`, { token: teaOwner })).body.items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    expect((await w.http("GET", `${SHOP}/outbound`, { token: bambooOwner })).body.items).toEqual([]);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });

  it("I4 a return to the supplier takes a chosen batch (its blocked units first) or the supplier's batches first-expiry-first", async () => {
    const lj = await productOf(TEA, "LJ-250");
    const older = (await batch(hz, "LJ250-2601"))!;
    const newer = (await batch(hz, "LJ250-2602"))!;
    const supplierId = newer.supplierId!;
    // Three tins of the newer batch were found dented and set aside.
    await w.services.db.transaction((tx) => move(tx, w.system, { id: newer.levelId }, "block", { onHand: -3, blocked: 3 }, { type: "batch", id: newer.id, no: newer.batchNo }, { batchId: newer.id }));
    const before = (await level(hz, "LJ-250"))!;
    const create = (lines: unknown[]) => w.http("POST", `${ADMIN}/outbound`, { token: staff, body: { kind: "supplier_return", warehouseId: hz, supplierId, lines } });
    const unrelated = (await batch(hz, "BLC-2601"))!;
    expect((await create([{ batchId: unrelated.id, quantity: 1 }])).body.error.code).toBe("BATCH_NOT_FROM_SUPPLIER");
    expect((await create([{ batchId: newer.id, quantity: newer.onHand + 1000 }])).body.error.code).toBe("STOCK_INSUFFICIENT");

    const doc = (await create([{ batchId: newer.id, quantity: 5 }])).body;
    expect(doc).toMatchObject({ kind: "supplier_return", supplier: { id: supplierId }, lines: [{ plannedPicks: [{ batchNo: "LJ250-2602", quantity: 5, blocked: true }] }] });
    const done = await w.http("POST", `${ADMIN}/outbound/${doc.id}/done`, { token: staff });
    expect(done.status).toBe(200);
    const moves = await w.services.db.select().from(stockMovements).where(eq(stockMovements.documentId, doc.id));
    expect(moves.map((m) => [m.type, m.onHandDelta, m.blockedDelta, m.batchId])).toEqual([["supplier_return", 0, -3, newer.id], ["supplier_return", -2, 0, newer.id]]);
    expect(await level(hz, "LJ-250")).toMatchObject({ onHand: before.onHand - 2, blocked: before.blocked - 3 });

    // Without a batch: the supplier's batch that expires first goes back first.
    const fefo = (await create([{ productId: lj, skuCode: "LJ-250", quantity: 4 }])).body;
    const fefoDone = (await w.http("POST", `${ADMIN}/outbound/${fefo.id}/done`, { token: staff })).body;
    expect(fefoDone.lines[0].picks).toEqual([expect.objectContaining({ batchId: older.id, batchNo: "LJ250-2601", quantity: 4 })]);
    expect((await batch(hz, "LJ250-2601"))!.onHand).toBe(older.onHand - 4);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });

  it("I4 stock leaves only against a done outbound document, and no other code writes an outgoing movement", async () => {
    // Every outgoing movement so far names a done outbound document of its own warehouse.
    const out = await w.services.db.select().from(stockMovements).where(inArray(stockMovements.type, ["commit", "transfer_out", "supplier_return"]));
    expect(out.length).toBeGreaterThan(0);
    const docs = await w.services.db.select().from(outboundDocuments).where(inArray(outboundDocuments.id, out.map((m) => m.documentId!).filter(Boolean)));
    for (const m of out) {
      expect(m.documentType).toBe("outbound");
      const d = docs.find((x) => x.id === m.documentId);
      expect(d, `${m.type} ${m.documentNo}`).toMatchObject({ status: "done", number: m.documentNo });
      expect(d!.warehouseId).toBe(m.warehouseId);
    }
    // No route takes goods out without one: an order needs its reservation, a transfer its target, a return its supplier.
    for (const body of [{ kind: "order" }, { kind: "transfer", warehouseId: hz, lines: [] }, { kind: "supplier_return", warehouseId: hz, lines: [{ batchId: hz, quantity: 1 }] }, { kind: "sale" }]) {
      expect((await w.http("POST", `${ADMIN}/outbound`, { token: staff, body })).status).toBe(400);
    }
    expect((await w.http("POST", `${ADMIN}/outbound`, { token: staff, body: { kind: "order", reservationId: hz } })).body.error.code).toBe("RESERVATION_NOT_FOUND");
    const [active] = await w.services.db.select().from(stockReservations).where(eq(stockReservations.status, "active"));
    expect(active).toBeDefined();

    // The code (tests and their fixtures aside): outgoing movements are written only by the
    // stock core and the outbound operation, and only the outbound operation commits a reservation.
    const root = fileURLToPath(new URL("../", import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !/\.test(kit)?\.ts$/.test(f));
    const source = (f: string) => readFileSync(join(root, f), "utf8").replace(/^\s*(\/\/|\*).*$/gm, "");
    const path = (...fs: string[]) => fs.map((f) => join(...f.split("/"))).sort();
    expect(files.filter((f) => /\bmove\([^;]*?"(commit|transfer_out|supplier_return)"/s.test(source(f))).sort()).toEqual(path("inventory/outbound.ts", "inventory/stock.ts"));
    expect(files.filter((f) => /(?<!function )\bcommitReservation\(/.test(source(f))).sort()).toEqual(path("inventory/outbound.ts"));
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
