import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectClean, fileTab, login, menuIds, openTab, PDF, pickDate, png, resetTab, screenshot, seeText, untranslatedKeys } from "./browser.js";

// M1 M2 M5: a prospective merchant applies (entity data, documents, agreement), a
// reviewer sends a document back with a reason, the applicant replaces it and
// resubmits, the reviewer approves, and the applicant's own account becomes the owner
// of the new shop. Approval opens a shop, which other files count: own server.
const file = fileTab({ ownServer: true });

const APPLICANT = "m1-founder@xixi-longjing.example";
const PASSWORD = "Longjing#Tea2026";
const SHOP = "西溪龙井茶业有限公司";
const CREDIT_CODE = "91350100M000100Y43"; // GB 32100's own example
const REASON = "许可证照片模糊，无法辨认编号";

interface Upload {
  number: string;
  file: { name: string; mimeType: string; buffer: Buffer };
}

/** Fills in the open upload dialog and sends it. */
async function fillUpload(page: Page, u: Upload, facts = true): Promise<void> {
  const form = page.getByTestId("upload-form");
  await form.waitFor();
  await form.getByTestId("doc-number").fill(u.number);
  if (facts) {
    await form.getByTestId("doc-issuer").fill("杭州市市场监督管理局");
    await pickDate(form.getByTestId("doc-valid-from"), "2025-01-01");
    await pickDate(form.getByTestId("doc-valid-until"), "2030-12-31");
  }
  await form.locator("input[type=file]").setInputFiles(u.file);
  await form.getByTestId("doc-file-item").waitFor();
  await form.getByTestId("doc-upload-submit").click();
}

/** Uploads the mandatory document of this kind from the list of mandatory documents. */
async function uploadRequired(page: Page, kind: string, u: Upload): Promise<void> {
  await page.getByTestId(`upload-${kind}`).click();
  await fillUpload(page, u);
  await page.locator(`[data-testid=required-${kind}][data-state=ok]`).waitFor();
  await page.getByTestId("upload-form").waitFor({ state: "detached" });
}

