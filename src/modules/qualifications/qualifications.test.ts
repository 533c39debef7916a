import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { assertCanSell } from "../penalties/index.js";
import { checkQualifications } from "./service.js";

// The demo's tea house holds a food licence (mandatory for tea and food) that runs out
// 20 days after the demo was seeded; the clock starts on 2026-01-05, so on 2026-01-25.
let w: World;
let tea: string;
let teaId: string;
let ops: string;
beforeAll(async () => {
  w = await world({ seed: true });
  tea = await w.loginAs("owner@tea-house.example");
  ops = await w.loginAs("operations");
  teaId = (await w.http("GET", "/api/v1/merchant/shop", { token: tea })).body.id;
});
afterAll(async () => { await w?.close(); });

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const relogin = async () => { tea = await w.loginAs("owner@tea-house.example"); ops = await w.loginAs("operations"); };
const overview = async () => (await w.http("GET", "/api/v1/merchant/qualifications", { token: tea })).body;
const foodLicence = async () => (await overview()).documents.find((d: { kind: string }) => d.kind === "food_licence");
const openTasks = async (token: string, url: string) => (await w.http("GET", `${url}?status=open`, { token })).body.items as { kind: string; subjectId: string; merchantId: string }[];

describe("M3 expiry, renewal and re-verification", () => {
  it("M3 a document expiring within the warning window raises one task for the merchant and one for the platform", async () => {
    const licence = await foodLicence();
    expect(licence).toMatchObject({ state: "expiring", daysLeft: 20, mandatory: true });
    const merchantTasks = (await openTasks(tea, "/api/v1/merchant/tasks")).filter((t) => t.kind === "document_expiring");
    const platformTasks = (await openTasks(ops, "/api/v1/admin/tasks")).filter((t) => t.kind === "document_expiring" && t.merchantId === teaId);
    expect(merchantTasks.map((t) => t.subjectId)).toEqual([licence.id]);
    expect(platformTasks.map((t) => t.subjectId)).toEqual([licence.id]);
    // The daily check runs every day; the warning is not repeated.
    await checkQualifications(w.services);
    expect((await openTasks(tea, "/api/v1/merchant/tasks")).filter((t) => t.kind === "document_expiring")).toHaveLength(1);
  });

  it("M3 days are counted in China time: half an hour after midnight in Shanghai a day fewer is left", async () => {
    w.clock.set("2026-01-05T23:59:00+08:00");
    await relogin();
    expect(await foodLicence()).toMatchObject({ daysLeft: 20 });
    w.clock.set("2026-01-06T00:30:00+08:00"); // still 2026-01-05 in UTC
    expect(await foodLicence()).toMatchObject({ state: "expiring", daysLeft: 19 });
  });

  it("M3 a renewal with a forged extension is refused", async () => {
    const licence = await foodLicence();
    const r = await w.upload("/api/v1/merchant/qualifications/renewals", tea, { kind: "food_licence", number: "JY-2031", issuer: "杭州市市场监督管理局", validFrom: "2026-01-20", replaces: licence.id },
      { name: "licence.pdf", content: "MZ\x90\x00 this is an executable renamed to .pdf" });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("FILE_TYPE_NOT_ALLOWED");
    const wrongKind = await w.upload("/api/v1/merchant/qualifications/renewals", tea, { kind: "business_licence", number: "X-1", issuer: "局", validFrom: "2026-01-20", replaces: licence.id }, { name: "l.pdf", content: PDF });
    expect(wrongKind.body.error.code).toBe("RENEWAL_KIND_MISMATCH");
    expect((await overview()).renewals).toHaveLength(0);
  });

  it("M3 an expired mandatory document suspends selling until the renewed document is approved", async () => {
    // The daily job, as scheduled: the day after the licence's last valid day.
    await w.jobs.scheduleRecurring();
    w.clock.set("2026-01-26T00:30:00Z");
    expect(await w.jobs.runDue()).toBeGreaterThan(0);
    await relogin();
    const held = await overview();
    expect(held.holdSince).not.toBeNull();
    expect(held.documents.find((d: { kind: string }) => d.kind === "food_licence").state).toBe("expired");
    expect((await w.http("GET", "/api/v1/merchant/standing", { token: tea })).body).toMatchObject({ status: "suspended", canList: false, canSell: false });
    expect((await w.http("GET", `/api/v1/shops/${teaId}`)).body).toMatchObject({ status: "suspended", selling: false });
    await expect(assertCanSell(w.services.db, teaId, w.clock.now())).rejects.toMatchObject({ code: "MERCHANT_CANNOT_SELL" });
    const kinds = (await openTasks(tea, "/api/v1/merchant/tasks")).map((t) => t.kind);
    expect(kinds).toContain("document_expired");
    expect(kinds).not.toContain("document_expiring");

    // The merchant uploads the renewed licence; the hold stays until a reviewer approves it.
    const old = await foodLicence();
    const renewal = await w.upload("/api/v1/merchant/qualifications/renewals", tea,
      { kind: "food_licence", number: "JY-2031", issuer: "杭州市市场监督管理局", validFrom: "2026-01-20", validUntil: "2031-01-19", replaces: old.id }, { name: "licence.pdf", content: PDF });
    expect(renewal.status).toBe(201);
    const again = await w.upload("/api/v1/merchant/qualifications/renewals", tea,
      { kind: "food_licence", number: "JY-2031", issuer: "杭州市市场监督管理局", validFrom: "2026-01-20", replaces: old.id }, { name: "licence.pdf", content: PDF });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("RENEWAL_PENDING");
    expect((await w.http("GET", "/api/v1/merchant/standing", { token: tea })).body.canSell).toBe(false);

    const queue = (await w.http("GET", "/api/v1/admin/qualification-renewals", { token: ops })).body.items;
    expect(queue.map((r: { id: string }) => r.id)).toContain(renewal.body.id);
    const forReview = (await w.http("GET", `/api/v1/admin/qualification-renewals/${renewal.body.id}`, { token: ops })).body;
    expect(forReview.replaces).toMatchObject({ id: old.id, validUntil: "2026-01-25" });
    const file = await w.http("GET", `/api/v1/admin/qualification-renewals/${renewal.body.id}/file`, { token: ops });
    expect(file.headers["content-type"]).toBe("application/pdf");
    // Never cached; framed only by the platform's own review pages.
    expect(file.headers["cache-control"]).toBe("private, no-store");
    expect(file.headers["content-security-policy"]).toContain("frame-ancestors 'self'");
    const approved = await w.http("POST", `/api/v1/admin/qualification-renewals/${renewal.body.id}/approve`, { token: ops });
    expect(approved.body.status).toBe("approved");

    const after = await overview();
    expect(after.holdSince).toBeNull();
    expect(after.documents.find((d: { kind: string }) => d.kind === "food_licence")).toMatchObject({ number: "JY-2031", validUntil: "2031-01-19", state: "valid" });
    expect((await w.http("GET", "/api/v1/merchant/standing", { token: tea })).body).toMatchObject({ status: "active", canSell: true });
    expect((await openTasks(tea, "/api/v1/merchant/tasks")).filter((t) => t.kind.startsWith("document_"))).toEqual([]);
    const audit = (await w.http("GET", "/api/v1/admin/audit?entityType=merchant", { token: await w.loginAs("auditor") })).body.items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(expect.arrayContaining(["merchant.qualification_hold", "qualification.renewal_approve", "merchant.qualification_hold_lifted"]));
  });

  it("M3 every approved merchant gets a re-verification every 6 months, with its own review", async () => {
    // Approved on 2026-01-05: due on 2026-07-05, opened a warning window (30 days) before.
    w.clock.set("2026-06-01T00:00:00Z");
    await checkQualifications(w.services);
    await relogin();
    expect((await overview()).reverifications).toEqual([]);
    w.clock.set("2026-06-06T00:00:00Z");
    await checkQualifications(w.services);
    await relogin();
    const [rev] = (await overview()).reverifications;
    expect(rev).toMatchObject({ status: "due", dueAt: "2026-07-05T01:00:00.000Z" });
    expect((await openTasks(tea, "/api/v1/merchant/tasks")).map((t) => t.kind)).toContain("reverification_due");
    expect((await openTasks(ops, "/api/v1/admin/tasks")).filter((t) => t.kind === "reverification" && t.merchantId === teaId)).toHaveLength(1);
    await checkQualifications(w.services);
    expect((await overview()).reverifications).toHaveLength(1);

    // Nothing to decide until the merchant has confirmed its data.
    const early = await w.http("POST", `/api/v1/admin/reverifications/${rev.id}/decision`, { token: ops, body: { decision: "pass" } });
    expect(early.body.error.code).toBe("INVALID_TRANSITION");
    expect((await w.http("POST", "/api/v1/merchant/qualifications/reverification", { token: tea, body: { note: "地址与法定代表人未变更" } })).body.status).toBe("submitted");
    const noReason = await w.http("POST", `/api/v1/admin/reverifications/${rev.id}/decision`, { token: ops, body: { decision: "return" } });
    expect(noReason.body.error.code).toBe("REASON_REQUIRED");
    expect((await w.http("POST", `/api/v1/admin/reverifications/${rev.id}/decision`, { token: ops, body: { decision: "return", reason: "请补充最新的营业执照年报截图" } })).body.status).toBe("returned");
    expect((await w.http("POST", "/api/v1/merchant/qualifications/reverification", { token: tea, body: { note: "已补充" } })).body.status).toBe("submitted");
    const passed = await w.http("POST", `/api/v1/admin/reverifications/${rev.id}/decision`, { token: ops, body: { decision: "pass" } });
    expect(passed.body.status).toBe("passed");
    expect((await openTasks(ops, "/api/v1/admin/tasks")).filter((t) => t.kind === "reverification" && t.merchantId === teaId)).toEqual([]);

    // The next one comes 6 months after this one passed, not after the first approval.
    w.clock.set("2026-11-01T00:00:00Z");
    await checkQualifications(w.services);
    expect((await w.http("GET", "/api/v1/admin/reverifications", { token: await w.loginAs("operations") })).body.items.filter((r: { merchantId: string }) => r.merchantId === teaId)).toEqual([]);
    w.clock.set("2026-11-07T00:00:00Z");
    await checkQualifications(w.services);
    const open = (await w.http("GET", "/api/v1/admin/reverifications", { token: await w.loginAs("operations") })).body.items.filter((r: { merchantId: string }) => r.merchantId === teaId);
    expect(open).toEqual([expect.objectContaining({ status: "due", dueAt: "2026-12-06T00:00:00.000Z" })]);
  });
});
