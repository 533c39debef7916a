import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { creditCodeCheckChar, creditCodeProblem, residentIdProblem } from "./rules.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
const code = (first17: string) => first17 + creditCodeCheckChar(first17);

async function applicant(login: string) {
  const r = await w.http("POST", "/api/v1/onboarding/register", { body: { login, password: "Apply#Pass2026x", displayName: "申请人", acceptPolicyVersion: "2026-01" } });
  expect(r.status).toBe(201);
  return r.body.token as string;
}

const entity = (creditCode: string, categories = ["tea"]) => ({
  entityType: "enterprise", name: "杭州龙井茶业有限公司", creditCode, legalRepName: "王龙井", legalRepIdNumber: "11010519491231002X",
  contactName: "王经理", contactPhone: "13905710000", contactEmail: "tea@example.com", address: "浙江省杭州市西湖区龙井路 1 号", categories,
});
const doc = (kind: string, extra: Record<string, string> = {}) => ({ kind, number: `${kind.toUpperCase()}-001`, issuer: "杭州市市场监督管理局", validFrom: "2025-01-01", validUntil: "2030-12-31", ...extra });

describe("M1 credit code and identity checks", () => {
  it("M1 validates the unified social credit code with its GB 32100 check character", () => {
    expect(creditCodeProblem("91350100M000100Y43")).toBeNull(); // the standard's own example
    expect(creditCodeProblem("91350100M000100Y44")).toMatch(/check character/);
    expect(creditCodeProblem("91350100M000100I43")).toMatch(/18 characters/);
    expect(creditCodeProblem("9135010")).toMatch(/18 characters/);
    expect(creditCodeProblem(code("91330106MA2C3D4E5"))).toBeNull();
  });
  it("M1 validates the legal representative's resident ID number", () => {
    expect(residentIdProblem("11010519491231002X")).toBeNull();
    expect(residentIdProblem("110105194912310021")).toMatch(/does not match/);
  });
});

