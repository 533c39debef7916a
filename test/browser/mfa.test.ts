import { describe, expect, it } from "vitest";
import { generate } from "otplib";
import { fileTab, login, logout, menuIds, screenshot, seeText, signInAfresh, submitLogin } from "./browser.js";

// S1: when the platform requires two-step verification for staff, a staff member
// can do nothing but enrol; afterwards the login asks for the code.
// This file turns the rule on, so it runs on a server of its own.
const file = fileTab({ ownServer: true });

describe("two-step verification for staff", () => {
  it("S1 once the rule requires it, staff must enrol before anything else and then log in with a code", async () => {
    const { tab } = file;
    const { page } = tab;
    await login(page, "admin");
    await page.waitForURL("**/admin");
    await page.getByTestId("nav-rules").click();
    await page.getByTestId("rule-change-security.staffMfaRequired").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("switch").click();
    await dialog.getByTestId("rule-reason").fill("等保要求：员工账号启用两步验证");
    await dialog.getByTestId("rule-submit").click();

    // An internal rule applies at once: the console gives way to the enrolment page.
    await page.waitForURL("**/mfa-setup");
    await page.goto("/admin/users");
    await page.waitForURL("**/mfa-setup");
    await page.getByTestId("mfa-start").click();
    const secret = (await page.getByTestId("mfa-secret").innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByTestId("mfa-otpauth").innerText()).toContain("otpauth://totp/");
    await screenshot(page, "mfa-setup");
    await page.getByTestId("mfa-confirm-otp").fill(await generate({ secret }));
    await page.getByTestId("mfa-confirm").click();
    await page.waitForURL("**/admin");
    expect(await menuIds(page)).toContain("nav-users");

    // Next login: password, then the code.
    await page.getByTestId("user-menu").click();
    await page.getByTestId("menu-logout").click();
    await page.waitForURL((u) => u.pathname === "/");
    await page.goto("/login");
    await submitLogin(page, "admin");
    await page.getByTestId("otp-prompt").waitFor();
    await page.getByTestId("otp-input").fill("000000");
    await page.getByTestId("login-submit").click();
    await seeText(page, "动态码错误或已过期。");
    // The enrolment code is spent (no replay); the authenticator's next code is accepted.
    await page.getByTestId("otp-input").fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByTestId("login-submit").click();
    await page.waitForURL("**/admin");
    expect(tab.problems).toEqual([]);
  });

  it("S1 other staff land on the enrolment page right after signing in", async () => {
    const tab = await signInAfresh(file.tab, "operations");
    const { page } = tab;
    await page.waitForURL("**/mfa-setup");
    await page.getByTestId("mfa-start").waitFor();
    // Buyers are not concerned.
    await page.getByTestId("mfa-setup-logout").click();
    await page.waitForURL((u) => u.pathname === "/");
    await login(page, "buyer@example.com");
    await seeText(page, "欢迎回来，张三 Zhang San");
    await logout(page);
    expect(tab.problems).toEqual([]);
  });
});
