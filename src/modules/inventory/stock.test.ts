import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { newId } from "../../lib/ids.js";
import { products } from "../catalog/schema.js";
import { commitReservation, levelFor, receiveIntoBatch, releaseExpiredReservations, reserveStock, verifyStock } from "./index.js";
import { stockLevels, warehouses } from "./schema.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

async function stockedSku(units: { batchNo: string; quantity: number; expiryDate: string | null }[]) {
  const [p] = await w.services.db.select().from(products).where(eq(products.status, "listed")).limit(1);
  const full = (await w.http("GET", `/api/v1/products/${p!.id}`)).body;
  const warehouseId = newId();
  await w.services.db.insert(warehouses).values({ id: warehouseId, code: `WH-${warehouseId.slice(-6)}`, name: "平台杭州仓", createdAt: w.clock.now(), updatedAt: w.clock.now() });
  const level = await w.services.db.transaction(async (tx) => {
    const l = await levelFor(tx, w.system, warehouseId, p!.id, full.skus[0].code);
    for (const u of units) await receiveIntoBatch(tx, w.system, l, u.quantity, { batchNo: u.batchNo, expiryDate: u.expiryDate }, { type: "receipt", no: "test" });
    return l;
  });
  return { level, productId: p!.id, skuCode: full.skus[0].code as string, warehouseId };
}

describe("I2 stock core", () => {
  it("I2 reserves all lines or none, never beyond what is on hand, commits first-expiry-first and releases what expires", async () => {
    const s = await stockedSku([{ batchNo: "B-LATE", quantity: 3, expiryDate: "2099-01-01" }, { batchNo: "B-SOON", quantity: 2, expiryDate: "2098-01-01" }]);
    // The demo stocks the same SKUs elsewhere: hold from this test's own warehouse.
    const line = { productId: s.productId, skuCode: s.skuCode, quantity: 4, warehouseId: s.warehouseId };
    const r = await w.services.db.transaction((tx) => reserveStock(tx, w.system, { referenceType: "manual", referenceId: "r1", lines: [line] }));
    expect(r.status).toBe("active");
    // The same reference again is the same reservation, not a second hold.
    await w.services.db.transaction((tx) => reserveStock(tx, w.system, { referenceType: "manual", referenceId: "r1", lines: [line] }));
    await expect(w.services.db.transaction((tx) => reserveStock(tx, w.system, { referenceType: "manual", referenceId: "r2", lines: [{ ...line, quantity: 2 }] }))).rejects.toMatchObject({ code: "OUT_OF_STOCK" });
    const done = await w.services.db.transaction((tx) => commitReservation(tx, w.system, r.id, { type: "outbound", no: "OUT-1" }));
    expect(done.lines[0]!.picks.map((p) => [p.batchNo, p.quantity])).toEqual([["B-SOON", 2], ["B-LATE", 2]]);
    const held = await w.services.db.transaction((tx) => reserveStock(tx, w.system, { referenceType: "manual", referenceId: "r3", lines: [{ ...line, quantity: 1 }], minutes: 5 }));
    w.clock.advance({ minutes: 6 });
    expect(await releaseExpiredReservations(w.services)).toEqual({ released: 1 });
    const [level] = await w.services.db.select().from(stockLevels).where(eq(stockLevels.id, held.lines[0]!.levelId));
    expect(level).toMatchObject({ onHand: 1, reserved: 0 });
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
