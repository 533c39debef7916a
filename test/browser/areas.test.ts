import { describe, expect, it } from "vitest";
import { expectClean, fileTab, menuIds, resetTab, screenshot, seeText, signInAfresh, submitLogin } from "./browser.js";
import type { Tab } from "./browser.js";

// Each kind of user lands in the right area and sees only the menu items their
// permissions allow (S2: least privilege, also in the UI).
const file = fileTab();

/** The file's one tab, signed in afresh as `who`. */
function signedIn(who: string): Promise<Tab> {
  return signInAfresh(file.tab, who);
}

describe("areas and menus by permission", () => {
  it("S2 the platform admin lands in the admin console with every menu item", async () => {
    const tab = await signedIn("admin");
    const { page } = tab;
    await page.waitForURL("**/admin");
    expect(await menuIds(page)).toEqual(["nav-dashboard", "nav-users", "nav-merchants", "nav-applications", "nav-qualifications", "nav-penalties", "nav-listing-reviews", "nav-categories", "nav-screening-terms", "nav-suppliers", "nav-inventory", "nav-trade", "nav-logistics", "nav-quality", "nav-audit", "nav-rules", "nav-policies", "nav-operator", "nav-account"]);
    await page.getByTestId("stat-merchants").getByText("2").waitFor();
    await screenshot(page, "admin-dashboard");
    await page.getByTestId("nav-users").click();
    await page.waitForURL("**/admin/users");
    await seeText(page, "王店主 Owner Wang");
    await page.getByTestId("user-create").waitFor();
    await screenshot(page, "admin-users");
    await page.getByTestId("nav-merchants").click();
    await seeText(page, "西湖茶舍 West Lake Tea House");
    await page.getByTestId("merchant-create").waitFor();
    await screenshot(page, "admin-merchants");
    // The user menu links to the storefront but not to the merchant portal.
    await page.getByTestId("user-menu").click();
    await page.getByTestId("menu-shop").waitFor();
    expect(await page.getByTestId("menu-merchant").count()).toBe(0);
    await page.keyboard.press("Escape");
    await expectClean(tab);
  });

  it("S2 operations staff see users, merchants, merchant applications and rules, but not the audit log", async () => {
    const tab = await signedIn("operations");
    const { page } = tab;
    await page.waitForURL("**/admin");
    expect(await menuIds(page)).toEqual(["nav-dashboard", "nav-users", "nav-merchants", "nav-applications", "nav-qualifications", "nav-penalties", "nav-listing-reviews", "nav-categories", "nav-screening-terms", "nav-trade", "nav-rules", "nav-policies", "nav-account"]);
    await page.getByTestId("nav-users").click();
    await seeText(page, "王店主 Owner Wang");
    expect(await page.getByTestId("user-create").count()).toBe(0);
    await page.getByTestId("nav-rules").click();
    await page.getByTestId("rule-order.shipByHours").waitFor();
    expect(await page.locator("[data-testid^=rule-change-]").count()).toBe(0);
    await screenshot(page, "admin-operations-rules");
    await page.goto("/admin/audit");
    await page.getByTestId("forbidden").waitFor();
    await expectClean(tab);
  });

  it("S2 the internal auditor sees the audit log and rules, and may not change anything", async () => {
    const tab = await signedIn("auditor");
    const { page } = tab;
    await page.waitForURL("**/admin");
    expect(await menuIds(page)).toEqual(["nav-dashboard", "nav-users", "nav-merchants", "nav-penalties", "nav-trade", "nav-audit", "nav-rules", "nav-policies", "nav-account"]);
    await page.getByTestId("nav-audit").click();
    await page.getByTestId("audit-verify").waitFor();
    await page.getByTestId("nav-merchants").click();
    await seeText(page, "竹韵家居 Bamboo Home");
    expect(await page.getByTestId("merchant-create").count()).toBe(0);
    await screenshot(page, "admin-auditor-merchants");
    await expectClean(tab);
  });

  it("S2 a merchant owner lands in the merchant portal with the shop and staff management", async () => {
    const tab = await signedIn("owner@tea-house.example");
    const { page } = tab;
    await page.waitForURL("**/merchant");
    expect(await menuIds(page)).toEqual(["nav-dashboard", "nav-products", "nav-suppliers", "nav-inventory", "nav-orders", "nav-staff", "nav-qualifications", "nav-penalties", "nav-agreements", "nav-account"]);
    expect(await page.getByTestId("shop-name").innerText()).toBe("西湖茶舍 West Lake Tea House");
    await seeText(page, "营业中");
    await screenshot(page, "merchant-dashboard");
    await page.getByTestId("nav-staff").click();
    await seeText(page, "s***@tea-house.example");
    await page.getByTestId("staff-create").waitFor();
    await screenshot(page, "merchant-staff");
    await page.goto("/admin");
    await page.getByTestId("forbidden").waitFor();
    await expectClean(tab);
  });

  it("S2 merchant staff see their shop but not staff management", async () => {
    const tab = await signedIn("staff@tea-house.example");
    const { page } = tab;
    await page.waitForURL("**/merchant");
    expect(await menuIds(page)).toEqual(["nav-dashboard", "nav-products", "nav-suppliers", "nav-inventory", "nav-orders", "nav-qualifications", "nav-penalties", "nav-agreements", "nav-account"]);
    expect(await page.getByTestId("shop-name").innerText()).toBe("西湖茶舍 West Lake Tea House");
    await page.goto("/merchant/staff");
    await page.getByTestId("forbidden").waitFor();
    await expectClean(tab);
  });

  it("S2 a buyer stays in the storefront and gets a friendly 403 in the admin console", async () => {
    const tab = await signedIn("buyer@example.com");
    const { page } = tab;
    await page.waitForURL((u) => u.pathname === "/");
    await seeText(page, "欢迎回来，张三 Zhang San");
    await page.getByTestId("home-categories").waitFor();
    await page.getByTestId("footer-licence").waitFor();
    await page.getByTestId("user-menu").click();
    await page.getByTestId("menu-account").waitFor();
    expect(await page.getByTestId("menu-admin").count()).toBe(0);
    expect(await page.getByTestId("menu-merchant").count()).toBe(0);
    await page.keyboard.press("Escape");
    await screenshot(page, "shop-home");
    await page.goto("/admin/users");
    await page.getByTestId("forbidden").waitFor();
    await seeText(page, "无权访问");
    await screenshot(page, "forbidden");
    await page.getByRole("link", { name: "返回首页" }).click();
    await page.getByTestId("home-page").waitFor();
    await page.goto("/merchant");
    await page.getByTestId("forbidden").waitFor();
    await expectClean(tab);
  });

  it("S1 a visitor opening a signed-in page is sent to the login page and back", async () => {
    const { tab } = file;
    await resetTab(tab);
    const { page } = tab;
    await page.goto("/admin/rules");
    await page.waitForURL("**/login?next=%2Fadmin%2Frules");
    await submitLogin(page, "auditor");
    await page.waitForURL("**/admin/rules");
    await page.getByTestId("rule-order.shipByHours").waitFor();
    await expectClean(tab);
  });
});