describe("M1 M2 M5 application and review", () => {
  it("M1 M2 M5 an applicant applies, a reviewer rejects one document, the applicant fixes it and the shop opens on approval", async () => {
    let token = await applicant("founder@longjing.example");
    const bad = await w.http("POST", "/api/v1/onboarding/application", { token, body: entity("91350100M000100Y44") });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "APPLICATION_FIELDS_INVALID", details: { problems: [{ field: "creditCode" }] } });

    const created = await w.http("POST", "/api/v1/onboarding/application", { token, body: entity(code("91330106MA2C3D4E5")) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "draft", legalRepIdNumber: "110***********002X", contactPhone: "139****0000" });
    // Tea needs a food operation licence on top of the licence and the legal representative's ID.
    expect(created.body.missingDocuments).toEqual(["business_licence", "food_licence", "legal_rep_id"]);

    const early = await w.http("POST", "/api/v1/onboarding/application/submit", { token });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("APPLICATION_INCOMPLETE");
    expect(early.body.error.details.problems.map((p: { field?: string }) => p.field)).toEqual(expect.arrayContaining(["agreement", "documents.business_licence", "documents.food_licence", "documents.legal_rep_id"]));

    expect((await w.upload("/api/v1/onboarding/application/documents", token, doc("business_licence"), { name: "licence.pdf", content: PDF })).status).toBe(201);
    expect((await w.upload("/api/v1/onboarding/application/documents", token, doc("legal_rep_id"), { name: "id.png", content: PNG })).status).toBe(201);
    const food = await w.upload("/api/v1/onboarding/application/documents", token, doc("food_licence"), { name: "food.pdf", content: PDF });
    expect(food.body.missingDocuments).toEqual([]);

    const outdated = await w.http("POST", "/api/v1/onboarding/application/agreement", { token, body: { version: "2020-01" } });
    expect(outdated.body.error.code).toBe("AGREEMENT_VERSION_OUTDATED");
    const accepted = await w.http("POST", "/api/v1/onboarding/application/agreement", { token, body: { version: "2026-01" } });
    expect(accepted.body.agreementVersion).toBe("2026-01");

    const submitted = await w.http("POST", "/api/v1/onboarding/application/submit", { token });
    expect(submitted.body.status).toBe("submitted");
    const locked = await w.http("PATCH", "/api/v1/onboarding/application", { token, body: { name: "改名" } });
    expect(locked.body.error.code).toBe("APPLICATION_LOCKED");

    w.clock.advance({ hours: 5 });
    const reviewer = await w.loginAs("operations");
    const queue = await w.http("GET", "/api/v1/admin/applications", { token: reviewer });
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    const item = queue.body.items.find((a: { name: string }) => a.name === "杭州龙井茶业有限公司");
    expect(item).toMatchObject({ status: "submitted", waitingHours: 5 });
    const appId = item.id as string;
    const cannotApproveYet = await w.http("POST", `/api/v1/admin/applications/${appId}/approve`, { token: reviewer, body: {} });
    expect(cannotApproveYet.body.error.code).toBe("INVALID_TRANSITION");
    expect((await w.http("POST", `/api/v1/admin/applications/${appId}/start-review`, { token: reviewer })).body.status).toBe("under_review");
    const detail = await w.http("GET", `/api/v1/admin/applications/${appId}`, { token: reviewer });
    const foodDoc = detail.body.documents.find((d: { kind: string }) => d.kind === "food_licence");
    const file = await w.http("GET", `/api/v1/admin/application-documents/${foodDoc.id}/file`, { token: reviewer });
    expect(file.status).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");

    const noReason = await w.http("POST", `/api/v1/admin/applications/${appId}/reject`, { token: reviewer, body: { problems: [] } });
    expect(noReason.status).toBe(400);
    const rejected = await w.http("POST", `/api/v1/admin/applications/${appId}/reject`, { token: reviewer, body: { problems: [{ documentId: foodDoc.id, reason: "许可证照片模糊，无法辨认编号" }] } });
    expect(rejected.body.status).toBe("rejected");

    token = await w.loginAs("founder@longjing.example", "Apply#Pass2026x");
    const seen = await w.http("GET", "/api/v1/onboarding/application", { token });
    expect(seen.body.documents.find((d: { id: string }) => d.id === foodDoc.id).problem).toBe("许可证照片模糊，无法辨认编号");
    const notFixed = await w.http("POST", "/api/v1/onboarding/application/submit", { token });
    expect(notFixed.body.error.code).toBe("APPLICATION_INCOMPLETE");
    await w.upload("/api/v1/onboarding/application/documents", token, doc("food_licence", { replaces: foodDoc.id, number: "JY13301060000001" }), { name: "food-clear.pdf", content: PDF });
    expect((await w.http("POST", "/api/v1/onboarding/application/submit", { token })).body.status).toBe("submitted");

    await w.http("POST", `/api/v1/admin/applications/${appId}/start-review`, { token: reviewer });
    const approved = await w.http("POST", `/api/v1/admin/applications/${appId}/approve`, { token: reviewer, body: { note: "资质齐全" } });
    expect(approved.body.status).toBe("approved");
    expect(approved.body.merchantId).toBeTruthy();
    expect(approved.body.history.map((h: { event: string }) => h.event)).toEqual(["create", "submit", "startReview", "reject", "resubmit", "startReview", "approve"]);
    expect(approved.body.history[3].problems).toEqual([{ documentId: foodDoc.id, reason: "许可证照片模糊，无法辨认编号" }]);

    // The applicant's account is now the owner of the new shop.
    const owner = await w.loginAs("founder@longjing.example", "Apply#Pass2026x");
    const me = await w.http("GET", "/api/v1/auth/me", { token: owner });
    expect(me.body.user).toMatchObject({ kind: "merchant", merchantId: approved.body.merchantId, roles: ["merchant_owner"] });
    expect((await w.http("GET", "/api/v1/merchant/shop", { token: owner })).body).toMatchObject({ name: "杭州龙井茶业有限公司", status: "active" });
    const second = await w.http("POST", "/api/v1/onboarding/application", { token: owner, body: { name: "第二家" } });
    expect(second.body.error.code).toBe("ALREADY_MERCHANT");
    const audit = await w.http("GET", "/api/v1/admin/audit?action=application.", { token: await w.loginAs("admin") });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain("application.approve");
  });

  it("M1 refuses uploads whose content is not PDF, JPEG, PNG or WebP, whatever their name", async () => {
    const token = await applicant("forger@example.com");
    await w.http("POST", "/api/v1/onboarding/application", { token, body: { entityType: "individual", name: "个体户" } });
    const forged = await w.upload("/api/v1/onboarding/application/documents", token, doc("business_licence"), { name: "licence.pdf", content: "MZ\x90\x00 this is an executable" });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe("FILE_TYPE_NOT_ALLOWED");
    const html = await w.upload("/api/v1/onboarding/application/documents", token, doc("business_licence"), { name: "licence.png", content: "<html><script>alert(1)</script></html>" });
    expect(html.body.error.code).toBe("FILE_TYPE_NOT_ALLOWED");
    const big = await w.upload("/api/v1/onboarding/application/documents", token, doc("business_licence"), { name: "big.pdf", content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) });
    expect(big.status).toBe(413);
    const badDates = await w.upload("/api/v1/onboarding/application/documents", token, doc("business_licence", { validUntil: "2020-01-01" }), { name: "l.pdf", content: PDF });
    expect(badDates.body.error.code).toBe("DOCUMENT_DATES_INVALID");
    const badKind = await w.upload("/api/v1/onboarding/application/documents", token, doc("passport"), { name: "l.pdf", content: PDF });
    expect(badKind.body.error.code).toBe("VALIDATION_FAILED");
    const app = await w.http("GET", "/api/v1/onboarding/application", { token });
    expect(app.body.documents).toEqual([]);
  });

  it("M2 which documents are mandatory follows the administrators' rule table", async () => {
    const admin = await w.loginAs("admin");
    const table = (await w.http("GET", "/api/v1/admin/document-requirements", { token: admin })).body.items;
    const token = await applicant("apparel@example.com");
    const app = await w.http("POST", "/api/v1/onboarding/application", { token, body: { entityType: "enterprise", categories: ["apparel"] } });
    expect(app.body.requiredDocuments).toEqual(["business_licence", "legal_rep_id"]);
    const changed = await w.http("PUT", "/api/v1/admin/document-requirements", { token: admin, body: { items: [...table, { entityType: "*", category: "apparel", documentKind: "brand_authorisation" }] } });
    expect(changed.status).toBe(200);
    expect((await w.http("GET", "/api/v1/onboarding/application", { token })).body.requiredDocuments).toEqual(["brand_authorisation", "business_licence", "legal_rep_id"]);
    expect((await w.http("PUT", "/api/v1/admin/document-requirements", { token: await w.loginAs("operations"), body: { items: [] } })).status).toBe(403);
  });

  it("M3 an expired document keeps the application from being submitted", async () => {
    const token = await applicant("expiring@example.com");
    await w.http("POST", "/api/v1/onboarding/application", { token, body: entity(code("91330106MA2C3D4E6"), ["home"]) });
    await w.upload("/api/v1/onboarding/application/documents", token, doc("business_licence", { validUntil: "2026-01-10" }), { name: "l.pdf", content: PDF });
    await w.upload("/api/v1/onboarding/application/documents", token, doc("legal_rep_id"), { name: "id.pdf", content: PDF });
    await w.http("POST", "/api/v1/onboarding/application/agreement", { token, body: { version: "2026-01" } });
    w.clock.advance({ days: 10 });
    const r = await w.http("POST", "/api/v1/onboarding/application/submit", { token: await w.loginAs("expiring@example.com", "Apply#Pass2026x") });
    expect(r.body.error.code).toBe("APPLICATION_INCOMPLETE");
    expect(r.body.error.message).toMatch(/expired on 2026-01-10/);
  });

  it("M1 no applicant can see another's application or documents", async () => {
    const a = await applicant("alpha@example.com");
    await w.http("POST", "/api/v1/onboarding/application", { token: a, body: { entityType: "enterprise", name: "Alpha" } });
    const up = await w.upload("/api/v1/onboarding/application/documents", a, doc("business_licence"), { name: "a.pdf", content: PDF });
    const docId = up.body.documents[0].id as string;
    const b = await applicant("beta@example.com");
    expect((await w.http("GET", "/api/v1/onboarding/application", { token: b })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/onboarding/application/documents/${docId}/file`, { token: b })).status).toBe(404);
    expect((await w.http("DELETE", `/api/v1/onboarding/application/documents/${docId}`, { token: b })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/admin/application-documents/${docId}/file`, { token: b })).status).toBe(403);
    const owner = await w.loginAs("owner@bamboo.example");
    expect((await w.http("GET", `/api/v1/onboarding/application/documents/${docId}/file`, { token: owner })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/onboarding/application/documents/${docId}/file`, { token: a })).status).toBe(200);
  });
});
