import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectClean, fileTab, login, menuIds, png, resetTab, screenshot, shanghaiDate, signInAfresh } from "./browser.js";

// P1 P2 P3: a merchant lists a product whose title uses an absolute term, the
// pre-screening stops it, the merchant fixes the title and submits, a reviewer approves,
// and a buyer finds it by a Chinese phrase. Listing a product changes the catalogue
// other files count: own server.
const file = fileTab({ ownServer: true });

const MERCHANT = "owner@tea-house.example";
const BLOCKED_TITLE = "安吉白茶 最佳口感 一级";
const TITLE = "安吉白茶 明前一级";

/** The input of a field by its test id (on the input itself or on its wrapper). */
const input = (page: Page, testId: string): Locator => page.locator(`[data-testid="${testId}"]`).locator("xpath=descendant-or-self::input | descendant-or-self::textarea").first();

describe("catalog: categories, screening words, listing and review", () => {
  it("P1 operations see the category tree and the screening words", async () => {
    const { page } = await signInAfresh(file.tab, "operations");
    expect(await menuIds(page)).toEqual(expect.arrayContaining(["nav-listing-reviews", "nav-categories", "nav-screening-terms"]));

    await page.goto("/admin/categories");
    const greenTea = page.getByTestId("category-green-tea");
    await greenTea.waitFor();
    // Inherited from 茶叶: 5% commission, the food licence, origin and net weight.
    await expect.poll(() => greenTea.getByTestId("category-commission").innerText()).toContain("5%");
    expect(await greenTea.innerText()).toContain("食品经营许可证");
    expect(await page.getByTestId("category-tea").getByTestId("category-attribute-count").innerText()).toBe("4");
    await screenshot(page, "catalog-categories");

    await greenTea.getByTestId("category-edit").click();
    const drawer = page.getByTestId("category-form");
    await drawer.waitFor();
    expect(await input(page, "category-name-zh").inputValue()).toBe("绿茶");
    expect(await drawer.innerText()).toContain("继承（5%）");
    await screenshot(page, "catalog-category-drawer");
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });

    await page.goto("/admin/screening-terms");
    await page.locator('[data-testid=term-row][data-term="最佳"]').waitFor();
    await input(page, "term-try-input").fill("安吉白茶 最 佳口感，全网第一");
    await page.getByTestId("term-try-run").click();
    const result = page.getByTestId("term-try-result");
    await result.waitFor();
    const found = await result.getByTestId("found-term").allInnerTexts();
    expect(found).toEqual(expect.arrayContaining(["最 佳", "全网第一"]));
    await screenshot(page, "catalog-screening-words");
    await expectClean(file.tab);
  });

  it("P2 P3 a merchant creates a product with an absolute term, sees the blocking finding, fixes it and submits; a reviewer approves; a buyer finds it by a Chinese search phrase and opens its page", async () => {
    const tab = await signInAfresh(file.tab, MERCHANT);
    const { page } = tab;
    expect(await menuIds(page)).toContain("nav-products");
    await page.getByTestId("nav-products").click();
    await page.waitForURL("**/merchant/products");
    await page.locator("[data-testid=products-table] [data-testid=product-thumb]").first().waitFor();
    expect(await page.locator("[data-testid=products-table] tr[data-testid^=product-row-]").count()).toBe(5);
    await screenshot(page, "catalog-merchant-products");

    // A new product in 茶叶 / 绿茶, its title with an absolute term.
    await page.getByTestId("product-new").click();
    await page.getByTestId("product-form").waitFor();
    await page.getByTestId("category-cascader").click();
    await page.locator(".ant-cascader-menu-item[title='茶叶']").click();
    await page.locator(".ant-cascader-menu-item[title='绿茶']").click();
    const hints = page.getByTestId("category-hints");
    await hints.waitFor();
    expect(await hints.innerText()).toContain("食品经营许可证");
    await input(page, "product-title-input").fill(BLOCKED_TITLE);
    await page.getByTestId("image-uploader").locator("input[type=file]").setInputFiles({ name: "anji-white-tea.png", mimeType: "image/png", buffer: png(800, 800) });
    await page.getByTestId("image-tile").waitFor();
    await input(page, "attr-origin").fill("浙江湖州安吉");
    await input(page, "attr-net_weight").fill("250");
    const date = input(page, "production-date");
    await date.click();
    await date.fill(shanghaiDate(-20));
    await date.press("Enter");
    await input(page, "shelf-life").fill("540");
    await input(page, "product-origin").fill("浙江湖州安吉");
    await input(page, "product-after-sales").fill("支持七天无理由退货（未拆封）；质量问题由本店承担运费。");
    await input(page, "product-description").fill("## 安吉白茶\n\n产自浙江安吉，**明前**采摘，叶白脉绿。\n\n- 净含量 250g\n- 冷藏避光保存");
    await input(page, "sku-code-0").fill("AJ-250");
    await input(page, "sku-price-0").fill("128");
    await input(page, "sku-weight-0").fill("300");

    await page.getByTestId("product-submit").click();
    const blocked = page.getByTestId("blocking-findings");
    await blocked.waitFor();
    const finding = blocked.locator('[data-testid=finding][data-term="最佳"]');
    expect(await finding.getAttribute("data-field")).toBe("title");
    expect(await finding.innerText()).toContain("绝对化用语");
    expect(await finding.innerText()).toContain("广告法");
    // The title field is marked with the same finding.
    await page.locator(".ant-form-item-has-error", { has: page.getByTestId("product-title-input") }).waitFor();
    await page.waitForURL(/\/merchant\/products\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    await screenshot(page, "catalog-editor-blocked");

    await input(page, "product-title-input").fill(TITLE);
    await page.getByTestId("product-submit").click();
    const outcome = page.getByTestId("submit-outcome");
    await outcome.waitFor();
    expect(await outcome.getAttribute("data-outcome")).toBe("review");
    await page.locator("[data-testid=product-editor][data-status=pending_review]").waitFor();
    expect(await page.getByTestId("blocking-panel").count()).toBe(0);
    // Locked while the reviewers have it.
    expect(await page.getByTestId("product-submit").count()).toBe(0);
    expect(await input(page, "product-title-input").isDisabled()).toBe(true);
    await expectClean(tab);

    // The reviewer approves the new listing.
    await signInAfresh(tab, "operations");
    await page.goto("/admin/listing-reviews");
    const row = page.getByTestId(`review-row-${id}`);
    await row.waitFor();
    expect(await row.getByTestId("review-kind").innerText()).toBe("新商品");
    await row.click();
    await page.getByTestId("listing-review-detail").waitFor();
    expect(await page.getByTestId("review-title").innerText()).toBe(TITLE);
    await expect.poll(() => page.getByTestId("review-merchant").innerText()).toContain("西湖茶舍");
    await page.getByTestId("review-content").locator("img").first().waitFor();
    await screenshot(page, "catalog-review-detail");
    await page.getByTestId("review-approve").click();
    await page.getByTestId("approve-confirm").click();
    await page.locator("[data-testid=listing-review-detail][data-status=listed]").waitFor();
    await expectClean(tab);

    // A visitor finds it by a Chinese phrase and opens its page.
    await resetTab(tab);
    const api = await page.request.get(`/api/v1/catalog/products?q=${encodeURIComponent("安吉白茶")}`);
    expect(api.ok()).toBe(true);
    const found = (await api.json()) as { items: { id: string; title: string; minPriceFen: number }[] };
    expect(found.items.map((p) => p.id)).toContain(id);
    expect(found.items.find((p) => p.id === id)?.minPriceFen).toBe(12_800);
    await page.goto(`/search?q=${encodeURIComponent("安吉白茶")}`);
    const card = page.locator(`[data-testid=product-card][data-product-id="${id}"]`);
    await card.waitFor();
    await card.click();
    await page.getByTestId("product-page").waitFor();
    expect(await page.getByTestId("product-title").innerText()).toContain(TITLE);
    await expectClean(tab);
  });

  it("P2 the merchant's list and editor are translated into English", async () => {
    const tab = file.tab;
    await resetTab(tab);
    await tab.page.goto("/login");
    await tab.page.evaluate(() => window.localStorage.setItem("sg.lang", "en-US"));
    await login(tab.page, MERCHANT);
    await tab.page.goto("/merchant/products");
    await tab.page.locator("[data-testid=products-table] tr[data-testid^=product-row-]").first().waitFor();
    expect(await tab.page.getByTestId("merchant-products").innerText()).toContain("Listed");
    await tab.page.locator("[data-testid=products-table] [data-testid=product-title]").first().click();
    await tab.page.getByTestId("listed-notice").waitFor();
    expect(await tab.page.getByTestId("listed-notice").innerText()).toContain("The version on sale stays on sale");
    await tab.page.getByTestId("version-history").waitFor();
    await expectClean(tab);
  });
});
