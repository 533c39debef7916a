import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { creditCodeCheckChar } from "../../src/modules/onboarding/rules.js";
import { expectClean, fileTab, login, menuIds, pickDate, resetTab, screenshot, signInAfresh } from "./browser.js";

// P7 a merchant's suppliers, their scorecards and ranking; P2 the bulk import of products
// from the XLSX template. Both add data the other files count (suppliers, drafts): own server.
const file = fileTab({ ownServer: true });

const MERCHANT = "owner@tea-house.example";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A valid unified social credit code (GB 32100) from its first 17 characters. */
function creditCode(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`not a credit code prefix: ${first17}`);
  return first17 + check;
}

const LONGWU = { name: "杭州龙坞茶业合作社", code: "91350100M000100Y43", contact: "周经理", phone: "13857100001" };
const ANJI = { name: "安吉白茶种植专业合作社", code: creditCode("93330523MA2B3C4D5"), contact: "沈主任", phone: "0572-5123456" };

/** The input of a field by its test id (on the input itself or on its wrapper). */
const input = (scope: Page | Locator, testId: string): Locator =>
  scope.locator(`[data-testid="${testId}"]`).locator("xpath=descendant-or-self::input | descendant-or-self::textarea").first();

async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: label }).first().click();
}

async function addSupplier(page: Page, s: typeof LONGWU, qualifications: { kind: string; number: string; validUntil?: string }[]): Promise<void> {
  const form = page.getByTestId("supplier-form");
  await form.waitFor();
  await input(form, "supplier-name-input").fill(s.name);
  await input(form, "supplier-credit-code").fill(s.code);
  await input(form, "supplier-contact-name").fill(s.contact);
  await input(form, "supplier-contact-phone").fill(s.phone);
  for (const [i, q] of qualifications.entries()) {
    await form.getByTestId("qualification-add").click();
    const row = form.getByTestId(`qualification-${i}`);
    await input(row, "qualification-kind").fill(q.kind);
    await input(row, "qualification-number").fill(q.number);
    if (q.validUntil) await pickDate(input(row, "qualification-valid-until"), q.validUntil);
  }
  await form.getByTestId("supplier-save").click();
  await form.waitFor({ state: "detached" });
  await page.locator(`[data-testid=suppliers-table] tr[data-name="${s.name}"]`).waitFor();
}

/** Scores the open supplier for a period and waits until the page shows the scorecard. */
async function score(page: Page, period: { kind?: string; part: string; code: string }, scores: [number, number, number, number], expected: number, note = ""): Promise<void> {
  await page.getByTestId("evaluation-new").click();
  const form = page.getByTestId("evaluation-form");
  await form.waitFor();
  if (period.kind) await form.getByTestId(`period-kind-${period.kind}`).click();
  await chooseOption(page, form.getByTestId("period-part"), period.part);
  for (const [i, d] of (["quality", "price", "delivery", "service"] as const).entries()) {
    await input(form, `score-${d}`).fill(String(scores[i]));
  }
  await input(form, "evaluation-note").fill(note);
  // The live preview uses the same formula as the server.
  await expect.poll(() => page.getByTestId("score-preview").getAttribute("data-score")).toBe(String(expected));
  await page.getByTestId("evaluation-submit").click();
  await form.waitFor({ state: "detached" });
  await page.getByTestId(`evaluation-${period.code}`).waitFor();
}

