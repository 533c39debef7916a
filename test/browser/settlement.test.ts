import { mkdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Clock } from "../../src/lib/clock.js";
import { rowsOf } from "../../src/lib/db-types.js";
import { seedDemo } from "../../src/demo/seed.js";
import { shipOrder } from "../../src/modules/logistics/shipments.js";
import { confirmReceipt } from "../../src/modules/orders/receipt.js";
import { currentStatement } from "../../src/modules/settlement/statements.js";
import { ctxFor } from "../../src/server/context.js";
import { createPlatform, type Platform } from "../../src/server/platform.js";
import { TEST_SECRET } from "../support/world.js";
import { DEMO_PASSWORD, expectClean, launchBrowser, openTab, pickDate, signInAfresh, type Tab } from "./browser.js";

// F3 F5: orders of the tea house bought, shipped and confirmed last month and today; finance
// issues last month's statements and pays the tea house out; the owner sees the statement,
// the payout and the open period; finance reconciles the day of last month's purchases.
// Last month happens on a clock set back, so this file runs a server of its own.

/** Real time, shifted: the server lives last month while the orders are made, then now. */
class ShiftedClock implements Clock {
  offset = 0;
  now() {
    return new Date(Date.now() + this.offset);
  }
}

const shanghai = (d: Date) => d.toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
const SHOTS = "/tmp/shots";

let platform: Platform;
let url: string;
let browser: Browser;
let tab: Tab;
const clock = new ShiftedClock();
let lastMonth: string;
let purchaseDay: string;
let teaId: string;
let todaysOrder: string;

async function http<T>(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await platform.app.inject({
    method: method as "GET", url: `/api/v1${path}`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as T) : (null as T) };
}

async function login(name: string) {
  const r = await http<{ token: string }>("POST", "/auth/login", undefined, { login: name, password: DEMO_PASSWORD });
  expect(r.status, `login ${name}`).toBe(200);
  return r.body.token;
}

let waybill = 0;
/** Bought by the demo buyer, paid through the sandbox, shipped by the shop and confirmed by the buyer. */
async function completedOrder(buyer: string, addressId: string, items: { productId: string; skuCode: string; quantity: number }[]) {
  const c = await http<{ id: string; orders: { id: string; no: string }[] }>("POST", "/me/checkouts", buyer, { addressId, items }, { "idempotency-key": `settle-${Date.now()}-${waybill}` });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const p = await http<{ payUrl: string }>("POST", `/me/checkouts/${c.body.id}/payments`, buyer, { provider: "sandbox" });
  expect(p.status).toBe(200);
  expect((await platform.app.inject({ method: "POST", url: `${p.body.payUrl}/pay` })).statusCode).toBe(303);
  const [carrier] = rowsOf<{ id: string }>(await platform.services.db.execute(sql`select id from carriers where code = 'shunfeng'`));
  for (const o of c.body.orders) {
    const [row] = rowsOf<{ buyer_id: string; merchant_id: string }>(await platform.services.db.execute(sql`select buyer_id, merchant_id from orders where id = ${o.id}`));
    const shop = ctxFor(platform.services, { userId: null, kind: "merchant", label: "shop", merchantId: row!.merchant_id, permissions: new Set(["order.fulfil.own"]), sessionId: null, mfaPending: false });
    const buyerCtx = ctxFor(platform.services, { userId: row!.buyer_id, kind: "buyer", label: "buyer", merchantId: null, permissions: new Set(["order.place"]), sessionId: null, mfaPending: false });
    await shipOrder(shop, o.id, { carrierId: carrier!.id, trackingNo: `SF${String(8_000_000_000_000 + Date.now() % 1_000_000 * 100 + ++waybill)}` });
    await confirmReceipt(buyerCtx, o.id);
  }
  return c.body.orders;
}

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  const today = shanghai(new Date());
  const [y, m] = today.split("-").map(Number) as [number, number];
  lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  purchaseDay = `${lastMonth}-10`;
  clock.offset = new Date(`${purchaseDay}T10:00:00+08:00`).getTime() - Date.now();
  platform = await createPlatform({ appSecret: TEST_SECRET, logLevel: "warn", authRateLimit: 10_000, clock });
  await seedDemo(platform.services);
  const buyer = await login("buyer@example.com");
  const address = await http<{ id: string }>("POST", "/me/addresses", buyer, { recipient: "张三", mobile: "13800138000", provinceCode: "330000", cityCode: "330100", districtCode: "330106", detail: "教工路 18 号 2 幢 301 室" });
  const shops = rowsOf<{ id: string; name: string }>(await platform.services.db.execute(sql`select id, name from merchants`));
  teaId = shops.find((s) => s.name.includes("Tea House"))!.id;
  const goods = rowsOf<{ productId: string; skuCode: string }>(await platform.services.db.execute(sql`
    select p.id as "productId", l.sku_code as "skuCode" from products p join stock_levels l on l.product_id = p.id
    where p.status = 'listed' and p.merchant_id = ${teaId} group by p.id, l.sku_code having sum(l.on_hand - l.reserved) >= 3 order by p.id, l.sku_code`));
  const [a, b] = [goods[0]!, goods.find((g) => g.productId !== goods[0]!.productId) ?? goods[0]!];
  await completedOrder(buyer, address.body.id, [{ ...a, quantity: 2 }, ...(b.productId === a.productId ? [] : [{ ...b, quantity: 1 }])]);
  await completedOrder(buyer, address.body.id, [{ ...a, quantity: 1 }]);
  // Back to now: one more order completes in the open period.
  clock.offset = 0;
  const again = await login("buyer@example.com");
  todaysOrder = (await completedOrder(again, address.body.id, [{ ...b, quantity: 1 }]))[0]!.no;
  url = await platform.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchBrowser();
  tab = await openTab(browser, url);
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await platform?.close();
});

