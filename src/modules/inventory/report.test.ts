import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { newId } from "../../lib/ids.js";
import { monthBounds, reportColumns } from "./report.js";
import { stockMovements } from "./schema.js";
import { block, download, merchantId, moveBatch, readSheet, receive, sell, skus, TEA, warehouse } from "./insight.testkit.js";
import { verifyStock } from "./verify.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

type Row = { skuCode: string; opening: number; closing: number; in: Record<string, number>; out: Record<string, number>; books: Record<string, number | null>; reconciled: boolean };
type Day = { day: string; in: number; out: number; closing: number };
const at = (shanghai: string) => w.clock.set(`${shanghai}+08:00`);

describe("I7 monthly stock report", () => {
  it("I7 months are Shanghai calendar months", () => {
    expect(monthBounds("2026-02")).toEqual({ start: new Date("2026-01-31T16:00:00Z"), end: new Date("2026-02-28T16:00:00Z"), days: 28 });
    expect(monthBounds("2026-12").end).toEqual(new Date("2026-12-31T16:00:00Z"));
  });

  it("I7 opening + in − out = closing per SKU, split by kind, reconciled with the books; a movement at 23:30 on the last day (UTC+8) belongs to that month", async () => {
    const tea = await skus(w, TEA);
    const wh = await warehouse(w, "I7-MONTH");
    const lj = tea.get("LJ-250")!;

    at("2026-01-10T10:00:00");
    const level = await receive(w, wh, lj, "LJ-250", [{ batchNo: "A", quantity: 50, expiryDate: "2099-01-01" }, { batchNo: "B", quantity: 20, expiryDate: "2026-02-15" }]);
    await receive(w, wh, tea.get("LJ-500")!, "LJ-500", [{ batchNo: "L2-A", quantity: 10 }]);
    at("2026-01-20T10:00:00");
    await sell(w, level, 5);
    // 23:30 in Shanghai on 31 January is 15:30 UTC the same day: January's.
    at("2026-01-31T23:30:00");
    await sell(w, level, 2);
    at("2026-02-03T09:00:00");
    await receive(w, wh, lj, "LJ-250", [{ batchNo: "C", quantity: 30, expiryDate: "2099-06-01" }]);
    at("2026-02-05T09:00:00");
    await sell(w, level, 12);
    at("2026-02-10T09:00:00");
    await moveBatch(w, level, "A", "transfer_out", { onHand: -4 });
    at("2026-02-11T09:00:00");
    await moveBatch(w, level, "C", "transfer_in", { onHand: 3 });
    at("2026-02-12T09:00:00");
    await moveBatch(w, level, "C", "supplier_return", { onHand: -2 });
    at("2026-02-14T09:00:00");
    await moveBatch(w, level, "A", "adjust", { onHand: 1 });
    await moveBatch(w, level, "C", "adjust", { onHand: -2 });
    at("2026-02-16T02:00:00");
    await block(w, level, "B", 1, "expired");
    at("2026-02-18T09:00:00");
    await block(w, level, "A", 2, "damaged");
    at("2026-02-20T09:00:00");
    await moveBatch(w, level, "A", "unblock", { onHand: 1, blocked: -1 });
    at("2026-02-28T23:30:00");
    await sell(w, level, 3);
    // Ten past midnight on 1 March (16:10 UTC on 28 February): March's.
    at("2026-03-01T00:10:00");
    await sell(w, level, 1);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);

    const staff = await w.loginAs("warehouse");
    const report = (month: string, token = staff, where = wh) =>
      w.http("GET", `/api/v1/${token === staff ? "admin" : "merchant"}/inventory/reports/monthly?warehouseId=${where}&month=${month}`, { token });

    const jan = (await report("2026-01")).body;
    const janRow = jan.rows.find((r: Row) => r.skuCode === "LJ-250") as Row;
    expect(janRow).toMatchObject({ opening: 0, closing: 63, in: { receive: 70, total: 70 }, out: { commit: 7, total: 7 }, books: { opening: 0, closing: 63, onHandNow: null }, reconciled: true });
    expect(jan.days).toHaveLength(31);
    expect(jan.days.find((d: Day) => d.day === "2026-01-31")).toEqual({ day: "2026-01-31", in: 0, out: 2, closing: 73 });
    expect(jan.days.find((d: Day) => d.day === "2026-01-10")).toMatchObject({ in: 80, out: 0 });

    const feb = (await report("2026-02")).body;
    expect(feb).toMatchObject({ month: "2026-02", current: false, warehouse: { id: wh, code: "I7-MONTH" } });
    const row = feb.rows.find((r: Row) => r.skuCode === "LJ-250") as Row;
    expect(row).toMatchObject({
      opening: 63,
      in: { receive: 30, transferIn: 3, adjust: 1, unblock: 1, other: 0, total: 35 },
      out: { commit: 15, transferOut: 4, supplierReturn: 2, adjust: 2, blockExpired: 1, blockDamaged: 2, other: 0, total: 26 },
      closing: 72, books: { opening: 63, closing: 72, onHandNow: null }, reconciled: true,
      product: { id: lj }, warehouse: { id: wh }, merchant: { id: await merchantId(w, TEA) },
    });
    expect(row.opening + row.in.total! - row.out.total!).toBe(row.closing);
    // A SKU that did not move still shows its stock, unchanged.
    expect(feb.rows.find((r: Row) => r.skuCode === "LJ-500")).toMatchObject({ opening: 10, closing: 10, in: { total: 0 }, out: { total: 0 }, reconciled: true });
    expect(feb.totals).toMatchObject({ opening: 73, closing: 82, in: { total: 35 }, out: { total: 26, commit: 15 }, reconciled: true });
    expect(feb.days).toHaveLength(28);
    expect(feb.days[27]).toEqual({ day: "2026-02-28", in: 0, out: 3, closing: 82 });
    expect(feb.days.find((d: Day) => d.day === "2026-02-03")).toEqual({ day: "2026-02-03", in: 30, out: 0, closing: 103 });
    expect(feb.days.reduce((n: number, d: Day) => n + d.in - d.out, feb.totals.opening)).toBe(feb.totals.closing);

    // The running month: up to today, and the closing stock is the level now.
    const mar = (await report("2026-03")).body;
    expect(mar.current).toBe(true);
    expect(mar.days.map((d: Day) => d.day)).toEqual(["2026-03-01"]);
    expect(mar.rows.find((r: Row) => r.skuCode === "LJ-250")).toMatchObject({ opening: 72, out: { commit: 1, total: 1 }, closing: 71, books: { closing: 71, onHandNow: 71 }, reconciled: true });
    expect((await report("2026-04")).body.error.code).toBe("REPORT_MONTH_IN_FUTURE");
    expect((await report("2026-13")).status).toBe(400);

    // Exported: the same numbers, one row per SKU and a total.
    const file = await download(w, `/api/v1/admin/inventory/reports/monthly.xlsx?warehouseId=${wh}&month=2026-02`, staff);
    expect(file.status).toBe(200);
    expect(String(file.headers["content-disposition"])).toBe('attachment; filename="stock-report-2026-02-I7-MONTH.xlsx"');
    const sheet = await readSheet(file.body);
    const header = sheet.findIndex((r) => r[0] === reportColumns[0][1]);
    expect(sheet[header]).toEqual(reportColumns.map(([, label]) => label));
    const lines = sheet.slice(header + 1);
    expect(lines.find((r) => r[3] === "LJ-250")).toEqual(["I7-MONTH", "西湖茶舍 West Lake Tea House", expect.stringContaining("龙井"), "LJ-250", 63, 30, 3, 1, 1, 0, 35, 15, 4, 2, 2, 1, 2, 0, 26, 72, 72, "是 Yes"]);
    expect(lines.at(-1)).toEqual(["合计 Total", null, null, null, 73, 30, 3, 1, 1, 0, 35, 15, 4, 2, 2, 1, 2, 0, 26, 82, null, "是 Yes"]);

    // The shop reads its goods' report; another shop sees nothing of them.
    const owner = await w.loginAs("owner@tea-house.example");
    expect((await report("2026-02", owner)).body.totals).toMatchObject({ opening: 73, closing: 82, reconciled: true });
    const bamboo = await w.loginAs("owner@bamboo.example");
    expect((await report("2026-02", bamboo)).body).toMatchObject({ rows: [], totals: { opening: 0, closing: 0 } });
    const teaRoom = await warehouse(w, "I7-TEA-ROOM", await merchantId(w, TEA));
    expect((await report("2026-02", bamboo, teaRoom)).status).toBe(404);
  });

  it("I7 a level whose movement trail disagrees with itself is not reconciled", async () => {
    const tea = await skus(w, TEA);
    const wh = await warehouse(w, "I7-BROKEN");
    at("2026-03-02T09:00:00");
    const level = await receive(w, wh, tea.get("DH-200")!, "DH-200", [{ batchNo: "D", quantity: 5 }]);
    // A row that moves nothing but claims a different level after it: the sums still agree
    // (verifyStock is clean), the trail's running balance does not.
    at("2026-03-03T09:00:00");
    await w.services.db.insert(stockMovements).values({
      id: newId(), levelId: level.id, warehouseId: wh, merchantId: level.merchantId, productId: level.productId, skuCode: "DH-200", type: "reserve",
      onHandAfter: 999, documentType: "reservation", actorLabel: "test", createdAt: w.clock.now(),
    });
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
    const staff = await w.loginAs("warehouse");
    const r = (await w.http("GET", `/api/v1/admin/inventory/reports/monthly?warehouseId=${wh}&month=2026-03`, { token: staff })).body;
    expect(r.rows[0]).toMatchObject({ skuCode: "DH-200", closing: 5, books: { closing: 999, onHandNow: 5 }, reconciled: false });
    expect(r.totals.reconciled).toBe(false);
  });
});
