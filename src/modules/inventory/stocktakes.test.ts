import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { newId } from "../../lib/ids.js";
import { auditLog } from "../audit/schema.js";
import { products, productVersions } from "../catalog/schema.js";
import { commitReservation, levelFor, receiveIntoBatch, reserveStock, verifyStock } from "./index.js";
import { stockBatches, stockLevels, stockMovements, warehouses } from "./schema.js";

let w: World;
let teaMerchantId: string;
let bambooMerchantId: string;
const ids = new Map<string, string>();
type Node = { id: string; key: string; children: Node[] };
const flat = (ns: Node[]): Node[] => ns.flatMap((n) => [n, ...flat(n.children)]);

beforeAll(async () => {
  w = await world({ seed: true });
  const all = flat((await w.http("GET", "/api/v1/categories")).body.items);
  for (const c of all) ids.set(`category:${c.key}`, c.id);
  const ps = await w.services.db.select({ id: products.id, title: products.title, merchantId: products.merchantId, live: products.liveVersionId }).from(products);
  for (const p of ps) ids.set(p.title.split(" ")[0]!, p.id);
  teaMerchantId = ps.find((p) => p.title.startsWith("西湖龙井"))!.merchantId;
  bambooMerchantId = ps.find((p) => p.title.startsWith("楠竹砧板"))!.merchantId;
  // The Biluochun tin carries a barcode on its label (the demo products have none).
  const blc = ps.find((p) => p.title.startsWith("洞庭碧螺春"))!;
  await w.services.db.update(productVersions).set({ content: sql`jsonb_set(${productVersions.content}, '{skus,0,barcode}', '"6901234567892"')` }).where(eq(productVersions.id, blc.live!));
});
afterAll(async () => { await w?.close(); });

const TEA = { longjing: "西湖龙井", biluochun: "洞庭碧螺春", dianhong: "云南滇红", lotus: "杭州西湖藕粉" } as const;
type Stock = { product: string; sku: string; batchNo: string; quantity: number; expiryDate?: string };

// A warehouse of its own per test (one count at a time per warehouse), stocked through the core.
async function stockedWarehouse(merchantId: string | null, stock: Stock[]) {
  const id = newId();
  const code = `T-${id.slice(-6).toUpperCase()}`;
  await w.services.db.insert(warehouses).values({ id, code, name: `测试仓 ${code}`, merchantId, createdAt: w.clock.now(), updatedAt: w.clock.now() });
  await w.services.db.transaction(async (tx) => {
    for (const s of stock) {
      const level = await levelFor(tx, w.system, id, ids.get(s.product)!, s.sku);
      await receiveIntoBatch(tx, w.system, level, s.quantity, { batchNo: s.batchNo, expiryDate: s.expiryDate ?? "2099-12-31" }, { type: "receipt", no: "RK-TEST" });
    }
  });
  return { id, code };
}

async function batch(warehouseId: string, batchNo: string) {
  const [b] = await w.services.db.select().from(stockBatches).where(and(eq(stockBatches.warehouseId, warehouseId), eq(stockBatches.batchNo, batchNo)));
  return b!;
}

// Goods leave through a reservation and its commit (FEFO), as an order's would.
async function ship(warehouseId: string, product: string, sku: string, quantity: number, ref: string) {
  await w.services.db.transaction(async (tx) => {
    const r = await reserveStock(tx, w.system, { referenceType: "manual", referenceId: ref, lines: [{ productId: ids.get(product)!, skuCode: sku, quantity, warehouseId }] });
    await commitReservation(tx, w.system, r.id, { type: "outbound", no: `CK-${ref}` });
  });
}

const line = (body: { lines: { skuCode: string; batchNo: string; id: string }[] }, sku: string, batchNo: string) => body.lines.find((l) => l.skuCode === sku && l.batchNo === batchNo)!;
const books = async () => (await verifyStock(w.services.db)).problems;

