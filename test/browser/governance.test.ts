import { beforeAll, describe, expect, it } from "vitest";
import { expectClean, fileTab, login, screenshot, seeText, shanghaiDate } from "./browser.js";

// S3: the audit log is readable and its hash chain verifiable from the console.
// G1: rule changes are published with a notice period and shown as upcoming.
const file = fileTab();
// After fileTab's beforeAll (before-hooks run in the order they are declared).
beforeAll(async () => {
  await login(file.tab.page, "admin");
  await file.tab.page.waitForURL("**/admin");
});

describe("governance in the admin console", () => {
  it("S3 the admin reads the audit log, filters it and verifies the hash chain", async () => {
    const { tab } = file;
    const { page } = tab;
    await page.getByTestId("nav-audit").click();
    await page.waitForURL("**/admin/audit");
    await page.getByTestId("audit-row-action").getByText("auth.login").first().waitFor();

    await page.getByTestId("audit-verify").click();
    const ok = page.getByTestId("audit-verify-ok");
    await ok.waitFor();
    expect(await ok.innerText()).toMatch(/审计链完整：已校验 \d+ 条记录/);

    await page.getByTestId("audit-action").fill("auth.");
    const filtered = page.waitForResponse((r) => r.url().includes("/api/v1/admin/audit?") && r.url().includes("action=auth."));
    await page.getByTestId("audit-filter").click();
    await filtered;
    await page.waitForTimeout(100);
    const actions = await page.getByTestId("audit-row-action").allInnerTexts();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.startsWith("auth."))).toBe(true);
    await screenshot(page, "admin-audit");
    await expectClean(tab);
  });

  it("G1 a public rule change must respect the notice period; the server's refusal is shown", async () => {
    const { tab } = file;
    const { page } = tab;
    await page.getByTestId("nav-rules").click();
    await page.getByTestId("rule-order.autoConfirmDays").waitFor();
    await page.getByTestId("rule-change-order.autoConfirmDays").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("rule-new-value").fill("12");
    // Tomorrow is too early for a rule that binds merchants and buyers.
    const picker = dialog.getByTestId("rule-effective");
    await picker.click();
    await picker.fill(`${shanghaiDate(1)} 10:00`);
    await picker.press("Enter");
    await dialog.getByTestId("rule-reason").fill("试运行：延长自动确认收货时间");
    await dialog.getByTestId("rule-submit").click();
    const error = dialog.getByTestId("rule-error");
    await error.waitFor();
    expect(await error.innerText()).toContain("公示期不足");
    // One click moves the date to the earliest allowed instant; then it is accepted.
    await error.getByRole("button").click();
    await dialog.getByTestId("rule-submit").click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByTestId("rule-order.autoConfirmDays").getByTestId("rule-upcoming").getByText(/^12 天/).waitFor();
    expect(tab.problems).toEqual([]);
  });

  it("G1 the admin publishes a change of order.shipByHours with the default effective date and sees it under upcoming", async () => {
    const { tab } = file;
    const { page } = tab;
    const row = page.getByTestId("rule-order.shipByHours");
    await row.waitFor();
    expect(await row.getByTestId("rule-value").innerText()).toBe("72 小时");
    await page.getByTestId("rule-change-order.shipByHours").click();
    const dialog = page.getByRole("dialog");
    await seeText(page, "变更规则 order.shipByHours");
    // The default effective date is the end of the 7-day notice period.
    expect(await dialog.getByTestId("rule-effective").inputValue()).toContain(shanghaiDate(7));
    await dialog.getByTestId("rule-new-value").fill("96");
    await dialog.getByTestId("rule-reason").fill("物流高峰期延长发货时限");
    await dialog.getByTestId("rule-submit").click();
    await dialog.waitFor({ state: "hidden" });
    await seeText(page, "规则变更已发布");
    const upcoming = row.getByTestId("rule-upcoming");
    await upcoming.waitFor();
    expect(await upcoming.innerText()).toContain(`96 小时，${shanghaiDate(7)}`);
    // The value in force does not change before the effective date.
    expect(await row.getByTestId("rule-value").innerText()).toBe("72 小时");
    await screenshot(page, "admin-rules");
    expect(tab.problems).toEqual([]);
  });
});

describe("accounts and roles in the admin console", () => {
  it("S2 the admin creates a staff account with a role, grants and revokes another, and deactivates it", async () => {
    const { tab } = file;
    const { page } = tab;
    await page.getByTestId("nav-users").click();
    await page.getByTestId("user-create").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("登录账号").fill("zhao.liu");
    await dialog.getByLabel("名称").fill("赵六 Zhao Liu");
    await dialog.getByLabel("初始密码").fill("Quality-Check-2026");
    await dialog.getByLabel("角色").click();
    await page.locator(".ant-select-dropdown").getByText("质检", { exact: true }).click();
    await page.keyboard.press("Escape");
    await dialog.getByRole("button", { name: "创建" }).click();
    await seeText(page, "账号已创建");
    const row = page.locator("tr", { hasText: "赵六 Zhao Liu" });
    await row.getByTestId("role-quality").waitFor();

    await row.getByRole("button", { name: "角色" }).click();
    const roles = page.getByRole("dialog", { name: "赵六 Zhao Liu 的角色" });
    await roles.locator(".ant-select").click();
    await page.locator(".ant-select-dropdown").getByText("仓储物流", { exact: true }).click();
    await roles.getByRole("button", { name: "授予" }).click();
    await seeText(page, "角色已授予");
    await roles.getByTestId("role-warehouse").waitFor();
    await roles.getByTestId("role-quality").locator(".ant-tag-close-icon").click();
    await seeText(page, "角色已撤销");
    await roles.getByTestId("role-quality").waitFor({ state: "detached" });
    await roles.getByRole("button", { name: "Close" }).or(roles.getByRole("button", { name: "关闭" })).first().click();
    await row.getByTestId("role-warehouse").waitFor();
    expect(await row.getByTestId("role-quality").count()).toBe(0);

    await row.getByRole("button", { name: "停用" }).click();
    await page.getByRole("tooltip").getByRole("button", { name: "确定" }).click();
    await seeText(page, "账号已停用");
    await row.getByText("已停用").waitFor();
    expect(tab.problems).toEqual([]);
  });

  it("S3 a broken audit chain is reported with its first broken record in red", async () => {
    const { tab } = file;
    const { page } = tab;
    await page.getByTestId("nav-audit").click();
    const first = page.getByTestId("audit-row-action").first();
    await first.waitFor();
    const seq = Number(await page.locator("[data-testid=admin-audit] tbody tr.ant-table-row td").first().innerText());
    // The chain cannot be broken from the UI: the server's answer is simulated.
    await page.route("**/api/v1/admin/audit/verify", (route) =>
      route.fulfill({ json: { ok: false, checked: seq, firstBroken: { seq, reason: "hash mismatch" } } }),
    );
    try {
      await page.getByTestId("audit-verify").click();
      const broken = page.getByTestId("audit-verify-broken");
      await broken.waitFor();
      expect(await broken.innerText()).toContain(`审计链在第 #${seq} 条记录处断裂`);
      expect(await broken.innerText()).toContain("hash mismatch");
      const row = page.getByTestId("audit-broken-row");
      expect(await row.locator("td").first().innerText()).toBe(String(seq));
      expect(await row.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(207, 19, 34)");
      await screenshot(page, "admin-audit-broken");
    } finally {
      await page.unroute("**/api/v1/admin/audit/verify");
    }
    expect(tab.problems).toEqual([]);
  });
});
