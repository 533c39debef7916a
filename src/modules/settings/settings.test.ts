import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { getRule } from "./index.js";
import { ruleCatalogue } from "./catalogue.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

describe("G1 platform rules as versioned settings", () => {
  it("G1 holds the numbers of DOMAIN.md with their defaults", async () => {
    expect(await getRule(w.services, "order.shipByHours")).toBe(72);
    expect(await getRule(w.services, "order.autoCancelMinutes")).toBe(30);
    expect(await getRule(w.services, "order.autoConfirmDays")).toBe(10);
    expect(await getRule(w.services, "service.complaintFirstResponseHours")).toBe(24);
    expect(await getRule(w.services, "aftersales.merchantResponseHours")).toBe(48);
    expect(await getRule(w.services, "ip.counterNoticeWaitDays")).toBe(15);
    expect(await getRule(w.services, "merchant.reverifyMonths")).toBe(6);
    expect(await getRule(w.services, "rules.noticePeriodDays")).toBe(7);
    const admin = await w.loginAs("admin");
    const list = await w.http("GET", "/api/v1/admin/rules", { token: admin });
    expect(list.body.items.map((r: { key: string }) => r.key).sort()).toEqual(Object.keys(ruleCatalogue).sort());
  });

  it("G1 a change to a public rule takes effect no earlier than 7 days after publication", async () => {
    const admin = await w.loginAs("admin");
    const tooSoon = await w.http("POST", "/api/v1/admin/rules/order.shipByHours", {
      token: admin, body: { value: 48, effectiveFrom: new Date(w.clock.now().getTime() + 86_400_000).toISOString(), reason: "faster shipping" },
    });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error.code).toBe("RULE_NOTICE_TOO_SHORT");

    const published = await w.http("POST", "/api/v1/admin/rules/order.shipByHours", { token: admin, body: { value: 48, reason: "faster shipping" } });
    expect(published.status).toBe(201);
    expect(new Date(published.body.effectiveFrom).getTime() - w.clock.now().getTime()).toBe(7 * 86_400_000);
    expect(await getRule(w.services, "order.shipByHours")).toBe(72);
    const listed = (await w.http("GET", "/api/v1/admin/rules", { token: admin })).body.items.find((r: { key: string }) => r.key === "order.shipByHours");
    expect(listed).toMatchObject({ value: 72, upcoming: [{ value: 48, version: 1 }] });

    w.clock.advance({ days: 6, hours: 23 });
    expect(await getRule(w.services, "order.shipByHours")).toBe(72);
    w.clock.advance({ hours: 1 });
    expect(await getRule(w.services, "order.shipByHours")).toBe(48);

    const again = await w.loginAs("admin");
    const history = await w.http("GET", "/api/v1/admin/rules/order.shipByHours/history", { token: again });
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    expect(history.body.items).toEqual([expect.objectContaining({ version: 1, value: 48, reason: "faster shipping" })]);
    const audit = await w.http("GET", "/api/v1/admin/audit?action=rules.publish", { token: again });
    expect(audit.body.items[0]).toMatchObject({ entityId: "order.shipByHours", summary: { value: 48, version: 1 } });
  });

  it("G1 internal rules may take effect at once", async () => {
    const admin = await w.loginAs("admin");
    const r = await w.http("POST", "/api/v1/admin/rules/security.loginMaxFailures", { token: admin, body: { value: 8, effectiveFrom: w.clock.now().toISOString(), reason: "fewer lockouts" } });
    expect(r.status).toBe(201);
    expect(await getRule(w.services, "security.loginMaxFailures")).toBe(8);
  });

  it("G1 refuses unknown rules and values outside the rule's range", async () => {
    const admin = await w.loginAs("admin");
    const unknown = await w.http("POST", "/api/v1/admin/rules/order.nonsense", { token: admin, body: { value: 1, reason: "x1" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("RULE_NOT_FOUND");
    for (const value of [0, 1.5, -3, true]) {
      const bad = await w.http("POST", "/api/v1/admin/rules/order.autoCancelMinutes", { token: admin, body: { value, reason: "try" } });
      expect(bad.status, String(value)).toBe(400);
      expect(bad.body.error.code).toBe("RULE_VALUE_INVALID");
    }
    const noReason = await w.http("POST", "/api/v1/admin/rules/order.autoCancelMinutes", { token: admin, body: { value: 20 } });
    expect(noReason.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("G1 only holders of rules.publish change rules", async () => {
    const ops = await w.loginAs("operations");
    expect((await w.http("GET", "/api/v1/admin/rules", { token: ops })).status).toBe(200);
    expect((await w.http("POST", "/api/v1/admin/rules/order.shipByHours", { token: ops, body: { value: 24, reason: "mine" } })).status).toBe(403);
  });
});
