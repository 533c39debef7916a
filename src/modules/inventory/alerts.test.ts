import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { tasks } from "../tasks/schema.js";
import { raiseAlertTasks } from "./alerts.js";
import { inventoryJobs } from "./jobs.js";
import { block, hold, merchantId, receive, sell, settings, skus, TEA, warehouse } from "./insight.testkit.js";
import { shanghaiDay } from "./stock.js";
import { verifyStock } from "./verify.js";
import { addDaysToDay } from "./insight.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

type Item = { kind: string; levelId: string; skuCode: string; batch: { batchNo: string; daysLeft: number | null; onHand: number; blocked: number; blockedReason: string | null } | null; low: Record<string, unknown> | null; slow: { idleDays: number } | null };
const summary = (items: Item[]) => items.map((i) => `${i.kind} ${i.skuCode}${i.batch ? ` ${i.batch.batchNo}` : ""}`).sort();

describe("I6 stock alerts", () => {
  it("I6 each alert kind names the right level or batch and no other; the daily job raises a task per alert once and closes it when the alert goes", async () => {
    const staff = await w.loginAs("warehouse");
    const tea = await skus(w, TEA);
    const today = shanghaiDay(w.clock.now());
    const wh = await warehouse(w, "I6-ALERT");
    const p = (code: string) => tea.get(code)!;

    // LJ-250: 10 available, alert below 20 units.
    const lj250 = await receive(w, wh, p("LJ-250"), "LJ-250", [{ batchNo: "LJ-FAR", quantity: 10, expiryDate: "2099-01-01" }]);
    await settings(w, lj250, { lowStockUnits: 20 });
    // LJ-500: all 5 held for an order: none available.
    const lj500 = await receive(w, wh, p("LJ-500"), "LJ-500", [{ batchNo: "LJ5-FAR", quantity: 5, expiryDate: "2099-01-01" }]);
    await hold(w, lj500, 5);
    // BLC-250: a batch 10 days from expiry, one past it, one partly damaged, one fine (40 days).
    const blc = await receive(w, wh, p("BLC-250"), "BLC-250", [
      { batchNo: "BLC-SOON", quantity: 5, expiryDate: addDaysToDay(today, 10) },
      { batchNo: "BLC-PAST", quantity: 3, expiryDate: addDaysToDay(today, -1) },
      { batchNo: "BLC-DMG", quantity: 4, expiryDate: "2099-01-01" },
      { batchNo: "BLC-LATER", quantity: 2, expiryDate: addDaysToDay(today, 40) },
    ]);
    await block(w, blc, "BLC-DMG", 2, "damaged");
    // DH-200: 30 in, 28 sold in the window (1 a day): 2 left is under its 10 days of cover.
    const dh = await receive(w, wh, p("DH-200"), "DH-200", [{ batchNo: "DH-FAR", quantity: 30, expiryDate: "2099-01-01" }]);
    await settings(w, dh, { coverDays: 10 });
    await sell(w, dh, 28);
    // PE-357: plenty, selling, no threshold: never an alert.
    const pe = await receive(w, wh, p("PE-357"), "PE-357", [{ batchNo: "PE-OLD", quantity: 50 }]);
    await sell(w, pe, 5);
    // OF-500: received, never sold.
    await receive(w, wh, p("OF-500"), "OF-500", [{ batchNo: "OF-FAR", quantity: 6, expiryDate: "2099-01-01" }]);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);

    const url = `/api/v1/admin/inventory/alerts?warehouseId=${wh}`;
    const all = (await w.http("GET", url, { token: staff })).body;
    expect(all.counts).toEqual({ expired: 1, out: 1, damaged: 1, expiring: 1, low: 2, slow: 0 });
    expect(summary(all.items)).toEqual(["damaged BLC-250 BLC-DMG", "expired BLC-250 BLC-PAST", "expiring BLC-250 BLC-SOON", "low DH-200", "low LJ-250", "out LJ-500"]);
    // Most urgent first.
    expect(all.items.map((i: Item) => i.kind)).toEqual(["expired", "out", "damaged", "expiring", "low", "low"]);
    const by = (kind: string, sku: string) => all.items.find((i: Item) => i.kind === kind && i.skuCode === sku) as Item & Record<string, unknown>;
    expect(by("expiring", "BLC-250").batch).toMatchObject({ batchNo: "BLC-SOON", daysLeft: 10, onHand: 5 });
    expect(by("expired", "BLC-250").batch).toMatchObject({ batchNo: "BLC-PAST", daysLeft: -1, onHand: 3, blocked: 0 });
    expect(by("damaged", "BLC-250").batch).toMatchObject({ batchNo: "BLC-DMG", blocked: 2, blockedReason: "damaged" });
    expect(by("low", "LJ-250")).toMatchObject({ available: 10, low: { lowStockUnits: 20, byUnits: true, byCover: false } });
    expect(by("low", "DH-200")).toMatchObject({ available: 2, low: { coverDays: 10, soldInWindow: 28, velocity: 1, daysOfCover: 2, byUnits: false, byCover: true } });
    expect(by("out", "LJ-500")).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
    expect(all.rules).toEqual({ expiryWarningDays: 30, slowMoverDays: 60, velocityWindowDays: 28 });

    const lows = (await w.http("GET", `${url}&kind=low`, { token: staff })).body;
    expect(lows.items.map((i: Item) => i.skuCode).sort()).toEqual(["DH-200", "LJ-250"]);
    expect(lows.counts.expired).toBe(1);
    expect((await w.http("GET", `${url}&kind=sideways`, { token: staff })).status).toBe(400);

    // The expiry job's block keeps the batch in the expired list, now as blocked stock.
    await block(w, blc, "BLC-PAST", 3, "expired");
    const expired = (await w.http("GET", `${url}&kind=expired`, { token: staff })).body.items;
    expect(expired.map((i: Item) => [i.batch!.batchNo, i.batch!.onHand, i.batch!.blocked, i.batch!.blockedReason])).toEqual([["BLC-PAST", 0, 3, "expired"]]);
    expect((await w.http("GET", `${url}&kind=damaged`, { token: staff })).body.counts.damaged).toBe(1);

    // Scope: the owner of the goods sees them in the platform warehouse; another shop sees
    // nothing there, and another shop's warehouse does not exist for it nor for staff.
    const owner = await w.loginAs("owner@tea-house.example");
    const mine = (await w.http("GET", `/api/v1/merchant/inventory/alerts?warehouseId=${wh}`, { token: owner })).body;
    expect(mine.total).toBe(all.total);
    const bamboo = await w.loginAs("owner@bamboo.example");
    expect((await w.http("GET", `/api/v1/merchant/inventory/alerts?warehouseId=${wh}`, { token: bamboo })).body.total).toBe(0);
    const teaRoom = await warehouse(w, "I6-TEA-ROOM", await merchantId(w, TEA));
    expect((await w.http("GET", `/api/v1/merchant/inventory/alerts?warehouseId=${teaRoom}`, { token: bamboo })).body.error.code).toBe("WAREHOUSE_NOT_FOUND");
    expect((await w.http("GET", `/api/v1/admin/inventory/alerts?warehouseId=${teaRoom}`, { token: staff })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/merchant/inventory/alerts?warehouseId=${teaRoom}`, { token: owner })).status).toBe(200);

    // The daily job: one task per alert, for the warehouse's staff; the same day again raises none.
    expect(inventoryJobs.map((j) => j.name)).toContain("inventory.raiseAlertTasks");
    const shopRoom = await receive(w, teaRoom, p("LJ-500"), "LJ-500", [{ batchNo: "ROOM-1", quantity: 1 }]);
    await hold(w, shopRoom, 1);
    const first = await raiseAlertTasks(w.services);
    expect(first.raised).toBeGreaterThanOrEqual(7);
    expect((await raiseAlertTasks(w.services)).raised).toBe(0);
    const subjects = [lj250.id, lj500.id, dh.id, shopRoom.id];
    const raised = await w.services.db.select().from(tasks).where(inArray(tasks.subjectId, subjects));
    expect(raised.map((t) => `${t.kind} ${t.audience} ${t.permission ?? "-"}`).sort()).toEqual([
      "inventory_low platform inventory.manage", "inventory_low platform inventory.manage", "inventory_out merchant -", "inventory_out platform inventory.manage",
    ]);
    expect(raised.find((t) => t.subjectId === lj250.id)).toMatchObject({ merchantId: await merchantId(w, TEA), params: { skuCode: "LJ-250", warehouse: "I6-ALERT", available: 10 } });
    // The shop's own warehouse: the task is the shop's, on its task list.
    const shopTasks = (await w.http("GET", "/api/v1/merchant/tasks", { token: owner })).body.items;
    expect(shopTasks.some((t: { kind: string; subjectId: string }) => t.kind === "inventory_out" && t.subjectId === shopRoom.id)).toBe(true);

    // Restocked: the low alert is gone and its task closes itself; the others stay open.
    await receive(w, wh, p("LJ-250"), "LJ-250", [{ batchNo: "LJ-FAR", quantity: 30 }]);
    const second = await raiseAlertTasks(w.services);
    expect(second).toMatchObject({ raised: 0, closed: 1 });
    const [ljTask] = await w.services.db.select().from(tasks).where(and(eq(tasks.subjectId, lj250.id), eq(tasks.kind, "inventory_low")));
    expect(ljTask).toMatchObject({ status: "done", closedBy: "inventory alert check" });
    const [dhTask] = await w.services.db.select().from(tasks).where(eq(tasks.subjectId, dh.id));
    expect(dhTask!.status).toBe("open");
    expect((await verifyStock(w.services.db)).problems).toEqual([]);

    // 61 days on: what has not sold for 60 days is slow; the batches that were 10 and 40
    // days from expiry have expired; a sale takes PE-357 off the slow list.
    w.clock.advance({ days: 61 });
    const again = await w.loginAs("warehouse");
    const later = (await w.http("GET", url, { token: again })).body;
    const slow = later.items.filter((i: Item) => i.kind === "slow");
    // LJ-500 counts too: held for an order for two months is not a sale.
    expect(slow.map((i: Item) => i.skuCode).sort()).toEqual(["BLC-250", "DH-200", "LJ-250", "LJ-500", "OF-500", "PE-357"]);
    expect(slow.find((i: Item) => i.skuCode === "OF-500").slow).toMatchObject({ idleDays: 61, lastSoldAt: null });
    expect(slow.find((i: Item) => i.skuCode === "PE-357").slow.idleDays).toBe(61);
    expect(later.items.filter((i: Item) => i.kind === "expired").map((i: Item) => i.batch!.batchNo).sort()).toEqual(["BLC-LATER", "BLC-PAST", "BLC-SOON"]);
    await sell(w, pe, 1);
    const after = (await w.http("GET", `${url}&kind=slow`, { token: again })).body.items;
    expect(after.map((i: Item) => i.skuCode)).not.toContain("PE-357");
    expect(after.map((i: Item) => i.skuCode)).toContain("OF-500");
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
