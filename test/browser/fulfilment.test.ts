import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { sql } from "drizzle-orm";
import { createPlatform, type Platform } from "../../src/server/platform.js";
import { seedDemo } from "../../src/demo/seed.js";
import { rowsOf } from "../../src/lib/db-types.js";
import { pushSalt } from "../../src/modules/logistics/tracking.js";
import { pushBody } from "../../src/modules/logistics/tracking/push.js";
import { TEST_SECRET } from "../support/world.js";
import { expectClean, launchBrowser, login, openTab, resetTab, screenshot, type Tab } from "./browser.js";

// L2 L3 O5 O6 F3: the whole fulfilment loop in the browser. The buyer pays for a tea, the tea
// house ships it with a waybill from its order page, the tracking aggregator's signed push
// reports the delivery, the buyer follows the parcel and confirms receipt, and the shop's
// statement carries the order less commission; staff read the ship-by board; an overdue order
// is cancelled by its buyer with a full refund. The server is this file's own, on a clock that
// can move forward (the carrier's story takes an hour and a half), and its database answers
// what the payout must be.
let offsetMs = 0;
let platform: Platform;
let url = "";
let browser: Browser;
let buyer: Tab;
let shop: Tab;

beforeAll(async () => {
  platform = await createPlatform({ appSecret: TEST_SECRET, logLevel: "warn", authRateLimit: 10_000, clock: { now: () => new Date(Date.now() + offsetMs) } });
  await seedDemo(platform.services);
  url = await platform.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchBrowser();
  buyer = await openTab(browser, url);
  shop = await openTab(browser, url);
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await platform?.close();
});

const DIANHONG = "云南滇红 Dian Hong black tea";

async function getJson<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`/api/v1${path}`);
  expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
  return (await r.json()) as T;
}