describe("suppliers and bulk import", () => {
  it("P7 a merchant adds suppliers, scores them and sees the ranking and the history chart", async () => {
    const tab = await signInAfresh(file.tab, MERCHANT);
    const { page } = tab;
    expect(await menuIds(page)).toContain("nav-suppliers");
    await page.getByTestId("nav-suppliers").click();
    await page.waitForURL("**/merchant/suppliers");
    // The demo shop already buys from one cooperative (its stock's batches name it).
    await page.locator("[data-testid^=supplier-row-][data-name^='杭州西湖龙井茶叶专业合作社']").waitFor();

    // The drawer checks the credit code's check character and the phone format while typing.
    await page.getByTestId("supplier-new").click();
    const form = page.getByTestId("supplier-form");
    await input(form, "supplier-credit-code").fill("91350100M000100Y44");
    await form.getByText("统一社会信用代码的校验位（第 18 位）不符，请检查是否输错").waitFor();
    await input(form, "supplier-contact-phone").fill("12345");
    await form.getByText("请输入手机号、座机号（如 0571-88888888）或 400 电话").waitFor();
    await addSupplier(page, LONGWU, [
      { kind: "食品生产许可证", number: "SC11433010600123", validUntil: "2029-06-30" },
      { kind: "有机产品认证", number: "OC-2024-0451" },
    ]);
    await page.getByTestId("supplier-new").click();
    await addSupplier(page, ANJI, [
      { kind: "食品生产许可证", number: "SC11433052300456", validUntil: "2026-03-31" },
      { kind: "产品质量检验报告", number: "ZJ-QT-2026-088", validUntil: "2027-01-15" },
    ]);
    // The same credit code twice is refused by the server, on the field.
    await page.getByTestId("supplier-new").click();
    await input(page, "supplier-name-input").fill("龙坞茶业（重复）");
    await input(page, "supplier-credit-code").fill(LONGWU.code);
    await input(page, "supplier-contact-name").fill("某人");
    await input(page, "supplier-contact-phone").fill("13900000000");
    await page.getByTestId("supplier-save").click();
    await page.getByTestId("supplier-form").getByText("已有使用此统一社会信用代码的供应商").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("supplier-form").waitFor({ state: "detached" });

    const anjiRow = page.locator(`[data-testid=suppliers-table] tr[data-name="${ANJI.name}"]`);
    expect(await anjiRow.getByTestId("supplier-qualifications").innerText()).toContain("已于 2026-03-31 过期");
    await anjiRow.getByTestId("supplier-edit").click();
    const editing = page.getByTestId("supplier-form");
    await editing.getByTestId("qualification-1").waitFor();
    expect(await input(editing, "supplier-credit-code").inputValue()).toBe(ANJI.code);
    await screenshot(page, "suppliers-drawer");
    await page.keyboard.press("Escape");
    await editing.waitFor({ state: "detached" });

    // Two periods for 龙坞: the second uses the first scorecard's weights in its preview.
    await page.locator(`[data-testid=suppliers-table] tr[data-name="${LONGWU.name}"]`).getByTestId("supplier-name").click();
    await page.getByTestId("chart-empty").waitFor();
    // 90×40% + 80×20% + 85×25% + 88×15% = 86.45 → 86.5
    await score(page, { part: "第 2 季度", code: "2026-Q2" }, [90, 80, 85, 88], 86.5);
    // 95×40% + 85×20% + 90×25% + 92×15% = 91.3
    await score(page, { part: "第 3 季度", code: "2026-Q3" }, [95, 85, 90, 92], 91.3, "秋茶品质稳定，两批次均按期到货。");
    expect(await page.getByTestId("latest-score").innerText()).toBe("91.3");
    expect(await page.getByTestId("score-trend").innerText()).toContain("+4.8");
    await expect.poll(() => page.getByTestId("score-chart").getAttribute("data-points")).toBe("2");
    expect(await page.getByTestId("evaluation-2026-Q2").getByTestId("evaluation-weights").innerText()).toBe("质量 40% · 价格 20% · 交付 25% · 服务 15%");

    // A period is scored once: the form says so before sending.
    await page.getByTestId("evaluation-new").click();
    const again = page.getByTestId("evaluation-form");
    await chooseOption(page, again.getByTestId("period-part"), "第 3 季度");
    await page.getByTestId("evaluation-submit").click();
    await again.getByText("该周期已评分，每个周期只能评分一次").waitFor();
    await page.keyboard.press("Escape");
    await again.waitFor({ state: "detached" });
    await screenshot(page, "suppliers-detail-chart");

    // 安吉: one month; its expired licence is in red.
    await page.getByTestId("back-to-suppliers").click();
    await page.locator(`[data-testid=suppliers-table] tr[data-name="${ANJI.name}"]`).getByTestId("supplier-name").click();
    await page.locator(`[data-testid=supplier-detail][data-supplier]`).waitFor();
    expect(await page.locator("[data-testid=qualification-row][data-state=expired]").count()).toBe(1);
    // 70×40% + 90×20% + 60×25% + 75×15% = 72.25 → 72.3
    await score(page, { kind: "month", part: "10 月", code: "2026-10" }, [70, 90, 60, 75], 72.3);
    await screenshot(page, "suppliers-detail-expired");

    // The ranking: best latest score first, medals for the top three.
    await page.getByTestId("back-to-suppliers").click();
    const rows = page.locator("[data-testid=suppliers-table] tr[data-testid^=supplier-row-]");
    // The demo's own supplier has no scorecard yet: listed after them, unranked.
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute("data-rank")} ${tr.getAttribute("data-name")}`))).toEqual([`1 ${LONGWU.name}`, `2 ${ANJI.name}`, " 杭州西湖龙井茶叶专业合作社 Longjing Tea Cooperative"]);
    expect(await rows.first().getByTestId("supplier-score").getAttribute("data-score")).toBe("91.3");
    expect(await rows.first().getByTestId("rank-medal").count()).toBe(1);
    await screenshot(page, "suppliers-ranking");
    await expectClean(tab);

    // The same pages in English.
    await page.evaluate(() => window.localStorage.setItem("sg.lang", "en-US"));
    await page.reload();
    await rows.first().waitFor();
    await page.getByText("Ranked by their latest scorecard", { exact: false }).waitFor();
    await screenshot(page, "suppliers-ranking-en");
    await rows.first().getByTestId("supplier-name").click();
    await page.getByTestId("score-chart").waitFor();
    expect(await page.getByTestId("evaluations-card").innerText()).toContain("Q3 2026");
    await page.getByTestId("evaluation-new").click();
    await page.getByTestId("evaluation-form").waitFor();
    await page.getByText("Estimated with the weights of the last scorecard", { exact: false }).waitFor();
    await screenshot(page, "suppliers-evaluation-en");
    await expectClean(tab);
    await page.keyboard.press("Escape");

    // The platform's own shop: warehouse staff manage its suppliers in the console.
    await signInAfresh(tab, "warehouse");
    expect(await menuIds(page)).toContain("nav-suppliers");
    await page.getByTestId("nav-suppliers").click();
    await page.waitForURL("**/admin/suppliers");
    await page.getByTestId("suppliers-empty").waitFor();
    await screenshot(page, "suppliers-empty-admin");
    await expectClean(tab);
  });

  it("P2 an XLSX import with one bad row imports nothing and shows the row; fixed, it creates the drafts", async () => {
    const tab = await signInAfresh(file.tab, MERCHANT);
    const { page } = tab;
    const drafts = async () => ((await (await page.request.get("/api/v1/merchant/products?status=draft&limit=100")).json()) as { items: unknown[] }).items.length;
    const before = await drafts();

    await page.goto("/merchant/products");
    await page.getByTestId("product-import").click();
    await page.waitForURL("**/merchant/products/import");
    const link = page.getByTestId("import-template-download");
    const template = await page.request.get((await link.getAttribute("href"))!);
    expect(template.status()).toBe(200);
    expect(template.headers()["content-type"]).toContain("spreadsheetml");
    // The template's heading row, as the file the merchant fills in.
    const heading = await headingRow(await template.body());
    expect(heading[0]).toContain("商品编号");

    const bad = await workbook(heading, [
      row("LJ-A", "狮峰龙井 明前一级 250g", "green-tea", "LJ-A-250", 268, "规格=250g"),
      row("LJ-A", "狮峰龙井 明前一级 250g", "green-tea", "LJ-A-500", 498, "规格=500g"),
      row("AJ-B", "安吉白茶 雨前二级 100g", "green-tea", "AJ-B-100", 88, "规格=100g"),
      row("BLC-C", "洞庭碧螺春 一级 200g", "no-such-tea", "BLC-C-200", 158, "规格=200g"),
    ]);
    await page.getByTestId("import-upload").locator("input[type=file]").setInputFiles({ name: "新品上架.xlsx", mimeType: XLSX, buffer: bad });
    const report = page.getByTestId("import-report");
    await report.waitFor();
    expect(await report.getByTestId("import-nothing").innerText()).toBe("没有导入任何商品");
    const problems = report.getByTestId("import-problem");
    expect(await problems.count()).toBe(1);
    expect(await problems.first().getAttribute("data-row")).toBe("5");
    expect(await problems.first().getAttribute("data-field")).toBe("category");
    expect(await problems.first().innerText()).toContain("no-such-tea");
    expect(await drafts()).toBe(before);
    await screenshot(page, "import-report");
    await expectClean(tab);

    // The same file with the category key corrected: three drafts.
    const fixed = await workbook(heading, [
      row("LJ-A", "狮峰龙井 明前一级 250g", "green-tea", "LJ-A-250", 268, "规格=250g"),
      row("LJ-A", "狮峰龙井 明前一级 250g", "green-tea", "LJ-A-500", 498, "规格=500g"),
      row("AJ-B", "安吉白茶 雨前二级 100g", "green-tea", "AJ-B-100", 88, "规格=100g"),
      row("BLC-C", "洞庭碧螺春 一级 200g", "green-tea", "BLC-C-200", 158, "规格=200g"),
    ]);
    await page.getByTestId("import-upload").locator("input[type=file]").setInputFiles({ name: "新品上架.xlsx", mimeType: XLSX, buffer: fixed });
    const success = page.getByTestId("import-success");
    await success.waitFor();
    expect(await success.getByTestId("import-count").innerText()).toBe("已创建 3 个商品草稿");
    expect(await success.getByTestId("import-product").count()).toBe(3);
    expect(await success.getByTestId("import-pictures-hint").innerText()).toContain("图片");
    expect(await drafts()).toBe(before + 3);
    await screenshot(page, "import-success");
    await expectClean(tab);

    // Each draft opens in the editor, where its supplier can be chosen (the suppliers of P7).
    await success.getByTestId("import-product-title").filter({ hasText: "狮峰龙井" }).click();
    await page.locator("[data-testid=product-editor][data-status=draft]").waitFor();
    expect(await input(page, "product-title-input").inputValue()).toBe("狮峰龙井 明前一级 250g");
    const id = page.url().split("/").pop()!;
    await chooseOption(page, page.getByTestId("product-supplier"), LONGWU.name);
    await page.getByTestId("product-save").click();
    await expect
      .poll(async () => ((await (await page.request.get(`/api/v1/merchant/products/${id}`)).json()) as { working: { content: { supplierId: string | null } } }).working.content.supplierId)
      .toMatch(/^[0-9a-f-]{36}$/);
    await page.reload();
    await page.locator("[data-testid=product-editor][data-status=draft]").waitFor();
    await expect.poll(() => page.getByTestId("product-supplier").innerText()).toContain(LONGWU.name);
    await expectClean(tab);
  });

  it("P2 the import page is translated into English", async () => {
    const tab = file.tab;
    await resetTab(tab);
    await tab.page.goto("/login");
    await tab.page.evaluate(() => window.localStorage.setItem("sg.lang", "en-US"));
    await login(tab.page, MERCHANT);
    await tab.page.goto("/merchant/products/import");
    await tab.page.getByText("Download and fill in the template", { exact: false }).waitFor();
    await expectClean(tab);
  });
});

async function headingRow(xlsx: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const values = wb.getWorksheet("products")!.getRow(1).values as unknown[];
  return values.slice(1).map(String);
}

/** One SKU row in the template's column order. */
function row(code: string, title: string, category: string, sku: string, priceYuan: number, options: string): (string | number)[] {
  return [code, title, category, "手工炒制，香气清高。", "浙江杭州", "未拆封七日无理由退货", "origin=杭州; net_weight=250; grade=特级", "", "2026-10-08", 540, sku, options, priceYuan, "", 300];
}

async function workbook(heading: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("products");
  sheet.addRow(heading);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
