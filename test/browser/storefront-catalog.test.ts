import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectClean, fileTab, resetTab, screenshot } from "./browser.js";

// P1 P2 MK5: the storefront's catalogue as a buyer sees it. Browsing only reads the
// demo catalogue (5 tea-house products, 3 bamboo products): the shared server will do.
const file = fileTab();

const LONGJING = "西湖龙井 明前特级 Longjing green tea";
const BILUOCHUN = "洞庭碧螺春 一级 Biluochun";
const DIANHONG = "云南滇红 Dian Hong black tea";
const PUER = "勐海普洱熟茶饼 357g Pu'er cake";
const BOARD = "楠竹砧板 加厚 Bamboo chopping board";

const titles = (grid: Locator) => grid.getByTestId("card-title").allInnerTexts();

/** A results grid showing current results (not the previous ones, dimmed while new ones load). */
const settled = (page: Page, testId: string): Locator => page.locator(`[data-testid=${testId}][data-busy=false]`);

/**
 * Waits until the grid lists these titles and none of those (results arrive a moment
 * after the address changes). Other files may list more products: only known ones are named.
 */
async function expectGrid(grid: Locator, has: string[], not: string[] = []): Promise<string[]> {
  await expect
    .poll(async () => {
      const shown = await titles(grid);
      return has.every((t) => shown.includes(t)) && !not.some((t) => shown.includes(t));
    })
    .toBe(true);
  return titles(grid);
}

const fen = (price: string) => Math.round(Number(price.replace(/[¥,起]/g, "")) * 100);

/** Submits words in the header's search box and waits for their results. */
async function search(page: Page, words: string): Promise<Locator> {
  const box = page.getByTestId("header-search").locator("input");
  await box.fill(words);
  await box.press("Enter");
  await page.waitForURL((u) => u.pathname === "/search" && u.searchParams.get("q") === words);
  await page.getByTestId("search-title").getByText(words).waitFor();
  return settled(page, "search-results");
}

