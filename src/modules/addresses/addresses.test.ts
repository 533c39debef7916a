import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { rowsOf } from "../../lib/db-types.js";
import { ctxFor } from "../../server/context.js";
import { orderAddress, openOrderAddress } from "./index.js";

let w: World;
let buyer: string;
let other: string;
beforeAll(async () => {
  w = await world({ seed: true });
  [buyer, other] = [await w.loginAs("buyer@example.com"), await w.loginAs("13800138000")];
  // The demo data gives both buyers an address: these tests start from empty books.
  await clear(buyer);
  await clear(other);
});
afterAll(async () => { await w?.close(); });

const base = "/api/v1/me/addresses";
const home = { recipient: "王小明", mobile: "+86 139-1234-5678", provinceCode: "330000", cityCode: "330100", districtCode: "330106", detail: "文三路 90 号 东部软件园 3 幢 502 室" };
const add = (token: string, body: Record<string, unknown>) => w.http("POST", base, { token, body });
const list = async (token: string) => (await w.http("GET", base, { token })).body.items as { id: string; recipient: string; mobile: string; detail: string; regionName: string; isDefault: boolean }[];

async function buyerCtx(token: string) {
  const me = (await w.http("GET", "/api/v1/auth/me", { token })).body;
  return ctxFor(w.services, { userId: me.user.id, kind: "buyer", label: me.user.displayName, merchantId: null, permissions: new Set(me.permissions), sessionId: null, mfaPending: false });
}

async function clear(token: string) {
  for (const a of await list(token)) expect((await w.http("DELETE", `${base}/${a.id}`, { token })).status).toBe(200);
}