async function teaStatement() {
  const [s] = rowsOf<{ id: string; no: string; closing_fen: string }>(await platform.services.db.execute(sql`
    select id, no, closing_fen from settlement_statements where merchant_id = ${teaId} order by period_start desc limit 1`));
  return s;
}

describe("settlement in the console and the merchant portal", () => {
  it("F5 finance issues last month's statements and pays the tea house out", async () => {
    const { page } = await signInAfresh(tab, "finance");
    await page.goto("/admin/trade/settlement");
    await page.getByTestId("settlement-page").waitFor();
    await page.getByTestId("statements-empty").waitFor();
    await page.getByTestId("statements-issue").click();
    await page.getByTestId("statements-issue-confirm").click();
    await page.locator("[data-testid=statements-table] tr[data-testid^=statement-row-ST]").first().waitFor();
    const s = (await teaStatement())!;
    expect(s.no).toMatch(new RegExp(`^ST${lastMonth.replace("-", "")}-\\d{4}$`));
    const row = page.getByTestId(`statement-row-${s.no}`);
    await row.locator("[data-status=issued]").first().waitFor();
    expect(await row.getByTestId("statement-closing").getAttribute("data-fen")).toBe(String(Number(s.closing_fen)));
    await shot(page, "settlement-console-issued");

    await row.getByTestId(`statement-pay-${s.no}`).click();
    expect(await page.getByTestId("payout-amount").getAttribute("data-fen")).toBe(String(Number(s.closing_fen)));
    await shot(page, "settlement-console-confirm");
    await page.getByTestId("payout-confirm").click();
    await page.locator(`[data-testid=statement-row-${s.no}][data-status=paid]`).waitFor();
    await page.locator("[data-testid=payouts-table] tr[data-status=paid]").first().waitFor();
    const [payout] = rowsOf<{ no: string; status: string; amount_fen: string }>(await platform.services.db.execute(sql`select no, status, amount_fen from payouts where merchant_id = ${teaId}`));
    expect(payout).toMatchObject({ status: "paid" });
    expect(Number(payout!.amount_fen)).toBe(Number(s.closing_fen));
    const ledger = await page.request.get("/api/v1/admin/ledger/verify");
    expect(((await ledger.json()) as { ok: boolean }).ok).toBe(true);

    await page.getByTestId(`statement-open-${s.no}`).click();
    await page.locator("[data-testid=statement-detail][data-status=paid]").waitFor();
    expect(await page.getByTestId("statement-payout-no").innerText()).toBe(payout!.no);
    await shot(page, "settlement-console-detail");
    await expectClean(tab);
  });

  it("F5 the tea house sees its paid statement, the payout and the open period", async () => {
    const { page } = await signInAfresh(tab, "owner@tea-house.example");
    await page.goto("/merchant/orders/statements");
    const current = page.getByTestId("statement-current");
    await current.getByTestId("statement-current-net").waitFor();
    const live = await currentStatement(ctxFor(platform.services, { userId: null, kind: "system", label: "test", merchantId: null, permissions: new Set(), sessionId: null, mfaPending: false }), teaId);
    expect(live.netFen).toBeGreaterThan(0);
    const yuan = (live.netFen / 100).toFixed(2);
    expect((await current.getByTestId("statement-current-net").innerText()).replace(/,/g, "")).toBe(`¥${yuan}`);
    const line = current.getByTestId(`statement-order-${todaysOrder}`);
    await line.waitFor();
    const own = live.lines.find((l) => l.orderNo === todaysOrder)!;
    expect(await line.getByTestId("line-gross").getAttribute("data-fen")).toBe(String(own.grossFen));
    expect(await line.getByTestId("line-commission").getAttribute("data-fen")).toBe(String(own.commissionFen));
    expect(await line.getByTestId("line-net").getAttribute("data-fen")).toBe(String(own.netFen));
    expect(await line.getByTestId("commission-part").count()).toBeGreaterThan(0);

    const s = (await teaStatement())!;
    await page.locator(`[data-testid=statement-row-${s.no}][data-status=paid]`).waitFor();
    await page.locator("[data-testid=payouts-table] tr[data-status=paid]").first().waitFor();
    await shot(page, "settlement-merchant");
    const xlsx = await page.request.get(`/api/v1/merchant/statements/${s.id}?format=xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-disposition"]).toContain(`${s.no}.xlsx`);

    await page.getByTestId(`statement-open-${s.no}`).click();
    const detail = page.locator("[data-testid=statement-detail][data-status=paid]");
    await detail.waitFor();
    expect(await detail.locator("[data-testid=statement-detail-orders] tr[data-testid^=statement-order-]").count()).toBeGreaterThanOrEqual(2);
    await shot(page, "settlement-merchant-detail");
    await expectClean(tab);

    // The same page in English.
    await page.evaluate(() => window.localStorage.setItem("sg.lang", "en-US"));
    await page.goto("/merchant/orders/statements");
    await page.getByTestId("statement-current-net").waitFor();
    await page.getByText("Net payable this period").waitFor();
    await shot(page, "settlement-merchant-en");
    await expectClean(tab);
    await page.evaluate(() => window.localStorage.setItem("sg.lang", "zh-CN"));
  });

  it("F3 finance reconciles the day of last month's purchases against the sandbox's statement", async () => {
    const { page } = await signInAfresh(tab, "finance");
    await page.goto("/admin/trade/reconciliation");
    await page.getByTestId("reconciliation-page").waitFor();
    await page.getByTestId("recon-runs-empty").waitFor();
    await pickDate(page.getByTestId("recon-day"), purchaseDay);
    await page.getByTestId("recon-run").click();
    const run = page.locator(`[data-testid=recon-run-sandbox-${purchaseDay}][data-status=matched]`);
    await run.waitFor();
    await page.getByTestId(`recon-bar-sandbox-${purchaseDay}`).waitFor();
    expect(Number(await page.getByTestId(`recon-bar-sandbox-${purchaseDay}`).getAttribute("data-matched"))).toBeGreaterThanOrEqual(2);
    await page.getByTestId("recon-differences-empty").waitFor();

    // The gateway's books tampered with: one trade's amount changed. Running the day again shows exactly that.
    const [trade] = rowsOf<{ out_trade_no: string }>(await platform.services.db.execute(sql`
      select out_trade_no from sandbox_trades where status = 'paid' and paid_at >= ${`${purchaseDay}T00:00:00+08:00`}::timestamptz and paid_at < ${`${purchaseDay}T00:00:00+08:00`}::timestamptz + interval '1 day' limit 1`));
    await platform.services.db.execute(sql`update sandbox_trades set amount_fen = amount_fen + 100 where out_trade_no = ${trade!.out_trade_no}`);
    await page.getByTestId("recon-run").click();
    await page.locator(`[data-testid=recon-run-sandbox-${purchaseDay}][data-status=differences]`).waitFor();
    const diff = page.locator(`[data-testid=difference-${trade!.out_trade_no}][data-kind=amount_differs]`);
    await diff.waitFor();
    expect(await page.locator("[data-testid=recon-differences] tr[data-kind]").count()).toBe(1);
    await shot(page, "settlement-reconciliation");
    await platform.services.db.execute(sql`update sandbox_trades set amount_fen = amount_fen - 100 where out_trade_no = ${trade!.out_trade_no}`);
    await expectClean(tab);
  });
});
