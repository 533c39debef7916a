import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectClean, fileTab, login, resetTab, screenshot } from "./browser.js";

// O2 O3 O4 F1: a buyer checks out a cart from two shops, pays on the sandbox gateway and
// follows the orders. Payment screening (F4) counts a buyer's failures and the buyers of an
// address across the whole day, which other files' purchases would change: a server of its own.
const file = fileTab({ ownServer: true });

const DIANHONG = "云南滇红 Dian Hong black tea";
const BASKETS = "竹编收纳篮 三件套 Woven storage baskets";

interface Summary {
  id: string;
  no: string;
  status: string;
  firstTitle: string;
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`/api/v1${path}`);
  expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
  return (await r.json()) as T;
}

const productId = async (page: Page, title: string) =>
  (await getJson<{ items: { id: string; title: string }[] }>(page, `/catalog/products?q=${encodeURIComponent(title.split(" ")[0]!)}`)).items.find((p) => p.title === title)!.id;

const myOrders = async (page: Page) => (await getJson<{ items: Summary[] }>(page, "/me/orders?limit=100")).items;

/** The buyer's cart emptied and an address to ship to (the demo buyer has one; made if not). */
async function readyBuyer(page: Page): Promise<string> {
  const cart = await getJson<{ groups: { lines: { id: string }[] }[] }>(page, "/me/cart");
  for (const l of cart.groups.flatMap((g) => g.lines)) await page.request.delete(`/api/v1/me/cart/items/${l.id}`);
  const book = await getJson<{ items: { id: string; isDefault: boolean }[] }>(page, "/me/addresses");
  if (book.items.length) return (book.items.find((a) => a.isDefault) ?? book.items[0]!).id;
  const made = await page.request.post("/api/v1/me/addresses", {
    data: { recipient: "张三", mobile: "13800138000", provinceCode: "330000", cityCode: "330100", districtCode: "330106", detail: "文三路 90 号 3 幢 501 室", isDefault: true },
  });
  expect(made.status()).toBe(201);
  return ((await made.json()) as { id: string }).id;
}

/** Places a checkout through the API (as a second browser tab would); paid on the sandbox if asked. */
async function placeOrder(page: Page, addressId: string, items: { productId: string; skuCode: string; quantity: number }[], pay: boolean) {
  const placed = await page.request.post("/api/v1/me/checkouts", { data: { addressId, items }, headers: { "idempotency-key": `browser-${Date.now()}-${Math.random().toString(36).slice(2)}` } });
  expect(placed.status(), await placed.text()).toBe(201);
  const checkout = (await placed.json()) as { id: string; orders: Summary[] };
  if (pay) {
    const payment = (await (await page.request.post(`/api/v1/me/checkouts/${checkout.id}/payments`, { data: { provider: "sandbox" } })).json()) as { payUrl: string };
    expect((await page.request.post(`${payment.payUrl}/pay`, { maxRedirects: 0 })).status()).toBe(303);
  }
  return checkout.orders[0]!;
}

const card = (page: Page, no: string) => page.locator(`[data-testid=order-card][data-order-no="${no}"]`);
const timelineLabels = (page: Page) => page.getByTestId("timeline-label").allInnerTexts();