describe("I5 stocktakes", () => {
  it("I5 full count while stock keeps moving: book at start, movements up to the count, differences, reason, second approver, adjustments", async () => {
    const wh = await stockedWarehouse(null, [
      { product: TEA.longjing, sku: "LJ-250", batchNo: "LJ-A", quantity: 10, expiryDate: "2027-03-01" },
      { product: TEA.longjing, sku: "LJ-250", batchNo: "LJ-B", quantity: 5, expiryDate: "2027-09-01" },
      { product: TEA.dianhong, sku: "DH-200", batchNo: "DH-1", quantity: 8 },
      { product: TEA.biluochun, sku: "BLC-250", batchNo: "BLC-1", quantity: 4 },
      { product: TEA.lotus, sku: "OF-500", batchNo: "OF-1", quantity: 6 },
    ]);
    const clerk = await w.loginAs("warehouse");
    const admin = await w.loginAs("admin");
    const base = "/api/v1/admin/inventory/stocktakes";
    w.clock.advance({ minutes: 1 });
    const started = await w.http("POST", base, { token: clerk, body: { warehouseId: wh.id } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: "counting", warehouse: { code: wh.code }, category: null, totals: { lines: 5, counted: 0, remaining: 5, bookUnits: 33 } });
    expect(started.body.number).toMatch(/^PD\d{8}-\d{4}$/);
    const id = started.body.id as string;
    expect(line(started.body, "LJ-250", "LJ-A")).toMatchObject({ bookQty: 10, movedQty: 0, expectedQty: 10, countedQty: null, difference: null });
    // One open count per warehouse.
    const twice = await w.http("POST", base, { token: admin, body: { warehouseId: wh.id } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("STOCKTAKE_ALREADY_OPEN");
    const options = (await w.http("GET", `${base}/start-options`, { token: clerk })).body.warehouses.find((x: { id: string }) => x.id === wh.id);
    expect(options.openStocktake).toMatchObject({ id, status: "counting" });

    // Stock is not frozen: an order ships 3 from the first-expiring batch before its shelf is counted.
    w.clock.advance({ minutes: 5 });
    await ship(wh.id, TEA.longjing, "LJ-250", 3, `count-a-${id}`);
    w.clock.advance({ minutes: 5 });
    const desk = await w.http("POST", `${base}/${id}/counts`, { token: clerk, body: { lines: [{ lineId: line(started.body, "LJ-250", "LJ-A").id, countedQty: 6 }, { lineId: line(started.body, "LJ-250", "LJ-B").id, countedQty: 5 }] } });
    expect(desk.status).toBe(200);
    expect(desk.body.progress).toEqual({ lines: 5, counted: 2 });
    expect(line(desk.body, "LJ-250", "LJ-A")).toMatchObject({ bookQty: 10, movedQty: -3, expectedQty: 7, countedQty: 6, difference: -1, countedBy: expect.stringContaining("warehouse") });
    // The phone: SKU code or barcode, one line per batch; "add" counts scan by scan.
    const scan = await w.http("POST", `${base}/${id}/scan`, { token: clerk, body: { code: "dh-200", quantity: 9 } });
    expect(scan.status).toBe(200);
    expect(scan.body.lines[0]).toMatchObject({ skuCode: "DH-200", batchNo: "DH-1", expectedQty: 8, countedQty: 9, difference: 1 });
    for (const quantity of [1, 3]) {
      const r = await w.http("POST", `${base}/${id}/scan`, { token: clerk, body: { code: "6901234567892", batchNo: "blc-1", quantity, mode: "add" } });
      expect(r.status).toBe(200);
    }
    const ambiguous = await w.http("POST", `${base}/${id}/scan`, { token: clerk, body: { code: "LJ-250", quantity: 1 } });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error).toMatchObject({ code: "STOCKTAKE_BATCH_REQUIRED", details: { field: "batchNo", batches: expect.arrayContaining(["LJ-A", "LJ-B"]) } });
    const unknown = await w.http("POST", `${base}/${id}/scan`, { token: clerk, body: { code: "CB-M", quantity: 1 } });
    expect(unknown.body.error.code).toBe("STOCKTAKE_CODE_NOT_ON_SHEET");
    const wrongBatch = await w.http("POST", `${base}/${id}/scan`, { token: clerk, body: { code: "DH-200", batchNo: "DH-9", quantity: 1 } });
    expect(wrongBatch.body.error.code).toBe("STOCKTAKE_BATCH_NOT_ON_SHEET");

    // After the shelf was counted 2 more leave: the count stays right (expected stays 7).
    w.clock.advance({ minutes: 5 });
    await ship(wh.id, TEA.longjing, "LJ-250", 2, `count-b-${id}`);
    expect((await batch(wh.id, "LJ-A")).onHand).toBe(5);
    const uncounted = await w.http("POST", `${base}/${id}/submit`, { token: clerk, body: { reason: "盘点差异" } });
    expect(uncounted.status).toBe(409);
    expect(uncounted.body.error).toMatchObject({ code: "STOCKTAKE_LINES_UNCOUNTED", details: { remaining: 1, lines: 5 } });
    const ofLine = line(started.body, "OF-500", "OF-1").id;
    await w.http("POST", `${base}/${id}/counts`, { token: clerk, body: { lines: [{ lineId: ofLine, countedQty: 6 }] } });
    const noReason = await w.http("POST", `${base}/${id}/submit`, { token: clerk, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: "STOCKTAKE_REASON_REQUIRED", details: { field: "reason", differing: 2 } });
    const submitted = await w.http("POST", `${base}/${id}/submit`, { token: clerk, body: { reason: "龙井 A 批一罐破损报废未登记；滇红上次入库少登记一盒" } });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: "submitted", totals: { lines: 5, counted: 5, differing: 2, surplusUnits: 1, shortUnits: 1, movedLines: 1 }, decision: { allowed: false, blockedBy: "started" } });
    const late = await w.http("POST", `${base}/${id}/counts`, { token: clerk, body: { lines: [{ lineId: ofLine, countedQty: 5 }] } });
    expect(late.body.error.code).toBe("STOCKTAKE_NOT_COUNTING");

    // The clerk who counted cannot also approve; the administrator can.
    const self = await w.http("POST", `${base}/${id}/approve`, { token: clerk, body: {} });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("SECOND_APPROVER_REQUIRED");
    expect((await w.http("GET", `${base}/${id}`, { token: admin })).body.decision).toEqual({ allowed: true, blockedBy: null });
    w.clock.advance({ minutes: 5 });
    const approved = await w.http("POST", `${base}/${id}/approve`, { token: admin, body: { note: "已核对破损记录" } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", decidedBy: expect.stringContaining("admin"), decisionNote: "已核对破损记录" });
    expect(line(approved.body, "LJ-250", "LJ-A")).toMatchObject({ expectedQty: 7, countedQty: 6, difference: -1 });
    expect((await batch(wh.id, "LJ-A")).onHand).toBe(4);
    expect((await batch(wh.id, "DH-1")).onHand).toBe(9);
    const adjustments = await w.services.db.select().from(stockMovements).where(and(eq(stockMovements.documentType, "stocktake"), eq(stockMovements.documentId, id)));
    expect(adjustments.map((m) => [m.type, m.skuCode, m.onHandDelta, m.documentNo]).sort()).toEqual([["adjust", "DH-200", 1, started.body.number], ["adjust", "LJ-250", -1, started.body.number]]);
    const [lj] = await w.services.db.select().from(stockLevels).where(and(eq(stockLevels.warehouseId, wh.id), eq(stockLevels.skuCode, "LJ-250")));
    expect(lj!.onHand).toBe(9);
    // The reviewer sees what moved while the count ran.
    const moved = (await w.http("GET", `${base}/${id}/movements`, { token: admin })).body.items;
    expect(moved.map((m: { type: string; onHandDelta: number }) => `${m.type} ${m.onHandDelta}`)).toEqual(["commit -3", "commit -2"]);
    const audit = await w.services.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(["stocktake.start", "stocktake.submit", "stocktake.approve"]);
    const listed = (await w.http("GET", `${base}?warehouseId=${wh.id}`, { token: clerk })).body.items;
    expect(listed).toMatchObject([{ id, status: "approved", lines: 5, counted: 5, differing: 2 }]);
    // Decided: the warehouse can be counted again.
    const again = await w.http("POST", base, { token: clerk, body: { warehouseId: wh.id } });
    expect(again.status).toBe(201);
    expect((await w.http("POST", `${base}/${again.body.id}/cancel`, { token: clerk, body: { note: "开错了" } })).body.status).toBe("cancelled");
    expect(await books()).toEqual([]);
  });

  it("I5 a stocktake adjustment needs a second approver: whoever started or submitted a count cannot approve or reject it", async () => {
    const wh = await stockedWarehouse(teaMerchantId, [{ product: TEA.dianhong, sku: "DH-200", batchNo: "DH-7", quantity: 12 }]);
    const staff = await w.loginAs("staff@tea-house.example");
    const owner = await w.loginAs("owner@tea-house.example");
    const base = "/api/v1/merchant/inventory/stocktakes";
    const started = await w.http("POST", base, { token: owner, body: { warehouseId: wh.id } });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    w.clock.advance({ minutes: 1 });
    await w.http("POST", `${base}/${id}/scan`, { token: staff, body: { code: "DH-200", quantity: 10 } });
    const submitted = await w.http("POST", `${base}/${id}/submit`, { token: staff, body: { reason: "两盒受潮已丢弃" } });
    expect(submitted.body).toMatchObject({ status: "submitted", totals: { differing: 1, shortUnits: 2 } });
    for (const token of [owner, staff]) {
      for (const action of ["approve", "reject"]) {
        const r = await w.http("POST", `${base}/${id}/${action}`, { token, body: { note: "自己审自己" } });
        expect(r.status).toBe(409);
        expect(r.body.error.code).toBe("SECOND_APPROVER_REQUIRED");
      }
    }
    expect((await batch(wh.id, "DH-7")).onHand).toBe(12);
    // A second person of the shop: the owner adds one, who approves.
    const hired = await w.http("POST", "/api/v1/merchant/staff", { token: owner, body: { login: "checker@tea-house.example", password: "Count#Check2026x", displayName: "复核 Checker" } });
    expect(hired.status).toBe(201);
    const checker = await w.loginAs("checker@tea-house.example", "Count#Check2026x");
    const approved = await w.http("POST", `${base}/${id}/approve`, { token: checker, body: {} });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("approved");
    expect((await batch(wh.id, "DH-7")).onHand).toBe(10);
    expect(await books()).toEqual([]);
  });

  it("I5 a count by category covers that category and the ones below it", async () => {
    const wh = await stockedWarehouse(null, [
      { product: TEA.longjing, sku: "LJ-250", batchNo: "C-LJ", quantity: 3 },
      { product: TEA.dianhong, sku: "DH-200", batchNo: "C-DH", quantity: 2 },
      { product: TEA.lotus, sku: "OF-500", batchNo: "C-OF", quantity: 7 },
    ]);
    const clerk = await w.loginAs("warehouse");
    const base = "/api/v1/admin/inventory/stocktakes";
    const tea = await w.http("POST", base, { token: clerk, body: { warehouseId: wh.id, categoryId: ids.get("category:tea") } });
    expect(tea.status).toBe(201);
    expect(tea.body.category).toMatchObject({ key: "tea" });
    expect(tea.body.lines.map((l: { skuCode: string }) => l.skuCode).sort()).toEqual(["DH-200", "LJ-250"]);
    await w.http("POST", `${base}/${tea.body.id}/cancel`, { token: clerk, body: {} });
    const green = await w.http("POST", base, { token: clerk, body: { warehouseId: wh.id, categoryId: ids.get("category:green-tea") } });
    expect(green.body.lines.map((l: { skuCode: string }) => l.skuCode)).toEqual(["LJ-250"]);
    await w.http("POST", `${base}/${green.body.id}/cancel`, { token: clerk, body: {} });
    const empty = await w.http("POST", base, { token: clerk, body: { warehouseId: wh.id, categoryId: ids.get("category:kitchen") } });
    expect(empty.status).toBe(409);
    expect(empty.body.error.code).toBe("STOCKTAKE_NOTHING_TO_COUNT");
    const unknown = await w.http("POST", base, { token: clerk, body: { warehouseId: wh.id, categoryId: newId() } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("CATEGORY_NOT_FOUND");
    expect(await books()).toEqual([]);
  });

  it("I5 S2 tenancy: another shop's or the platform's counts and warehouses are not found", async () => {
    const platformWh = await stockedWarehouse(null, [{ product: TEA.dianhong, sku: "DH-200", batchNo: "P-1", quantity: 4 }]);
    const teaWh = await stockedWarehouse(teaMerchantId, [{ product: TEA.dianhong, sku: "DH-200", batchNo: "T-1", quantity: 4 }]);
    const bambooWh = await stockedWarehouse(bambooMerchantId, [{ product: "楠竹砧板", sku: "CB-M", batchNo: "B-1", quantity: 4 }]);
    const tea = await w.loginAs("owner@tea-house.example");
    const bamboo = await w.loginAs("owner@bamboo.example");
    const clerk = await w.loginAs("warehouse");
    const platformCount = (await w.http("POST", "/api/v1/admin/inventory/stocktakes", { token: clerk, body: { warehouseId: platformWh.id } })).body;
    const teaCount = (await w.http("POST", "/api/v1/merchant/inventory/stocktakes", { token: tea, body: { warehouseId: teaWh.id } })).body;
    const bambooCount = (await w.http("POST", "/api/v1/merchant/inventory/stocktakes", { token: bamboo, body: { warehouseId: bambooWh.id } })).body;
    expect([platformCount.status, teaCount.status, bambooCount.status]).toEqual(["counting", "counting", "counting"]);

    const probes = (base: string, c: { id: string; lines: { id: string }[] }) => [
      ["GET", `${base}/${c.id}`, undefined], ["GET", `${base}/${c.id}/movements`, undefined],
      ["POST", `${base}/${c.id}/counts`, { lines: [{ lineId: c.lines[0]!.id, countedQty: 1 }] }], ["POST", `${base}/${c.id}/scan`, { code: "CB-M", quantity: 1 }],
      ["POST", `${base}/${c.id}/submit`, { reason: "x" }], ["POST", `${base}/${c.id}/approve`, {}], ["POST", `${base}/${c.id}/reject`, { note: "不对" }], ["POST", `${base}/${c.id}/cancel`, {}],
    ] as const;
    for (const [method, url, body] of [...probes("/api/v1/merchant/inventory/stocktakes", bambooCount), ...probes("/api/v1/merchant/inventory/stocktakes", platformCount)]) {
      const r = await w.http(method, url, { token: tea, body });
      expect(r.status, `${method} ${url}`).toBe(404);
      expect(r.body.error.code).toBe("STOCKTAKE_NOT_FOUND");
    }
    for (const [method, url, body] of probes("/api/v1/admin/inventory/stocktakes", teaCount)) {
      expect((await w.http(method, url, { token: clerk, body })).status, `${method} ${url}`).toBe(404);
    }
    const foreign = await w.http("POST", "/api/v1/merchant/inventory/stocktakes", { token: tea, body: { warehouseId: bambooWh.id } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("WAREHOUSE_NOT_FOUND");
    expect((await w.http("POST", "/api/v1/admin/inventory/stocktakes", { token: clerk, body: { warehouseId: teaWh.id } })).status).toBe(404);
    // Lists and start options hold only one's own.
    const teaList = (await w.http("GET", "/api/v1/merchant/inventory/stocktakes", { token: tea })).body.items as { id: string }[];
    expect(teaList.map((s) => s.id)).toContain(teaCount.id);
    expect(teaList.map((s) => s.id)).not.toContain(bambooCount.id);
    expect(teaList.map((s) => s.id)).not.toContain(platformCount.id);
    const teaOptions = (await w.http("GET", "/api/v1/merchant/inventory/stocktakes/start-options", { token: tea })).body.warehouses as { id: string }[];
    expect(teaOptions.map((o) => o.id)).toContain(teaWh.id);
    expect(teaOptions.map((o) => o.id)).not.toContain(bambooWh.id);
    // Bamboo's and the platform's counts are untouched.
    expect((await w.http("GET", `/api/v1/merchant/inventory/stocktakes/${bambooCount.id}`, { token: bamboo })).body.totals.counted).toBe(0);
    expect((await w.http("GET", `/api/v1/admin/inventory/stocktakes/${platformCount.id}`, { token: clerk })).body.status).toBe("counting");
    // A buyer reaches none of it.
    const buyer = await w.loginAs("buyer@example.com");
    expect((await w.http("GET", `/api/v1/merchant/inventory/stocktakes/${teaCount.id}`, { token: buyer })).status).toBe(403);
  });

  it("I5 an approval that would write off units reserved for orders is refused, naming the line; the count can then be rejected", async () => {
    const wh = await stockedWarehouse(null, [{ product: TEA.longjing, sku: "LJ-500", batchNo: "R-1", quantity: 5 }]);
    const clerk = await w.loginAs("warehouse");
    const admin = await w.loginAs("admin");
    const base = "/api/v1/admin/inventory/stocktakes";
    const st = (await w.http("POST", base, { token: clerk, body: { warehouseId: wh.id } })).body;
    w.clock.advance({ minutes: 1 });
    await w.http("POST", `${base}/${st.id}/counts`, { token: clerk, body: { lines: [{ lineId: st.lines[0].id, countedQty: 1 }] } });
    await w.http("POST", `${base}/${st.id}/submit`, { token: clerk, body: { reason: "货架上只找到一盒" } });
    // Meanwhile 3 are sold and held for an order: only 2 can be written off.
    await w.services.db.transaction((tx) => reserveStock(tx, w.system, { referenceType: "manual", referenceId: `held-${st.id}`, lines: [{ productId: ids.get(TEA.longjing)!, skuCode: "LJ-500", quantity: 3, warehouseId: wh.id }] }));
    const refused = await w.http("POST", `${base}/${st.id}/approve`, { token: admin, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "STOCKTAKE_ADJUSTMENT_REFUSED", details: { lineId: st.lines[0].id, skuCode: "LJ-500", batchNo: "R-1", difference: -4, cause: "STOCK_INSUFFICIENT", reserved: 3 } });
    expect(refused.body.error.message).toContain("reserved");
    expect((await w.http("GET", `${base}/${st.id}`, { token: admin })).body.status).toBe("submitted");
    expect((await batch(wh.id, "R-1")).onHand).toBe(5);
    const noNote = await w.http("POST", `${base}/${st.id}/reject`, { token: admin, body: { note: "" } });
    expect(noNote.status).toBe(400);
    const rejected = await w.http("POST", `${base}/${st.id}/reject`, { token: admin, body: { note: "请复盘 R-1，并核对已售订单" } });
    expect(rejected.body).toMatchObject({ status: "rejected", decisionNote: "请复盘 R-1，并核对已售订单" });
    expect((await batch(wh.id, "R-1")).onHand).toBe(5);
    const invalid = await w.http("POST", `${base}/${st.id}/approve`, { token: admin, body: {} });
    expect(invalid.body.error.code).toBe("INVALID_TRANSITION");
    expect(await books()).toEqual([]);
  });

  it("I5 two clerks starting a count of one warehouse at once get one count; phones scanning the same shelf add up", async () => {
    const wh = await stockedWarehouse(null, [{ product: TEA.biluochun, sku: "BLC-250", batchNo: "K-1", quantity: 20 }]);
    const [clerk, admin] = [await w.loginAs("warehouse"), await w.loginAs("admin")];
    const base = "/api/v1/admin/inventory/stocktakes";
    const starts = await Promise.all([clerk, admin].map((token) => w.http("POST", base, { token, body: { warehouseId: wh.id } })));
    expect(starts.map((r) => r.status).sort()).toEqual([201, 409]);
    const id = starts.find((r) => r.status === 201)!.body.id as string;
    const scans = await Promise.all(Array.from({ length: 8 }, (_, i) => w.http("POST", `${base}/${id}/scan`, { token: i % 2 ? clerk : admin, body: { code: "6901234567892", quantity: 1, mode: "add" } })));
    expect(scans.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect((await w.http("GET", `${base}/${id}`, { token: clerk })).body.lines[0]).toMatchObject({ countedQty: 8, difference: -12 });
    await w.http("POST", `${base}/${id}/cancel`, { token: clerk, body: {} });
    expect(await books()).toEqual([]);
  });

  it("I5 bad input is refused with a reason: negative or fractional counts, lines of another count", async () => {
    const wh = await stockedWarehouse(null, [{ product: TEA.lotus, sku: "OF-500", batchNo: "V-1", quantity: 2 }]);
    const clerk = await w.loginAs("warehouse");
    const base = "/api/v1/admin/inventory/stocktakes";
    const st = (await w.http("POST", base, { token: clerk, body: { warehouseId: wh.id } })).body;
    for (const countedQty of [-1, 1.5, "3"]) {
      const r = await w.http("POST", `${base}/${st.id}/counts`, { token: clerk, body: { lines: [{ lineId: st.lines[0].id, countedQty }] } });
      expect(r.status).toBe(400);
    }
    const stranger = await w.http("POST", `${base}/${st.id}/counts`, { token: clerk, body: { lines: [{ lineId: newId(), countedQty: 1 }] } });
    expect(stranger.body.error).toMatchObject({ code: "STOCKTAKE_LINE_NOT_FOUND", details: { field: "lines" } });
    // Clearing a count puts the line back among those to count.
    await w.http("POST", `${base}/${st.id}/counts`, { token: clerk, body: { lines: [{ lineId: st.lines[0].id, countedQty: 2 }] } });
    const cleared = await w.http("POST", `${base}/${st.id}/counts`, { token: clerk, body: { lines: [{ lineId: st.lines[0].id, countedQty: null }] } });
    expect(cleared.body).toMatchObject({ progress: { counted: 0 }, lines: [{ countedQty: null, difference: null, countedBy: null }] });
    expect((await w.http("GET", `${base}/not-an-id`, { token: clerk })).status).toBe(400);
    const cancelled = await w.http("POST", `${base}/${st.id}/cancel`, { token: clerk, body: {} });
    expect(cancelled.body.status).toBe("cancelled");
    const afterwards = await w.http("POST", `${base}/${st.id}/scan`, { token: clerk, body: { code: "OF-500", quantity: 1 } });
    expect(afterwards.body.error.code).toBe("STOCKTAKE_NOT_COUNTING");
    const levels = await w.services.db.select({ onHand: stockLevels.onHand }).from(stockLevels).where(inArray(stockLevels.warehouseId, [wh.id]));
    expect(levels).toEqual([{ onHand: 2 }]);
  });
});
