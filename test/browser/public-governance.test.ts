import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectClean, fileTab, pickDate, resetTab, screenshot, seeText, shanghaiDate, signInAfresh } from "./browser.js";
import type { Tab } from "./browser.js";

// G1 G2 M4: what the platform publishes about itself and its shops. The operator's
// particulars in the footer and on /about (edited in the console), rule changes announced
// for comment with their notice period, and a shop's public page. Publishing and editing
// change what every other file sees: own server.
const file = fileTab({ ownServer: true });

const NEW_ICP = "浙ICP备2026009999号";
const COMMENT = "建议新条款的生效时间再推迟一周，方便商家调整售后流程。";

/** The shared check plus this part's own strings, which browser.ts's list of sections does not know. */
async function expectAllClean(tab: Tab): Promise<void> {
  const text = await tab.page.locator("body").innerText();
  expect(text.match(/\bpublicGov\.[A-Za-z_.]+/g) ?? []).toEqual([]);
  await expectClean(tab);
}

async function merchantId(page: Page, name: RegExp): Promise<string> {
  const res = await page.request.get("/api/v1/admin/merchants");
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: { id: string; name: string }[] };
  const shop = items.find((m) => name.test(m.name));
  expect(shop).toBeDefined();
  return shop!.id;
}

describe("the operator's particulars (G2)", () => {
  it("G2 the storefront footer and about page show the operator's licences, filings and complaint channels, edited in the admin console", async () => {
    const { tab } = file;
    const { page } = tab;
    await resetTab(tab);
    await page.goto("/");
    const footer = page.getByTestId("shop-footer");
    await footer.getByTestId("footer-licence").waitFor();
    const text = await footer.innerText();
    for (const fact of ["杭州商管网络科技有限公司", "400-800-2026", "service@shangguan.example", "浙B2-20260001", "91330106MA2SG00010", "浙ICP备2026000001号", "浙公网安备33010602000001号", "平台投诉热线", "https://www.12315.cn/"]) {
      expect(text).toContain(fact);
    }
    // The ICP filing links to the MIIT lookup, as the filing rules require.
    expect(await footer.getByRole("link", { name: "浙ICP备2026000001号" }).getAttribute("href")).toBe("https://beian.miit.gov.cn/");
    await screenshot(page, "public-gov-home-footer");
    await expectAllClean(tab);

    await footer.getByRole("link", { name: "关于我们" }).click();
    await page.waitForURL("**/about");
    await page.getByTestId("about-operator").getByText(/杭州商管网络科技有限公司/).waitFor();
    expect(await page.getByTestId("about-licences").innerText()).toContain("浙江省通信管理局");
    expect(await page.getByTestId("about-filings").innerText()).toContain("浙公网安备33010602000001号");
    expect(await page.getByTestId("about-contact").innerText()).toContain("09:00-21:00");
    expect(await page.getByTestId("about-complaints").innerText()).toContain("400-800-2026 转 2");
    await page.getByTestId("about-rules-link").waitFor();
    await screenshot(page, "public-gov-about");
    await expectAllClean(tab);

    // The operator's ICP number changes: the console edits it, every storefront page shows it.
    await signInAfresh(tab, "admin");
    await page.getByTestId("nav-operator").click();
    await page.waitForURL("**/admin/operator");
    const icp = page.getByTestId("filing-0-number");
    expect(await icp.inputValue()).toBe("浙ICP备2026000001号");
    await icp.fill(NEW_ICP);
    // A licence needs a number: the form says so before anything is sent.
    await page.getByTestId("licence-0-number").fill("");
    await page.getByTestId("operator-save").click();
    await seeText(page, "请填写此项");
    await page.getByTestId("licence-0-number").fill("浙B2-20260001");
    await page.getByTestId("operator-save").click();
    await page.getByTestId("operator-confirm").click();
    await seeText(page, "经营者信息已更新并公示");
    await screenshot(page, "public-gov-admin-operator");
    await expectAllClean(tab);

    await page.goto("/rules");
    const filings = page.getByTestId("footer-filings");
    await filings.getByText(NEW_ICP).waitFor();
    expect(await filings.innerText()).not.toContain("浙ICP备2026000001号");
    await expectAllClean(tab);

    // A fresh installation has published nothing yet: the pages say so, nothing looks broken.
    const empty = { companyName: "", licences: [], filings: [], contact: {}, complaintChannels: [], updatedAt: null };
    await page.route("**/api/v1/operator", (route) => route.fulfill({ json: empty }));
    try {
      await page.goto("/about");
      await page.getByTestId("about-empty").waitFor();
      await page.getByTestId("footer-not-published").waitFor();
      expect(await page.getByTestId("footer-licence").count()).toBe(0);
      await screenshot(page, "public-gov-about-empty");
    } finally {
      await page.unroute("**/api/v1/operator");
    }
    await expectAllClean(tab);
  });
});

