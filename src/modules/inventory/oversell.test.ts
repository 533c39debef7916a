import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { dbUnderTest, world, type World } from "../../../test/support/world.js";
import { levelFor, receiveIntoBatch, verifyStock } from "./index.js";
import { stockLevels, stockMovements } from "./schema.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

const admin = "/api/v1/admin/inventory";

// I2: the oversell guarantee through the whole stack. On PostgreSQL the requests arrive
// over real sockets at a listening server and run in parallel transactions on a pool; the
// embedded database runs one transaction at a time, so there they are interleaved.
describe("I2 never oversold", () => {
  it("I2 200 concurrent holds of 1 unit on 10 in stock: exactly 10 succeed, available ends at 0, movements sum to the level", async () => {
    const staff = await w.loginAs("warehouse");
    const warehouse = await w.http("POST", `${admin}/warehouses`, { token: staff, body: { code: "HOT-01", name: "抢购专用仓 Flash-sale room" } });
    const sku = (await w.http("GET", `${admin}/stock?q=CB-M`, { token: staff })).body.items[0];
    const hot = await w.services.db.transaction(async (tx) => {
      const level = await levelFor(tx, w.system, warehouse.body.id, sku.productId, sku.skuCode);
      return (await receiveIntoBatch(tx, w.system, level, 10, { batchNo: "HOT-1" }, { type: "receipt", no: "PO-HOT-1" })).level;
    });
    const body = (i: number) => ({ referenceType: "order", referenceId: `FLASH-${i}`, lines: [{ productId: sku.productId, skuCode: sku.skuCode, quantity: 1, warehouseId: warehouse.body.id }] });

    let answers: { status: number; code: string | null }[];
    if (dbUnderTest === "postgres") {
      const address = await w.app.listen({ port: 0, host: "127.0.0.1" });
      answers = await Promise.all(Array.from({ length: 200 }, async (_, i) => {
        const res = await fetch(`${address}/api/v1/admin/inventory/reservations`, {
          method: "POST", headers: { authorization: `Bearer ${staff}`, "content-type": "application/json" }, body: JSON.stringify(body(i)),
        });
        const json = (await res.json()) as { error?: { code: string } };
        return { status: res.status, code: json.error?.code ?? null };
      }));
    } else {
      answers = await Promise.all(Array.from({ length: 200 }, async (_, i) => {
        const r = await w.http("POST", `${admin}/reservations`, { token: staff, body: body(i) });
        return { status: r.status, code: r.body.error?.code ?? null };
      }));
    }
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 409 && a.code === "OUT_OF_STOCK")).toHaveLength(190);

    const [level] = await w.services.db.select().from(stockLevels).where(eq(stockLevels.id, hot.id));
    expect(level).toMatchObject({ onHand: 10, reserved: 10, blocked: 0 });
    const detail = (await w.http("GET", `${admin}/stock/${hot.id}`, { token: staff })).body;
    expect(detail.available).toBe(0);
    const [sum] = await w.services.db.select({ onHand: sql<number>`sum(${stockMovements.onHandDelta})::int`, reserved: sql<number>`sum(${stockMovements.reservedDelta})::int`, rows: sql<number>`count(*)::int` })
      .from(stockMovements).where(eq(stockMovements.levelId, hot.id));
    // One receipt and one row per successful hold: refused holds leave no trace.
    expect(sum).toEqual({ onHand: 10, reserved: 10, rows: 11 });
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