const fen = (s: string) => Math.round(Number(s.replace(/[¥,\s−-]/g, "")) * 100);
const yuan = (f: number) => `¥${(f / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The buyer's cart emptied; the default address is the demo's (Hangzhou, Zhejiang). */
async function emptyCart(page: Page) {
  const cart = await getJson<{ groups: { lines: { id: string }[] }[] }>(page, "/me/cart");
  for (const l of cart.groups.flatMap((g) => g.lines)) await page.request.delete(`/api/v1/me/cart/items/${l.id}`);
}

// A waybill number nobody has used: SF and 13 digits.
const waybill = `SF${String(Date.now()).slice(-13).padStart(13, "7")}`;

describe("fulfilment: ship, track, confirm, settle", () => {
  let order: { id: string; no: string; totalFen: number; shippingFen: number };

  it("L2 L3 O6 F3 a paid tea order ships with a waybill, the carrier's push delivers it, the buyer confirms receipt and the shop's statement shows it less commission", async () => {
    // --- The buyer buys one Dian Hong and pays on the sandbox page.
    const { page } = buyer;
    await resetTab(buyer);
    await login(page, "buyer@example.com");
    await emptyCart(page);
    const products = await getJson<{ items: { id: string; title: string }[] }>(page, `/catalog/products?q=${encodeURIComponent("云南滇红")}`);
    const productId = products.items.find((p) => p.title === DIANHONG)!.id;
    await page.goto(`/products/${productId}`);
    await page.getByTestId("product-title").getByText(DIANHONG).waitFor();
    await page.getByTestId("add-to-cart").click();
    await page.getByTestId("added-to-cart").waitFor();
    await page.goto("/cart");
    await page.getByTestId("cart-checkout").click();
    await page.waitForURL("**/checkout");
    await page.getByTestId("pay-method-sandbox").waitFor();
    await page.getByTestId("checkout-submit").click();
    await page.waitForURL("**/api/v1/sandbox/pay/**");
    await page.getByTestId("sandbox-pay").click();
    await page.waitForURL((u) => u.pathname === "/pay/result");
    await page.getByTestId("pay-result-succeeded").waitFor();
    const mine = await getJson<{ items: { id: string; no: string; status: string; firstTitle: string; totalFen: number; shippingFen: number }[] }>(page, "/me/orders?limit=5");
    const paid = mine.items.find((o) => o.firstTitle === DIANHONG && o.status === "paid")!;
    expect(paid).toBeTruthy();
    order = paid;
    await screenshot(page, "fulfilment-01-buyer-paid");
    await expectClean(buyer);

    // --- The tea house: its orders to ship, this one with the time left to ship it.
    const s = shop.page;
    await resetTab(shop);
    await login(s, "owner@tea-house.example");
    await s.goto("/merchant/orders");
    await s.getByTestId("order-filter-toShip").click();
    await s.waitForURL((u) => u.searchParams.get("view") === "toShip");
    await s.getByTestId(`order-row-${order.no}`).waitFor();
    await screenshot(s, "fulfilment-02-shop-to-ship");
    await expectClean(shop);
    await s.getByTestId(`order-row-${order.no}`).getByTestId("order-link").click();
    await s.waitForURL(`**/merchant/orders/${order.id}`);
    await s.getByTestId("order-ship-by-left").waitFor();
    expect((await s.getByTestId("order-ship-by-left").innerText()).trim()).toMatch(/^剩余 (2 天 23|3 天 0) 小时 须发货$/);

    // The packing list opens the full address for the label.
    await s.getByTestId("order-packing-list").click();
    await s.getByTestId("packing-list-no").getByText(order.no).waitFor();
    expect(await s.getByTestId("packing-list-recipient").innerText()).not.toContain("*");
    expect(await s.getByTestId("packing-list-row").count()).toBe(1);
    expect(await s.getByTestId("packing-list-left").innerText()).toBe("1");
    await screenshot(s, "fulfilment-03-packing-list");
    await expectClean(shop);
    await s.getByTestId("packing-list-back").click();
    await s.getByTestId("packing-list-screen").waitFor({ state: "detached" });

    // --- 发货: SF is recommended for Zhejiang; a mistyped waybill is refused on its field.
    await s.getByTestId("order-ship").click();
    const modal = s.getByTestId("ship-modal");
    // The best-rated carrier covering Zhejiang comes chosen, with what it promises; the shop takes SF.
    await modal.getByTestId("ship-carrier-terms").waitFor();
    expect(await modal.getByTestId("ship-carrier").getByTestId("ship-carrier-recommended").count()).toBe(1);
    await screenshot(s, "fulfilment-04a-ship-form");
    await modal.getByTestId("ship-carrier").click();
    await s.locator(".ant-select-dropdown [data-testid=ship-carrier-shunfeng]").click();
    await modal.getByTestId("ship-carrier-terms").getByText("24 小时送达", { exact: false }).waitFor();
    expect(await modal.getByTestId("ship-carrier").innerText()).toContain("顺丰");
    expect(await modal.getByTestId("ship-tracking-no").getAttribute("placeholder")).toBe("SF1234567890123");
    await modal.getByTestId("ship-tracking-no").fill("SF12345");
    await s.getByTestId("ship-submit").click();
    await modal.getByText("运单号格式不对，应类似 SF1234567890123。").waitFor();
    await screenshot(s, "fulfilment-04-ship-bad-waybill");
    await modal.getByTestId("ship-tracking-no").fill(waybill);
    await modal.getByTestId("ship-parcel-weight").fill("0.35");
    await s.getByTestId("ship-submit").click();
    await modal.waitFor({ state: "detached" });
    await s.locator("[data-testid=order-detail][data-status=shipped]").waitFor();
    const shipment = s.locator(`[data-testid=shipment][data-tracking-no="${waybill}"]`);
    await shipment.waitFor();
    expect(await shipment.getByTestId("shipment-parcels").innerText()).toContain("0.35 kg");
    expect(await shipment.getByTestId("shipment-batches").innerText()).toMatch(/^批次 \S+ × 1$/);
    await shipment.getByTestId("tracking-empty").waitFor();
    await screenshot(s, "fulfilment-05-shop-shipped");
    await expectClean(shop);

    // --- An hour and a half later the aggregator pushes the waybill's story, delivered last.
    const shippedAt = Date.now();
    offsetMs += 95 * 60_000;
    const salt = pushSalt(platform.services);
    const story = [
      { at: new Date(shippedAt + 10 * 60_000), text: "顺丰速运 已收取快件", status: "揽收", areaName: "浙江省杭州市" },
      { at: new Date(shippedAt + 45 * 60_000), text: "快件已到达 杭州转运中心", status: "在途", areaName: "浙江省杭州市" },
      { at: new Date(shippedAt + 70 * 60_000), text: "快件交给小王，正在派送途中", status: "派件", areaName: "浙江省杭州市西湖区" },
      { at: new Date(shippedAt + 90 * 60_000), text: "已签收，签收人：本人", status: "签收", areaName: "浙江省杭州市西湖区" },
    ];
    const api = await request.newContext({ baseURL: url });
    const bad = await api.post("/api/v1/logistics/tracking/push", { headers: { "content-type": "application/x-www-form-urlencoded" }, data: pushBody({ carrierCode: "shunfeng", trackingNo: waybill, state: "3", events: story }, "wrong-salt") });
    expect(bad.status()).toBe(400);
    const pushed = await api.post("/api/v1/logistics/tracking/push", { headers: { "content-type": "application/x-www-form-urlencoded" }, data: pushBody({ carrierCode: "shunfeng", trackingNo: waybill, state: "3", events: story }, salt) });
    expect(pushed.status(), await pushed.text()).toBe(200);
    expect(await pushed.json()).toMatchObject({ result: true, returnCode: "200" });
    await api.dispose();

    // The shop sees the tracking and the order delivered.
    await s.reload();
    await s.locator("[data-testid=order-detail][data-status=delivered]").waitFor();
    expect(await shipment.getAttribute("data-status")).toBe("delivered");
    expect(await shipment.getByTestId("tracking-event").first().getAttribute("data-kind")).toBe("delivered");

    // --- The buyer: 待收货 offers the confirmation; the order shows the parcel's story, newest first.
    await page.goto("/account/orders?tab=toReceive");
    const card = page.locator(`[data-testid=order-card][data-order-no="${order.no}"]`);
    await card.getByTestId("order-confirm-receipt").waitFor();
    expect(await card.getAttribute("data-status")).toBe("delivered");
    await screenshot(page, "fulfilment-06-buyer-to-receive");
    await expectClean(buyer);
    await card.getByTestId("order-open").click();
    await page.waitForURL(`**/account/orders/${order.id}`);
    const parcel = page.getByTestId("order-shipments").getByTestId("shipment");
    await parcel.waitFor();
    expect(await parcel.getByTestId("shipment-tracking-no").innerText()).toBe(waybill);
    expect(await parcel.getByTestId("shipment-carrier").innerText()).toBe("顺丰速运");
    expect(await parcel.getByTestId("tracking-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))).toEqual(["delivered", "out_for_delivery", "in_transit", "collected"]);
    expect(await parcel.getByTestId("tracking-text").first().innerText()).toBe("已签收，签收人：本人");
    expect(await page.getByTestId("order-banner-title").innerText()).toBe("已签收");
    expect(await page.getByTestId("order-auto-confirm").innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d 将自动确认收货/);
    expect(await page.getByTestId("timeline-label").allInnerTexts()).toEqual(["已下单", "已付款", "已发货", "已签收"]);
    await screenshot(page, "fulfilment-07-buyer-tracking");
    await expectClean(buyer);

    // 确认收货, asked once more, completes the order.
    await page.getByTestId("order-confirm-receipt").click();
    await page.getByTestId("receipt-confirm-modal").getByText("确认后交易完成").waitFor();
    await page.getByTestId("receipt-confirm-ok").click();
    await page.locator("[data-testid=order-banner][data-status=completed]").waitFor();
    expect(await page.getByTestId("order-confirm-receipt").count()).toBe(0);
    expect(await page.getByTestId("timeline-label").allInnerTexts()).toEqual(["已下单", "已付款", "已发货", "已签收", "交易完成"]);
    await screenshot(page, "fulfilment-08-buyer-completed");
    await expectClean(buyer);
    // The same page in English.
    await page.getByTestId("lang-en-US").click();
    await expect.poll(() => page.getByTestId("order-banner-title").innerText()).not.toBe("已完成");
    expect(await parcel.getByTestId("shipment-carrier").innerText()).toBe("SF Express");
    expect(await parcel.getByTestId("tracking-kind").first().innerText()).toBe("Delivered");
    await screenshot(page, "fulfilment-08b-buyer-completed-en");
    await expectClean(buyer);
    await page.getByTestId("lang-zh-CN").click();
    await expect.poll(() => page.getByTestId("order-banner-title").innerText()).toBe("已完成");

    // --- The escrow went to the shop less 5 % commission on the tea (shipping carries none).
    const [release] = rowsOf<{ payable_fen: number; commission_fen: number }>(await platform.services.db.execute(sql`select payable_fen, commission_fen from escrow_releases where order_id = ${order.id}`));
    expect(release).toBeTruthy();
    const goods = order.totalFen - order.shippingFen;
    const commission = Math.floor((goods * 500 + 5000) / 10_000);
    expect(Number(release!.payable_fen)).toBe(order.totalFen - commission);

    // The shop's statement of the open period lists the order at that amount.
    await s.goto("/merchant/orders/statements");
    const row = s.getByTestId(`statement-order-${order.no}`);
    await row.waitFor();
    expect(await row.innerText()).toContain(yuan(Number(release!.payable_fen)));
    const net = fen(await s.getByTestId("statement-current-net").innerText());
    expect(net).toBeGreaterThanOrEqual(Number(release!.payable_fen));
    await screenshot(s, "fulfilment-09-shop-statement");
    await expectClean(shop);
  });

  it("L2 L3 a partial shipment in two parcels by a courier without push, its delivery typed in by the shop", async () => {
    // Two Dian Hong, bought and paid through the API as another tab would.
    const { page } = buyer;
    const addressId = (await getJson<{ items: { id: string; isDefault: boolean }[] }>(page, "/me/addresses")).items.find((a) => a.isDefault)!.id;
    const productId = (await getJson<{ items: { id: string; title: string }[] }>(page, `/catalog/products?q=${encodeURIComponent("云南滇红")}`)).items.find((p) => p.title === DIANHONG)!.id;
    const placed = await page.request.post("/api/v1/me/checkouts", { data: { addressId, items: [{ productId, skuCode: "DH-200", quantity: 2 }] }, headers: { "idempotency-key": `fulfil-${Date.now()}` } });
    expect(placed.status(), await placed.text()).toBe(201);
    const checkout = (await placed.json()) as { id: string; orders: { id: string; no: string }[] };
    const payment = (await (await page.request.post(`/api/v1/me/checkouts/${checkout.id}/payments`, { data: { provider: "sandbox" } })).json()) as { payUrl: string };
    expect((await page.request.post(`${payment.payUrl}/pay`, { maxRedirects: 0 })).status()).toBe(303);
    const two = checkout.orders[0]!;

    // The shop sends one of the two with the local courier, in two parcels.
    const s = shop.page;
    await s.goto(`/merchant/orders/${two.id}`);
    await s.getByTestId("order-ship").click();
    const modal = s.getByTestId("ship-modal");
    await modal.getByTestId("ship-carrier").click();
    await s.locator(".ant-select-dropdown [data-testid=ship-carrier-local]").click();
    expect(await modal.getByTestId("ship-tracking-no").getAttribute("placeholder")).toBe("LOCAL-0001");
    const localNo = `LOCAL-${Date.now()}`;
    await modal.getByTestId("ship-tracking-no").fill(localNo);
    await modal.getByTestId("ship-line-quantity").fill("1");
    await modal.getByText("部分发货：本次未发的商品之后可以再发。").waitFor();
    await modal.getByTestId("ship-parcel-add").click();
    await modal.getByTestId("ship-parcel-weight").nth(0).fill("0.3");
    await modal.getByTestId("ship-parcel-weight").nth(1).fill("0.4");
    await screenshot(s, "fulfilment-16-ship-partial");
    await s.getByTestId("ship-submit").click();
    await modal.waitFor({ state: "detached" });
    await s.locator("[data-testid=order-detail][data-status=partly_shipped]").waitFor();
    const local = s.locator(`[data-testid=shipment][data-tracking-no="${localNo}"]`);
    await local.waitFor();
    expect(await local.getByTestId("shipment-parcels").innerText()).toBe("2 个包裹，共 0.7 kg：包裹 1：0.3 kg；包裹 2：0.4 kg");
    expect(await local.getByTestId("shipment-line").innerText()).toContain("× 1");
    // Still one to ship: the button stays, and the time to ship it still runs.
    await s.getByTestId("order-ship").waitFor();
    await s.getByTestId("order-ship-by-left").waitFor();

    // The courier says it was delivered: typed in by hand.
    await local.getByTestId("shipment-add-tracking").click();
    const form = s.getByTestId("tracking-modal");
    await form.getByTestId("tracking-kind").click();
    await s.locator(".ant-select-dropdown .ant-select-item-option[title=已签收]").click();
    await form.getByTestId("tracking-text-input").fill("同城骑手已送达，前台代收");
    await form.getByTestId("tracking-location").fill("杭州市西湖区");
    await screenshot(s, "fulfilment-17-manual-tracking");
    await s.getByTestId("tracking-submit").click();
    await form.waitFor({ state: "hidden" });
    await s.locator(`[data-testid=shipment][data-tracking-no="${localNo}"][data-status=delivered]`).waitFor();
    expect(await local.getByTestId("tracking-text").first().innerText()).toBe("同城骑手已送达，前台代收");
    expect(await local.getByTestId("shipment-add-tracking").count()).toBe(0);
    // One unit has not shipped: the order waits for it.
    expect(await s.getByTestId("order-detail").getAttribute("data-status")).toBe("partly_shipped");
    await screenshot(s, "fulfilment-18-shop-partly-shipped");
    await expectClean(shop);

    // The buyer sees the parcel and cannot confirm receipt of half an order.
    await page.goto(`/account/orders/${two.id}`);
    const parcel = page.getByTestId("order-shipments").getByTestId("shipment");
    await parcel.waitFor();
    expect(await parcel.getAttribute("data-status")).toBe("delivered");
    expect(await page.getByTestId("order-confirm-receipt").count()).toBe(0);
    await screenshot(page, "fulfilment-19-buyer-partly-shipped");
    await expectClean(buyer);
  });

  it("O5 operations staff read the ship-by board: totals, shops worst first, days and overdue orders", async () => {
    const tab = await openTab(browser, url);
    const { page } = tab;
    await login(page, "operations");
    await page.goto("/admin/trade/sla");
    await page.getByTestId("sla-totals").waitFor();
    const number = async (id: string) => Number((await page.getByTestId(id).innerText()).replace(/[^\d.]/g, ""));
    expect(await number("sla-total-paid")).toBeGreaterThan(0);
    expect(await number("sla-total-onTime")).toBeGreaterThan(0);
    const rows = page.getByTestId("sla-shop-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    const names = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-merchant")));
    expect(names).toContain("西湖茶舍 West Lake Tea House");
    await page.getByTestId("sla-chart").waitFor();
    expect(await page.getByTestId("sla-chart-day").count()).toBe(30);
    await page.getByTestId("sla-overdue").waitFor();
    await screenshot(page, "fulfilment-14-sla-board");
    await expectClean(tab);

    // An overdue order leads to its page in the console, with its red tag.
    const link = page.getByTestId("sla-overdue-link").first();
    if (await link.count()) {
      await link.click();
      await page.waitForURL(/\/admin\/trade\/orders\/[0-9a-f-]{36}$/);
      await page.getByTestId("order-overdue-tag").waitFor();
      await screenshot(page, "fulfilment-15-console-overdue-order");
      await expectClean(tab);
    }
  });
  it("O5 a buyer told of an order not shipped in time cancels it with a full refund; the shop sees it overdue", async () => {
    const { page } = buyer;
    // The demo has an order of this buyer that nobody shipped in time; the ship-by job told them.
    const notices = await getJson<{ items: { id: string; kind: string; subjectId: string; readAt: string | null }[]; unread: number }>(page, "/me/notices");
    const notice = notices.items.find((n) => n.kind === "order_ship_overdue" && !n.readAt);
    expect(notice, "the demo's overdue order").toBeTruthy();
    await page.goto("/account/orders");
    const badge = page.getByTestId("header-notices-count");
    await badge.waitFor();
    expect(Number(await badge.getAttribute("data-count"))).toBe(notices.unread);
    await page.getByTestId("header-notices").click();
    await page.waitForURL("**/account/notices");
    const item = page.locator(`[data-testid=notice][data-kind=order_ship_overdue]`).first();
    await item.waitFor();
    expect(await item.getByTestId("notice-title").innerText()).toMatch(/^订单 \S+ 超时未发货$/);
    expect(await item.getAttribute("data-read")).toBe("false");
    await screenshot(page, "fulfilment-10-buyer-notices");
    await expectClean(buyer);

    // The notice leads to the order: overdue, and it may be cancelled for a full refund.
    await item.getByTestId("notice-open-order").click();
    await page.waitForURL(`**/account/orders/${notice!.subjectId}`);
    const overdue = page.getByTestId("order-overdue");
    await overdue.waitFor();
    expect(await overdue.innerText()).toContain("商家超过 72 小时仍未发货");
    const detail = await getJson<{ no: string; status: string; totalFen: number; merchantId: string }>(page, `/me/orders/${notice!.subjectId}`);

    // The shop sees the same order in red among those to ship.
    const s = shop.page;
    await s.goto("/merchant/orders?view=toShip");
    const red = s.getByTestId(`overdue-row-${detail.no}`);
    await red.waitFor();
    expect(await red.getByTestId("overdue-for").innerText()).toMatch(/^超时 /);
    await screenshot(s, "fulfilment-11-shop-overdue");
    await expectClean(shop);
    await red.getByTestId("overdue-link").click();
    await s.waitForURL(`**/merchant/orders/${notice!.subjectId}`);
    await s.getByTestId("order-overdue-tag").waitFor();
    expect((await s.getByTestId("order-ship-by-over").innerText()).trim()).toMatch(/^超时 /);
    await expectClean(shop);

    await screenshot(page, "fulfilment-12-buyer-overdue");
    await expectClean(buyer);
    await page.getByTestId("order-overdue-cancel").click();
    await page.getByTestId("overdue-cancel-ok").click();
    await page.getByTestId("order-refund-issued").waitFor();
    expect(await page.getByTestId("order-banner-title").innerText()).toBe("已关闭");
    expect(await page.getByTestId("order-refunded-fen").innerText()).toBe(yuan(detail.totalFen));
    expect(await page.getByTestId("timeline-label").allInnerTexts()).toEqual(["已下单", "已付款", "超时未发货", "已关闭并退款"]);
    await screenshot(page, "fulfilment-13-buyer-overdue-refunded");
    await expectClean(buyer);

    // Opening the order from the notice read it.
    await page.goto("/account/notices");
    await page.locator(`[data-testid=notice][data-kind=order_ship_overdue][data-read=true]`).first().waitFor();
  });

});
