import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { world, type World } from "../../../test/support/world.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

async function workbook(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("products");
  sheet.addRow(["code", "title", "category", "description", "origin", "afterSales", "attributes", "material", "productionDate", "shelfLife", "sku", "options", "price", "barcode", "weight"]);
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const good = (code: string, sku: string, price: number, options = "规格=250g"): (string | number)[] =>
  [code, `龙井 ${code} 250g`, "green-tea", "手工炒制", "浙江杭州", "七日无理由退货", "origin=杭州; net_weight=250; grade=特级", "", "2026-01-02", 540, sku, options, price, "", 400];
const count = async (token: string) => (await w.http("GET", "/api/v1/merchant/products?limit=200", { token })).body.items.length;

describe("P2 bulk import from XLSX", () => {
  it("P2 the template lists the columns and the category keys with their attributes", async () => {
    const r = await w.app.inject({ method: "GET", url: "/api/v1/merchant/products/import-template", headers: { authorization: `Bearer ${await w.loginAs("owner@tea-house.example")}` } });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(String(wb.getWorksheet("products")!.getRow(1).getCell(1).value)).toContain("商品编号");
    const keys: string[] = [];
    wb.getWorksheet("categories")!.eachRow((row, n) => { if (n > 1) keys.push(String(row.getCell(1).value)); });
    expect(keys).toEqual(expect.arrayContaining(["tea", "green-tea", "fresh"]));
  });

  it("P2 a file with one bad row imports nothing and reports the row", async () => {
    const owner = await w.loginAs("owner@tea-house.example");
    const before = await count(owner);
    const file = await workbook([good("A1", "A1-250", 68.8), good("A1", "A1-500", 128, "规格=500g"), good("B2", "B2-250", 39.9), [...good("C3", "C3-1", -5).slice(0, 2), "no-such-category", ...good("C3", "C3-1", -5).slice(3)], good("D4", "D4-1", 0)]);
    const r = await w.upload("/api/v1/merchant/products/import", owner, {}, { name: "products.xlsx", content: file });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("IMPORT_ROWS_INVALID");
    expect(r.body.error.details.problems).toEqual([
      expect.objectContaining({ row: 5, field: "category" }),
      expect.objectContaining({ row: 6, field: "priceFen" }),
    ]);
    expect(await count(owner)).toBe(before);
    const notExcel = await w.upload("/api/v1/merchant/products/import", owner, {}, { name: "products.xlsx", content: "name,price\nx,1" });
    expect(notExcel.body.error.code).toBe("IMPORT_FILE_INVALID");
  });

  it("P2 a correct file creates every product as a draft, SKUs grouped by product code", async () => {
    const owner = await w.loginAs("owner@tea-house.example");
    const before = await count(owner);
    const r = await w.upload("/api/v1/merchant/products/import", owner, {}, { name: "products.xlsx", content: await workbook([good("A1", "A1-250", 68.8), good("A1", "A1-500", 128, "规格=500g"), good("B2", "B2-250", 39.9)]) });
    expect(r.status).toBe(201);
    expect(r.body.imported).toBe(2);
    expect(await count(owner)).toBe(before + 2);
    const a1 = (await w.http("GET", `/api/v1/merchant/products/${r.body.products[0].id}`, { token: owner })).body;
    expect(a1).toMatchObject({ status: "draft", minPriceFen: 6_880, maxPriceFen: 12_800 });
    expect(a1.working.content).toMatchObject({ attributes: { origin: "杭州", net_weight: 250, grade: "特级" }, skus: [{ code: "A1-250", options: { 规格: "250g" } }, { code: "A1-500" }] });
    // Pictures are added in the editor: submitting now says so.
    const submit = await w.http("POST", `/api/v1/merchant/products/${a1.id}/submit`, { token: owner });
    expect(submit.body.error.details.findings.map((f: { code: string }) => f.code)).toEqual(["IMAGES_TOO_FEW"]);
  });
});
