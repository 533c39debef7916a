import { describe, expect, it } from "vitest";
import { request } from "playwright-core";
import type { APIRequestContext, Locator, Page } from "playwright-core";
import { DEMO_PASSWORD, expectClean, fileTab, screenshot, signInAfresh } from "./browser.js";

// O3 F1–F4 F6: the demo buyer pays one checkout across both demo shops; the tea house sees
// its order with the timeline, staff see the order, its payment and the provider's
// notification, refund ¥1.00 of it and check the ledger; two more buyers shipping to the
// same door today get the third payment held, and staff clear it. The held payment depends
// on today's checkouts per address and the ledger on every payment: own server.
const file = fileTab({ ownServer: true });

const TEA_HOUSE = "西湖茶舍 West Lake Tea House";
const BAMBOO = "竹韵家居 Bamboo Home";
// One door for the three buyers of the day (F4 counts buyers per delivery address).
const DOOR = { provinceCode: "330000", cityCode: "330100", districtCode: "330106", detail: "天目山路 148 号 6 幢 1102 室" };

interface Item { productId: string; skuCode: string; quantity: number }
interface Placed { id: string; orders: { id: string; no: string; merchantId: string; totalFen: number }[] }
interface Payment { id: string; no: string; status: string; payUrl: string; amountFen: number }

/** An API client of its own (own cookies), signed in with a bearer token. */
async function client(baseURL: string, token: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}

async function signIn(baseURL: string, login: string): Promise<APIRequestContext> {
  const anonymous = await request.newContext({ baseURL });
  const r = await anonymous.post("/api/v1/auth/login", { data: { login, password: DEMO_PASSWORD } });
  expect(r.status(), `login ${login}`).toBe(200);
  const { token } = (await r.json()) as { token: string };
  await anonymous.dispose();
  return client(baseURL, token);
}

async function json<T>(r: Promise<{ status(): number; json(): Promise<unknown>; text(): Promise<string> }>, status = 200): Promise<T> {
  const res = await r;
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

/** A buyer's address at the shared door. */
async function addressAtDoor(api: APIRequestContext, recipient: string): Promise<string> {
  return (await json<{ id: string }>(api.post("/api/v1/me/addresses", { data: { recipient, mobile: "13700137000", ...DOOR } }), 201)).id;
}

/** One SKU on sale with stock in the named shop, found the way a buyer finds it: browse, then ask what a checkout would cost. */
async function sellableIn(api: APIRequestContext, shop: string, addressId: string): Promise<Item> {
  const listed = await json<{ items: { id: string; merchantName: string }[] }>(api.get("/api/v1/catalog/products?limit=60"));
  for (const p of listed.items.filter((x) => x.merchantName === shop)) {
    const product = await json<{ skus: { code: string }[] }>(api.get(`/api/v1/products/${p.id}`));
    for (const sku of product.skus) {
      const item = { productId: p.id, skuCode: sku.code, quantity: 1 };
      const preview = await api.post("/api/v1/me/checkouts/preview", { data: { addressId, items: [item] } });
      const body = (await preview.json()) as { shops?: { lines: { available: boolean }[] }[] };
      if (preview.status() === 200 && body.shops?.every((s) => s.lines.every((l) => l.available))) return item;
    }
  }
  throw new Error(`nothing of ${shop} can be bought`);
}

async function checkout(api: APIRequestContext, addressId: string, items: Item[], key: string): Promise<Placed> {
  return json<Placed>(api.post("/api/v1/me/checkouts", { data: { addressId, items }, headers: { "idempotency-key": key } }), 201);
}

async function startPayment(api: APIRequestContext, checkoutId: string): Promise<Payment> {
  return json<Payment>(api.post(`/api/v1/me/checkouts/${checkoutId}/payments`, { data: { provider: "sandbox" } }));
}

/** What the trade has put in place, for the tests below. */
interface Arranged {
  tea: Placed["orders"][number];
  bamboo: Placed["orders"][number];
  payment: Payment;
  held: Payment;
}
let arranged: Arranged | undefined;

async function arrange(baseURL: string): Promise<Arranged> {
  if (arranged) return arranged;
  const zhang = await signIn(baseURL, "buyer@example.com");
  const home = await addressAtDoor(zhang, "张三");
  const items = [await sellableIn(zhang, TEA_HOUSE, home), await sellableIn(zhang, BAMBOO, home)];
  const placed = await checkout(zhang, home, items, "trade-console-zhang-1");
  const payment = await startPayment(zhang, placed.id);
  expect(payment.status).toBe("pending");
  // The buyer presses "pay" on the gateway's page; the gateway notifies the platform and sends the browser back.
  const paid = await zhang.post(`${payment.payUrl}/pay`, { maxRedirects: 0 });
  expect(paid.status()).toBe(303);
  expect((await json<{ status: string }>(zhang.get(`/api/v1/me/payments/${payment.no}`))).status).toBe("succeeded");
  const merchants = new Map((await json<{ items: { id: string; name: string }[] }>((await signIn(baseURL, "admin")).get("/api/v1/admin/merchants"))).items.map((m) => [m.name, m.id]));
  const tea = placed.orders.find((o) => o.merchantId === merchants.get(TEA_HOUSE))!;
  const bamboo = placed.orders.find((o) => o.merchantId === merchants.get(BAMBOO))!;

  // F4: a second and a third buyer order to the same door the same day; the third payment is held.
  const li = await signIn(baseURL, "13800138000");
  const second = await checkout(li, await addressAtDoor(li, "李四"), [items[1]!], "trade-console-li-1");
  expect((await startPayment(li, second.id)).status).toBe("pending");
  const anonymous = await request.newContext({ baseURL });
  const policy = await json<{ version: string }>(anonymous.get("/api/v1/privacy/policy"));
  const registered = await json<{ token: string }>(
    anonymous.post("/api/v1/auth/register", { data: { login: "wangwu@example.com", password: DEMO_PASSWORD, displayName: "王五", acceptPolicyVersion: policy.version } }),
    201,
  );
  const wang = await client(baseURL, registered.token);
  const third = await checkout(wang, await addressAtDoor(wang, "王五"), [items[1]!], "trade-console-wang-1");
  const held = await startPayment(wang, third.id);
  expect(held.status).toBe("review");
  arranged = { tea, bamboo, payment, held };
  return arranged;
}

const timelineEvents = (scope: Page | Locator) => scope.locator("[data-testid=order-timeline] [data-testid=timeline-item]").evaluateAll((els) => els.map((e) => e.getAttribute("data-event")));

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return json<T>(page.request.get(`/api/v1${path}`));
}

