import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import type { World } from "../../../test/support/world.js";
import { inventoryWorld } from "../../../test/support/inventory.js";
import { addDays } from "../../lib/clock.js";
import { auditLog } from "../audit/schema.js";
import { products, productVersions } from "../catalog/schema.js";
import { merchants } from "../merchants/schema.js";
import { creditCodeCheckChar } from "../onboarding/rules.js";
import { shanghaiDay, verifyStock } from "./index.js";
import { purchaseReceipts, stockBatches, stockLevels, stockMovements, warehouses } from "./schema.js";

let w: World, staff: string, teaOwner: string, bambooOwner: string;
beforeAll(async () => {
  ({ w, staff, tea: teaOwner, bamboo: bambooOwner } = await inventoryWorld());
});
afterAll(async () => { await w?.close(); });

const ADMIN = "/api/v1/admin/inventory";
const SHOP = "/api/v1/merchant/inventory";
const PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
const day = (n: number) => shanghaiDay(addDays(w.clock.now(), n));

async function warehouseId(code: string) {
  const [row] = await w.services.db.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.code, code));
  return row!.id;
}

// The product of a shop that has this SKU in its live version.
async function productOf(shop: string, sku: string) {
  const rows = await w.services.db.select({ id: products.id, content: productVersions.content }).from(products)
    .innerJoin(productVersions, eq(productVersions.id, products.liveVersionId)).innerJoin(merchants, eq(merchants.id, products.merchantId))
    .where(eq(merchants.name, shop));
  return rows.find((r) => r.content.skus.some((s) => s.code === sku))!.id;
}

async function level(warehouse: string, productId: string, sku: string) {
  const [l] = await w.services.db.select().from(stockLevels).where(and(eq(stockLevels.warehouseId, warehouse), eq(stockLevels.productId, productId), eq(stockLevels.skuCode, sku)));
  return l ?? null;
}

const TEA = "西湖茶舍 West Lake Tea House";
const BAMBOO = "竹韵家居 Bamboo Home";
const code = (first17: string) => first17 + creditCodeCheckChar(first17);

