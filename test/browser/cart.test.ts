import { describe, expect, it } from "vitest";
import { request } from "playwright-core";
import type { APIRequestContext, Page } from "playwright-core";
import { DEMO_PASSWORD, expectClean, fileTab, resetTab, screenshot, submitLogin } from "./browser.js";

// O1 O2 U4: a visitor fills a cart in the browser, signs in and finds it merged into the
// buyer's cart; the buyer keeps an address book whose entries are shown masked.
const file = fileTab();

const LONGJING = "西湖龙井 明前特级 Longjing green tea";

/** An API client of its own (own cookies), signed in as `login`. */
async function apiAs(baseURL: string, login: string): Promise<APIRequestContext> {
  const anonymous = await request.newContext({ baseURL });
  const token = ((await (await anonymous.post("/api/v1/auth/login", { data: { login, password: DEMO_PASSWORD } })).json()) as { token: string }).token;
  await anonymous.dispose();
  return request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}

const badge = (page: Page) => page.getByTestId("header-cart-count");
const cartLine = (page: Page, sku: string) => page.locator(`[data-testid=cart-line][data-sku="${sku}"]`);

describe("cart and address book", () => {
  it("O2 a guest's cart joins the buyer's at sign-in; O1 U4 the buyer adds an address and sees it masked", async () => {
    const { tab, world } = file;
    const { page } = tab;
    await resetTab(tab);

    // The buyer's server cart holds one 250 g tin already (other files may have left more: start clean).
    const buyer = await apiAs(world.url, "buyer@example.com");
    const product = ((await (await buyer.get(`/api/v1/catalog/products?q=${encodeURIComponent("西湖龙井")}`)).json()) as { items: { id: string; title: string }[] }).items.find((p) => p.title === LONGJING)!;
    const before = (await (await buyer.get("/api/v1/me/cart")).json()) as { groups: { lines: { id: string }[] }[] };
    for (const l of before.groups.flatMap((g) => g.lines)) await buyer.delete(`/api/v1/me/cart/items/${l.id}`);
    expect((await buyer.post("/api/v1/me/cart/items", { data: { productId: product.id, skuCode: "LJ-250", quantity: 1 } })).status()).toBe(201);

    // --- A visitor: the cart lives in the browser.
    await page.goto(`/products/${product.id}`);
    await page.getByTestId("product-title").getByText(LONGJING).waitFor();
    expect(await badge(page).getAttribute("data-count")).toBe("0");
    expect(await page.getByTestId("add-to-cart").isDisabled()).toBe(true);
    expect(await page.getByTestId("add-to-cart-hint").innerText()).toBe("请先选择规格");
    await page.getByTestId("sku-option").filter({ hasText: "500g 礼盒" }).click();
    await page.getByTestId("quantity").fill("2");
    await page.getByTestId("add-to-cart").click();
    await page.getByTestId("added-to-cart").getByText("已加入购物车").waitFor();
    await expect.poll(() => badge(page).getAttribute("data-count")).toBe("2");
    await page.getByTestId("sku-option").filter({ hasText: "250g 罐装" }).click();
    await page.getByTestId("quantity").fill("1");
    await page.getByTestId("add-to-cart").click();
    await expect.poll(() => badge(page).getAttribute("data-count")).toBe("3");
    await screenshot(page, "cart-product-added");
    await expectClean(tab);

    await page.getByTestId("added-go-to-cart").click();
    await page.waitForURL("**/cart");
    await cartLine(page, "LJ-500").waitFor();
    await page.getByTestId("cart-guest-note").waitFor();
    expect(await page.getByTestId("cart-shop-name").allInnerTexts()).toEqual(["西湖茶舍 West Lake Tea House"]);
    expect(await cartLine(page, "LJ-500").getByTestId("line-title").innerText()).toBe(LONGJING);
    expect(await cartLine(page, "LJ-500").getByTestId("line-options").innerText()).toBe("规格：500g 礼盒");
    expect(await cartLine(page, "LJ-500").getByTestId("line-total").innerText()).toBe("¥2,560.00");
    expect(await page.getByTestId("cart-total").innerText()).toBe("¥3,248.00");
    // Unticking a line takes it out of the total; 全选 puts it back.
    await cartLine(page, "LJ-250").getByTestId("line-select").click();
    await expect.poll(() => page.getByTestId("cart-total").innerText()).toBe("¥2,560.00");
    await page.getByTestId("select-all").click();
    await expect.poll(() => page.getByTestId("cart-total").innerText()).toBe("¥3,248.00");
    expect(await page.getByTestId("cart-checkout").innerText()).toBe("登录后结算");
    // A line the shop no longer offers (kept in the browser from an older visit) is greyed, with the reason, and not counted.
    await page.evaluate((productId) => {
      const lines = JSON.parse(window.localStorage.getItem("sg.cart") ?? "[]") as unknown[];
      lines.push({ productId, skuCode: "LJ-2019", quantity: 1, selected: true, priceFenAtAdd: 50_000 });
      window.localStorage.setItem("sg.cart", JSON.stringify(lines));
    }, product.id);
    await page.reload();
    await cartLine(page, "LJ-2019").waitFor();
    expect(await cartLine(page, "LJ-2019").getAttribute("data-available")).toBe("false");
    expect(await cartLine(page, "LJ-2019").getByTestId("line-unavailable").innerText()).toBe("该规格已失效");
    expect(await cartLine(page, "LJ-2019").getByTestId("line-select").isDisabled()).toBe(true);
    expect(await page.getByTestId("cart-total").innerText()).toBe("¥3,248.00");
    await screenshot(page, "cart-guest");
    await expectClean(tab);

    // --- Checking out signs the visitor in, and the carts merge on the way.
    await page.getByTestId("cart-checkout").click();
    await page.waitForURL((u) => u.pathname === "/login" && u.searchParams.get("next") === "/checkout");
    await submitLogin(page, "buyer@example.com");
    await page.waitForURL("**/checkout");
    await page.getByTestId("header-cart").click();
    await page.waitForURL("**/cart");
    await cartLine(page, "LJ-500").waitFor();
    expect(await cartLine(page, "LJ-250").getByTestId("line-quantity").inputValue()).toBe("2");
    expect(await cartLine(page, "LJ-500").getByTestId("line-quantity").inputValue()).toBe("2");
    expect(await page.getByTestId("cart-guest-note").count()).toBe(0);
    expect(await page.evaluate(() => window.localStorage.getItem("sg.cart"))).toBeNull();
    await expect.poll(() => badge(page).getAttribute("data-count")).toBe("4");
    expect(await page.getByTestId("cart-total").innerText()).toBe("¥3,936.00");
    const merged = (await (await buyer.get("/api/v1/me/cart")).json()) as { count: number };
    expect(merged.count).toBe(4);

    // The stepper changes the server's cart.
    await cartLine(page, "LJ-500").getByLabel("Increase Value").click();
    await expect.poll(() => cartLine(page, "LJ-500").getByTestId("line-total").innerText()).toBe("¥3,840.00");
    await expect.poll(async () => ((await (await buyer.get("/api/v1/me/cart")).json()) as { count: number }).count).toBe(5);
    expect(await page.getByTestId("cart-checkout").innerText()).toBe("去结算");
    // The offer that is gone was left out of the merge.
    expect(await cartLine(page, "LJ-2019").count()).toBe(0);

    // Goods the warehouses cannot cover say so: 3 large chopping boards left, no 8-piece cutlery sets.
    const find = async (title: string) => ((await (await buyer.get(`/api/v1/catalog/products?q=${encodeURIComponent(title)}`)).json()) as { items: { id: string; title: string }[] }).items.find((p) => p.title === title)!.id;
    await buyer.post("/api/v1/me/cart/items", { data: { productId: await find("楠竹砧板 加厚 Bamboo chopping board"), skuCode: "CB-L", quantity: 5 } });
    await buyer.post("/api/v1/me/cart/items", { data: { productId: await find("竹制餐具套装 Bamboo cutlery set"), skuCode: "CS-8", quantity: 1 } });
    await page.reload();
    await cartLine(page, "CS-8").waitFor();
    expect(await page.getByTestId("cart-shop-name").allInnerTexts()).toEqual(["竹韵家居 Bamboo Home", "西湖茶舍 West Lake Tea House"]);
    expect(await cartLine(page, "CB-L").getByTestId("line-low-stock").innerText()).toBe("库存不足");
    expect(await cartLine(page, "CS-8").getByTestId("line-low-stock").innerText()).toBe("暂时无货");
    expect(await cartLine(page, "LJ-500").getByTestId("line-low-stock").count()).toBe(0);
    await screenshot(page, "cart-buyer");
    await cartLine(page, "CS-8").getByTestId("line-remove").click();
    await cartLine(page, "CS-8").waitFor({ state: "detached" });
    await expectClean(tab);

    // --- The address book, from the user menu.
    await page.getByTestId("user-menu").click();
    await page.getByTestId("menu-addresses").click();
    await page.waitForURL("**/account/addresses");
    await page.getByTestId("address-book").waitFor();
    await page.locator("[data-testid=address-list], [data-testid=address-empty]").first().waitFor();
    if (await page.getByTestId("address-empty").count()) await screenshot(page, "address-book-empty");
    await page.getByTestId("address-add").first().click();
    const modal = page.getByTestId("address-modal");
    await modal.getByTestId("address-recipient").waitFor();
    // The form says what is wrong before anything is sent.
    await modal.getByTestId("address-mobile").fill("12345");
    await page.getByTestId("address-save").click();
    await modal.getByText("请填写收货人姓名").waitFor();
    await modal.getByText("请填写正确的手机号码").waitFor();
    await modal.getByText("请选择所在地区").waitFor();

    await modal.getByTestId("address-recipient").fill("王小明");
    await modal.getByTestId("address-mobile").fill("139 1234 5678");
    await modal.getByTestId("address-region").click();
    for (const name of ["浙江省", "杭州市", "西湖区"]) await page.locator(".ant-cascader-menu-item", { hasText: name }).first().click();
    await modal.getByTestId("address-detail").fill("文三路 90 号 东部软件园 3 幢 502 室");
    await modal.getByTestId("address-label").locator("input").fill("家");
    await screenshot(page, "address-form");
    await page.getByTestId("address-save").click();
    await modal.waitFor({ state: "hidden" });

    const card = page.getByTestId("address-card").filter({ hasText: "139****5678" }).first();
    await card.waitFor();
    expect(await card.getByTestId("address-recipient-masked").innerText()).toBe("王**");
    const where = await card.getByTestId("address-where").innerText();
    expect(where).toContain("浙江省 杭州市 西湖区 文三路**号****");
    const shown = await page.getByTestId("address-list").innerText();
    for (const plain of ["王小明", "13912345678", "软件园", "502"]) expect(shown).not.toContain(plain);
    await screenshot(page, "address-book");
    await expectClean(tab);

    // Editing shows the address in clear.
    await card.getByTestId("address-edit").click();
    await expect.poll(() => modal.getByTestId("address-recipient").inputValue()).toBe("王小明");
    expect(await modal.getByTestId("address-mobile").inputValue()).toBe("13912345678");
    expect(await modal.getByTestId("address-detail").inputValue()).toBe("文三路 90 号 东部软件园 3 幢 502 室");
    await page.getByRole("button", { name: "取 消" }).or(page.getByRole("button", { name: "取消" })).first().click();
    await modal.waitFor({ state: "hidden" });

    // Deleting asks first.
    await card.getByTestId("address-delete").click();
    await page.getByTestId("address-delete-confirm").click();
    await card.waitFor({ state: "detached" });
    await expectClean(tab);

    // The cart in English; emptied, it shows the way back to the shop.
    await page.getByTestId("header-cart").click();
    await cartLine(page, "CB-L").waitFor();
    await page.getByTestId("lang-en-US").click();
    await page.getByTestId("cart-checkout").getByText("Check out").waitFor();
    expect(await cartLine(page, "CB-L").getByTestId("line-low-stock").innerText()).toBe("Low stock");
    await screenshot(page, "cart-buyer-en");
    await expectClean(tab);
    await page.getByTestId("lang-zh-CN").click();
    for (const l of ((await (await buyer.get("/api/v1/me/cart")).json()) as { groups: { lines: { id: string }[] }[] }).groups.flatMap((g) => g.lines)) {
      await buyer.delete(`/api/v1/me/cart/items/${l.id}`);
    }
    await page.reload();
    await page.getByTestId("cart-empty").getByText("购物车还是空的").waitFor();
    expect(await badge(page).getAttribute("data-count")).toBe("0");
    await screenshot(page, "cart-empty");
    await expectClean(tab);
    await buyer.dispose();
  });
});
