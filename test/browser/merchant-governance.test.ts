import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectClean, fileTab, login, PDF, pickDate, resetTab, screenshot, shanghaiDate } from "./browser.js";
import type { Tab } from "./browser.js";

// M3 M6 G1 in the merchant portal: the shop's tasks and notices, renewing an expiring
// document, appealing a penalty and accepting the announced merchant agreement. The
// file changes the demo shops' state (renewals, appeals, acceptances): own server.
const file = fileTab({ ownServer: true });

/** No untranslated key (the shared check does not know this file's "portalGov" section), no error. */
async function expectAllTranslated(tab: Tab): Promise<void> {
  expect(await tab.page.locator("body").innerText()).not.toMatch(/\bportalGov\.[A-Za-z_.]+/);
  await expectClean(tab);
}

/** Fills in the open renewal dialog with a new food licence and sends it. */
async function uploadRenewal(page: Page): Promise<void> {
  const form = page.getByTestId("upload-form");
  await form.waitFor();
  // The kind is that of the document being renewed.
  expect(await form.getByTestId("doc-kind").innerText()).toContain("食品经营许可证");
  await form.getByTestId("doc-number").fill("JY13301060099887");
  await form.getByTestId("doc-issuer").fill("杭州市西湖区市场监督管理局");
  await pickDate(form.getByTestId("doc-valid-from"), shanghaiDate(0));
  await pickDate(form.getByTestId("doc-valid-until"), shanghaiDate(5 * 365));
  await form.locator("input[type=file]").setInputFiles({ name: "food-licence-2031.pdf", mimeType: "application/pdf", buffer: PDF });
  await form.getByTestId("doc-file-item").waitFor();
  await form.getByTestId("doc-upload-submit").click();
}

