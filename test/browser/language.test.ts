import { describe, expect, it } from "vitest";
import { expectClean, fileTab, login, menuLabels, resetTab, screenshot, seeText, submitLogin, untranslatedKeys } from "./browser.js";

// Chinese first, English on request; the choice is remembered (localStorage sg.lang).
// The browser itself prefers English: the platform still opens in Chinese.
const file = fileTab({ locale: "en-US" });

describe("language", () => {
  it("i18n the console opens in zh-CN, switches to en-US and stays so after a reload", async () => {
    const { tab } = file;
    const { page } = tab;
    await login(page, "admin");
    await page.waitForURL("**/admin");
    expect(await menuLabels(page)).toEqual(["工作台", "用户管理", "商家管理", "入驻审核", "资质管理", "违规处罚", "商品审核", "类目", "违禁词", "供应商", "库存", "交易", "物流", "质量", "审计日志", "平台规则", "协议与规则公示", "经营者信息", "个人中心"]);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    expect(await page.getByTestId("area-title").innerText()).toBe("管理后台");

    await page.getByTestId("lang-en-US").click();
    await seeText(page, "Users");
    expect(await menuLabels(page)).toEqual(["Dashboard", "Users", "Merchants", "Applications", "Qualifications", "Penalties", "Listing review", "Categories", "Screening words", "Suppliers", "Inventory", "Trade", "Logistics", "Quality", "Audit log", "Platform rules", "Published documents", "Operator information", "My account"]);
    expect(await page.getByTestId("area-title").innerText()).toBe("Admin console");
    expect(await page.evaluate(() => localStorage.getItem("sg.lang"))).toBe("en-US");

    await page.reload();
    expect(await menuLabels(page)).toEqual(["Dashboard", "Users", "Merchants", "Applications", "Qualifications", "Penalties", "Listing review", "Categories", "Screening words", "Suppliers", "Inventory", "Trade", "Logistics", "Quality", "Audit log", "Platform rules", "Published documents", "Operator information", "My account"]);
    expect(await page.getAttribute("html", "lang")).toBe("en-US");
    await page.getByTestId("nav-rules").click();
    await page.getByTestId("rule-order.shipByHours").waitFor();
    // Server-provided bilingual texts follow the language too.
    await seeText(page, "Ship within, after payment");
    await seeText(page, "72 hours");
    await screenshot(page, "admin-rules-en");
    expect(await untranslatedKeys(page)).toEqual([]);
    await page.getByTestId("nav-users").click();
    await seeText(page, "All types");
    await screenshot(page, "admin-users-en");
    expect(await untranslatedKeys(page)).toEqual([]);

    await page.getByTestId("lang-zh-CN").click();
    expect(await menuLabels(page)).toEqual(["工作台", "用户管理", "商家管理", "入驻审核", "资质管理", "违规处罚", "商品审核", "类目", "违禁词", "供应商", "库存", "交易", "物流", "质量", "审计日志", "平台规则", "协议与规则公示", "经营者信息", "个人中心"]);
    expect(await page.evaluate(() => localStorage.getItem("sg.lang"))).toBe("zh-CN");
    expect(tab.problems).toEqual([]);
  });

  it("i18n visitors switch the storefront's language the same way", async () => {
    const { tab } = file;
    const { page } = tab;
    await resetTab(tab);
    await page.goto("/");
    await seeText(page, "欢迎来到商管");
    await page.getByTestId("lang-en-US").click();
    await seeText(page, "Welcome to Shangguan");
    await seeText(page, "New arrivals");
    await seeText(page, /Service phone:/);
    await page.reload();
    await seeText(page, "Welcome to Shangguan");
    await screenshot(page, "shop-home-en");
    await page.getByTestId("header-login").click();
    await seeText(page, "Use your e-mail, mobile number or staff username.");
    // A wrong password: the error is shown in the chosen language.
    await submitLogin(page, "admin", "not-the-password");
    expect(await page.getByTestId("error-alert").innerText()).toContain("Wrong account or password.");
    await expectClean(tab);
  });
});
