import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

describe("M4 public merchant page", () => {
  it("M4 shows licence facts, service contact, after-sales terms and complaint channels to anyone, and no personal data", async () => {
    const owner = await w.loginAs("owner@tea-house.example");
    const shop = (await w.http("GET", "/api/v1/merchant/shop", { token: owner })).body;
    const page = await w.http("GET", `/api/v1/shops/${shop.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      name: "西湖茶舍 West Lake Tea House", status: "active",
      licence: { entityName: "西湖茶舍 West Lake Tea House", creditCode: expect.stringMatching(/^91330106MA2H7T9X1/), businessLicence: { issuer: "杭州市市场监督管理局", validUntil: "2029-12-31" } },
      contact: { phone: "0571-88886666" },
      afterSalesPolicy: expect.stringContaining("七日无理由"),
      complaints: { merchant: "0571-88886666", platformPath: expect.any(String) },
    });
    const text = JSON.stringify(page.body);
    expect(text).not.toMatch(/13900000000|330106198001011/);
    expect(text).not.toContain("legalRep");
  });

  it("M4 the owner keeps the service contacts current; bad values are refused", async () => {
    const owner = await w.loginAs("owner@bamboo.example");
    const changed = await w.http("PATCH", "/api/v1/merchant/shop", { token: owner, body: { servicePhone: "400-820-8820", serviceEmail: "help@bamboo.example" } });
    expect(changed.body).toMatchObject({ servicePhone: "400-820-8820", serviceEmail: "help@bamboo.example" });
    expect((await w.http("GET", `/api/v1/shops/${changed.body.id}`)).body.contact).toMatchObject({ phone: "400-820-8820", email: "help@bamboo.example" });
    const bad = await w.http("PATCH", "/api/v1/merchant/shop", { token: owner, body: { servicePhone: "call me" } });
    expect(bad.status).toBe(400);
    const staff = await w.loginAs("staff@tea-house.example");
    expect((await w.http("PATCH", "/api/v1/merchant/shop", { token: staff, body: { serviceHours: "always" } })).status).toBe(403);
    expect((await w.http("GET", "/api/v1/shops/0193a7e0-0000-7000-8000-000000000000")).body.error.code).toBe("SHOP_NOT_FOUND");
  });

  it("M1 the demo has an application waiting for review", async () => {
    const ops = await w.loginAs("operations");
    const queue = await w.http("GET", "/api/v1/admin/applications", { token: ops });
    expect(queue.body.items.map((a: { name: string }) => a.name)).toContain("云南普洱坊 Yunnan Pu'er Workshop");
  });
});