describe("trade in the merchant portal and the console", () => {
  it("O3 the tea house owner finds the paid order of the demo buyer, opens it and sees its goods, address and timeline", async () => {
    const { tea, bamboo } = await arrange(file.world.url);
    const tab = await signInAfresh(file.tab, "owner@tea-house.example");
    const { page } = tab;
    await page.getByTestId("nav-orders").click();
    await page.waitForURL("**/merchant/orders");
    const row = page.locator(`[data-testid=order-row-${tea.no}][data-status=paid]`);
    await row.waitFor();
    // The shop sees its own orders only: the bamboo shop's part of the same checkout is not here.
    expect(await page.getByTestId(`order-row-${bamboo.no}`).count()).toBe(0);
    expect(await row.getByTestId("order-total").getAttribute("data-fen")).toBe(String(tea.totalFen));
    await screenshot(page, "trade-merchant-orders");

    // The status tabs and the search narrow the list.
    await page.getByTestId("order-filter-cancelled").click();
    await page.waitForURL(/status=cancelled/);
    await expect.poll(() => page.getByTestId(`order-row-${tea.no}`).count()).toBe(0);
    await page.getByTestId("order-filter-all").click();
    await page.getByTestId("order-search").locator("input").fill(tea.no);
    await page.getByTestId("order-search").locator("input").press("Enter");
    await page.waitForURL(new RegExp(`q=${tea.no}`));
    await expect.poll(() => page.locator("[data-testid=order-table] tr[data-testid^=order-row-]").count()).toBe(1);
    await expectClean(tab);

    await row.getByTestId("order-link").click();
    await page.waitForURL(`**/merchant/orders/${tea.id}`);
    const detail = page.locator("[data-testid=order-detail][data-status=paid]");
    await detail.waitFor();
    expect(await page.getByTestId("order-no").innerText()).toBe(tea.no);
    expect(await timelineEvents(page)).toEqual(["place", "pay"]);
    expect(await page.getByTestId("order-timeline").innerText()).toContain("已付款");
    // U4: the buyer's personal data reaches the shop masked, region and road readable.
    const address = await page.getByTestId("order-address").innerText();
    expect(address).toContain("浙江省 杭州市 西湖区 天目山路");
    expect(address).toContain("张*");
    expect(address).not.toContain(DOOR.detail);
    await page.getByTestId("order-address-masked").waitFor();
    expect(await page.locator("[data-testid=order-lines] tr[data-testid^=order-line-]").count()).toBe(1);
    expect(await page.getByTestId("order-amounts").getByTestId("order-total").getAttribute("data-fen")).toBe(String(tea.totalFen));
    // Payments and refunds are the platform's business: the shop's page has no staff actions.
    expect(await page.getByTestId("order-payments").count()).toBe(0);
    expect(await page.getByTestId("order-refund").count()).toBe(0);
    await expectClean(tab);
    await screenshot(page, "trade-merchant-order");

    // The other shop's part of the checkout is not the tea house's to open.
    await page.goto(`/merchant/orders/${bamboo.id}`);
    await page.getByTestId("detail-not-found").getByText("订单不存在，或不属于您可查看的范围。").waitFor();
    await expectClean(tab);
  });

  it("F1 F2 F6 staff find the order, see its payment with the applied notification, refund ¥1.00 of it and see the refund", async () => {
    const { tea, payment } = await arrange(file.world.url);
    const tab = await signInAfresh(file.tab, "admin");
    const { page } = tab;
    await page.getByTestId("nav-trade").click();
    await page.waitForURL("**/admin/trade/orders");
    for (const key of ["orders", "payments", "reviews", "ledger"]) await page.getByTestId(`trade-tab-${key}`).waitFor();
    // Filtered by shop: the tea house's order is there, with the shop's name.
    await page.getByTestId("order-filter-shop").click();
    await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: TEA_HOUSE }).click();
    await page.waitForURL(/shop=/);
    const row = page.locator(`[data-testid=order-row-${tea.no}]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(TEA_HOUSE);
    await expectClean(tab);

    await row.getByTestId("order-link").click();
    await page.waitForURL(`**/admin/trade/orders/${tea.id}`);
    await page.locator("[data-testid=order-detail][data-status=paid]").waitFor();
    expect(await timelineEvents(page)).toEqual(["place", "pay"]);
    const payments = page.getByTestId("order-payments");
    await payments.getByText(payment.no).waitFor();
    expect(await payments.getByTestId("payment-status").getAttribute("data-status")).toBe("succeeded");
    await screenshot(page, "trade-admin-order");

    // F2: the payment's page shows the provider's signed notification, applied once.
    await payments.getByTestId("payment-link").click();
    await page.waitForURL(`**/admin/trade/payments/${payment.id}`);
    await page.locator("[data-testid=payment-detail][data-status=succeeded]").waitFor();
    expect(await page.getByTestId("payment-amount").getAttribute("data-fen")).toBe(String(payment.amountFen));
    const notes = page.locator("[data-testid=notification-table] tr[data-testid=notification-row]");
    expect(await notes.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-outcome")))).toEqual(["applied"]);
    expect(await notes.first().innerText()).toContain("已入账");
    await expectClean(tab);
    await screenshot(page, "trade-admin-payment");

    // F6: ¥1.00 back to the buyer. The amount is read as text: 1.005 is refused, not rounded.
    await page.getByTestId("payment-orders").getByText(tea.no).click();
    await page.waitForURL(`**/admin/trade/orders/${tea.id}`);
    await page.getByTestId("order-refund").click();
    const form = page.getByTestId("refund-form");
    await form.waitFor();
    await form.getByTestId("refund-amount-input").fill("1.005");
    await form.getByTestId("refund-reason").fill("少发一包试饮装，退 1 元");
    await page.getByTestId("refund-confirm").click();
    await form.getByText("请输入金额，例如 12 或 12.50，最多两位小数").waitFor();
    await form.getByTestId("refund-amount-input").fill(String(tea.totalFen));
    await page.getByTestId("refund-confirm").click();
    await form.getByText(/超过可退金额/).waitFor();
    await form.getByTestId("refund-amount-input").fill("1.00");
    await screenshot(page, "trade-admin-refund-form");
    await page.getByTestId("refund-confirm").click();
    await form.waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("order-refunded").getAttribute("data-fen")).toBe("-100");
    const refundRow = page.locator("[data-testid=order-refund-table] tr[data-testid^=refund-row-]");
    await refundRow.waitFor();
    expect(await refundRow.getAttribute("data-status")).toBe("succeeded");
    expect(await refundRow.getByTestId("refund-amount").innerText()).toBe("¥1.00");
    expect((await apiGet<{ refundedFen: number }>(page, `/admin/orders/${tea.id}`)).refundedFen).toBe(100);
    await expectClean(tab);
    await screenshot(page, "trade-admin-order-refunded");

    // The refunds list has it, against its order and payment.
    await page.getByTestId("trade-tab-payments").click();
    await page.getByTestId("payments-view-refunds").click();
    await page.waitForURL("**/admin/trade/payments/refunds");
    const listed = page.locator("[data-testid=refund-table] tr[data-testid^=refund-row-]", { hasText: tea.no });
    await listed.waitFor();
    expect(await listed.getByTestId("refund-amount").innerText()).toBe("¥1.00");
    expect(await listed.innerText()).toContain("少发一包试饮装，退 1 元");
    await expectClean(tab);
  });

  it("F3 the ledger shows escrow and provider clearing balances, an account's entries, and verifies clean", async () => {
    await arrange(file.world.url);
    const tab = await signInAfresh(file.tab, "admin");
    const { page } = tab;
    await page.goto("/admin/trade/ledger");
    await page.getByTestId("trade-ledger-page").waitFor();
    const accounts = (await apiGet<{ items: { code: string; balanceFen: number }[] }>(page, "/admin/ledger/accounts")).items;
    const balance = (code: string) => accounts.find((a) => a.code === code)!.balanceFen;
    // Escrow holds what buyers paid for open orders (a credit), the provider owes it to us (a debit).
    expect(balance("escrow")).toBeLessThan(0);
    expect(balance("provider_clearing:sandbox")).toBeGreaterThan(0);
    for (const code of ["escrow", "provider_clearing:sandbox"]) {
      const row = page.getByTestId(`ledger-account-${code}`);
      await row.waitFor();
      expect(await row.getAttribute("data-balance")).toBe(String(balance(code)));
      expect(await page.getByTestId(`ledger-bar-${code}`).getAttribute("data-balance")).toBe(String(balance(code)));
    }
    const yuan = (fen: number) => `${fen < 0 ? "−" : ""}¥${(Math.abs(fen) / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
    expect(await page.getByTestId("ledger-account-escrow").getByTestId("ledger-balance").innerText()).toBe(yuan(balance("escrow")));
    expect(await page.getByTestId("ledger-account-escrow").innerText()).toContain("资金监管");

    // An account's entries: a click on it filters the list.
    await page.getByTestId("ledger-account-escrow").click();
    await page.waitForURL(/account=escrow/);
    await expect.poll(async () => {
      const shown = await page.locator("[data-testid=ledger-entries] tr[data-testid=ledger-entry]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-account")));
      return shown.length > 0 && shown.every((a) => a === "escrow");
    }).toBe(true);
    expect(await page.locator("[data-testid=ledger-entries] tr[data-kind='refund.request']").count()).toBeGreaterThan(0);

    await page.getByTestId("ledger-verify").click();
    const result = page.getByTestId("ledger-verify-result");
    await result.waitFor();
    expect(await result.getAttribute("data-ok")).toBe("true");
    expect(await result.innerText()).toContain("账本校验通过");
    await expectClean(tab);
    await screenshot(page, "trade-admin-ledger");
  });

  it("F4 the payment held because three buyers ship to one door today is cleared in the reviews tab", async () => {
    const { held } = await arrange(file.world.url);
    const tab = await signInAfresh(file.tab, "finance");
    const { page } = tab;
    await page.goto("/admin/trade/reviews");
    await expect.poll(() => page.getByTestId("trade-reviews-waiting").innerText()).toMatch(/^[1-9]/);
    const row = page.locator(`[data-testid=review-row-${held.no}][data-status=open]`);
    await row.waitFor();
    expect(await row.getAttribute("data-kind")).toBe("shared_address");
    expect(await row.getByTestId("review-detail-buyersToday").innerText()).toContain("3");
    expect(await row.getByTestId("payment-status").getAttribute("data-status")).toBe("review");
    await expectClean(tab);
    await screenshot(page, "trade-admin-reviews");

    await row.getByTestId("review-decide").click();
    await page.getByTestId("review-clear").click();
    // A decision needs a note.
    expect(await page.getByTestId("review-submit").isDisabled()).toBe(true);
    await page.getByTestId("review-note").fill("已电话核实：三位买家是同一办公室的同事");
    await screenshot(page, "trade-admin-review-decide");
    await page.getByTestId("review-submit").click();
    await row.waitFor({ state: "detached" });

    await page.getByTestId("review-tab-cleared").click();
    await page.waitForURL(/status=cleared/);
    const cleared = page.locator(`[data-testid=review-row-${held.no}][data-status=cleared]`);
    await cleared.waitFor();
    expect(await cleared.innerText()).toContain("已电话核实");
    // The buyer may pay now.
    expect((await apiGet<{ status: string }>(page, `/admin/payments/${held.id}`)).status).toBe("pending");
    await expectClean(tab);
  });
});
