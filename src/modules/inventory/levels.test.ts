import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { World } from "../../../test/support/world.js";
import { inventoryWorld } from "../../../test/support/inventory.js";
import { releaseExpiredReservations, verifyStock } from "./index.js";
import { stockBatches, stockLevels, stockMovements } from "./schema.js";

let w: World, staff: string, tea: string, bamboo: string;
beforeAll(async () => {
  ({ w, staff, tea, bamboo } = await inventoryWorld());
});
afterAll(async () => { await w?.close(); });

const admin = "/api/v1/admin/inventory";
const merchant = "/api/v1/merchant/inventory";
type Row = { id: string; skuCode: string; productId: string; warehouse: { code: string; id: string }; onHand: number; reserved: number; available: number; blocked: number; state: string; merchantName: string };

async function stock(token: string, base: string, query = "") {
  const r = await w.http("GET", `${base}/stock?limit=200${query}`, { token });
  expect(r.status).toBe(200);
  return r.body.items as Row[];
}
const find = (rows: Row[], sku: string, warehouse: string) => rows.find((r) => r.skuCode === sku && r.warehouse.code === warehouse)!;
const clean = async () => expect((await verifyStock(w.services.db)).problems).toEqual([]);

describe("I1 stock levels", () => {
  it("I1 staff see the platform warehouses' stock, a merchant its own goods wherever they lie", async () => {
    const staffRows = await stock(staff, admin);
    expect(new Set(staffRows.map((r) => r.warehouse.code))).toEqual(new Set(["HZ-01"]));
    expect(new Set(staffRows.map((r) => r.merchantName)).size).toBe(2);
    const lj = find(staffRows, "LJ-250", "HZ-01");
    // Demo: 90 received, 6 held for the trade fair.
    expect(lj).toMatchObject({ onHand: 90, reserved: 6, available: 84, blocked: 0 });

    const teaRows = await stock(tea, merchant);
    expect(new Set(teaRows.map((r) => r.warehouse.code))).toEqual(new Set(["HZ-01", "TEA-01"]));
    expect(teaRows.some((r) => r.skuCode.startsWith("CB-"))).toBe(false);
    const bambooRows = await stock(bamboo, merchant);
    expect(bambooRows.length).toBeGreaterThan(0);
    expect(bambooRows.every((r) => r.warehouse.code === "HZ-01" && !r.skuCode.startsWith("LJ"))).toBe(true);
    const teaWarehouses = (await w.http("GET", `${merchant}/stock/warehouses`, { token: tea })).body.items.map((x: { code: string }) => x.code);
    expect(teaWarehouses).toEqual(["HZ-01", "TEA-01"]);
  });

  it("I1 filters by warehouse, title or SKU code and state, a page at a time", async () => {
    const all = await stock(tea, merchant);
    const tea01 = find(all, "DH-200", "TEA-01").warehouse.id;
    expect((await stock(tea, merchant, `&warehouseId=${tea01}`)).every((r) => r.warehouse.code === "TEA-01")).toBe(true);
    expect((await stock(tea, merchant, "&q=lj-")).map((r) => r.skuCode).sort()).toEqual(["LJ-250", "LJ-500"]);
    expect((await stock(tea, merchant, `&q=${encodeURIComponent("龙井")}`)).map((r) => r.skuCode).sort()).toEqual(["LJ-250", "LJ-500"]);
    expect((await stock(tea, merchant, "&q=%25")).length).toBe(0);
    const low = await stock(staff, admin, "&state=low");
    expect(low.map((r) => r.skuCode).sort()).toEqual(["CB-L", "CS-8", "LJ-500"]);
    expect(low.find((r) => r.skuCode === "CS-8")!.state).toBe("out");
    expect((await stock(staff, admin, "&state=out")).map((r) => r.skuCode)).toEqual(["CS-8"]);
    expect((await stock(staff, admin, "&state=blocked")).map((r) => r.skuCode)).toEqual(["SB-3"]);
    expect((await w.http("GET", `${admin}/stock?state=gone`, { token: staff })).status).toBe(400);
    const summary = (await w.http("GET", `${admin}/stock/summary`, { token: staff })).body;
    const everything = await stock(staff, admin);
    expect(summary).toMatchObject({ levels: everything.length, low: 3, out: 1, blockedLevels: 1, onHand: everything.reduce((n, r) => n + r.onHand, 0), reserved: everything.reduce((n, r) => n + r.reserved, 0), blocked: 2 });
    expect(summary.available).toBe(summary.onHand - summary.reserved);
    expect((await w.http("GET", `${merchant}/stock/summary?warehouseId=${tea01}`, { token: tea })).body).toMatchObject({ levels: 3, reserved: 12 });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Row[]; nextCursor: string | null } } = await w.http("GET", `${admin}/stock?limit=4${cursor ? `&cursor=${cursor}` : ""}`, { token: staff });
      expect(page.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.body.items.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await stock(staff, admin)).map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("I1 a level shows its batches first-expiry-first with location and supplier, its holds and movements", async () => {
    const lj = find(await stock(staff, admin), "LJ-250", "HZ-01");
    const d = (await w.http("GET", `${admin}/stock/${lj.id}`, { token: staff })).body;
    expect(d.batches.map((b: { batchNo: string }) => b.batchNo)).toEqual(["LJ250-2601", "LJ250-2602"]);
    expect(d.batches[0]).toMatchObject({ onHand: 30, expired: false, daysToExpiry: 18, location: { code: "A-01-01" }, supplier: { name: expect.stringContaining("龙井") } });
    expect(d.nextExpiry).toBe(d.batches[0].expiryDate);
    expect(d.holds).toEqual([expect.objectContaining({ referenceType: "manual", referenceId: "HOLD-TRADE-FAIR", quantity: 6 })]);
    expect(d.movements.map((m: { type: string }) => m.type).sort()).toEqual(["receive", "receive", "reserve"]);

    const blc = find(await stock(staff, admin), "BLC-250", "HZ-01");
    const b = (await w.http("GET", `${admin}/stock/${blc.id}`, { token: staff })).body;
    expect(b.batches.map((x: { batchNo: string; expired: boolean }) => [x.batchNo, x.expired])).toEqual([["BLC-2509", true], ["BLC-2601", false]]);
    // The expired batch is not the next to expire: it can no longer be sold.
    expect(b.nextExpiry).toBe(b.batches[1].expiryDate);
  });

  it("I1 a merchant reaches only its own levels and batches: another shop's ids are 404", async () => {
    const cb = find(await stock(bamboo, merchant), "CB-M", "HZ-01");
    const batch = (await w.http("GET", `${merchant}/stock/${cb.id}`, { token: bamboo })).body.batches[0].id as string;
    expect((await w.http("GET", `${merchant}/stock/${cb.id}`, { token: tea })).status).toBe(404);
    expect((await w.http("PUT", `${merchant}/stock/${cb.id}/settings`, { token: tea, body: { lowStockUnits: 1, coverDays: null, safetyStock: 0, leadTimeDays: 3 } })).body.error.code).toBe("STOCK_LEVEL_NOT_FOUND");
    const bodies = { block: { quantity: 1, reason: "damaged" }, unblock: { quantity: 1 }, scrap: { quantity: 1, note: "broken in transit" } };
    for (const [action, body] of Object.entries(bodies)) {
      const r = await w.http("POST", `${merchant}/stock/batches/${batch}/${action}`, { token: tea, body });
      expect(r.status, action).toBe(404);
      expect(r.body.error.code).toBe("BATCH_NOT_FOUND");
    }
    expect((await w.http("GET", `${merchant}/movements?levelId=${cb.id}`, { token: tea })).body.items).toEqual([]);
    // Staff see no level of a merchant-run warehouse either.
    const dh = find(await stock(tea, merchant), "DH-200", "TEA-01");
    expect((await w.http("GET", `${admin}/stock/${dh.id}`, { token: staff })).status).toBe(404);
  });

  it("I6 thresholds and replenishment inputs are set per level and validated", async () => {
    const lj = find(await stock(tea, merchant), "LJ-500", "HZ-01");
    const r = await w.http("PUT", `${merchant}/stock/${lj.id}/settings`, { token: tea, body: { lowStockUnits: 5, coverDays: 10, safetyStock: 2, leadTimeDays: 4 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ lowStockUnits: 5, coverDays: 10, safetyStock: 2, leadTimeDays: 4, state: "ok" });
    expect((await w.http("PUT", `${merchant}/stock/${lj.id}/settings`, { token: tea, body: { lowStockUnits: -1, coverDays: null, safetyStock: 0, leadTimeDays: 4 } })).status).toBe(400);
    expect((await w.http("PUT", `${merchant}/stock/${lj.id}/settings`, { token: tea, body: { lowStockUnits: 5, coverDays: null, safetyStock: 0, leadTimeDays: 4, onHand: 99 } })).status).toBe(400);
    // Settings are not stock: nothing moved.
    expect((await w.http("GET", `${merchant}/stock/${lj.id}`, { token: tea })).body.onHand).toBe(8);
  });
});

describe("I1 damaged goods: set aside, back on sale, scrapped", () => {
  it("I1 blocking moves units from on hand to blocked on the batch, never reserved units; scrap removes them with a document", async () => {
    const lj = find(await stock(staff, admin), "LJ-250", "HZ-01");
    const [first, second] = (await w.http("GET", `${admin}/stock/${lj.id}`, { token: staff })).body.batches as { id: string }[];
    const block = await w.http("POST", `${admin}/stock/batches/${first!.id}/block`, { token: staff, body: { quantity: 5, reason: "damaged", note: "罐体压瘪" } });
    expect(block.status).toBe(200);
    expect(block.body.level).toMatchObject({ onHand: 85, reserved: 6, blocked: 5 });
    expect((await w.http("POST", `${admin}/stock/batches/${first!.id}/block`, { token: staff, body: { quantity: 26, reason: "quality" } })).body.error.code).toBe("BATCH_INSUFFICIENT");
    // 85 on hand, 76 held: at most 9 may be set aside, however much the batch holds.
    const hold = await w.http("POST", `${admin}/reservations`, { token: staff, body: { referenceType: "manual", referenceId: "BIG-HOLD", lines: [{ productId: lj.productId, skuCode: "LJ-250", quantity: 70 }] } });
    expect(hold.status).toBe(201);
    const held = await w.http("POST", `${admin}/stock/batches/${second!.id}/block`, { token: staff, body: { quantity: 10, reason: "quality" } });
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe("STOCK_RESERVED");
    expect((await w.http("POST", `${admin}/reservations/${hold.body.id}/release`, { token: staff })).body.status).toBe("released");
    expect((await w.http("POST", `${admin}/stock/batches/${first!.id}/block`, { token: staff, body: { quantity: 0, reason: "damaged" } })).status).toBe(400);
    expect((await w.http("POST", `${admin}/stock/batches/${first!.id}/block`, { token: staff, body: { quantity: 1, reason: "lost" } })).status).toBe(400);

    const unblock = await w.http("POST", `${admin}/stock/batches/${first!.id}/unblock`, { token: staff, body: { quantity: 2, note: "复检合格" } });
    expect(unblock.body).toMatchObject({ blocked: 3, level: { onHand: 87, blocked: 3 } });
    expect((await w.http("POST", `${admin}/stock/batches/${first!.id}/unblock`, { token: staff, body: { quantity: 4 } })).body.error.code).toBe("BATCH_INSUFFICIENT");
    expect((await w.http("POST", `${admin}/stock/batches/${first!.id}/scrap`, { token: staff, body: { quantity: 3 } })).status).toBe(400);
    const scrap = await w.http("POST", `${admin}/stock/batches/${first!.id}/scrap`, { token: staff, body: { quantity: 3, note: "无法修复，报废" } });
    expect(scrap.status).toBe(200);
    expect(scrap.body.documentNo).toMatch(/^BF\d{8}-\d{4}$/);
    expect(scrap.body.level).toMatchObject({ onHand: 87, reserved: 6, blocked: 0 });
    const [b] = await w.services.db.select().from(stockBatches).where(eq(stockBatches.id, first!.id));
    expect(b).toMatchObject({ onHand: 27, blocked: 0, blockedReason: null, receivedQty: 30 });

    const moves = (await w.http("GET", `${admin}/movements?levelId=${lj.id}`, { token: staff })).body.items as { type: string; onHandDelta: number; blockedDelta: number; documentType: string; documentNo: string; batchNo: string }[];
    expect(moves.filter((m) => m.batchNo === "LJ250-2601").slice(0, 3).map((m) => [m.type, m.onHandDelta, m.blockedDelta, m.batchNo])).toEqual([["scrap", 0, -3, "LJ250-2601"], ["unblock", 2, -2, "LJ250-2601"], ["block", -5, 5, "LJ250-2601"]]);
    expect(moves[0]).toMatchObject({ documentType: "adjustment", documentNo: scrap.body.documentNo });
    const audit = (await w.http("GET", "/api/v1/admin/audit?action=stock.scrap", { token: await w.loginAs("admin") })).body.items;
    expect(audit[0]).toMatchObject({ entityId: first!.id });
    await clean();
  });

  it("I1 expired goods never go back on sale, and a merchant handles only batches in its own warehouses", async () => {
    const blc = find(await stock(staff, admin), "BLC-250", "HZ-01");
    const expired = (await w.http("GET", `${admin}/stock/${blc.id}`, { token: staff })).body.batches[0];
    expect((await w.http("POST", `${admin}/stock/batches/${expired.id}/block`, { token: staff, body: { quantity: 2, reason: "quality" } })).status).toBe(200);
    const back = await w.http("POST", `${admin}/stock/batches/${expired.id}/unblock`, { token: staff, body: { quantity: 1 } });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe("BATCH_EXPIRED");

    const mine = find(await stock(tea, merchant), "LJ-250", "HZ-01");
    const batch = (await w.http("GET", `${merchant}/stock/${mine.id}`, { token: tea })).body.batches[1].id;
    const platformRun = await w.http("POST", `${merchant}/stock/batches/${batch}/block`, { token: tea, body: { quantity: 1, reason: "damaged" } });
    expect(platformRun.status).toBe(409);
    expect(platformRun.body.error.code).toBe("WAREHOUSE_RUN_BY_PLATFORM");
    const own = find(await stock(tea, merchant), "PE-357", "TEA-01");
    const cake = (await w.http("GET", `${merchant}/stock/${own.id}`, { token: tea })).body.batches[0].id;
    expect((await w.http("POST", `${merchant}/stock/batches/${cake}/block`, { token: tea, body: { quantity: 1, reason: "damaged", note: "茶饼碎裂" } })).status).toBe(200);
    await clean();
  });
});

describe("I1 movements", () => {
  it("I1 lists movements newest first with filters, page by page, scoped like the levels", async () => {
    const first = await w.http("GET", `${admin}/movements?limit=5`, { token: staff });
    expect(first.body.items).toHaveLength(5);
    const second = await w.http("GET", `${admin}/movements?limit=5&cursor=${first.body.nextCursor}`, { token: staff });
    const times = [...first.body.items, ...second.body.items].map((m: { createdAt: string }) => Date.parse(m.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set([...first.body.items, ...second.body.items].map((m: { id: string }) => m.id)).size).toBe(10);
    const receives = (await w.http("GET", `${admin}/movements?type=receive&limit=200`, { token: staff })).body.items as { type: string; warehouseCode: string }[];
    expect(receives.length).toBeGreaterThan(5);
    expect(receives.every((m) => m.type === "receive" && m.warehouseCode === "HZ-01")).toBe(true);
    const teaMoves = (await w.http("GET", `${merchant}/movements?limit=200`, { token: tea })).body.items as { skuCode: string; warehouseCode: string }[];
    expect(teaMoves.some((m) => m.warehouseCode === "TEA-01")).toBe(true);
    expect(teaMoves.some((m) => m.skuCode.startsWith("CB-"))).toBe(false);

    const now = w.clock.now();
    const later = new Date(now.getTime() + 3_600_000).toISOString();
    expect((await w.http("GET", `${admin}/movements?from=${encodeURIComponent(later)}`, { token: staff })).body.items).toEqual([]);
    expect((await w.http("GET", `${admin}/movements?from=${encodeURIComponent(later)}&to=${encodeURIComponent(now.toISOString())}`, { token: staff })).body.error.code).toBe("RANGE_INVALID");
    expect((await w.http("GET", `${admin}/movements?type=teleport`, { token: staff })).status).toBe(400);
  });

  it("I1 every level is the sum of its movements; the database refuses to change or remove a movement, and negative stock", async () => {
    await clean();
    const sums = await w.services.db.select({ levelId: stockMovements.levelId, onHand: sql<number>`sum(${stockMovements.onHandDelta})::int`, reserved: sql<number>`sum(${stockMovements.reservedDelta})::int`, blocked: sql<number>`sum(${stockMovements.blockedDelta})::int` })
      .from(stockMovements).groupBy(stockMovements.levelId);
    const levels = await w.services.db.select().from(stockLevels);
    for (const l of levels.filter((x) => x.onHand + x.reserved + x.blocked > 0)) {
      expect(sums.find((s) => s.levelId === l.id), l.skuCode).toMatchObject({ onHand: l.onHand, reserved: l.reserved, blocked: l.blocked });
    }
    const [m] = await w.services.db.select().from(stockMovements).limit(1);
    await expect(w.services.db.update(stockMovements).set({ onHandDelta: 999 }).where(eq(stockMovements.id, m!.id))).rejects.toThrow();
    await expect(w.services.db.delete(stockMovements).where(eq(stockMovements.id, m!.id))).rejects.toThrow();
    const [still] = await w.services.db.select().from(stockMovements).where(eq(stockMovements.id, m!.id));
    expect(still).toEqual(m);
    const level = levels.find((l) => l.onHand > 0)!;
    await expect(w.services.db.update(stockLevels).set({ reserved: level.onHand + 1 }).where(eq(stockLevels.id, level.id))).rejects.toThrow();
    await expect(w.services.db.update(stockLevels).set({ onHand: -1 }).where(eq(stockLevels.id, level.id))).rejects.toThrow();
    await expect(w.services.db.update(stockBatches).set({ onHand: -1 }).where(and(eq(stockBatches.levelId, level.id)))).rejects.toThrow();
    await clean();
  });
});

describe("I2 reservations over HTTP", () => {
  it("I2 holds every line or none, with an expiry; gives back a manual hold; never another shop's", async () => {
    const rows = await stock(tea, merchant);
    const lj = find(rows, "LJ-500", "HZ-01");
    const of = find(rows, "OF-500", "TEA-01");
    const line = (r: Row, quantity: number) => ({ productId: r.productId, skuCode: r.skuCode, quantity, warehouseId: r.warehouse.id });

    const tooMuch = await w.http("POST", `${merchant}/reservations`, { token: tea, body: { referenceType: "manual", referenceId: "T-1", lines: [line(of, 2), line(lj, 9)] } });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: "OUT_OF_STOCK", details: { skuCode: "LJ-500", requested: 9, available: 8 } });
    expect(find(await stock(tea, merchant), "OF-500", "TEA-01").reserved).toBe(0);

    const ok = await w.http("POST", `${merchant}/reservations`, { token: tea, body: { referenceType: "manual", referenceId: "T-1", lines: [line(of, 2), line(lj, 8)], minutes: 60 } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: "active", referenceId: "T-1" });
    expect(Date.parse(ok.body.expiresAt) - w.clock.now().getTime()).toBe(3_600_000);
    expect(ok.body.lines.map((l: { skuCode: string; quantity: number; warehouseCode: string }) => [l.skuCode, l.quantity, l.warehouseCode])).toEqual([["LJ-500", 8, "HZ-01"], ["OF-500", 2, "TEA-01"]]);
    // The same reference again is the same hold.
    const retry = await w.http("POST", `${merchant}/reservations`, { token: tea, body: { referenceType: "manual", referenceId: "T-1", lines: [line(of, 2), line(lj, 8)] } });
    expect(retry.body.id).toBe(ok.body.id);
    expect(find(await stock(tea, merchant), "LJ-500", "HZ-01")).toMatchObject({ reserved: 8, available: 0, state: "out" });
    // Another shop may not reuse the reference to see this hold, nor hold the tea house's goods.
    const cs = find(await stock(bamboo, merchant), "CS-4", "HZ-01");
    const taken = await w.http("POST", `${merchant}/reservations`, { token: bamboo, body: { referenceType: "manual", referenceId: "T-1", lines: [line(cs, 1)] } });
    expect(taken.body.error.code).toBe("RESERVATION_REFERENCE_TAKEN");
    expect((await w.http("POST", `${merchant}/reservations`, { token: bamboo, body: { referenceType: "manual", referenceId: "B-1", lines: [line(of, 1)] } })).body.error.code).toBe("OUT_OF_STOCK");
    expect((await w.http("GET", `${merchant}/reservations/${ok.body.id}`, { token: bamboo })).status).toBe(404);
    expect((await w.http("POST", `${merchant}/reservations/${ok.body.id}/release`, { token: bamboo })).status).toBe(404);
    expect((await w.http("POST", `${merchant}/reservations`, { token: tea, body: { referenceType: "manual", referenceId: "T-2", lines: [] } })).status).toBe(400);
    expect((await w.http("POST", `${merchant}/reservations`, { token: tea, body: { referenceType: "manual", referenceId: "T-2", lines: [line(of, 1.5)] } })).status).toBe(400);

    const active = (await w.http("GET", `${merchant}/reservations?status=active`, { token: tea })).body.items.map((r: { referenceId: string }) => r.referenceId);
    expect(active).toEqual(expect.arrayContaining(["T-1", "HOLD-CORPORATE-GIFTS"]));
    const bamboos = (await w.http("GET", `${merchant}/reservations`, { token: bamboo })).body.items.map((r: { referenceId: string }) => r.referenceId);
    expect(bamboos).not.toEqual(expect.arrayContaining(["T-1"]));
    expect(bamboos).not.toEqual(expect.arrayContaining(["HOLD-CORPORATE-GIFTS"]));

    const released = await w.http("POST", `${merchant}/reservations/${ok.body.id}/release`, { token: tea });
    expect(released.body.status).toBe("released");
    expect((await w.http("POST", `${merchant}/reservations/${ok.body.id}/release`, { token: tea })).body.error.code).toBe("INVALID_TRANSITION");
    expect(find(await stock(tea, merchant), "LJ-500", "HZ-01")).toMatchObject({ reserved: 0, available: 8 });
    await clean();
  });

  it("I2 staff hold only in platform warehouses; an order's hold is not released by hand; holds past their time expire", async () => {
    const rows = await stock(staff, admin);
    const cb = find(rows, "CB-M", "HZ-01");
    const dh = find(await stock(tea, merchant), "DH-200", "TEA-01");
    const merchantRun = await w.http("POST", `${admin}/reservations`, { token: staff, body: { referenceType: "manual", referenceId: "S-1", lines: [{ productId: dh.productId, skuCode: "DH-200", quantity: 1, warehouseId: dh.warehouse.id }] } });
    expect(merchantRun.status).toBe(404);
    // Without a warehouse the platform's own is taken, though the shop's store room has more.
    const noWarehouse = await w.http("POST", `${admin}/reservations`, { token: staff, body: { referenceType: "manual", referenceId: "S-2", lines: [{ productId: dh.productId, skuCode: "DH-200", quantity: 1 }] } });
    expect(noWarehouse.body.error.code).toBe("OUT_OF_STOCK");

    const order = await w.http("POST", `${admin}/reservations`, { token: staff, body: { referenceType: "order", referenceId: "ORDER-1", lines: [{ productId: cb.productId, skuCode: "CB-M", quantity: 3 }], minutes: 15 } });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body.lines[0].warehouseCode).toBe("HZ-01");
    expect((await w.http("POST", `${admin}/reservations/${order.body.id}/release`, { token: staff })).body.error.code).toBe("RESERVATION_NOT_MANUAL");
    expect((await w.http("GET", `${admin}/reservations/${order.body.id}`, { token: staff })).body.status).toBe("active");
    expect((await w.http("GET", `${merchant}/reservations/${order.body.id}`, { token: bamboo })).body.status).toBe("active");
    const orders = (await w.http("GET", `${admin}/reservations?referenceType=order`, { token: staff })).body.items as { id: string; referenceType: string }[];
    expect(orders.map((r) => r.id)).toContain(order.body.id);
    expect(orders.every((r) => r.referenceType === "order")).toBe(true);

    w.clock.advance({ minutes: 16 });
    expect(await releaseExpiredReservations(w.services)).toEqual({ released: 1 });
    expect((await w.http("GET", `${admin}/reservations/${order.body.id}`, { token: staff })).body.status).toBe("expired");
    expect(find(await stock(staff, admin), "CB-M", "HZ-01")).toMatchObject({ reserved: 0, available: cb.available });
    const verify = await w.http("GET", `${admin}/verify`, { token: staff });
    expect(verify.body.problems).toEqual([]);
    expect(verify.body.movements).toBeGreaterThan(20);
    expect((await w.http("GET", `${merchant}/verify`, { token: tea })).status).toBe(404);
    await clean();
  });
});
