import { describe, expect, it } from "vitest";
import { request } from "playwright-core";
import type { APIRequestContext } from "playwright-core";
import { DEMO_PASSWORD, expectClean, fileTab, screenshot, signInAfresh } from "./browser.js";

// O7 L4: the demo buyer's tea-house order is shipped by SF Express and arrives crushed; the
// buyer reports it (through the API, as the storefront would), the shop settles the case with
// a refund in the merchant portal, and customer service finds it resolved in the console.
// Its own server: the case and its task would show in other files' task lists.
const file = fileTab({ ownServer: true });

const TEA_HOUSE = "西湖茶舍 West Lake Tea House";

async function signIn(baseURL: string, login: string): Promise<APIRequestContext> {
  const anonymous = await request.newContext({ baseURL });
  const r = await anonymous.post("/api/v1/auth/login", { data: { login, password: DEMO_PASSWORD } });
  expect(r.status(), `login ${login}`).toBe(200);
  const { token } = (await r.json()) as { token: string };
  await anonymous.dispose();
  return request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}

async function json<T>(r: Promise<{ status(): number; json(): Promise<unknown>; text(): Promise<string> }>, status = 200): Promise<T> {
  const res = await r;
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

interface Case { id: string; no: string; orderNo: string; ownerKind: string }

/** A paid and shipped tea-house order, reported damaged by its buyer. */
async function damagedParcel(baseURL: string) {
  const buyer = await signIn(baseURL, "buyer@example.com");
  const home = (await json<{ id: string }>(buyer.post("/api/v1/me/addresses", { data: { recipient: "张三", mobile: "13800138000", provinceCode: "330000", cityCode: "330100", districtCode: "330106", detail: "西溪路 550 号 异常 1 幢" } }), 201)).id;
  const listed = await json<{ items: { id: string; merchantName: string }[] }>(buyer.get("/api/v1/catalog/products?limit=60"));
  let item: { productId: string; skuCode: string; quantity: number } | null = null;
  for (const p of listed.items.filter((x) => x.merchantName === TEA_HOUSE)) {
    const product = await json<{ skus: { code: string }[] }>(buyer.get(`/api/v1/products/${p.id}`));
    for (const sku of product.skus) {
      const candidate = { productId: p.id, skuCode: sku.code, quantity: 1 };
      const preview = await buyer.post("/api/v1/me/checkouts/preview", { data: { addressId: home, items: [candidate] } });
      const body = (await preview.json()) as { shops?: { lines: { available: boolean }[] }[] };
      if (preview.status() === 200 && body.shops?.every((s) => s.lines.every((l) => l.available))) { item = candidate; break; }
    }
    if (item) break;
  }
  expect(item, "a tea-house SKU in stock").not.toBeNull();
  const placed = await json<{ id: string; orders: { id: string; no: string; totalFen: number }[] }>(
    buyer.post("/api/v1/me/checkouts", { data: { addressId: home, items: [item] }, headers: { "idempotency-key": "exceptions-browser-1" } }), 201);
  const payment = await json<{ payUrl: string }>(buyer.post(`/api/v1/me/checkouts/${placed.id}/payments`, { data: { provider: "sandbox" } }));
  expect((await buyer.post(`${payment.payUrl}/pay`, { maxRedirects: 0 })).status()).toBe(303);
  const order = placed.orders[0]!;

  const shop = await signIn(baseURL, "owner@tea-house.example");
  const carriers = await json<{ items: { id: string; code: string }[] }>(shop.get("/api/v1/merchant/carriers"));
  const sf = carriers.items.find((c) => c.code === "shunfeng")!;
  const trackingNo = `SF${String(Date.now()).slice(-13).padStart(13, "7")}`;
  await json(shop.post(`/api/v1/merchant/orders/${order.id}/shipments`, { data: { carrierId: sf.id, trackingNo } }), 201);

  const reported = await json<Case>(buyer.post(`/api/v1/me/orders/${order.id}/exceptions`, { data: { kind: "damaged", description: "茶叶罐被压扁，封口破了 the tin arrived crushed and open" } }), 201);
  expect(reported.ownerKind).toBe("merchant");
  return { order, trackingNo, reported };
}

describe("O7 L4 exceptions in the merchant portal and the console", () => {
  it("O7 L4 the tea house settles a buyer's damaged-parcel report with a refund; the console shows the case resolved", async () => {
    const { order, trackingNo, reported } = await damagedParcel(file.world.url);

    // --- The shop: the open case in its queue, with the parcel and the time left.
    const tab = await signInAfresh(file.tab, "owner@tea-house.example");
    const { page } = tab;
    await page.getByTestId("nav-orders").click();
    await page.waitForURL("**/merchant/orders");
    await page.getByTestId("trade-tab-exceptions").click();
    await page.waitForURL("**/merchant/orders/exceptions");
    const row = page.getByTestId(`exception-row-${reported.no}`);
    await row.waitFor();
    expect(await row.getAttribute("data-kind")).toBe("damaged");
    expect(await row.getAttribute("data-overdue")).toBe("false");
    expect(await row.innerText()).toContain(trackingNo);
    expect(await row.innerText()).toContain(order.no);
    expect(await row.getByTestId("exception-deadline").innerText()).toMatch(/剩余/);
    expect(Number(await page.getByTestId("exceptions-tab-open").getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
    await screenshot(page, "exceptions-merchant-queue");

    // --- The case: order, parcel and tracking, history; settled by a refund of ¥10.00.
    await row.getByTestId("exception-open").click();
    const drawer = page.getByTestId("exception-drawer");
    await drawer.getByTestId("exception-detail").waitFor();
    expect(await drawer.getByTestId("exception-order").innerText()).toBe(order.no);
    await drawer.locator(`[data-testid=shipment][data-tracking-no="${trackingNo}"]`).waitFor();
    expect(await drawer.locator("[data-testid=exception-timeline-item]").evaluateAll((els) => els.map((e) => e.getAttribute("data-event")))).toEqual(["exception_open"]);
    await drawer.getByTestId("resolve-resolution").waitFor();
    await drawer.locator("label:has([data-testid=resolve-option-refund])").click();
    await drawer.getByTestId("resolve-refund").fill("10");
    await drawer.getByTestId("resolve-note").fill("已与买家沟通，退 10 元作为补偿");
    await screenshot(page, "exceptions-merchant-resolve");
    await drawer.getByTestId("resolve-submit").click();
    const outcome = drawer.getByTestId("exception-outcome");
    await outcome.waitFor();
    expect(await drawer.getByTestId("exception-detail").getAttribute("data-status")).toBe("resolved");
    expect(await outcome.getByTestId("exception-refund-amount").getAttribute("data-fen")).toBe("1000");
    expect(await outcome.getByTestId("exception-refund").getAttribute("data-status")).toBe("succeeded");
    expect(await drawer.locator("[data-testid=exception-timeline-item]").evaluateAll((els) => els.map((e) => e.getAttribute("data-event")))).toEqual(["exception_open", "exception_resolve"]);
    await screenshot(page, "exceptions-merchant-resolved");
    await expectClean(tab);
    await drawer.locator(".ant-drawer-close").click();
    await expect.poll(() => page.getByTestId(`exception-row-${reported.no}`).count()).toBe(0);

    // --- The console: customer service sees it among the resolved cases.
    await signInAfresh(file.tab, "service");
    await page.goto("/admin/trade/exceptions?status=resolved");
    const resolved = page.getByTestId(`exception-row-${reported.no}`);
    await resolved.waitFor();
    expect(await resolved.getAttribute("data-status")).toBe("resolved");
    expect(await resolved.getByTestId("exception-resolution").getAttribute("data-resolution")).toBe("refund");
    expect(await resolved.innerText()).toContain(TEA_HOUSE);
    await screenshot(page, "exceptions-console-resolved");
    await resolved.getByTestId("exception-open").click();
    await page.getByTestId("exception-outcome").waitFor();
    expect(await page.getByTestId("exception-resolve").count(), "a settled case has no form").toBe(0);
    await screenshot(page, "exceptions-console-case");
    await expectClean(tab);
  });
});