describe("I3 inbound receipts with acceptance", () => {
  it("I3 accepts a receipt line by line: refused units never enter stock, accepted ones become a batch with supplier, purchase, dates and inspection report (P6)", async () => {
    const hz = await warehouseId("HZ-01");
    const lj = await productOf(TEA, "LJ-250");
    const lotus = await productOf(TEA, "OF-500");
    const board = await productOf(BAMBOO, "CB-M");
    const teaId = (await w.services.db.select().from(merchants).where(eq(merchants.name, TEA)))[0]!.id;

    // What the form offers: the shops' products with their date rules, and the owner's suppliers.
    const offered = (await w.http("GET", `${ADMIN}/receipts/products?warehouseId=${hz}&q=龙井`, { token: staff })).body.items;
    expect(offered.find((p: { id: string }) => p.id === lj)).toMatchObject({ skus: expect.arrayContaining(["LJ-250"]), requiresProductionDate: true, requiresShelfLife: true, shelfLifeDays: 540 });
    const supplier = (await w.http("GET", `${ADMIN}/receipts/suppliers?merchantId=${teaId}`, { token: staff })).body.items.find((s: { platform: boolean }) => !s.platform);
    expect(supplier).toBeDefined();

    const body = {
      warehouseId: hz, supplierId: supplier.id, purchaseRef: "PO-2026-0107", expectedOn: day(0),
      lines: [{ productId: lj, skuCode: "LJ-250", expectedQty: 100 }, { productId: lotus, skuCode: "OF-500", expectedQty: 10 }],
    };
    const refused = async (b: unknown) => (await w.http("POST", `${ADMIN}/receipts`, { token: staff, body: b })).body.error?.code;
    expect(await refused({ ...body, lines: [...body.lines, { productId: board, skuCode: "CB-M", expectedQty: 5 }] })).toBe("RECEIPT_MIXED_OWNERS");
    expect(await refused({ ...body, lines: [body.lines[0], body.lines[0]] })).toBe("RECEIPT_DUPLICATE_LINE");
    expect(await refused({ ...body, lines: [{ productId: lj, skuCode: "NOPE", expectedQty: 1 }] })).toBe("SKU_UNKNOWN");
    expect(await refused({ ...body, lines: [] })).toBe("VALIDATION_FAILED");
    // A merchant cannot bring goods into the platform's warehouse, nor name another shop's product.
    expect((await w.http("POST", `${SHOP}/receipts`, { token: teaOwner, body })).status).toBe(404);

    const created = await w.http("POST", `${ADMIN}/receipts`, { token: staff, body });
    expect(created.status).toBe(201);
    const receipt = created.body;
    expect(receipt).toMatchObject({ status: "expected", number: expect.stringMatching(/^RK\d{8}-\d{4}$/), merchant: { id: teaId }, hasInspectionReport: false, totals: { expected: 110, received: 0 } });
    const [ljLine, lotusLine] = ["LJ-250", "OF-500"].map((s) => receipt.lines.find((l: { skuCode: string }) => l.skuCode === s));

    // The inspection report: judged by its bytes, stored privately, linked to the batches.
    expect((await w.upload(`${ADMIN}/receipts/${receipt.id}/inspection-report`, staff, {}, { name: "report.pdf", content: "just text" })).body.error.code).toBe("FILE_TYPE_NOT_ALLOWED");
    const uploaded = await w.upload(`${ADMIN}/receipts/${receipt.id}/inspection-report`, staff, {}, { name: "report.pdf", content: PDF });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.hasInspectionReport).toBe(true);
    const file = await w.http("GET", `${ADMIN}/receipts/${receipt.id}/inspection-report`, { token: staff });
    expect([file.status, file.headers["content-type"], file.headers["cache-control"]]).toEqual([200, "application/pdf", "private, no-store"]);

    const before = { lj: await level(hz, lj, "LJ-250"), lotus: await level(hz, lotus, "OF-500") };
    const good = {
      lineId: ljLine.id, receivedQty: 98, acceptedQty: 90, rejectedQty: 8, qualityNote: "8 罐外包装压坏", batchNo: "LJ250-2612", productionDate: day(-20), expiryDate: day(520),
    };
    const spoiled = { lineId: lotusLine.id, receivedQty: 10, acceptedQty: 0, rejectedQty: 10, qualityNote: "受潮结块，整批拒收" };
    const accept = (lines: unknown[]) => w.http("POST", `${ADMIN}/receipts/${receipt.id}/accept`, { token: staff, body: { lines } });
    const problem = async (lines: unknown[]) => { const r = await accept(lines); return [r.status, r.body.error?.code]; };
    expect(await problem([good])).toEqual([400, "RECEIPT_LINES_MISMATCH"]);
    expect(await problem([{ ...good, rejectedQty: 7 }, spoiled])).toEqual([400, "ACCEPTANCE_QUANTITIES_MISMATCH"]);
    expect(await problem([{ ...good, qualityNote: " " }, spoiled])).toEqual([400, "QUALITY_NOTE_REQUIRED"]);
    expect(await problem([{ ...good, productionDate: null }, spoiled])).toEqual([400, "PRODUCTION_DATE_REQUIRED"]);
    expect(await problem([{ ...good, expiryDate: null }, spoiled])).toEqual([400, "EXPIRY_DATE_REQUIRED"]);
    expect(await problem([{ ...good, expiryDate: day(-21) }, spoiled])).toEqual([400, "EXPIRY_BEFORE_PRODUCTION"]);
    expect(await problem([{ ...good, productionDate: day(1) }, spoiled])).toEqual([400, "PRODUCTION_DATE_IN_FUTURE"]);
    // An already expired batch cannot be accepted: the units must be refused.
    expect(await problem([{ ...good, productionDate: day(-400), expiryDate: day(0) }, spoiled])).toEqual([409, "BATCH_EXPIRED"]);
    // The demo batch LJ250-2601 is in stock with other dates: the same number cannot mean two runs.
    expect(await problem([{ ...good, batchNo: "LJ250-2601" }, spoiled])).toEqual([409, "BATCH_DATES_DIFFER"]);
    // Nothing of the refused attempts stuck.
    expect(await level(hz, lj, "LJ-250")).toMatchObject({ onHand: before.lj!.onHand });
    expect((await w.http("GET", `${ADMIN}/receipts/${receipt.id}`, { token: staff })).body.status).toBe("expected");

    const done = await accept([good, spoiled]);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "accepted", acceptedBy: expect.stringContaining("Warehouse"), totals: { expected: 110, received: 108, accepted: 90, rejected: 18 } });
    const doneLj = done.body.lines.find((l: { skuCode: string }) => l.skuCode === "LJ-250");
    expect(doneLj).toMatchObject({ receivedQty: 98, acceptedQty: 90, rejectedQty: 8, difference: -2, batchNo: "LJ250-2612", batchId: expect.any(String) });
    expect(done.body.lines.find((l: { skuCode: string }) => l.skuCode === "OF-500")).toMatchObject({ acceptedQty: 0, rejectedQty: 10, batchId: null, batchNo: null });

    // Accepted units are on hand; refused ones never entered the books.
    expect((await level(hz, lj, "LJ-250"))!.onHand).toBe(before.lj!.onHand + 90);
    expect((await level(hz, lotus, "OF-500"))!.onHand).toBe(before.lotus!.onHand);
    const [batch] = await w.services.db.select().from(stockBatches).where(eq(stockBatches.id, doneLj.batchId));
    const [row] = await w.services.db.select().from(purchaseReceipts).where(eq(purchaseReceipts.id, receipt.id));
    expect(batch).toMatchObject({
      batchNo: "LJ250-2612", receivedQty: 90, onHand: 90, supplierId: supplier.id, purchaseRef: "PO-2026-0107", receiptId: receipt.id,
      productionDate: day(-20), expiryDate: day(520), inspectionReportKey: row!.inspectionReportKey,
    });
    const moves = await w.services.db.select().from(stockMovements).where(eq(stockMovements.documentId, receipt.id));
    expect(moves.map((m) => [m.type, m.onHandDelta, m.documentType, m.documentNo, m.batchId])).toEqual([["receive", 90, "receipt", receipt.number, batch!.id]]);

    // Once accepted, it is settled: no second acceptance, no cancelling.
    expect((await accept([good, spoiled])).body.error.code).toBe("INVALID_TRANSITION");
    expect((await w.http("POST", `${ADMIN}/receipts/${receipt.id}/cancel`, { token: staff, body: { reason: "重复" } })).body.error.code).toBe("INVALID_TRANSITION");
    const [audit] = await w.services.db.select().from(auditLog).where(and(eq(auditLog.action, "receipt.accept"), eq(auditLog.entityId, receipt.id))).orderBy(desc(auditLog.seq));
    expect(audit?.summary).toMatchObject({ accepted: 90, rejected: 18 });
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });

  it("I3 the discrepancy report gives per supplier ordered, delivered, accepted and refused units, short, over and late deliveries, and suggested scores (P7)", async () => {
    const tea = await warehouseId("TEA-01");
    const pu = await productOf(TEA, "PE-357");
    const hong = await productOf(TEA, "DH-200");
    const supplier = async (name: string, first17: string) =>
      (await w.http("POST", "/api/v1/merchant/suppliers", { token: teaOwner, body: { name, creditCode: code(first17), contactName: "李", contactPhone: "13905710000" } })).body.id as string;
    const a = await supplier("勐海茶厂 Menghai", "91532822MA6K1L2M3");
    const b = await supplier("凤庆茶厂 Fengqing", "91530921MA6N4P5Q6");
    const receive = async (supplierId: string, expectedOn: string, productId: string, sku: string, expectedQty: number, counted?: { receivedQty: number; acceptedQty: number; rejectedQty: number; qualityNote?: string }) => {
      const r = await w.http("POST", `${SHOP}/receipts`, { token: teaOwner, body: { warehouseId: tea, supplierId, purchaseRef: `PO-${sku}-${expectedQty}`, expectedOn, lines: [{ productId, skuCode: sku, expectedQty }] } });
      expect(r.status).toBe(201);
      if (counted) {
        const dates = { productionDate: day(-10), expiryDate: day(500) };
        const ok = await w.http("POST", `${SHOP}/receipts/${r.body.id}/accept`, { token: teaOwner, body: { lines: [{ lineId: r.body.lines[0].id, ...counted, ...dates }] } });
        expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      }
      return r.body;
    };
    // A: one on time with 5 refused, one two days late and 10 short; B: 2 over, on time.
    const onTime = await receive(a, day(0), pu, "PE-357", 50, { receivedQty: 50, acceptedQty: 45, rejectedQty: 5, qualityNote: "5 饼霉点" });
    const late = await receive(a, day(-2), pu, "PE-357", 30, { receivedQty: 20, acceptedQty: 20, rejectedQty: 0 });
    await receive(b, day(0), hong, "DH-200", 10, { receivedQty: 12, acceptedQty: 12, rejectedQty: 0 });
    // Neither a cancelled nor a still expected receipt counts.
    const cancelled = await receive(a, day(0), pu, "PE-357", 99);
    expect((await w.http("POST", `${SHOP}/receipts/${cancelled.id}/cancel`, { token: teaOwner, body: { reason: "供应商缺货" } })).body.status).toBe("cancelled");
    await receive(a, day(3), pu, "PE-357", 40);

    const report = (await w.http("GET", `${SHOP}/receipts/discrepancies?from=${day(0)}&to=${day(0)}`, { token: teaOwner })).body;
    const ofA = report.items.find((i: { supplier: { id: string } }) => i.supplier.id === a);
    // quality 65/70 = 92.9 → 93; delivery (1/2 on time = 50, 70/80 filled = 87.5) → 68.75 → 69.
    expect(ofA).toMatchObject({
      receipts: 2, lines: 2, expected: 80, received: 70, accepted: 65, rejected: 5, shortLines: 1, shortUnits: 10, overLines: 0, overUnits: 0,
      lateReceipts: 1, onTimeReceipts: 1, acceptanceRate: 93, onTimeRate: 50, fillRate: 88, suggested: { quality: 93, delivery: 69 },
    });
    expect(report.items.find((i: { supplier: { id: string } }) => i.supplier.id === b)).toMatchObject({
      receipts: 1, expected: 10, received: 12, accepted: 12, overLines: 1, overUnits: 2, shortLines: 0, lateReceipts: 0, suggested: { quality: 100, delivery: 100 },
    });
    expect(report.formula.quality).toContain("accepted units");
    // The lines behind the numbers: refused units, the short and late one, the over-delivery.
    const lines = report.lines as { number: string; difference: number; rejected: number; lateDays: number; qualityNote: string | null }[];
    expect(lines.find((l) => l.number === onTime.number)).toMatchObject({ rejected: 5, difference: 0, lateDays: 0, qualityNote: "5 饼霉点" });
    expect(lines.find((l) => l.number === late.number)).toMatchObject({ difference: -10, lateDays: 2 });
    expect(lines).toHaveLength(3);
    // One supplier, and the period: nothing was accepted before today.
    expect((await w.http("GET", `${SHOP}/receipts/discrepancies?supplierId=${b}`, { token: teaOwner })).body.items.map((i: { supplier: { id: string } }) => i.supplier.id)).toEqual([b]);
    expect((await w.http("GET", `${SHOP}/receipts/discrepancies?to=${day(-1)}`, { token: teaOwner })).body.items).toEqual([]);
    expect((await w.http("GET", `${SHOP}/receipts/discrepancies?from=${day(1)}&to=${day(0)}`, { token: teaOwner })).body.error.code).toBe("PERIOD_INVALID");
    const list = (await w.http("GET", `${SHOP}/receipts?status=expected`, { token: teaOwner })).body.items;
    expect(list.map((r: { purchaseRef: string }) => r.purchaseRef)).toEqual(["PO-PE-357-40"]);

    // Another shop and the platform see none of it.
    expect((await w.http("GET", `${SHOP}/receipts/${onTime.id}`, { token: bambooOwner })).status).toBe(404);
    expect((await w.http("POST", `${SHOP}/receipts/${onTime.id}/cancel`, { token: bambooOwner, body: { reason: "试试" } })).status).toBe(404);
    expect((await w.http("GET", `${SHOP}/receipts/${onTime.id}/inspection-report`, { token: bambooOwner })).status).toBe(404);
    expect((await w.upload(`${SHOP}/receipts/${onTime.id}/inspection-report`, bambooOwner, {}, { name: "r.pdf", content: PDF })).status).toBe(404);
    expect((await w.http("GET", `${SHOP}/receipts/discrepancies`, { token: bambooOwner })).body.items).toEqual([]);
    expect((await w.http("GET", `${ADMIN}/receipts/${onTime.id}`, { token: staff })).status).toBe(404);
    // A merchant names only its own suppliers.
    const platformSupplier = await w.http("POST", "/api/v1/admin/suppliers", { token: staff, body: { name: "平台直采 Direct", creditCode: code("91330100MA2X1Y2W3"), contactName: "王", contactPhone: "13905719999" } });
    expect(platformSupplier.status).toBe(201);
    const refused = await w.http("POST", `${SHOP}/receipts`, { token: teaOwner, body: { warehouseId: tea, supplierId: platformSupplier.body.id, purchaseRef: "PO-X", lines: [{ productId: pu, skuCode: "PE-357", expectedQty: 1 }] } });
    expect(refused.body.error.code).toBe("SUPPLIER_NOT_FOUND");
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
