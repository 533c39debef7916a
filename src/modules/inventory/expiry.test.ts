import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { addDays } from "../../lib/clock.js";
import { products, productVersions } from "../catalog/schema.js";
import { merchants } from "../merchants/schema.js";
import { tasks } from "../tasks/schema.js";
import { EXPIRED_HELD_TASK, blockExpiredBatches } from "./expiry.js";
import { commitReservation, levelFor, receiveIntoBatch, releaseReservation, reserveStock, shanghaiDay, verifyStock } from "./index.js";
import { inventoryJobs } from "./jobs.js";
import { stockBatches, stockLevels, stockMovements } from "./schema.js";

let w: World;
beforeAll(async () => {
  w = await world({ seed: true });
  // The demo's own expired batch out of the way, so that the figures below are this file's.
  await blockExpiredBatches(w.services);
});
afterAll(async () => { await w?.close(); });

const ADMIN = "/api/v1/admin/inventory";
const day = (n: number) => shanghaiDay(addDays(w.clock.now(), n));

// A SKU of the tea house in a fresh platform warehouse, with the given batches.
async function stocked(code: string, lots: { batchNo: string; quantity: number; expiryDate: string | null }[]) {
  const staff = await w.loginAs("warehouse");
  const opened = await w.http("POST", `${ADMIN}/warehouses`, { token: staff, body: { code, name: `临期测试仓 ${code}` } });
  expect(opened.status).toBe(201);
  const [p] = await w.services.db.select({ id: products.id, content: productVersions.content }).from(products)
    .innerJoin(productVersions, eq(productVersions.id, products.liveVersionId)).innerJoin(merchants, eq(merchants.id, products.merchantId))
    .where(eq(merchants.name, "西湖茶舍 West Lake Tea House")).limit(1);
  const sku = p!.content.skus[0]!.code;
  const level = await w.services.db.transaction(async (tx) => {
    const l = await levelFor(tx, w.system, opened.body.id, p!.id, sku);
    for (const lot of lots) await receiveIntoBatch(tx, w.system, l, lot.quantity, { batchNo: lot.batchNo, expiryDate: lot.expiryDate }, { type: "receipt", no: "TEST" });
    return l;
  });
  const line = { productId: p!.id, skuCode: sku, warehouseId: opened.body.id as string };
  return { level, line };
}

const levelNow = async (id: string) => (await w.services.db.select().from(stockLevels).where(eq(stockLevels.id, id)))[0]!;
const batchNamed = async (levelId: string, batchNo: string) => (await w.services.db.select().from(stockBatches).where(and(eq(stockBatches.levelId, levelId), eq(stockBatches.batchNo, batchNo))))[0]!;

describe("P6 expired batches", () => {
  it("P6 an expired batch cannot be sold: picking skips it at once, the hourly job blocks its units, and no reservation can take them", async () => {
    expect(inventoryJobs.find((j) => j.name === "inventory.blockExpiredBatches")).toMatchObject({ everyMinutes: 60 });
    const { level, line } = await stocked("EXP-01", [{ batchNo: "OLD", quantity: 5, expiryDate: day(1) }, { batchNo: "NEW", quantity: 3, expiryDate: day(200) }]);
    w.clock.advance({ days: 2 });

    // Before the job: the level still counts the old units, but no shipment can take them.
    const sell = (referenceId: string, quantity: number) => w.services.db.transaction(async (tx) => {
      const r = await reserveStock(tx, w.system, { referenceType: "order", referenceId, lines: [{ ...line, quantity }] });
      return commitReservation(tx, w.system, r.id, { type: "outbound", no: referenceId });
    });
    await expect(sell("SO-EXP-1", 4)).rejects.toMatchObject({ code: "BATCH_STOCK_SHORT" });
    expect(await levelNow(level.id)).toMatchObject({ onHand: 8, reserved: 0, blocked: 0 });

    const ran = await blockExpiredBatches(w.services);
    expect(ran).toMatchObject({ batches: 1, units: 5, heldBack: 0 });
    expect(await levelNow(level.id)).toMatchObject({ onHand: 3, reserved: 0, blocked: 5 });
    expect(await batchNamed(level.id, "OLD")).toMatchObject({ onHand: 0, blocked: 5, blockedReason: "expired" });
    const moves = await w.services.db.select().from(stockMovements).where(and(eq(stockMovements.levelId, level.id), eq(stockMovements.type, "block")));
    expect(moves.map((m) => [m.onHandDelta, m.blockedDelta, m.documentType, m.documentNo])).toEqual([[-5, 5, "batch", "OLD"]]);

    // After it: the expired units are not available to anyone.
    await expect(w.services.db.transaction((tx) => reserveStock(tx, w.system, { referenceType: "order", referenceId: "SO-EXP-2", lines: [{ ...line, quantity: 4 }] })))
      .rejects.toMatchObject({ code: "OUT_OF_STOCK" });
    const sold = await sell("SO-EXP-3", 3);
    expect(sold.lines[0]!.picks.map((p) => [p.batchNo, p.quantity])).toEqual([["NEW", 3]]);
    // Running again changes nothing.
    expect(await blockExpiredBatches(w.services)).toMatchObject({ batches: 0, units: 0 });
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });

  it("P6 units that reservations still hold stay on hand, with a task for the warehouse, and are blocked once released", async () => {
    const { level, line } = await stocked("EXP-02", [{ batchNo: "HELD", quantity: 6, expiryDate: day(1) }]);
    const r = await w.services.db.transaction((tx) => reserveStock(tx, w.system, { referenceType: "manual", referenceId: "FAIR-SAMPLES", lines: [{ ...line, quantity: 4 }], minutes: 10 * 24 * 60 }));
    w.clock.advance({ days: 2 });

    expect(await blockExpiredBatches(w.services)).toMatchObject({ batches: 1, units: 2, heldBack: 4 });
    expect(await levelNow(level.id)).toMatchObject({ onHand: 4, reserved: 4, blocked: 2 });
    const batch = await batchNamed(level.id, "HELD");
    const raised = await w.services.db.select().from(tasks).where(and(eq(tasks.kind, EXPIRED_HELD_TASK), eq(tasks.subjectId, batch.id)));
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ audience: "platform", permission: "inventory.manage", status: "open", params: { batchNo: "HELD", units: 4, warehouseCode: "EXP-02" } });
    // The warehouse staff whose work it is see it; platform tasks are not for shops.
    const open = (await w.http("GET", "/api/v1/admin/tasks", { token: await w.loginAs("warehouse") })).body.items;
    expect(open.some((t: { kind: string; subjectId: string }) => t.kind === EXPIRED_HELD_TASK && t.subjectId === batch.id)).toBe(true);
    expect((await w.http("GET", "/api/v1/admin/tasks", { token: await w.loginAs("owner@tea-house.example") })).body.error.code).toBe("STAFF_ONLY");

    // The next run raises no second task; once the hold is given back the rest is blocked.
    await blockExpiredBatches(w.services);
    expect(await w.services.db.select().from(tasks).where(and(eq(tasks.kind, EXPIRED_HELD_TASK), eq(tasks.subjectId, batch.id)))).toHaveLength(1);
    await w.services.db.transaction((tx) => releaseReservation(tx, w.system, r.id));
    expect(await blockExpiredBatches(w.services)).toMatchObject({ batches: 1, units: 4, heldBack: 0 });
    expect(await levelNow(level.id)).toMatchObject({ onHand: 0, reserved: 0, blocked: 6 });
    expect((await w.services.db.select().from(tasks).where(eq(tasks.subjectId, batch.id)))[0]).toMatchObject({ status: "done" });
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
