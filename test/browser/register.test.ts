import { describe, expect, it } from "vitest";
import { expectClean, fileTab, screenshot, seeText } from "./browser.js";

// U1: a visitor signs up with explicit consent to the current privacy policy, and
// can see that consent (policy, version, time) in the account.
const file = fileTab();

describe("registration", () => {
  it("U1 a visitor registers as a buyer with the privacy policy accepted and sees the consent on /account", async () => {
    const { tab, world } = file;
    const { page } = tab;
    const policy = (await (await page.request.get(`${world.url}/api/v1/privacy/policy`)).json()) as { version: string; title: { zh: string } };
    await page.goto("/");
    await page.getByTestId("header-register").click();
    await page.waitForURL("**/register");

    // The form explains and enforces the rules before anything is sent.
    await page.getByTestId("register-login").fill("not-an-address");
    await page.getByTestId("register-password").fill("short");
    await page.getByTestId("register-submit").click();
    await seeText(page, "请输入有效的电子邮箱或中国大陆手机号");
    await seeText(page, "密码至少需要 10 个字符");
    await seeText(page, "请输入显示名称");
    await seeText(page, "请阅读并同意隐私政策");

    // A login that already exists is refused by the server, next to the field.
    await page.getByTestId("register-login").fill("buyer@example.com");
    await page.getByTestId("register-display-name").fill("新买家 New Buyer");
    await page.getByTestId("register-password").fill("Green-Tea-2026");
    await page.getByTestId("register-confirm").fill("Green-Tea-2026");
    await page.getByTestId("register-policy-link").click();
    await seeText(page, policy.title.zh);
    await page.getByTestId("privacy-policy-text").getByText(/^目的/).waitFor();
    await page.getByTestId("policy-accept").click();
    expect(await page.getByTestId("register-accept").isChecked()).toBe(true);
    await page.getByTestId("register-submit").click();
    await seeText(page, "该账号已被注册，请直接登录或换一个邮箱/手机号。");

    const email = `u1-${Date.now()}@example.com`;
    await page.getByTestId("register-login").fill(email);
    expect(await page.getByTestId("register-policy-version").innerText()).toContain(`（版本 ${policy.version}）`);
    await screenshot(page, "register");
    await page.getByTestId("register-submit").click();
    await page.waitForURL((u) => u.pathname === "/");
    expect(await page.getByTestId("user-display-name").innerText()).toBe("新买家 New Buyer");
    await seeText(page, "欢迎回来，新买家 New Buyer");

    await page.getByTestId("user-menu").click();
    await page.getByTestId("menu-account").click();
    await page.waitForURL("**/account");
    const consents = page.getByTestId("consents-card");
    await consents.getByText(policy.version, { exact: true }).waitFor();
    expect(await consents.innerText()).toContain("隐私政策");
    await page.getByTestId("session-current").waitFor();
    await screenshot(page, "account");
    await expectClean(tab);
  });
});
