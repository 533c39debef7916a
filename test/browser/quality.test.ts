import { describe, expect, it } from "vitest";
import { request } from "playwright-core";
import type { APIRequestContext, Locator, Page } from "playwright-core";
import { DEMO_PASSWORD, expectClean, fileTab, PDF, screenshot, signInAfresh } from "./browser.js";

// P5/P6: two buyers receive OF-500 from one batch (as the demo's orders may have); quality staff plan a
// sampling of that batch, record the sample, upload the lab's report, record a failure
// with a recall, see the buyers reached and follow the batch's trace from supplier to
// buyers. Delisting and blocking change shared state: own server.
const file = fileTab({ ownServer: true });

const input = (scope: Page | Locator, testId: string): Locator =>
  scope.locator(`[data-testid="${testId}"]`).locator("xpath=descendant-or-self::input | descendant-or-self::textarea").first();
const dropdown = (page: Page) => page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)");

async function json<T>(r: Promise<{ status(): number; json(): Promise<unknown>; text(): Promise<string> }>, status = 200): Promise<T> {
  const res = await r;
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

async function signIn(baseURL: string, login: string): Promise<APIRequestContext> {
  const anonymous = await request.newContext({ baseURL });
  const { token } = await json<{ token: string }>(anonymous.post("/api/v1/auth/login", { data: { login, password: DEMO_PASSWORD } }));
  await anonymous.dispose();
  return request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}

/** A new buyer with an address of their own, who buys one item and pays through the sandbox. */
async function buyerBuys(baseURL: string, name: string, street: string, item: { productId: string; skuCode: string; quantity: number }) {
  const anonymous = await request.newContext({ baseURL });
  const policy = await json<{ version: string }>(anonymous.get("/api/v1/privacy/policy"));
  const { token } = await json<{ token: string }>(
    anonymous.post("/api/v1/auth/register", { data: { login: `${name}@example.com`, password: DEMO_PASSWORD, displayName: name, acceptPolicyVersion: policy.version } }),
    201,
  );
  await anonymous.dispose();
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const address = await json<{ id: string }>(
    api.post("/api/v1/me/addresses", { data: { recipient: "王小明", mobile: "13912345678", provinceCode: "330000", cityCode: "330100", districtCode: "330106", detail: street } }),
    201,
  );
  const placed = await json<{ id: string; orders: { id: string; no: string }[] }>(
    api.post("/api/v1/me/checkouts", { data: { addressId: address.id, items: [item] }, headers: { "idempotency-key": `quality-${name}` } }),
    201,
  );
  const payment = await json<{ payUrl: string }>(api.post(`/api/v1/me/checkouts/${placed.id}/payments`, { data: { provider: "sandbox" } }));
  expect((await api.post(`${payment.payUrl}/pay`, { maxRedirects: 0 })).status()).toBe(303);
  return { api, order: placed.orders[0]! };
}

describe("quality sampling, recall and trace in the console", () => {
  it("P5 P6 quality staff record a failed sampling with its report, recall the batch and follow it to its buyers", async () => {
    const baseURL = file.world.url;
    // --- Arrange: two buyers receive units of one batch of OF-500.
    const quality = await signIn(baseURL, "quality");
    const hits = await json<{ items: { id: string; batchNo: string; skuCode: string; warehouseCode: string; product: { id: string; title: string } }[] }>(quality.get("/api/v1/admin/quality/batches?q=OF-500"));
    const hz = hits.items.find((b) => b.warehouseCode === "HZ-01")!;
    expect(hz).toBeTruthy();
    const item = { productId: hz.product.id, skuCode: hz.skuCode, quantity: 1 };
    const warehouse = await signIn(baseURL, "warehouse");
    const carriers = await json<{ items: { id: string; code: string }[] }>(warehouse.get("/api/v1/admin/carriers"));
    const sf = carriers.items.find((c) => c.code === "shunfeng")!;
    const buyers = [await buyerBuys(baseURL, "qa-linlin", "质检巷 1 号", item), await buyerBuys(baseURL, "qa-zhouzhou", "质检巷 2 号", item)];
    const batches = new Set<string>();
    for (const [i, b] of buyers.entries()) {
      await json(warehouse.post(`/api/v1/admin/orders/${b.order.id}/shipments`, { data: { carrierId: sf.id, trackingNo: `SF8${String(i + 1).padStart(12, "0")}` } }), 201);
      const shipped = await json<{ items: { lines: { batches: { batchId: string; batchNo: string }[] }[] }[] }>(warehouse.get(`/api/v1/admin/orders/${b.order.id}/shipments`));
      for (const l of shipped.items[0]!.lines) for (const x of l.batches) batches.add(`${x.batchId} ${x.batchNo}`);
    }
    expect(batches.size).toBe(1);
    const [batchId, batchNo] = [...batches][0]!.split(" ") as [string, string];
    // Every order the batch went to, the demo's shipments included: all of them are the recall's.
    const before = await json<{ orders: { orderNo: string }[] }>(quality.get(`/api/v1/admin/quality/batches/${batchId}/trace`));
    const shippedTo = before.orders.map((o) => o.orderNo).sort();
    expect(shippedTo).toEqual(expect.arrayContaining(buyers.map((b) => b.order.no)));

    // --- The console: plan a sampling of that batch.
    const tab = await signInAfresh(file.tab, "quality");
    const { page } = tab;
    await page.getByTestId("nav-quality").click();
    await page.waitForURL("**/admin/quality");
    await page.getByTestId("samplings-page").waitFor();
    await page.getByTestId("sampling-table").waitFor();
    await page.getByTestId("sampling-new").click();
    await page.getByTestId("sampling-batch").click();
    await page.keyboard.type(batchNo);
    await dropdown(page).locator(".ant-select-item-option", { hasText: `${batchNo} · ${hz.product.title}` }).first().click();
    await input(page, "sampling-plan").fill("随机抽取 3 罐，送第三方实验室检测稀土元素与农药残留");
    await input(page, "sampling-standard").fill("GB 2763-2021");
    await page.getByTestId("sampling-create-submit").click();
    await page.waitForURL(/\/admin\/quality\/samplings\/[0-9a-f-]{36}$/);
    await page.locator("[data-testid=sampling-detail][data-status=planned]").waitFor();

    // --- The sample, the lab's report, the result.
    await input(page, "sample-size").fill("3");
    await page.getByTestId("sample-submit").click();
    await page.locator("[data-testid=sampling-detail][data-status=sampled]").waitFor();
    await page.getByTestId("sampling-report-input").setInputFiles({ name: "检测报告.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.locator("[data-testid=sampling-report][data-has-report=true]").waitFor();
    await page.getByTestId("decide-failed").click();
    await page.getByTestId("decide-warning").waitFor();
    expect(await page.getByTestId("decide-warning").innerText()).toContain(batchNo);
    await input(page, "decide-findings").fill("稀土元素总量 3.2 mg/kg，超过 2.0 mg/kg 限量");
    // A failure opens a recall by default: its form is there, the reason filled in.
    await page.getByTestId("decide-recall-form").waitFor();
    expect(await input(page, "decide-recall-reason").inputValue()).toContain("不合格");
    await screenshot(page, "quality-sampling-decide");
    await page.getByTestId("decide-submit").click();
    await page.getByTestId("decide-confirm").click();
    await page.locator("[data-testid=sampling-detail][data-status=failed]").waitFor();
    const outcome = page.getByTestId("sampling-outcome");
    await outcome.getByTestId("product-status").and(page.locator("[data-status=delisted]")).waitFor();
    await outcome.getByTestId("batch-blocked").waitFor();
    expect(await outcome.getByTestId("outcome-effects").innerText()).toMatch(/已冻结 \d+ 件/);
    await screenshot(page, "quality-sampling-failed");

    // --- The recall reached exactly the orders of the batch, the two new buyers among them.
    await outcome.getByTestId("outcome-recall-link").click();
    await page.waitForURL(/\/admin\/quality\/recalls\/[0-9a-f-]{36}$/);
    await page.locator("[data-testid=recall-detail][data-status=open]").waitFor();
    const reached = page.locator("[data-testid=recall-reached] tbody tr[data-testid^=reached-]");
    await reached.first().waitFor();
    expect((await reached.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!.slice("reached-".length)))).sort()).toEqual(shippedTo);
    // U4: masked.
    expect(await page.getByTestId("recall-reached").innerText()).not.toContain("13912345678");
    expect(await page.getByTestId("recall-reached").innerText()).toContain("139****5678");
    await screenshot(page, "quality-recall");
    for (const b of buyers) {
      const notices = await json<{ items: { kind: string; params: { batchNo: string } }[] }>(b.api.get("/api/v1/me/notices"));
      expect(notices.items.filter((n) => n.kind === "recall").map((n) => n.params.batchNo)).toEqual([batchNo]);
    }

    // --- The trace: supplier → receipt → batch → orders and buyers.
    await page.getByTestId("recall-batch").click();
    await page.waitForURL(/\/admin\/quality\/trace\/[0-9a-f-]{36}$/);
    await page.locator(`[data-testid=trace-page][data-batch="${batchNo}"]`).waitFor();
    await page.getByTestId("chain-supplier").waitFor();
    await page.getByTestId("chain-receipt").waitFor();
    expect(await page.getByTestId("trace-orders-summary").getAttribute("data-orders")).toBe(String(shippedTo.length));
    for (const b of buyers) await page.locator(`[data-testid="trace-order-${b.order.no}"][data-notified=true]`).waitFor();
    expect(await page.getByTestId("trace-samplings").innerText()).toContain("不合格");
    await screenshot(page, "quality-trace");

    // --- Trace search finds the batch by its number.
    await page.getByTestId("quality-tab-trace").click();
    await page.waitForURL("**/admin/quality/trace");
    await input(page, "trace-search").fill(batchNo);
    await input(page, "trace-search").press("Enter");
    await page.getByTestId(`batch-row-${batchNo}`).waitFor();
    await screenshot(page, "quality-trace-search");
    await expectClean(tab);

    // The same chain in English, every text translated.
    await page.getByTestId(`batch-row-${batchNo}`).getByTestId("batch-link").click();
    await page.getByTestId("chain-orders").waitFor();
    await page.getByTestId("lang-en-US").click();
    await page.getByText("Orders and buyers", { exact: true }).waitFor();
    await screenshot(page, "quality-trace-en");
    await page.getByTestId("quality-tab-samplings").click();
    await page.getByTestId("sampling-table").locator("tbody tr[data-status=failed]").first().waitFor();
    await screenshot(page, "quality-samplings-en");
    await expectClean(tab);
    await page.getByTestId("quality-tab-recalls").click();
    await page.getByTestId("recall-table").locator("tbody tr[data-status=open]").first().waitFor();
    await screenshot(page, "quality-recalls-en");
    await page.getByTestId("lang-zh-CN").click();

    for (const c of [quality, warehouse, ...buyers.map((b) => b.api)]) await c.dispose();
  });
});