describe("O1 address book", () => {
  it("O1 checks every field and names the one that is wrong", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ recipient: "  " }, "RECIPIENT_INVALID", "recipient"],
      [{ recipient: "名".repeat(26) }, "RECIPIENT_INVALID", "recipient"],
      [{ mobile: "1234567" }, "MOBILE_INVALID", "mobile"],
      [{ mobile: "12012345678" }, "MOBILE_INVALID", "mobile"],
      [{ provinceCode: "990000" }, "REGION_INVALID", "provinceCode"],
      // 南京市 is in 江苏, not 浙江.
      [{ cityCode: "320100" }, "REGION_INVALID", "cityCode"],
      // 鼓楼区 of 南京 is not a district of 杭州.
      [{ districtCode: "320106" }, "REGION_INVALID", "districtCode"],
      [{ detail: "三号楼" }, "DETAIL_INVALID", "detail"],
      [{ detail: "路".repeat(121) }, "DETAIL_INVALID", "detail"],
    ];
    for (const [change, code, field] of cases) {
      const r = await add(buyer, { ...home, ...change });
      expect(r.status, code).toBe(400);
      expect(r.body.error).toMatchObject({ code, details: { field } });
    }
    expect((await add(buyer, { ...home, zip: "310000" })).body.error.code).toBe("VALIDATION_FAILED");
    expect((await add(buyer, { ...home, mobile: 13912345678 })).body.error.code).toBe("VALIDATION_FAILED");
    expect(await list(buyer)).toEqual([]);

    // +86, spaces and dashes are accepted; one spelling is kept.
    const ok = await add(buyer, home);
    expect(ok.status).toBe(201);
    const opened = (await w.http("GET", `${base}/${ok.body.id}`, { token: buyer })).body;
    expect(opened).toMatchObject({ recipient: "王小明", mobile: "13912345678", detail: "文三路 90 号 东部软件园 3 幢 502 室", regionName: "浙江省 杭州市 西湖区" });
    // Municipalities leave out their placeholder level.
    const beijing = await add(buyer, { ...home, provinceCode: "110000", cityCode: "110100", districtCode: "110105", detail: "建国路 88 号 SOHO 现代城" });
    expect(beijing.body.regionName).toBe("北京市 朝阳区");
    await clear(buyer);
  });

  it("O1 U4 names, mobiles and streets are sealed at rest, masked in the list, and opening one is audited", async () => {
    const created = await add(buyer, { ...home, label: "公司" });
    const rows = rowsOf<Record<string, unknown>>(await w.services.db.execute(sql`select * from buyer_addresses where id = ${created.body.id}`));
    expect(rows).toHaveLength(1);
    const raw = JSON.stringify(rows);
    for (const plain of ["王小明", "13912345678", "1234", "文三路", "软件园", "502"]) expect(raw).not.toContain(plain);
    expect(rows[0]).toMatchObject({ province_code: "330000", city_code: "330100", district_code: "330106", label: "公司", is_default: true });

    const [shown] = await list(buyer);
    expect(shown).toMatchObject({ id: created.body.id, recipient: "王**", mobile: "139****5678", regionName: "浙江省 杭州市 西湖区", isDefault: true });
    expect(shown!.detail).toMatch(/^文三路\*\*.*\*\*\*\*$/);
    expect(shown!.detail).not.toMatch(/\d/);
    expect(created.body.recipient).toBe("王**");

    const admin = await w.loginAs("admin");
    const before = (await w.http("GET", `/api/v1/admin/audit?action=address.open&entityId=${created.body.id}`, { token: admin })).body.items.length;
    expect((await w.http("GET", `${base}/${created.body.id}`, { token: buyer })).body.mobile).toBe("13912345678");
    const audit = (await w.http("GET", `/api/v1/admin/audit?action=address.open&entityId=${created.body.id}`, { token: admin })).body.items;
    expect(audit).toHaveLength(before + 1);
    expect(JSON.stringify(audit)).not.toContain("13912345678");
    await clear(buyer);
  });

  it("O1 another buyer's address does not exist for them, whichever way they ask", async () => {
    const mine = (await add(buyer, home)).body;
    for (const [method, path, body] of [["GET", "", undefined], ["PUT", "", home], ["DELETE", "", undefined], ["POST", "/default", undefined]] as const) {
      const r = await w.http(method, `${base}/${mine.id}${path}`, { token: other, body });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error.code).toBe("ADDRESS_NOT_FOUND");
    }
    expect(await list(other)).toEqual([]);
    await expect(orderAddress(w.services.db, await buyerCtx(other), mine.id)).rejects.toMatchObject({ status: 404, code: "ADDRESS_NOT_FOUND" });
    // Shops have no address book of their own here.
    expect((await w.http("GET", base, { token: await w.loginAs("owner@tea-house.example") })).status).toBe(403);
    expect((await w.http("GET", base)).status).toBe(401);
    // Untouched by all of that.
    expect((await w.http("GET", `${base}/${mine.id}`, { token: buyer })).body.recipient).toBe("王小明");
    await clear(buyer);
  });

  it("O1 the first address is the default; one default per buyer, and deleting it hands the role on", async () => {
    const a = (await add(buyer, home)).body;
    expect(a.isDefault).toBe(true);
    const b = (await add(buyer, { ...home, recipient: "李四", detail: "龙井路 18 号 茶园小区" })).body;
    expect(b.isDefault).toBe(false);
    const c = (await add(buyer, { ...home, recipient: "赵六", detail: "滨江区江南大道 1000 号", isDefault: true })).body;
    expect(c.isDefault).toBe(true);
    expect((await list(buyer)).filter((x) => x.isDefault).map((x) => x.id)).toEqual([c.id]);
    // The default comes first in the list.
    expect((await list(buyer))[0]!.id).toBe(c.id);

    expect((await w.http("POST", `${base}/${a.id}/default`, { token: buyer })).body.isDefault).toBe(true);
    expect((await list(buyer)).filter((x) => x.isDefault).map((x) => x.id)).toEqual([a.id]);
    // Unticking "default" on the default address keeps it: a book always has one.
    const edited = await w.http("PUT", `${base}/${a.id}`, { token: buyer, body: { ...home, recipient: "王大明", isDefault: false } });
    expect(edited.body).toMatchObject({ recipient: "王**", isDefault: true });
    // Several buyers each keep their own default.
    expect((await add(other, home)).body.isDefault).toBe(true);

    const gone = await w.http("DELETE", `${base}/${a.id}`, { token: buyer });
    expect(gone.body).toEqual({ deleted: a.id, newDefault: c.id });
    expect((await list(buyer)).map((x) => [x.id, x.isDefault])).toEqual([[c.id, true], [b.id, false]]);
    await clear(buyer);
    await clear(other);
  });

  it("O1 an address book holds at most 20 addresses", async () => {
    for (let i = 1; i <= 20; i++) expect((await add(buyer, { ...home, detail: `文三路 ${i} 号 ${i} 幢` })).status).toBe(201);
    const full = await add(buyer, { ...home, detail: "文三路 21 号 21 幢" });
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({ code: "ADDRESS_BOOK_FULL", details: { limit: 20 } });
    expect(await list(buyer)).toHaveLength(20);
    // Deleting one makes room again.
    await w.http("DELETE", `${base}/${(await list(buyer))[5]!.id}`, { token: buyer });
    expect((await add(buyer, { ...home, detail: "文三路 21 号 21 幢" })).status).toBe(201);
    await clear(buyer);
  });

  it("O1 checkout copies the address sealed; the digest finds one door however it is written", async () => {
    const ctx = await buyerCtx(buyer);
    const a = (await add(buyer, home)).body;
    const b = (await add(buyer, { ...home, recipient: "另一人", mobile: "13700000000", detail: "  文三路 90 号 东部软件园   3 幢 502 室 " })).body;
    const c = (await add(buyer, { ...home, detail: "文三路 90 号 东部软件园 3 幢 503 室" })).body;
    const [oa, ob, oc] = [await orderAddress(w.services.db, ctx, a.id), await orderAddress(w.services.db, ctx, b.id), await orderAddress(w.services.db, ctx, c.id)];
    expect(oa).toMatchObject({ provinceCode: "330000", cityCode: "330100", districtCode: "330106", regionName: "浙江省 杭州市 西湖区" });
    expect(JSON.stringify(oa)).not.toContain("王小明");
    expect(oa.digest).toBe(ob.digest);
    expect(oa.digest).not.toBe(oc.digest);
    expect(openOrderAddress(ctx, oa, { masked: true })).toEqual({ recipient: "王**", mobile: "139****5678", regionName: "浙江省 杭州市 西湖区", detail: expect.stringMatching(/^文三路\*\*/) });
    expect(openOrderAddress(ctx, oa, { masked: false })).toEqual({ recipient: "王小明", mobile: "13912345678", regionName: "浙江省 杭州市 西湖区", detail: "文三路 90 号 东部软件园 3 幢 502 室" });
    await clear(buyer);
  });

  it("O1 the region list is public: provinces, their cities and districts with codes", async () => {
    const r = await w.http("GET", "/api/v1/regions");
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(31);
    const zj = r.body.find((p: [string, string]) => p[0] === "330000");
    expect(zj[1]).toBe("浙江省");
    expect(zj[2].find((c: [string]) => c[0] === "330100")[2]).toContainEqual(["330106", "西湖区"]);
  });
});
