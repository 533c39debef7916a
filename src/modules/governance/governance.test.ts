import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

const inDays = (n: number) => new Date(w.clock.now().getTime() + n * 86_400_000).toISOString();
const privacyV2 = (effectiveFrom?: string) => ({
  version: "2026-03", title: { zh: "商管平台隐私政策", en: "Shangguan Privacy Policy" }, summary: "新增设备信息用途说明 Device data use explained",
  sections: [{ key: "scope", zh: "仅收集必要信息。", en: "Only what is necessary." }, { key: "device", zh: "**设备信息**仅用于账户安全。", en: "**Device data** only for account security." }],
  ...(effectiveFrom && { effectiveFrom }),
});

describe("G1 published rules and agreements", () => {
  it("G1 two administrators publishing the same version at the same moment: one version is published, the other is told it exists", async () => {
    const admin = await w.loginAs("admin");
    const body = { ...privacyV2(), version: "2026-09", title: { zh: "服务条款", en: "Terms of service" } };
    const both = await Promise.all([1, 2].map(() => w.http("POST", "/api/v1/admin/policies/service-terms/versions", { token: admin, body })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(["POLICY_VERSION_EXISTS", "ALREADY_EXISTS"]).toContain(both.find((r) => r.status === 409)!.body.error.code);
  });

  it("G1 a change cannot take effect in under 7 days; it is announced, then binds from its date", async () => {
    const admin = await w.loginAs("admin");
    const early = await w.http("POST", "/api/v1/admin/policies/privacy-policy/versions", { token: admin, body: privacyV2(inDays(3)) });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("POLICY_NOTICE_TOO_SHORT");
    expect(early.body.error.details.earliest).toBe(inDays(7));
    expect((await w.http("POST", "/api/v1/admin/policies/privacy-policy/versions", { token: await w.loginAs("operations"), body: privacyV2() })).status).toBe(403);

    const published = await w.http("POST", "/api/v1/admin/policies/privacy-policy/versions", { token: admin, body: privacyV2() });
    expect(published.status).toBe(201);
    expect(published.body.effectiveFrom).toBe(inDays(7));
    const again = await w.http("POST", "/api/v1/admin/policies/privacy-policy/versions", { token: admin, body: privacyV2() });
    expect(again.body.error.code).toBe("POLICY_VERSION_EXISTS");
    // A newer version cannot take effect before the one already announced.
    const jump = await w.http("POST", "/api/v1/admin/policies/privacy-policy/versions", { token: admin, body: { ...privacyV2(inDays(7)), version: "2026-04" } });
    expect(jump.status).toBe(409);
    expect(jump.body.error.code).toBe("POLICY_EFFECTIVE_ORDER");
    expect(jump.body.error.details.earliest).toBe(new Date(Date.parse(published.body.effectiveFrom) + 60_000).toISOString());

    // Announced, not yet binding: registration still consents to the version in force.
    const index = (await w.http("GET", "/api/v1/policies")).body.items.find((d: { documentKey: string }) => d.documentKey === "privacy-policy");
    expect(index).toMatchObject({ current: { version: "2026-01" }, upcoming: [{ version: "2026-03", comments: 0 }] });
    expect((await w.http("GET", "/api/v1/privacy/policy")).body.version).toBe("2026-01");

    w.clock.advance({ days: 7 });
    expect((await w.http("GET", "/api/v1/privacy/policy")).body.version).toBe("2026-03");
    const stale = await w.http("POST", "/api/v1/auth/register", { body: { login: "g1-late@example.com", password: "Strong#Pass2026", displayName: "G1", acceptPolicyVersion: "2026-01" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("POLICY_VERSION_OUTDATED");
    const doc = (await w.http("GET", "/api/v1/policies/privacy-policy")).body;
    expect(doc.history.map((h: { version: string; inForce: boolean }) => [h.version, h.inForce])).toEqual([["2026-01", false], ["2026-03", true]]);
  });

  it("G1 comments are taken while a version is announced and refused once it is in force", async () => {
    const admin = await w.loginAs("admin");
    await w.http("POST", "/api/v1/admin/policies/listing-rules/versions", {
      token: admin, body: { version: "1", title: { zh: "商品发布规则", en: "Listing rules" }, summary: "First edition", sections: [{ key: "terms", zh: "禁止使用绝对化用语。", en: "No absolute terms." }] },
    });
    const buyer = await w.loginAs("buyer@example.com");
    const anonymous = await w.http("POST", "/api/v1/policies/listing-rules/versions/1/comments", { body: { body: "Good rule" } });
    expect(anonymous.status).toBe(401);
    const comment = await w.http("POST", "/api/v1/policies/listing-rules/versions/1/comments", { token: buyer, body: { body: "请给出绝对化用语的完整清单。Please publish the full list." } });
    expect(comment.status).toBe(201);
    const version = (await w.http("GET", "/api/v1/policies/listing-rules/versions/1")).body;
    expect(version).toMatchObject({ open: true, comments: [{ author: expect.stringContaining("张三"), authorKind: "buyer", body: expect.stringContaining("完整清单") }] });
    w.clock.advance({ days: 8 });
    const closed = await w.http("POST", "/api/v1/policies/listing-rules/versions/1/comments", { token: await w.loginAs("buyer@example.com"), body: { body: "Too late?" } });
    expect(closed.body.error.code).toBe("POLICY_COMMENTS_CLOSED");
  });

  it("G1 published versions cannot be changed or deleted, even in the database", async () => {
    const refused = (e: unknown) => /cannot be changed/.test(String((e as { cause?: Error }).cause?.message ?? e));
    await expect(w.services.db.execute(sql`update policy_versions set summary = 'rewritten history'`)).rejects.toSatisfy(refused);
    await expect(w.services.db.execute(sql`delete from policy_versions`)).rejects.toSatisfy(refused);
    await expect(w.services.db.execute(sql`truncate policy_versions cascade`)).rejects.toSatisfy(refused);
  });

  it("G1 M5 a new merchant agreement asks every merchant to accept it, and the acceptance is recorded", async () => {
    // The demo announced merchant-agreement 2026-12 and asked both shops to accept it.
    const owner = await w.loginAs("owner@bamboo.example");
    const before = (await w.http("GET", "/api/v1/merchant/agreements", { token: owner })).body.items;
    const announced = before.find((v: { version: string }) => v.version === "2026-12");
    expect(announced.acceptedAt).toBeNull();
    const tasks = async () => (await w.http("GET", "/api/v1/merchant/tasks?status=open", { token: owner })).body.items.filter((t: { kind: string }) => t.kind === "agreement_accept");
    expect(await tasks()).toHaveLength(1);
    expect((await w.http("POST", "/api/v1/merchant/agreements/accept", { token: await w.loginAs("staff@tea-house.example"), body: { version: "2026-12" } })).status).toBe(403);
    const accepted = await w.http("POST", "/api/v1/merchant/agreements/accept", { token: owner, body: { version: "2026-12" } });
    expect(accepted.body.items.find((v: { version: string }) => v.version === "2026-12").acceptedAt).not.toBeNull();
    expect(await tasks()).toEqual([]);
    const missing = await w.http("POST", "/api/v1/merchant/agreements/accept", { token: owner, body: { version: "1999-01" } });
    expect(missing.body.error.code).toBe("POLICY_VERSION_NOT_FOUND");
  });
});

describe("G2 operator information", () => {
  it("G2 the operator's licences, filings, contact and complaint channels are public and edited only with operator.manage", async () => {
    const shown = (await w.http("GET", "/api/v1/operator")).body;
    expect(shown.filings.map((f: { number: string }) => f.number)).toContain("浙ICP备2026000001号");
    expect(shown.complaintChannels.length).toBeGreaterThan(0);
    const edited = { ...shown, filings: [{ name: "ICP备案", number: "浙ICP备2026000002号" }] };
    delete edited.updatedAt;
    expect((await w.http("PUT", "/api/v1/admin/operator", { token: await w.loginAs("operations"), body: edited })).status).toBe(403);
    const bad = await w.http("PUT", "/api/v1/admin/operator", { token: await w.loginAs("admin"), body: { ...edited, contact: { email: "not-an-email" } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect((await w.http("PUT", "/api/v1/admin/operator", { token: await w.loginAs("admin"), body: edited })).status).toBe(200);
    expect((await w.http("GET", "/api/v1/operator")).body.filings).toEqual([{ name: "ICP备案", number: "浙ICP备2026000002号" }]);
    const audit = (await w.http("GET", "/api/v1/admin/audit?action=operator.update", { token: await w.loginAs("auditor") })).body.items;
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });
});