describe("storefront catalogue", () => {
  it("P1 P2 a buyer browses a category, filters, searches in Chinese and English and opens a product", async () => {
    const { tab } = file;
    const { page } = tab;
    await resetTab(tab);

    // --- Home: the root categories, and the newest products with picture, price and shop.
    await page.goto("/");
    const categories = page.getByTestId("home-categories");
    await categories.getByTestId("home-category-tea").waitFor();
    expect(await categories.innerText()).toContain("茶叶");
    expect(await categories.innerText()).toContain("绿茶 · 红茶 · 普洱");
    const home = settled(page, "home-products");
    await expect.poll(async () => (await titles(home)).length).toBeGreaterThanOrEqual(8);
    const longjingCard = home.getByTestId("product-card").filter({ hasText: LONGJING });
    expect(await longjingCard.getByTestId("card-price").innerText()).toBe("¥688.00起");
    expect(await longjingCard.getByTestId("card-merchant").innerText()).toContain("西湖茶舍");
    expect(await longjingCard.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.getByTestId("home-open-shop").waitFor();
    await screenshot(page, "shop-cat-home");
    await expectClean(tab);

    // --- Category 茶叶: its sub-categories, all its products (sub-categories included).
    await categories.getByTestId("home-category-tea").click();
    await page.waitForURL("**/category/**");
    await page.getByTestId("breadcrumb").getByText("茶叶").waitFor();
    await page.getByTestId("filter-subcategories").getByText("普洱").waitFor();
    let grid = settled(page, "category-results");
    await expectGrid(grid, [LONGJING, BILUOCHUN, DIANHONG, PUER], [BOARD]);

    // Filter 等级 一级: the results change, and the address keeps the filter.
    await page.getByTestId("filter-grade").getByText("一级", { exact: true }).click();
    await page.waitForURL((u) => u.searchParams.getAll("attr").includes("grade:一级"));
    await page.getByTestId("chosen-attr-grade").waitFor();
    await expectGrid(grid, [BILUOCHUN, DIANHONG], [LONGJING, PUER]);

    // Price, low to high, then high to low.
    await page.getByTestId("sort-price_asc").click();
    await page.waitForURL((u) => u.searchParams.get("sort") === "price_asc");
    await expect.poll(async () => (await titles(grid)).indexOf(DIANHONG) < (await titles(grid)).indexOf(BILUOCHUN)).toBe(true);
    const ascending = (await grid.getByTestId("card-price").allInnerTexts()).map(fen);
    expect(ascending).toEqual([...ascending].sort((x, y) => x - y));
    expect(await grid.getByTestId("product-card").filter({ hasText: DIANHONG }).getByTestId("card-price").innerText()).toBe("¥258.00");
    await page.getByTestId("sort-price_desc").click();
    await page.waitForURL((u) => u.searchParams.get("sort") === "price_desc");
    await expect.poll(async () => (await titles(grid)).indexOf(BILUOCHUN) < (await titles(grid)).indexOf(DIANHONG)).toBe(true);
    const descending = (await grid.getByTestId("card-price").allInnerTexts()).map(fen);
    expect(descending).toEqual([...descending].sort((x, y) => y - x));

    // A price range in yuan (sent in fen); a reload keeps every filter.
    await page.getByTestId("price-min").fill("300");
    await page.getByTestId("price-apply").click();
    await page.waitForURL((u) => u.searchParams.get("min") === "300");
    await page.reload();
    await page.getByTestId("chosen-price").waitFor();
    await page.getByTestId("chosen-attr-grade").waitFor();
    await expectGrid(grid, [BILUOCHUN], [DIANHONG, LONGJING]);
    expect(await page.getByTestId("price-min").inputValue()).toBe("300.00");
    await screenshot(page, "shop-cat-category-filters");
    await expectClean(tab);

    // --- Search, in Chinese and in English with a typo.
    grid = await search(page, "茶");
    await expectGrid(grid, [LONGJING, BILUOCHUN, DIANHONG, PUER], [BOARD]);
    await screenshot(page, "shop-cat-search");
    grid = await search(page, "西湖龙井");
    await expectGrid(grid, [LONGJING], [BILUOCHUN, BOARD]);
    grid = await search(page, "longjign");
    await expectGrid(grid, [LONGJING], [BILUOCHUN, BOARD]);

    // MK5: personalised ranking off is sent to the server, and remembered.
    const request = page.waitForRequest((r) => {
      const u = new URL(r.url());
      return u.pathname === "/api/v1/catalog/products" && u.searchParams.get("personalised") === "false" && u.searchParams.get("q") === "longjign";
    });
    await page.getByTestId("personalised-switch").click();
    await request;
    expect(await page.getByTestId("personalised-switch").getAttribute("aria-checked")).toBe("false");
    await expectGrid(grid, [LONGJING]);
    await page.reload();
    expect(await page.getByTestId("personalised-switch").getAttribute("aria-checked")).toBe("false");

    // Nothing found: suggestions instead of a blank page.
    await page.getByTestId("header-search").locator("input").fill("zzzqqqxxx");
    await page.getByTestId("header-search").locator("input").press("Enter");
    await page.getByTestId("search-empty").waitFor();
    await page.getByTestId("search-suggestions").getByText("茶叶").waitFor();
    await expectClean(tab);

    // --- The product: SKU picker, 7-day returns, specifications, the shop.
    grid = await search(page, "西湖龙井");
    await expectGrid(grid, [LONGJING]);
    await grid.getByTestId("product-card").filter({ hasText: LONGJING }).click();
    await page.waitForURL("**/products/**");
    const price = page.getByTestId("product-price");
    await page.getByTestId("product-title").getByText(LONGJING).waitFor();
    expect(await price.innerText()).toBe("¥688.00 – ¥1,280.00");
    await page.getByTestId("sku-option").filter({ hasText: "500g 礼盒" }).click();
    expect(await price.innerText()).toBe("¥1,280.00");
    await page.getByTestId("sku-option").filter({ hasText: "250g 罐装" }).click();
    expect(await price.innerText()).toBe("¥688.00");
    await page.getByTestId("sku-option").filter({ hasText: "500g 礼盒" }).click();
    expect(await price.innerText()).toBe("¥1,280.00");
    expect(await page.getByTestId("return-badge").first().innerText()).toBe("7天无理由退货");
    const specs = await page.getByTestId("product-specs").innerText();
    for (const fact of ["产地", "浙江杭州西湖", "净含量", "250 g", "等级", "特级", "采摘时节", "明前", "生产日期", "保质期", "540 天"]) expect(specs).toContain(fact);
    expect(await page.getByTestId("product-description").innerText()).toContain("演示商品");
    expect(await page.getByTestId("product-after-sales").innerText()).toContain("质量问题由本店承担运费");
    expect(await page.getByTestId("add-to-cart").isDisabled()).toBe(false);
    await screenshot(page, "shop-cat-product-zh");
    await expectClean(tab);

    await page.getByTestId("lang-en-US").click();
    await page.getByTestId("product-specs").getByText("Origin", { exact: true }).waitFor();
    expect(await page.getByTestId("return-badge").first().innerText()).toBe("7-day returns");
    expect(await page.getByTestId("add-to-cart").innerText()).toBe("Add to cart");
    expect(await page.getByTestId("breadcrumb").innerText()).toContain("Green tea");
    await screenshot(page, "shop-cat-product-en");
    await expectClean(tab);
    await page.getByTestId("lang-zh-CN").click();

    await page.getByTestId("product-merchant-link").click();
    await page.waitForURL("**/shops/**");
    expect(await page.getByTestId("shop-page-name").innerText()).toContain("西湖茶舍");

    // A product that is not on sale has a friendly page of its own.
    await page.goto("/products/01a20b81-0000-7000-8000-000000000000");
    await page.getByTestId("product-gone").getByText("商品不存在或已下架").waitFor();
    await expectClean(tab);
  });

  it("P1 before any product is listed, the home page and categories say so and show the way on", async () => {
    const { tab } = file;
    const { page } = tab;
    await resetTab(tab);
    // A fresh install: the demo catalogue hidden behind an empty answer.
    await page.route("**/api/v1/catalog/products?**", (route) => route.fulfill({ json: { items: [], nextCursor: null, sort: "newest", personalised: false } }));
    try {
      await page.goto("/");
      await page.getByTestId("home-empty").getByText(/还没有上架的商品/).waitFor();
      await page.getByTestId("home-category-tea").waitFor();
      await screenshot(page, "shop-cat-home-empty");
      await expectClean(tab);

      await page.getByTestId("lang-en-US").click();
      await page.getByTestId("home-empty").getByText(/No products on sale yet/).waitFor();
      await page.getByTestId("home-category-food").click();
      await page.getByTestId("category-empty").getByText(/Nothing on sale in this category yet/).waitFor();
      await page.getByTestId("filter-subcategories").getByText("Fresh food").waitFor();
      await page.getByTestId("sort-default").getByText("Recommended").waitFor();
      await page.getByTestId("personalised-switch").waitFor();
      await expectClean(tab);
      await page.getByTestId("lang-zh-CN").click();
    } finally {
      await page.unroute("**/api/v1/catalog/products?**");
    }
  });
});
