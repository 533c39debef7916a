import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../test/support/world.js";
import { inventoryWorld } from "../../../test/support/inventory.js";
import { verifyStock } from "./index.js";

let w: World, staff: string, tea: string, bamboo: string;
beforeAll(async () => {
  ({ w, staff, tea, bamboo } = await inventoryWorld());
});
afterAll(async () => { await w?.close(); });

const admin = "/api/v1/admin/inventory";
const merchant = "/api/v1/merchant/inventory";

describe("I1 warehouses and locations", () => {
  it("I1 staff run platform warehouses and merchants their own; each sees only the ones it runs", async () => {
    const created = await w.http("POST", `${admin}/warehouses`, { token: staff, body: { code: "nb-02", name: "宁波前置仓", address: "浙江省宁波市鄞州区" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "NB-02", platform: true, merchantId: null, active: true });
    const own = await w.http("POST", `${merchant}/warehouses`, { token: bamboo, body: { code: "BAMBOO-01", name: "竹韵安吉仓" } });
    expect(own.status).toBe(201);
    expect(own.body.platform).toBe(false);

    const staffList = (await w.http("GET", `${admin}/warehouses`, { token: staff })).body.items as { code: string; platform: boolean; onHand: number }[];
    expect(staffList.map((x) => x.code)).toEqual(expect.arrayContaining(["HZ-01", "NB-02"]));
    expect(staffList.every((x) => x.platform)).toBe(true);
    expect(staffList.find((x) => x.code === "HZ-01")!.onHand).toBeGreaterThan(0);
    const bambooList = (await w.http("GET", `${merchant}/warehouses`, { token: bamboo })).body.items as { code: string }[];
    expect(bambooList.map((x) => x.code)).toEqual(["BAMBOO-01"]);
    expect((await w.http("GET", `${merchant}/warehouses`, { token: tea })).body.items.map((x: { code: string }) => x.code)).toEqual(["TEA-01"]);

    // Another tenant's warehouse does not exist for you, whichever way you ask.
    for (const [token, base, id] of [[tea, merchant, own.body.id], [tea, merchant, created.body.id], [staff, admin, own.body.id]] as const) {
      expect((await w.http("GET", `${base}/warehouses/${id}`, { token })).status).toBe(404);
      expect((await w.http("PUT", `${base}/warehouses/${id}`, { token, body: { name: "改名" + "仓库" } })).body.error.code).toBe("WAREHOUSE_NOT_FOUND");
      expect((await w.http("POST", `${base}/warehouses/${id}/locations`, { token, body: { code: "X-1" } })).status).toBe(404);
    }
    const audit = (await w.http("GET", "/api/v1/admin/audit?action=warehouse.create", { token: await w.loginAs("admin") })).body.items as { entityId: string }[];
    expect(audit.map((a) => a.entityId)).toEqual(expect.arrayContaining([created.body.id, own.body.id]));
  });

  it("I1 a warehouse code is taken once, in any spelling, and codes are letters, digits and dashes", async () => {
    const again = await w.http("POST", `${merchant}/warehouses`, { token: tea, body: { code: "hz-01", name: "我的杭州仓" } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("WAREHOUSE_CODE_TAKEN");
    const bad = await w.http("POST", `${admin}/warehouses`, { token: staff, body: { code: "HZ 03", name: "杭州三号仓" } });
    expect(bad.status).toBe(400);
    expect((await w.http("POST", `${admin}/warehouses`, { token: staff, body: { code: "HZ-03" } })).status).toBe(400);
  });

  it("I1 locations are unique per warehouse and of a known kind; a warehouse holding stock cannot close", async () => {
    const hz = (await w.http("GET", `${admin}/warehouses`, { token: staff })).body.items.find((x: { code: string }) => x.code === "HZ-01");
    const detail = (await w.http("GET", `${admin}/warehouses/${hz.id}`, { token: staff })).body;
    expect(detail.locationList.map((l: { code: string }) => l.code)).toContain("A-01-01");
    expect(detail.locationList.find((l: { code: string }) => l.code === "Q-01").kind).toBe("quarantine");

    const add = await w.http("POST", `${admin}/warehouses/${hz.id}/locations`, { token: staff, body: { code: "c-09-01", name: "冷柜", kind: "storage" } });
    expect(add.status).toBe(201);
    expect(add.body.code).toBe("C-09-01");
    const dup = await w.http("POST", `${admin}/warehouses/${hz.id}/locations`, { token: staff, body: { code: "C-09-01" } });
    expect(dup.body.error.code).toBe("LOCATION_CODE_TAKEN");
    expect((await w.http("POST", `${admin}/warehouses/${hz.id}/locations`, { token: staff, body: { code: "C-09-02", kind: "roof" } })).status).toBe(400);
    // The same code in another warehouse is another place.
    const tea01 = (await w.http("GET", `${merchant}/warehouses`, { token: tea })).body.items[0];
    expect((await w.http("POST", `${merchant}/warehouses/${tea01.id}/locations`, { token: tea, body: { code: "C-09-01" } })).status).toBe(201);
    const retire = await w.http("PUT", `${admin}/warehouses/${hz.id}/locations/${add.body.id}`, { token: staff, body: { active: false } });
    expect(retire.body).toMatchObject({ active: false, name: "冷柜" });
    expect((await w.http("GET", `${admin}/warehouses/${hz.id}/locations`, { token: staff })).body.items.find((l: { id: string }) => l.id === add.body.id).active).toBe(false);
    // Another warehouse's location is not this warehouse's.
    expect((await w.http("PUT", `${merchant}/warehouses/${tea01.id}/locations/${add.body.id}`, { token: tea, body: { active: false } })).status).toBe(404);

    const close = await w.http("PUT", `${admin}/warehouses/${hz.id}`, { token: staff, body: { name: hz.name, active: false } });
    expect(close.status).toBe(409);
    expect(close.body.error.code).toBe("WAREHOUSE_HOLDS_STOCK");
    const renamed = await w.http("PUT", `${admin}/warehouses/${hz.id}`, { token: staff, body: { name: "杭州中心仓（余杭）", address: "余杭区良睦路 1399 号" } });
    expect(renamed.body).toMatchObject({ code: "HZ-01", name: "杭州中心仓（余杭）", active: true });
    const empty = (await w.http("GET", `${admin}/warehouses`, { token: staff })).body.items.find((x: { code: string }) => x.code === "NB-02");
    expect((await w.http("PUT", `${admin}/warehouses/${empty.id}`, { token: staff, body: { name: empty.name, active: false } })).body.active).toBe(false);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