describe("published rules and agreements (G1)", () => {
  it("G1 a rule change is announced for comment and cannot take effect in under 7 days", async () => {
    const { tab } = file;
    const { page } = tab;
    await signInAfresh(tab, "admin");
    await page.getByTestId("nav-policies").click();
    await page.getByTestId("admin-policy-merchant-agreement").waitFor();
    await page.getByTestId("policy-publish-merchant-agreement").click();
    await page.waitForURL("**/admin/policies/publish?key=merchant-agreement");
    // The form starts from the version in force.
    await page.getByTestId("publish-prefilled").waitFor();
    expect(await page.getByTestId("publish-title-zh").inputValue()).toBe("商管平台商家入驻协议");
    expect(await page.getByTestId("section-0-key").inputValue()).toBe("truth");
    const picker = page.getByTestId("publish-effective");
    const byDefault = await picker.inputValue();
    // The demo announced 2026-12 to take effect in 10 days: a newer version comes after it.
    expect(byDefault).toContain(shanghaiDate(10));

    await page.getByTestId("publish-version").fill("2027-01");
    await page.getByTestId("publish-summary").fill("新增退货运费条款。Return shipping costs explained.");
    await page.getByTestId("section-add").click();
    const last = (await page.locator("[data-testid^=section-editor-]").count()) - 1;
    await page.getByTestId(`section-${last}-key`).fill("return-shipping");
    await page.getByTestId(`section-${last}-zh`).fill("**退货运费**：七日无理由退货的运费由买家承担，*质量问题*除外。");
    await page.getByTestId(`section-${last}-en`).fill("**Return shipping**: the buyer pays for 7-day no-reason returns, except *quality problems*.");
    // The preview renders the Markdown as it is typed.
    await page.getByTestId(`section-${last}-zh-preview`).locator("strong", { hasText: "退货运费" }).waitFor();

    // Three days' notice is too short: the server refuses, the form says why.
    await pickDate(picker, `${shanghaiDate(3)} 10:00`);
    await page.getByTestId("publish-submit").click();
    await page.getByTestId("publish-confirm").click();
    const error = page.getByTestId("publish-error");
    await error.waitFor();
    expect(await error.innerText()).toContain("公示期不足：最早可于");
    await screenshot(page, "public-gov-admin-publish");
    await expectAllClean(tab);

    // With the default date (right after the version already announced) it is published.
    await pickDate(picker, byDefault);
    await page.getByTestId("publish-submit").click();
    await page.getByTestId("publish-confirm").click();
    await page.waitForURL((u) => u.pathname === "/admin/policies");
    await seeText(page, /^已发布，将于/);
    await page.getByTestId("admin-policy-merchant-agreement").getByText(/^2027-01 · /).waitFor();
    await expectAllClean(tab);

    // The public rules page lists it as announced, with its date and the days left.
    await page.goto("/rules");
    const announced = page.getByTestId("policy-upcoming-merchant-agreement-2027-01");
    await announced.waitFor();
    const line = await announced.innerText();
    expect(line).toContain("公示中");
    expect(line).toContain(`将于 ${shanghaiDate(10)}`);
    expect(line).toContain("还有 10 天");
    expect(line).toContain("0 条意见");
    await screenshot(page, "public-gov-rules");
    await expectAllClean(tab);

    // A visitor is asked to log in before commenting.
    await resetTab(tab);
    await page.goto("/rules/merchant-agreement/2027-01");
    await page.getByTestId("version-open-banner").waitFor();
    expect(await page.getByTestId("comment-login").innerText()).toContain("登录后发表意见");

    // A buyer comments; the comment appears on the version page.
    await signInAfresh(tab, "buyer@example.com");
    await page.goto("/rules");
    await page.getByTestId("policy-comment-merchant-agreement-2027-01").click();
    await page.waitForURL("**/rules/merchant-agreement/2027-01");
    await page.getByTestId("version-text").getByText(/七日无理由退货的运费由买家承担/).waitFor();
    await page.getByTestId("comment-input").fill("好");
    await page.getByTestId("comment-submit").click();
    await seeText(page, "意见至少 2 个字");
    await page.getByTestId("comment-input").fill(COMMENT);
    await page.getByTestId("comment-submit").click();
    await seeText(page, "意见已提交，感谢您的反馈");
    const comment = page.getByTestId("comment").filter({ hasText: COMMENT });
    await comment.waitFor();
    expect(await comment.getByTestId("comment-author").innerText()).toContain("张三");
    await screenshot(page, "public-gov-rule-version");
    await expectAllClean(tab);

    // The document's page shows the version in force and the announced one in its history.
    await page.goto("/rules/merchant-agreement");
    await page.getByTestId("policy-text").getByText(/72 小时内发货/).waitFor();
    await page.getByTestId("announced-2027-01").waitFor();
    const history = await page.getByTestId("policy-history").innerText();
    for (const version of ["2027-01", "2026-12", "2026-01"]) expect(history).toContain(`版本 ${version}`);
    await screenshot(page, "public-gov-rule-document");
    await expectAllClean(tab);
  });
});

