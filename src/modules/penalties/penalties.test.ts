import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { assertCanList, assertCanSell } from "./standing.js";

let w: World;
let bambooId: string;
beforeAll(async () => {
  w = await world({ seed: true });
  const admin = await w.loginAs("admin");
  bambooId = (await w.http("GET", "/api/v1/admin/merchants", { token: admin })).body.items.find((m: { name: string }) => m.name.includes("Bamboo")).id;
});
afterAll(async () => { await w?.close(); });

const issue = async (token: string, body: Record<string, unknown>) => w.http("POST", `/api/v1/admin/merchants/${bambooId}/penalties`, { token, body });
const standing = async () => (await w.http("GET", "/api/v1/merchant/standing", { token: await w.loginAs("owner@bamboo.example") })).body;
const inDays = (n: number) => new Date(w.clock.now().getTime() + n * 86_400_000).toISOString();

describe("M6 penalties", () => {
  it("M6 bad penalty input is refused with a code a person can act on", async () => {
    const ops = await w.loginAs("operations");
    expect((await issue(ops, { kind: "suspension", reason: "Fake reviews", evidence: "Orders 1-9" })).body.error.code).toBe("PENALTY_END_REQUIRED");
    expect((await issue(ops, { kind: "closure", reason: "Fake goods", evidence: "Inspection 12", endsAt: inDays(3) })).body.error.code).toBe("PENALTY_END_NOT_ALLOWED");
    expect((await issue(ops, { kind: "suspension", reason: "Fake reviews", evidence: "Orders 1-9", startsAt: inDays(3), endsAt: inDays(1) })).body.error.code).toBe("PENALTY_DATES_INVALID");
    const noEvidence = await issue(ops, { kind: "warning", reason: "Late" });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.error.code).toBe("VALIDATION_FAILED");
    expect((await issue(await w.loginAs("auditor"), { kind: "warning", reason: "Late shipping", evidence: "Orders 1-9" })).status).toBe(403);
  });

  it("M6 a listing restriction blocks listing, a suspension blocks listing and selling, each only for its period", async () => {
    const ops = await w.loginAs("operations");
    expect(await standing()).toMatchObject({ status: "active", canList: true, canSell: true }); // the demo's warning restricts nothing
    const restriction = await issue(ops, { kind: "listing_restriction", reason: "Absolute advertising terms again", evidence: "Inspection 2026-01 #3", endsAt: inDays(10) });
    expect(restriction.status).toBe(201);
    expect(await standing()).toMatchObject({ status: "restricted", canList: false, canSell: true });
    await expect(assertCanList(w.services.db, bambooId, w.clock.now())).rejects.toMatchObject({ code: "MERCHANT_CANNOT_LIST", status: 409 });
    await expect(assertCanSell(w.services.db, bambooId, w.clock.now())).resolves.toBeUndefined();

    const suspension = await issue(ops, { kind: "suspension", reason: "Orders not shipped for 10 days", evidence: "Orders 2001-2040", startsAt: inDays(2), endsAt: inDays(5) });
    expect(suspension.body).toMatchObject({ status: "in_force", active: false });
    w.clock.advance({ days: 3 });
    expect(await standing()).toMatchObject({ status: "suspended", canList: false, canSell: false });
    expect((await w.http("GET", `/api/v1/shops/${bambooId}`)).body).toMatchObject({ status: "suspended", selling: false });
    await expect(assertCanSell(w.services.db, bambooId, w.clock.now())).rejects.toMatchObject({ code: "MERCHANT_CANNOT_SELL" });

    w.clock.advance({ days: 3 });
    expect(await standing()).toMatchObject({ status: "restricted", canSell: true });
    w.clock.advance({ days: 5 });
    expect(await standing()).toMatchObject({ status: "active", canList: true, canSell: true });
  });

  it("M6 the merchant appeals; the issuer may not decide; another reviewer revokes and the effect ends", async () => {
    const ops = await w.loginAs("operations");
    const closure = await issue(ops, { kind: "closure", reason: "Counterfeit goods confirmed by the brand", evidence: "Brand letter 2026-001; test report QR-77" });
    expect(await standing()).toMatchObject({ status: "closed", canList: false, canSell: false });
    const owner = await w.loginAs("owner@bamboo.example");
    const notice = (await w.http("GET", "/api/v1/merchant/tasks?status=open", { token: owner })).body.items.find((t: { subjectId: string }) => t.subjectId === closure.body.id);
    expect(notice).toMatchObject({ kind: "penalty_issued", params: { penaltyKind: "closure" } });

    const tooShort = await w.http("POST", `/api/v1/merchant/penalties/${closure.body.id}/appeal`, { token: owner, body: { statement: "wrong" } });
    expect(tooShort.status).toBe(400);
    const appeal = await w.http("POST", `/api/v1/merchant/penalties/${closure.body.id}/appeal`, { token: owner, body: { statement: "The goods are genuine: invoices from the brand's distributor attached." } });
    expect(appeal.body).toMatchObject({ status: "appealed", active: true, canAppeal: false });
    expect(await standing()).toMatchObject({ status: "closed" }); // an appeal does not pause the penalty
    const twice = await w.http("POST", `/api/v1/merchant/penalties/${closure.body.id}/appeal`, { token: owner, body: { statement: "The goods are genuine, once more." } });
    expect(twice.body.error.code).toBe("INVALID_TRANSITION");

    const review = (await w.http("GET", "/api/v1/admin/tasks?status=open", { token: ops })).body.items.find((t: { subjectId: string }) => t.subjectId === closure.body.id);
    expect(review).toMatchObject({ kind: "appeal_review", merchantName: expect.stringContaining("Bamboo") });
    const self = await w.http("POST", `/api/v1/admin/penalties/${closure.body.id}/decision`, { token: ops, body: { decision: "revoke", reason: "I changed my mind" } });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("APPEAL_NEEDS_ANOTHER_REVIEWER");
    const admin = await w.loginAs("admin");
    const revoked = await w.http("POST", `/api/v1/admin/penalties/${closure.body.id}/decision`, { token: admin, body: { decision: "revoke", reason: "Distributor invoices verified with the brand" } });
    expect(revoked.body).toMatchObject({ status: "revoked", active: false, decision: { reason: "Distributor invoices verified with the brand" } });
    expect(await standing()).toMatchObject({ status: "active", canSell: true });
    const decided = (await w.http("GET", "/api/v1/merchant/tasks?status=open", { token: owner })).body.items.find((t: { subjectId: string; kind: string }) => t.subjectId === closure.body.id);
    expect(decided).toMatchObject({ kind: "appeal_decided", params: { decision: "revoke" } });
    expect((await w.http("POST", `/api/v1/merchant/tasks/${decided.id}/acknowledge`, { token: owner })).body.status).toBe("done");
  });

  it("M6 the appeal window closes after the rule's days", async () => {
    const ops = await w.loginAs("operations");
    const warning = await issue(ops, { kind: "warning", reason: "Slow answers to buyers", evidence: "Tickets 55-60" });
    w.clock.advance({ days: 8 });
    const late = await w.http("POST", `/api/v1/merchant/penalties/${warning.body.id}/appeal`, { token: await w.loginAs("owner@bamboo.example"), body: { statement: "We answered within the day, see the logs." } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("APPEAL_WINDOW_CLOSED");
    const lifted = await w.http("POST", `/api/v1/admin/penalties/${warning.body.id}/lift`, { token: await w.loginAs("operations"), body: { reason: "Merchant improved response times" } });
    expect(lifted.body.status).toBe("lifted");
  });
});