describe("merchant governance in the portal", () => {
  it("M3 M6 G1 a merchant sees expiry notices, renews its licence, appeals a penalty and accepts the announced agreement", async () => {
    const { tab } = file;
    const { page } = tab;

    // --- West Lake Tea House: its food licence expires soon, and a new agreement is announced.
    await login(page, "owner@tea-house.example");
    await page.waitForURL("**/merchant");
    const tasks = page.getByTestId("tasks-card");
    const expiring = tasks.getByTestId("task-document_expiring");
    await expiring.waitFor();
    const sentence = await expiring.getByTestId("task-text").innerText();
    const until = /^食品经营许可证（FOOD_LICENCE-[A-Z0-9]+）将于 (\d{4}-\d{2}-\d{2}) 到期，请在到期前提交续期。$/.exec(sentence)?.[1];
    expect(until, sentence).toBeDefined();
    const daysLeft = Math.round((Date.parse(until!) - Date.parse(shanghaiDate(0))) / 86_400_000);
    expect(daysLeft).toBeGreaterThanOrEqual(19);
    expect(await expiring.getByTestId("relative-due").innerText()).toBe(`${daysLeft} 天后到期`);
    expect(await expiring.innerText()).toContain("这是必备资质");
    // Notices that close by themselves once done cannot be "marked as read".
    expect(await expiring.getByTestId("task-ack").count()).toBe(0);
    const agreementTask = tasks.getByTestId("task-agreement_accept");
    expect(await agreementTask.getByTestId("task-text").innerText()).toMatch(/^《商家入驻协议》版本 2026-12 将于 \d{4}-\d{2}-\d{2} 生效，请阅读并接受。$/);
    expect(await agreementTask.getByTestId("task-link").innerText()).toContain("阅读并接受");
    // O5: the demo's order nobody shipped in time is on the list, worded, with the way to it.
    const overdue = tasks.getByTestId("task-ship_overdue");
    expect(await overdue.getByTestId("task-text").innerText()).toMatch(/^订单 \d{16} 已超过 72 小时未发货（应于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前发货）：请立即发货，买家可申请取消并全额退款，本次超时已计入店铺信用。$/);
    expect(await overdue.getByTestId("task-link").getAttribute("href")).toBe("/merchant/orders");
    // The shop is active: no standing banner.
    expect(await page.getByTestId("standing-banner").count()).toBe(0);
    await screenshot(page, "merchant-governance-dashboard");
    await expectAllTranslated(tab);

    // --- Qualifications: the food licence is expiring; renew it.
    await expiring.getByTestId("task-link").click();
    await page.waitForURL("**/merchant/qualifications");
    const foodRow = page.getByTestId("doc-row-food_licence");
    await foodRow.waitFor();
    expect(await foodRow.getAttribute("data-state")).toBe("expiring");
    expect(await page.getByTestId("doc-state-food_licence").innerText()).toBe(`${daysLeft} 天后到期`);
    expect(await page.getByTestId("doc-state-business_licence").innerText()).toBe("有效");
    expect(await page.getByTestId("renewals-card").innerText()).toContain("还没有提交过续期");
    expect(await page.getByTestId("reverification-card").getAttribute("data-status")).toBe("none");

    await page.getByTestId("renew-food_licence").click();
    await uploadRenewal(page);
    await page.getByTestId("upload-form").waitFor({ state: "detached" });
    const renewal = page.getByTestId("renewal-row-food_licence");
    await renewal.waitFor();
    expect(await renewal.getAttribute("data-status")).toBe("pending");
    expect(await renewal.innerText()).toContain("JY13301060099887");
    expect(await renewal.getByTestId("renewal-status").innerText()).toBe("待审核");
    await page.getByTestId("doc-pending-food_licence").waitFor();
    // The old licence stays in force until the platform approves the new one.
    expect(await foodRow.getAttribute("data-state")).toBe("expiring");
    // The uploaded file can be opened again.
    const fileUrl = await renewal.getByTestId("renewal-file").getAttribute("href");
    const opened = await page.request.get(fileUrl!);
    expect(opened.status()).toBe(200);
    expect(opened.headers()["content-type"]).toContain("application/pdf");
    await screenshot(page, "merchant-governance-qualifications");
    await expectAllTranslated(tab);

    // A second renewal while one is pending: the server's reason, in the merchant's language.
    await page.getByTestId("renew-food_licence").click();
    await uploadRenewal(page);
    const error = page.getByTestId("upload-form").getByTestId("error-alert");
    await error.waitFor();
    expect(await error.innerText()).toContain("该证件已有一份续期在等待审核，请等平台审核后再提交。");
    await screenshot(page, "merchant-governance-renewal-pending");
    await page.locator(".ant-modal-close").click();
    await page.getByTestId("upload-form").waitFor({ state: "detached" });
    expect(await page.locator("[data-testid=renewal-row-food_licence]").count()).toBe(1);

    // --- The agreement: the version in force is accepted, the announced one is not yet.
    await page.getByTestId("nav-agreements").click();
    await page.waitForURL("**/merchant/agreements");
    const announced = page.getByTestId("agreement-2026-12");
    await announced.waitFor();
    expect(await page.getByTestId("agreement-2026-01").getAttribute("data-accepted")).toBe("true");
    expect(await announced.getAttribute("data-accepted")).toBe("false");
    expect(await page.getByTestId("agreement-read-2026-12").getAttribute("href")).toBe("/rules/merchant-agreement/2026-12");
    await page.getByTestId("agreement-accept-2026-12").click();
    await page.getByTestId("agreement-accept-confirm").click();
    await page.locator("[data-testid=agreement-2026-12][data-accepted=true]").waitFor();
    expect(await announced.getByTestId("agreement-accepted").innerText()).toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 接受/);
    expect(await page.getByTestId("agreement-accept-2026-12").count()).toBe(0);
    expect(await page.getByTestId("agreement-history").innerText()).toContain("版本 2026-12");
    await screenshot(page, "merchant-governance-agreements");
    await expectAllTranslated(tab);

    // Back on the dashboard the agreement notice is gone; the licence notice stays until the renewal is approved.
    await page.getByTestId("nav-dashboard").click();
    await page.getByTestId("tasks-card").getByTestId("task-document_expiring").waitFor();
    await page.getByTestId("tasks-card").getByTestId("task-agreement_accept").waitFor({ state: "detached" });
    await expectAllTranslated(tab);

    // --- Bamboo Home: a warning was issued; the owner appeals it.
    await resetTab(tab);
    await login(page, "owner@bamboo.example");
    await page.waitForURL("**/merchant");
    const penaltyTask = page.getByTestId("tasks-card").getByTestId("task-penalty_issued");
    await penaltyTask.waitFor();
    expect(await penaltyTask.getByTestId("task-text").innerText()).toMatch(/^平台对店铺作出「警告」处罚：.*绝对化用语.*如有异议，可在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前申诉。$/);
    expect(await penaltyTask.getByTestId("relative-due").innerText()).toMatch(/^\d 天后截止$/);
    await penaltyTask.getByTestId("task-ack").waitFor();

    await page.getByTestId("nav-penalties").click();
    await page.waitForURL("**/merchant/penalties");
    const warning = page.locator("[data-testid=penalty-card][data-kind=warning]");
    await warning.waitFor();
    expect(await warning.getAttribute("data-status")).toBe("in_force");
    expect(await warning.getByTestId("penalty-kind").innerText()).toBe("警告");
    expect(await warning.getByTestId("penalty-status").innerText()).toBe("生效中");
    expect(await warning.innerText()).toContain("巡检记录 2026-11 第 12 号");
    // A warning takes nothing away: the shop may still list and sell.
    expect(await page.getByTestId("standing-summary").innerText()).toContain("可上架商品");
    expect(await page.getByTestId("standing-status").innerText()).toBe("正常经营");

    await warning.getByTestId("penalty-appeal").click();
    const form = page.getByTestId("appeal-form");
    await form.waitFor();
    // Too short a statement is explained before anything is sent.
    await form.getByTestId("appeal-statement").fill("已整改");
    await form.getByTestId("appeal-submit").click();
    await form.getByText("申诉理由至少 10 个字").waitFor();
    const statement = "涉及的 3 个商品标题已于当天修改，删除了“最便宜”等用语，修改记录可在商品日志中查到。";
    await form.getByTestId("appeal-statement").fill(statement);
    await form.getByTestId("appeal-submit").click();
    await page.getByTestId("appeal-confirm").click();
    await form.waitFor({ state: "detached" });
    await page.locator("[data-testid=penalty-card][data-kind=warning][data-status=appealed]").waitFor();
    expect(await warning.getByTestId("penalty-status").innerText()).toBe("申诉中");
    expect(await warning.getByTestId("penalty-appeal-statement").innerText()).toContain(statement);
    expect(await warning.getByTestId("penalty-appeal").count()).toBe(0);
    await screenshot(page, "merchant-governance-penalties");
    await expectAllTranslated(tab);

    // Appealing closes the penalty notice.
    await page.getByTestId("nav-dashboard").click();
    await page.getByTestId("tasks-card").getByTestId("task-agreement_accept").waitFor();
    await page.getByTestId("tasks-card").getByTestId("task-penalty_issued").waitFor({ state: "detached" });
    await screenshot(page, "merchant-governance-dashboard-bamboo");
    await expectAllTranslated(tab);
  });
});