describe("checkout, payment and my orders", () => {
  it("O2/O3/F1: a buyer buys from two shops, pays on the sandbox page and sees two paid orders with timelines", async () => {
    const { tab } = file;
    const { page } = tab;
    await resetTab(tab);
    await login(page, "buyer@example.com");
    await readyBuyer(page);
    const before = await myOrders(page);

    // --- One item of each shop, through their product pages.
    for (const title of [DIANHONG, BASKETS]) {
      await page.goto(`/products/${await productId(page, title)}`);
      await page.getByTestId("product-title").getByText(title).waitFor();
      await page.getByTestId("add-to-cart").click();
      await page.getByTestId("added-to-cart").waitFor();
    }

    // --- Cart → 去结算 → the checkout: the default address chosen, one part per shop, shipping included.
    await page.goto("/cart");
    await page.getByTestId("cart-checkout").click();
    await page.waitForURL("**/checkout");
    const shops = page.getByTestId("checkout-shop");
    await expect.poll(() => shops.count()).toBe(2);
    expect((await page.getByTestId("checkout-line-title").allInnerTexts()).sort()).toEqual([DIANHONG, BASKETS].sort());
    expect(await page.locator("[data-testid=checkout-address][data-selected=true]").count()).toBe(1);
    expect(await page.getByTestId("checkout-ship-to").innerText()).toContain("浙江省");
    const fen = (s: string) => Math.round(Number(s.replace(/[¥,]/g, "")) * 100);
    const shopTotals = (await page.getByTestId("checkout-shop-total").allInnerTexts()).map(fen);
    const total = await page.getByTestId("checkout-total").innerText();
    expect(fen(total)).toBe(shopTotals[0]! + shopTotals[1]!);
    // 258.00 of tea is over the tea house's free-shipping threshold (¥199).
    expect(await shops.filter({ hasText: DIANHONG }).getByTestId("checkout-shipping").innerText()).toContain("包邮");
    await shops.filter({ hasText: BASKETS }).getByTestId("checkout-note").fill("请用纸箱包装");
    await page.getByTestId("pay-method-sandbox").waitFor();
    await screenshot(page, "checkout-page");
    await expectClean(tab);

    // --- 提交订单, clicked twice: one set of orders, then the gateway's own page.
    await page.getByTestId("checkout-submit").dblclick();
    await page.waitForURL("**/api/v1/sandbox/pay/**");
    expect(await page.getByTestId("sandbox-amount").innerText()).toBe(total);
    await screenshot(page, "checkout-sandbox-gateway");
    await page.getByTestId("sandbox-pay").click();

    // --- Back in the shop: the result, the two orders paid.
    await page.waitForURL((u) => u.pathname === "/pay/result" && /^P\d{16}$/.test(u.searchParams.get("no") ?? ""));
    await page.getByTestId("pay-result-succeeded").waitFor();
    const paid = page.getByTestId("pay-result-order");
    expect(await paid.count()).toBe(2);
    expect(await paid.getByTestId("order-status").allInnerTexts()).toEqual(["待发货", "待发货"]);
    await screenshot(page, "checkout-pay-result");
    await expectClean(tab);
    const after = await myOrders(page);
    expect(after.length).toBe(before.length + 2);
    const fresh = after.filter((o) => !before.some((b) => b.id === o.id));
    expect(fresh.map((o) => o.status)).toEqual(["paid", "paid"]);

    // --- My orders: both there, paid, also under 待发货.
    await page.getByTestId("pay-result-go-orders").click();
    await page.waitForURL("**/account/orders");
    for (const o of fresh) await card(page, o.no).waitFor();
    for (const o of fresh) expect(await card(page, o.no).getAttribute("data-status")).toBe("paid");
    expect(await card(page, fresh[0]!.no).getByTestId("order-status").innerText()).toBe("待发货");
    await screenshot(page, "checkout-my-orders");
    await expectClean(tab);
    await page.getByTestId("orders-tab-toShip").click();
    await page.waitForURL((u) => u.searchParams.get("tab") === "toShip");
    for (const o of fresh) await card(page, o.no).waitFor();
    expect(await page.locator("[data-testid=order-card]:not([data-status=paid])").count()).toBe(0);

    // --- One order: its status, goods, address, payment and the timeline 已下单 → 已付款.
    const baskets = fresh.find((o) => o.firstTitle === BASKETS)!;
    expect(await card(page, baskets.no).getByTestId("order-title").innerText()).toBe(BASKETS);
    await card(page, baskets.no).getByTestId("order-open").click();
    await page.waitForURL(`**/account/orders/${baskets.id}`);
    await page.getByTestId("order-timeline").waitFor();
    expect(await page.getByTestId("order-banner-title").innerText()).toBe("待发货");
    expect(await timelineLabels(page)).toEqual(["已下单", "已付款"]);
    expect(await page.getByTestId("order-line-title").allInnerTexts()).toEqual([BASKETS]);
    expect(await page.getByTestId("order-note").innerText()).toContain("请用纸箱包装");
    expect(await page.getByTestId("order-address").innerText()).toContain("浙江省");
    expect(await page.getByTestId("order-payment").getByTestId("payment-status").innerText()).toBe("支付成功");
    await screenshot(page, "checkout-order-detail");
    await expectClean(tab);
  });

  it("O3/O4: a buyer cancels an unpaid order from the list and sees it cancelled with its timeline", async () => {
    const { tab } = file;
    const { page } = tab;
    await resetTab(tab);
    await login(page, "buyer@example.com");
    const addressId = await readyBuyer(page);
    const order = await placeOrder(page, addressId, [{ productId: await productId(page, DIANHONG), skuCode: "DH-200", quantity: 2 }], false);

    await page.goto("/account/orders?tab=unpaid");
    const unpaid = card(page, order.no);
    await unpaid.waitFor();
    expect(await unpaid.getByTestId("order-countdown").innerText()).toMatch(/^剩余 (29|30):\d\d，超时自动取消$/);
    await unpaid.getByTestId("order-pay").waitFor();
    await screenshot(page, "checkout-orders-unpaid");
    await expectClean(tab);

    await unpaid.getByTestId("order-cancel").click();
    const modal = page.getByTestId("order-cancel-modal");
    await modal.getByText("取消后订单不能恢复").waitFor();
    await modal.getByTestId("cancel-reason-duplicate").click();
    await page.getByTestId("order-cancel-confirm").click();
    await unpaid.waitFor({ state: "detached" });

    await page.getByTestId("orders-tab-cancelled").click();
    const cancelled = card(page, order.no);
    await cancelled.waitFor();
    expect(await cancelled.getAttribute("data-status")).toBe("cancelled");
    expect(await cancelled.getByTestId("order-status").innerText()).toBe("已取消");
    await cancelled.getByTestId("order-open").click();
    await page.waitForURL(`**/account/orders/${order.id}`);
    await page.getByTestId("order-timeline").waitFor();
    expect(await page.getByTestId("order-banner-title").innerText()).toBe("已取消");
    expect(await page.getByTestId("order-banner-reason").innerText()).toBe("原因：重复下单");
    expect(await timelineLabels(page)).toEqual(["已下单", "已取消"]);
    expect(await page.getByTestId("timeline-reason").innerText()).toBe("原因：重复下单");
    expect(await page.getByTestId("order-cancel").count()).toBe(0);
    await screenshot(page, "checkout-order-cancelled");
    await expectClean(tab);
  });

  it("F1: a payment that failed at the gateway is paid again from the result page", async () => {
    const { tab } = file;
    const { page } = tab;
    await resetTab(tab);
    await login(page, "buyer@example.com");
    const addressId = await readyBuyer(page);
    const order = await placeOrder(page, addressId, [{ productId: await productId(page, BASKETS), skuCode: "SB-3", quantity: 2 }], false);

    // 去支付 from the order page goes to the gateway; the buyer makes it fail there.
    await page.goto(`/account/orders/${order.id}`);
    await page.getByTestId("order-pay").click();
    await page.waitForURL("**/api/v1/sandbox/pay/**");
    await page.getByTestId("sandbox-fail").click();
    await page.waitForURL((u) => u.pathname === "/pay/result");
    await page.getByTestId("pay-result-failed").waitFor();
    expect(await page.getByTestId("pay-result-reason").innerText()).toBe("支付机构报告付款未成功，您没有被扣款，可以重新付款。");
    expect(await page.getByTestId("pay-result-order").getByTestId("order-status").innerText()).toBe("待付款");
    await screenshot(page, "checkout-pay-failed");
    await expectClean(tab);

    // 重新付款: a new attempt at the gateway, paid this time.
    await page.getByTestId("pay-result-retry").click();
    await page.waitForURL("**/api/v1/sandbox/pay/**");
    await page.getByTestId("sandbox-pay").click();
    await page.waitForURL((u) => u.pathname === "/pay/result");
    await page.getByTestId("pay-result-succeeded").waitFor();
    await page.getByTestId("pay-result-order-link").click();
    await page.waitForURL(`**/account/orders/${order.id}`);
    await page.getByTestId("order-timeline").waitFor();
    expect(await timelineLabels(page)).toEqual(["已下单", "已付款"]);
    expect(await page.getByTestId("order-payment").getByTestId("payment-status").allInnerTexts()).toEqual(["支付失败", "支付成功"]);
    await expectClean(tab);
  });

  it("O3/F6: cancelling a paid order that has not shipped refunds it in full", async () => {
    const { tab } = file;
    const { page } = tab;
    await resetTab(tab);
    await login(page, "buyer@example.com");
    const addressId = await readyBuyer(page);
    const order = await placeOrder(page, addressId, [{ productId: await productId(page, BASKETS), skuCode: "SB-3", quantity: 1 }], true);

    await page.goto(`/account/orders/${order.id}`);
    await page.getByTestId("order-timeline").waitFor();
    expect(await page.getByTestId("order-banner-title").innerText()).toBe("待发货");
    const amount = await page.getByTestId("order-total-fen").innerText();
    await page.getByTestId("order-cancel").click();
    await page.getByTestId("order-cancel-modal").getByText(`${amount} 将全额原路退回`).waitFor();
    await page.getByTestId("order-cancel-confirm").click();
    await page.getByTestId("order-refund-issued").waitFor();
    expect(await page.getByTestId("order-refund-issued").innerText()).toContain(`已退款 ${amount}`);
    expect(await page.getByTestId("order-banner-title").innerText()).toBe("已关闭");
    expect(await timelineLabels(page)).toEqual(["已下单", "已付款", "已关闭并退款"]);
    expect(await page.getByTestId("order-refunded-fen").innerText()).toBe(amount);
    await screenshot(page, "checkout-order-refunded");
    await expectClean(tab);
  });
});