describe("merchant onboarding", () => {
  it("M1 M2 M5 a new merchant applies with documents, a reviewer sends one document back, the merchant fixes it and resubmits, the reviewer approves, the owner enters the portal", async () => {
    const { tab, world } = file;
    const { page } = tab;
    const reviewer = await openTab(world.browser, world.url);
    try {
      // --- The storefront's "open a shop" link, and the applicant's registration (M1).
      await page.goto("/");
      await page.getByTestId("header-open-shop").click();
      await page.waitForURL("**/merchant/apply");
      await page.getByTestId("apply-documents").getByText("食品经营许可证").waitFor();
      await page.getByTestId("register-login").fill(APPLICANT);
      await page.getByTestId("register-display-name").fill("龙井创始人 Founder Long");
      await page.getByTestId("register-password").fill(PASSWORD);
      await page.getByTestId("register-confirm").fill(PASSWORD);
      await page.getByTestId("register-accept").click();
      await screenshot(page, "onboarding-apply");
      await page.getByTestId("register-submit").click();
      await page.waitForURL("**/merchant/application");
      // An applicant has no shop yet: its application and its account, nothing else.
      expect(await menuIds(page)).toEqual(["nav-application", "nav-account"]);
      await page.locator("[data-testid=application-banner][data-status=none]").waitFor();

      // --- Step 1: entity data. A mistyped credit code is explained before anything is sent.
      await page.getByTestId("entity-name").fill(SHOP);
      await page.getByTestId("entity-credit-code").fill("91350100M000100Y44");
      await page.getByTestId("entity-legal-rep-name").click();
      await seeText(page, "统一社会信用代码的校验位（第 18 位）不符，请检查是否输错");
      await page.getByTestId("entity-credit-code").fill(CREDIT_CODE);
      await page.getByTestId("entity-legal-rep-name").fill("王龙井");
      await page.getByTestId("entity-legal-rep-id").fill("11010519491231002X");
      await page.getByTestId("entity-contact-name").fill("王经理");
      await page.getByTestId("entity-contact-phone").fill("13905710000");
      await page.getByTestId("entity-contact-email").fill("tea@xixi-longjing.example");
      await page.getByTestId("entity-address").fill("浙江省杭州市西湖区龙井路 1 号");
      await page.getByTestId("category-tea").click();
      // Tea needs a food business licence besides the licence and the legal representative's ID.
      await page.getByTestId("entity-needed-documents").getByText("食品经营许可证").waitFor();
      await screenshot(page, "onboarding-entity");
      await page.getByTestId("entity-save").click();
      await page.getByTestId("documents-step").waitFor();
      await page.locator("[data-testid=application-banner][data-status=draft]").waitFor();

      // Submitting now: the server's list of what is missing, as a checklist (APPLICATION_INCOMPLETE).
      await page.getByTestId("step-submit").click();
      await page.getByTestId("application-submit").click();
      const problems = page.getByTestId("submit-problems");
      await problems.waitFor();
      expect(await problems.innerText()).toContain("请上传必备资质：营业执照");
      expect(await problems.innerText()).toContain("请阅读并接受商家入驻协议");
      // The ID number and phone come back masked and are not shown in clear.
      expect(await page.getByTestId("submit-summary").innerText()).toContain("110***********002X");
      expect(await page.getByTestId("submit-summary").innerText()).toContain("139****0000");

      // --- Step 2: the three mandatory documents, with upload progress.
      await page.getByTestId("step-documents").click();
      for (const kind of ["business_licence", "legal_rep_id", "food_licence"]) {
        expect(await page.getByTestId(`required-${kind}`).getAttribute("data-state")).toBe("missing");
      }
      await uploadRequired(page, "business_licence", { number: "91350100M000100Y43", file: { name: "营业执照.pdf", mimeType: "application/pdf", buffer: PDF } });
      await uploadRequired(page, "legal_rep_id", { number: "11010519491231002X", file: { name: "id-card.png", mimeType: "image/png", buffer: png(320, 200) } });
      await uploadRequired(page, "food_licence", { number: "JY13301060000000", file: { name: "food-licence.pdf", mimeType: "application/pdf", buffer: PDF } });
      await screenshot(page, "onboarding-documents");

      // --- Step 3: the merchant agreement (M5).
      await page.getByTestId("documents-next").click();
      await page.getByTestId("agreement-text").getByText(/72 小时内发货/).waitFor();
      await page.getByTestId("agreement-check").click();
      await screenshot(page, "onboarding-agreement");
      await page.getByTestId("agreement-accept").click();

      // --- Step 4: everything checked, submitted.
      await page.getByTestId("submit-step").waitFor();
      expect(await page.locator("[data-testid=submit-checklist] [data-ok=false]").count()).toBe(0);
      await screenshot(page, "onboarding-submit");
      await page.getByTestId("application-submit").click();
      await page.locator("[data-testid=application-banner][data-status=submitted]").waitFor();
      await page.getByTestId("history-submit").waitFor();
      await screenshot(page, "onboarding-submitted");

      // --- The reviewer's queue, with ageing; start the review; send the food licence back (M2).
      await login(reviewer.page, "operations");
      const r = reviewer.page;
      await r.getByTestId("nav-applications").click();
      await r.waitForURL("**/admin/applications");
      const row = r.getByTestId("queue-table").locator("tr", { hasText: SHOP });
      await row.waitFor();
      await row.getByText("待审核").waitFor();
      expect(await row.getByTestId("ageing").getAttribute("data-late")).toBe("false");
      await screenshot(r, "onboarding-review-queue");
      await row.getByTestId("queue-row-name").click();
      await r.locator("[data-testid=application-detail][data-status=submitted]").waitFor();
      expect(await r.getByTestId("detail-credit-code").innerText()).toBe(CREDIT_CODE);
      await r.getByTestId("review-start").click();
      await r.locator("[data-testid=application-detail][data-status=under_review]").waitFor();
      // The documents beside the data: the image inline, the PDFs to open.
      await r.locator("[data-testid=preview-legal_rep_id][data-preview=image] img").waitFor();
      expect(await r.locator("[data-testid=preview-legal_rep_id] img").evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(320);
      await r.locator("[data-testid=preview-food_licence][data-preview=pdf]").waitFor();
      await screenshot(r, "onboarding-review-detail");
      await r.getByTestId("review-reject").click();
      await r.getByTestId("flag-food_licence").click();
      await r.getByTestId("reason-food_licence").fill(REASON);
      await screenshot(r, "onboarding-review-send-back");
      await r.getByTestId("reject-submit").click();
      await r.locator("[data-testid=application-detail][data-status=rejected]").waitFor();

      // --- The applicant sees the reason, replaces the document and resubmits.
      await page.reload();
      const banner = page.locator("[data-testid=application-banner][data-status=rejected]");
      await banner.waitFor();
      expect(await page.getByTestId("rejection-reasons").innerText()).toContain(`食品经营许可证：${REASON}`);
      const flagged = page.locator("[data-testid=doc-food_licence][data-flagged=true]");
      await flagged.waitFor();
      expect(await page.getByTestId("problem-food_licence").innerText()).toContain(REASON);
      expect(await flagged.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe("rgb(255, 77, 79)");
      expect(await page.getByTestId("required-food_licence").getAttribute("data-state")).toBe("flagged");
      await page.getByTestId("history-reject").waitFor();
      await screenshot(page, "onboarding-sent-back");
      await page.getByTestId("replace-food_licence").click();
      expect(await page.getByTestId("upload-replacing-reason").innerText()).toContain(REASON);
      expect(await page.getByTestId("doc-number").inputValue()).toBe("JY13301060000000");
      await fillUpload(page, { number: "JY13301060000001", file: { name: "food-licence-clear.png", mimeType: "image/png", buffer: png(400, 260) } }, false);
      await page.locator("[data-testid=doc-food_licence][data-flagged=false]").waitFor();
      expect(await page.getByTestId("required-food_licence").getAttribute("data-state")).toBe("ok");
      await page.getByTestId("step-submit").click();
      expect(await page.getByTestId("application-submit").innerText()).toContain("重新提交审核");
      await page.getByTestId("application-submit").click();
      await page.locator("[data-testid=application-banner][data-status=submitted]").waitFor();
      await page.getByTestId("history-resubmit").waitFor();

      // --- The reviewer approves: the shop opens.
      await r.reload();
      await r.locator("[data-testid=application-detail][data-status=submitted]").waitFor();
      await r.getByTestId("review-start").click();
      await r.locator("[data-testid=application-detail][data-status=under_review]").waitFor();
      await r.locator("[data-testid=preview-food_licence][data-preview=image] img").waitFor();
      await r.getByTestId("review-approve").click();
      await r.getByTestId("approve-note").fill("资质齐全，核验无误");
      await r.getByTestId("approve-confirm").click();
      await r.getByTestId("detail-approved").waitFor();
      await r.getByTestId("history-approve").waitFor();
      await screenshot(r, "onboarding-review-approved");
      // The same page in English: statuses, events, document kinds translated.
      await r.getByTestId("lang-en-US").click();
      await r.getByTestId("detail-data").getByText("Unified social credit code").waitFor();
      await r.getByTestId("history-reject").getByText("Sent back for changes").waitFor();
      await r.getByTestId("review-doc-food_licence").getByText("Food business licence").waitFor();
      expect(await untranslatedKeys(r)).toEqual([]);
      await screenshot(r, "onboarding-review-approved-en");

      // --- The applicant reloads: approved; its own account now owns the shop.
      await page.reload();
      await page.locator("[data-testid=application-banner][data-status=approved]").waitFor();
      await seeText(page, `审核通过，店铺「${SHOP}」已开通！`);
      await screenshot(page, "onboarding-approved");
      await page.getByTestId("enter-portal").click();
      await page.waitForURL((u) => u.pathname === "/merchant");
      await page.getByTestId("merchant-dashboard").waitFor();
      expect(await page.getByTestId("shop-name").innerText()).toBe(SHOP);
      expect(await menuIds(page)).toEqual(["nav-dashboard", "nav-products", "nav-suppliers", "nav-inventory", "nav-orders", "nav-staff", "nav-qualifications", "nav-penalties", "nav-agreements", "nav-account"]);
      const me = (await (await page.request.get(`${world.url}/api/v1/auth/me`)).json()) as { user: { roles: string[]; merchantId: string | null } };
      expect(me.user.roles).toEqual(["merchant_owner"]);
      expect(me.user.merchantId).toBeTruthy();
      await screenshot(page, "onboarding-owner-dashboard");
      await expectClean(tab);
      await expectClean(reviewer);
    } finally {
      await reviewer.context.close();
    }
  }, 180_000);

  it("M1 a file whose content is not a PDF is refused whatever its name, with the translated message", async () => {
    const { tab, world } = file;
    const { page } = tab;
    await resetTab(tab);
    // An applicant with an application started: set up through the API (the page shares its cookies).
    await page.goto("/");
    const policy = (await (await page.request.get(`${world.url}/api/v1/privacy/policy`)).json()) as { version: string };
    const reg = await page.request.post(`${world.url}/api/v1/onboarding/register`, {
      data: { login: "m1-forger@xixi-longjing.example", password: PASSWORD, displayName: "伪造者 Forger", acceptPolicyVersion: policy.version },
    });
    expect(reg.status()).toBe(201);
    const started = await page.request.post(`${world.url}/api/v1/onboarding/application`, { data: { entityType: "individual", name: "伪造测试个体户", categories: ["home"] } });
    expect(started.status()).toBe(201);

    await page.goto("/merchant/application");
    await page.getByTestId("step-documents").click();
    await page.getByTestId("upload-business_licence").click();
    await fillUpload(page, { number: "L-1", file: { name: "licence.pdf", mimeType: "application/pdf", buffer: Buffer.from("This is plain text pretending to be a PDF.\n") } });
    const form = page.getByTestId("upload-form");
    await form.getByText("仅支持 PDF、JPEG、PNG、WebP 文件；平台会检查文件内容，仅修改扩展名的文件无法上传。").waitFor();
    await screenshot(page, "onboarding-forged-file");
    // Nothing was stored.
    await page.keyboard.press("Escape");
    await form.waitFor({ state: "detached" });
    expect(await page.getByTestId("required-business_licence").getAttribute("data-state")).toBe("missing");
    expect(await page.locator("[data-testid^=doc-business_licence]").count()).toBe(0);
    await expectClean(tab);
  });

  it("M2 merchant managers change the mandatory documents, reviewers only read them and see late applicants in red; an open shop has nothing to apply for", async () => {
    const { tab, world } = file;
    const { page } = tab;
    await resetTab(tab);
    await login(page, "admin");
    await page.getByTestId("nav-applications").click();
    await page.getByTestId("tab-requirements").click();
    await page.waitForURL("**/admin/applications/requirements");
    const table = page.getByTestId("req-table");
    await table.locator("tbody tr.ant-table-row").first().waitFor();
    const before = await table.locator("tbody tr.ant-table-row").count();
    // Apparel now also needs a brand authorisation.
    await page.getByTestId("req-add").click();
    const added = table.locator("tbody tr.ant-table-row").last();
    await added.getByTestId("req-category").click();
    await page.locator(".ant-select-dropdown:visible").getByText("服饰", { exact: true }).click();
    await added.getByTestId("req-kind").click();
    await page.locator(".ant-select-dropdown:visible").getByText("品牌授权书", { exact: true }).click();
    await screenshot(page, "onboarding-requirements-edit");
    await page.getByTestId("req-save").click();
    await seeText(page, "必备资质表已保存");
    expect(await table.locator("tbody tr.ant-table-row").count()).toBe(before + 1);
    const options = (await (await page.request.get(`${world.url}/api/v1/onboarding/options`)).json()) as { requirements: { entityType: string; category: string; documentKind: string }[] };
    expect(options.requirements).toContainEqual({ entityType: "*", category: "apparel", documentKind: "brand_authorisation" });
    await expectClean(tab);

    // Operations review applications but do not set the rules.
    await resetTab(tab);
    await login(page, "operations");
    await page.goto("/admin/applications/requirements");
    await page.getByTestId("req-read-only").waitFor();
    await table.getByText("品牌授权书").waitFor();
    expect(await page.getByTestId("req-save").count()).toBe(0);
    expect(await page.getByTestId("req-category").count()).toBe(0);
    await screenshot(page, "onboarding-requirements-read-only");
    await expectClean(tab);

    // A shop opened by the administrators directly, without an application: its owner has nothing to apply for.
    await resetTab(tab);
    await login(page, "admin");
    const created = await page.request.post(`${world.url}/api/v1/admin/merchants`, {
      data: { name: "直营样板店 Direct Shop", owner: { login: "m1-direct-owner@xixi-longjing.example", password: PASSWORD, displayName: "直营店主 Direct Owner" } },
    });
    expect(created.status()).toBe(201);
    await resetTab(tab);
    await login(page, "m1-direct-owner@xixi-longjing.example", PASSWORD);
    await page.goto("/merchant/application");
    await page.getByTestId("application-already-merchant").waitFor();
    expect(await page.getByTestId("entity-step").count()).toBe(0);
    await expectClean(tab);

    await resetTab(tab);
    await login(page, "operations");
    await page.goto("/admin/applications/requirements");
    await page.getByTestId("req-read-only").waitFor();

    // Ageing: an applicant waiting for more than a day is shown in red. Nobody has waited
    // that long on a fresh server: the server's answer is simulated.
    const submittedAt = new Date(Date.now() - 30 * 3_600_000).toISOString();
    await page.route("**/api/v1/admin/applications?**", (route) =>
      route.fulfill({
        json: {
          items: [{ id: "01900000-0000-7000-8000-000000000001", status: "submitted", name: "久等茶庄", entityType: "individual", creditCode: CREDIT_CODE, categories: ["tea"], submittedAt, waitingHours: 30 }],
          nextCursor: null,
        },
      }),
    );
    try {
      await page.getByTestId("tab-queue").click();
      const ageing = page.getByTestId("queue-table").locator("tr", { hasText: "久等茶庄" }).getByTestId("ageing");
      await ageing.waitFor();
      expect(await ageing.getAttribute("data-late")).toBe("true");
      expect(await ageing.innerText()).toContain("30 小时");
      expect(await ageing.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(207, 19, 34)");
    } finally {
      await page.unroute("**/api/v1/admin/applications?**");
    }
    await expectClean(tab);
  });
});