describe("a shop's public page (M4)", () => {
  it("M4 a shop's public page shows licence, contact, after-sales and complaint channels", async () => {
    const { tab } = file;
    const { page } = tab;
    await signInAfresh(tab, "admin");
    const tea = await merchantId(page, /西湖茶舍/);
    const bamboo = await merchantId(page, /竹韵家居/);
    // A suspended shop says so to its visitors.
    const endsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const suspended = await page.request.post(`/api/v1/admin/merchants/${bamboo}/penalties`, {
      data: { kind: "suspension", reason: "虚假发货记录 Fake shipping records", evidence: "巡检记录 2026-11 第 20 号 Inspection record #20", endsAt },
    });
    expect(suspended.status()).toBe(201);

    await resetTab(tab);
    await page.goto(`/shops/${tea}`);
    expect(await page.getByTestId("shop-page-name").innerText()).toBe("西湖茶舍 West Lake Tea House");
    expect(await page.getByTestId("shop-status").innerText()).toBe("营业中");
    expect(await page.getByTestId("shop-not-selling").count()).toBe(0);
    const licence = await page.getByTestId("shop-licence").innerText();
    for (const fact of ["统一社会信用代码", "91330106MA2H7T9X1", "浙江省杭州市西湖区文三路 90 号", "BUSINESS_LICENCE-H7T9X1", "杭州市市场监督管理局", "2024-01-01 至 2029-12-31"]) {
      expect(licence).toContain(fact);
    }
    expect(await page.getByTestId("shop-contact").innerText()).toContain("0571-88886666");
    expect(await page.getByTestId("shop-after-sales").innerText()).toContain("支持七日无理由退货");
    const complaints = await page.getByTestId("shop-complaints").innerText();
    expect(complaints).toContain("0571-88886666");
    expect(complaints).toContain("平台投诉热线");
    expect(await page.getByTestId("shop-rating").innerText()).toContain("暂无评分");
    // What the shop has on sale, and nothing of other shops.
    const onSale = await page.getByTestId("shop-products-grid").innerText();
    expect(onSale).toContain("西湖龙井");
    expect(onSale).not.toContain("竹");
    await screenshot(page, "public-gov-shop");
    await expectAllClean(tab);

    await page.getByTestId("shop-platform-complaints").click();
    await page.waitForURL("**/about#complaints");
    await page.getByTestId("about-complaints").waitFor();

    await page.goto(`/shops/${bamboo}`);
    const notice = page.getByTestId("shop-not-selling");
    await notice.waitFor();
    expect(await notice.innerText()).toContain("该店铺暂停销售");
    expect(await page.getByTestId("shop-status").innerText()).toBe("暂停营业");
    await screenshot(page, "public-gov-shop-suspended");

    // A shop that does not exist gets a friendly page, not an error.
    await page.goto("/shops/0193f000-0000-7000-8000-00000000ffff");
    await seeText(page, "店铺不存在");
    await page.goto("/shops/not-a-shop");
    await page.getByTestId("not-found").waitFor();
    await expectAllClean(tab);

    // The same page in English.
    await page.evaluate(() => window.localStorage.setItem("sg.lang", "en-US"));
    await page.goto(`/shops/${tea}`);
    await seeText(page, "No rating yet");
    await seeText(page, "Unified social credit code");
    await page.getByTestId("shop-footer").getByText("About", { exact: true }).waitFor();
    await screenshot(page, "public-gov-shop-en");
    await expectAllClean(tab);
  });
});
