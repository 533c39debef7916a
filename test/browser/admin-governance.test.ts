import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectClean, fileTab, login, openTab, png, screenshot, shanghaiDate, signInAfresh, untranslatedKeys } from "./browser.js";
import type { Tab } from "./browser.js";

// M3 M6 in the admin console: penalties with an appeal decided by a second reviewer,
// and a renewed licence approved side by side with the one it replaces. The file
// changes the demo shops' standing and documents: own server.
const file = fileTab({ ownServer: true });

const BAMBOO = "竹韵家居 Bamboo Home";
const TEA = "西湖茶舍 West Lake Tea House";

let second: Tab | undefined;
/** A second person's tab (the merchant, the other reviewer), opened once. */
async function otherTab(): Promise<Tab> {
  second ??= await openTab(file.world.browser, file.world.url);
  return second;
}
afterAll(async () => {
  await second?.context.close().catch(() => undefined);
});

/** No untranslated key (the shared check does not know this file's "consoleGov" section), no error. */
async function expectAllTranslated(tab: Tab): Promise<void> {
  expect(await tab.page.locator("body").innerText()).not.toMatch(/\bconsoleGov\.[A-Za-z_.]+/);
  await expectClean(tab);
}

describe("governance in the admin console", () => {
  it("M6 an operator suspends a merchant, the merchant appeals, another reviewer revokes the suspension", async () => {
    const { tab } = file;
    const { page } = tab;
    await login(page, "operations");
    await page.waitForURL("**/admin");

    // --- The merchant's detail: standing, qualification file, penalties; issue a 7-day suspension.
    await page.getByTestId("nav-merchants").click();
    const row = page.locator("tr", { hasText: BAMBOO });
    await row.locator("[data-testid=standing-tag][data-status=active]").waitFor();
    await row.click();
    const drawer = page.getByTestId("merchant-detail");
    await drawer.getByText(BAMBOO).first().waitFor();
    await drawer.getByTestId("merchant-penalties").getByText(/绝对化用语/).waitFor();
    await drawer.getByTestId("merchant-issue-penalty").click();
    const form = page.getByTestId("issue-form");
    await form.waitFor();
    // The end is asked for only where the kind has one.
    await form.getByTestId("issue-kind-warning").click();
    expect(await form.getByTestId("issue-ends").count()).toBe(0);
    await form.getByTestId("issue-kind-suspension").click();
    await form.getByTestId("issue-ends").waitFor();
    await page.getByTestId("issue-submit").click();
    await form.getByText("请填写处罚原因").waitFor();
    await form.getByText("限制上架和暂停经营必须设置截止时间").waitFor();
    await form.getByTestId("issue-reason").fill("虚假发货：订单显示已发货但物流单号无揽收记录");
    await form.getByTestId("issue-evidence").fill("投诉 TS-2026-0042、TS-2026-0047；物流查询截图 3 张；巡检记录 2026-12 第 3 号。");
    await form.getByTestId("issue-ends-7").click();
    expect(await form.getByTestId("issue-ends").inputValue()).toContain(shanghaiDate(7));
    await screenshot(page, "admin-issue-penalty");
    await page.getByTestId("issue-submit").click();
    const issued = page.waitForResponse((r) => r.url().endsWith("/penalties") && r.request().method() === "POST");
    await page.getByTestId("issue-confirm").click();
    const penalty = (await (await issued).json()) as { id: string; status: string; endsAt: string };
    expect(penalty.status).toBe("in_force");
    await drawer.locator("[data-testid=merchant-standing] [data-status=suspended]").waitFor();
    await drawer.getByTestId("restriction-suspension").waitFor();
    expect(await drawer.getByTestId("ability-sell").getAttribute("data-allowed")).toBe("false");
    await drawer.getByTestId(`merchant-penalty-${penalty.id}`).waitFor();
    await screenshot(page, "admin-merchant-detail");
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });
    await row.locator("[data-testid=standing-tag][data-status=suspended]").waitFor();
    expect(await row.getByTestId("standing-tag").innerText()).toBe("暂停经营");

    // --- The merchant appeals (its portal is another screen): through the API as its owner.
    const merchant = await signInAfresh(await otherTab(), "owner@bamboo.example");
    const appeal = await merchant.page.request.post(`/api/v1/merchant/penalties/${penalty.id}/appeal`, {
      data: { statement: "物流单号因快递公司系统故障延迟揽收，附快递公司出具的情况说明，请求撤销暂停经营。" },
    });
    expect(appeal.status()).toBe(200);

    // --- The operator who issued it may not decide the appeal.
    await page.getByTestId("nav-penalties").click();
    const penaltyRow = page.getByTestId(`penalty-row-${penalty.id}`);
    await penaltyRow.locator("[data-testid=penalty-status][data-status=appealed]").waitFor();
    await screenshot(page, "admin-penalties");
    await penaltyRow.getByTestId("penalty-row-link").click();
    await page.locator("[data-testid=penalty-detail][data-status=appealed]").waitFor();
    await page.getByTestId("penalty-appeal").getByText(/快递公司系统故障/).waitFor();
    await page.getByTestId("penalty-decide").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("decide-revoke").click();
    await dialog.getByTestId("decide-reason").fill("我认为申诉成立");
    const refused = page.waitForResponse((r) => r.url().endsWith(`/penalties/${penalty.id}/decision`));
    await dialog.getByTestId("decide-submit").click();
    const refusal = await refused;
    expect(refusal.status()).toBe(409);
    expect(((await refusal.json()) as { error: { code: string } }).error.code).toBe("APPEAL_NEEDS_ANOTHER_REVIEWER");
    expect(await dialog.getByTestId("decide-other-reviewer").innerText()).toContain("申诉须由另一位同事处理");
    await screenshot(page, "admin-penalty-other-reviewer");
    await dialog.getByRole("button", { name: "取消" }).click();
    await page.locator("[data-testid=penalty-detail][data-status=appealed]").waitFor();
    await expectAllTranslated(tab);

    // --- Another reviewer (the admin) revokes it with a reason; the merchant is active again.
    const admin = await signInAfresh(merchant, "admin");
    const a = admin.page;
    await a.goto(`/admin/penalties/${penalty.id}`);
    await a.locator("[data-testid=penalty-detail][data-status=appealed]").waitFor();
    await a.getByTestId("penalty-decide").click();
    const decide = a.getByRole("dialog");
    expect(await decide.getByTestId("decide-other-reviewer").count()).toBe(0);
    await decide.getByTestId("decide-submit").click();
    await decide.getByText("请选择处理结果").waitFor();
    await decide.getByTestId("decide-revoke").click();
    await decide.getByTestId("decide-reason").fill("快递公司情况说明属实，揽收延迟非商家责任，撤销暂停经营。");
    await decide.getByTestId("decide-submit").click();
    await a.locator("[data-testid=penalty-detail][data-status=revoked]").waitFor();
    await a.getByTestId("penalty-decision").getByText(/揽收延迟非商家责任/).waitFor();
    await screenshot(a, "admin-penalty-revoked");
    await a.getByTestId("nav-merchants").click();
    await a.locator("tr", { hasText: BAMBOO }).locator("[data-testid=standing-tag][data-status=active]").waitFor();
    await expectAllTranslated(admin);
  });

  it("M3 a reviewer approves a renewed licence", async () => {
    const { tab } = file;
    const { page } = tab;

    // --- The tea house uploads its renewed food licence (its portal is another screen): through the API.
    const owner = await signInAfresh(await otherTab(), "owner@tea-house.example");
    const overview = (await (await owner.page.request.get("/api/v1/merchant/qualifications")).json()) as { documents: { id: string; kind: string; validUntil: string }[] };
    const old = overview.documents.find((d) => d.kind === "food_licence");
    expect(old).toBeDefined();
    const newUntil = shanghaiDate(5 * 365);
    const upload = await owner.page.request.post("/api/v1/merchant/qualifications/renewals", {
      multipart: {
        file: { name: "food-licence-renewed.png", mimeType: "image/png", buffer: png(480, 300) },
        kind: "food_licence",
        number: "JY13301060002031",
        issuer: "杭州市西湖区市场监督管理局",
        validFrom: shanghaiDate(0),
        validUntil: newUntil,
        replaces: old!.id,
      },
    });
    expect(upload.status()).toBe(201);
    const renewal = (await upload.json()) as { id: string };

    // --- The reviewer's dashboard lists it among the platform tasks.
    await page.getByTestId("nav-dashboard").click();
    const task = page.getByTestId("platform-tasks").getByTestId("task-renewal_review");
    await task.getByText(`${TEA} 上传了更新的食品经营许可证，等待审核`).waitFor();
    await page.getByTestId("platform-tasks").getByTestId("task-document_expiring").getByText(/将于 \d{4}-\d{2}-\d{2} 到期/).waitFor();
    await screenshot(page, "admin-dashboard-tasks");

    // --- The queue, the renewal beside the document it replaces, the approval.
    await page.getByTestId("nav-qualifications").click();
    await page.waitForURL("**/admin/qualifications/renewals");
    const queueRow = page.getByTestId(`renewal-row-${renewal.id}`);
    await queueRow.getByText(TEA).waitFor();
    await queueRow.getByTestId("ageing").waitFor();
    await screenshot(page, "admin-renewals-queue");
    await queueRow.getByTestId("renewal-row-link").click();
    await page.locator("[data-testid=renewal-detail][data-status=pending]").waitFor();
    const until = page.getByTestId("compare-validUntil-new");
    expect(await until.getAttribute("data-changed")).toBe("true");
    expect(await until.innerText()).toContain(newUntil);
    expect(await page.getByTestId("compare-validUntil-old").innerText()).toContain(old!.validUntil);
    expect(await page.getByTestId("compare-kind-new").getAttribute("data-changed")).toBe("false");
    // The new file is an image shown inline; the old one (a PDF) opens in a new tab.
    const image = page.locator("[data-testid=renewal-new-file][data-preview=image] img");
    await image.waitFor();
    await page.waitForFunction(() => (document.querySelector("[data-testid=renewal-new-file] img") as HTMLImageElement | null)?.naturalWidth === 480);
    await page.locator("[data-testid=renewal-old-file][data-preview=pdf]").waitFor();
    expect(await page.getByTestId("renewal-old-file").getAttribute("href")).toBe(`/api/v1/admin/application-documents/${old!.id}/file`);
    await screenshot(page, "admin-renewal-detail");
    await page.getByTestId("renewal-approve").click();
    await page.getByTestId("renewal-approve-confirm").click();
    await page.locator("[data-testid=renewal-detail][data-status=approved]").waitFor();
    await page.getByTestId("renewal-decided").waitFor();

    // --- The merchant's qualification file now holds the renewed licence.
    await page.getByTestId("open-qualification-file").click();
    const licence = page.locator("[data-testid=qdoc-food_licence][data-state=valid]");
    await licence.waitFor();
    expect(await licence.getByTestId("qdoc-valid-until-food_licence").innerText()).toContain(newUntil);
    await screenshot(page, "admin-qualification-file");
    await expectAllTranslated(tab);

    // --- Re-verifications open 6 months after approval: none yet, said so.
    await page.getByTestId("nav-qualifications").click();
    await page.getByTestId("tab-reverifications").click();
    await page.waitForURL("**/admin/qualifications/reverifications");
    await page.getByTestId("reverifications-table").getByText(/平台每 6 个月复核一次商家资质/).waitFor();
    await screenshot(page, "admin-reverifications");

    // --- The same screens in English.
    await page.getByTestId("nav-merchants").click();
    await page.locator("tr", { hasText: TEA }).click();
    await page.getByTestId("merchant-qualification-file").click();
    await page.getByTestId("lang-en-US").click();
    await licence.getByText("Food business licence").waitFor();
    expect(await untranslatedKeys(page)).toEqual([]);
    await screenshot(page, "admin-qualification-file-en");
    await page.goto(`/admin/qualifications/renewals/${renewal.id}`);
    await page.getByTestId("compare-table").getByRole("columnheader", { name: "Renewed document" }).waitFor();
    await screenshot(page, "admin-renewal-detail-en");
    await page.getByTestId("nav-penalties").click();
    await page.getByTestId("penalties-table").getByText("Revoked").first().waitFor();
    await screenshot(page, "admin-penalties-en");
    await expectAllTranslated(tab);
  });
});
