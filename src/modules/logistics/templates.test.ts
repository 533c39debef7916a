import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressAt, sellable } from "../../../test/support/trade.js";
import { world, type World } from "../../../test/support/world.js";
import { rowsOf } from "../../lib/db-types.js";
import { DEFAULT_SHIPPING } from "./fees.js";
import { shippingTemplates, type ShippingRules } from "./schema.js";

const TEA_OWNER = "owner@tea-house.example";
const TEA_STAFF = "staff@tea-house.example";
const BAMBOO_OWNER = "owner@bamboo.example";
const BUYER = "buyer@example.com";
const base = "/api/v1/merchant/shipping-templates";

let w: World;
let tea: string;
let bamboo: string;
let home: string;
let teaItem: { productId: string; skuCode: string };

beforeAll(async () => {
  w = await world({ seed: true });
  const shops = rowsOf<{ id: string; name: string }>(await w.services.db.execute(sql`select id, name from merchants`));
  tea = shops.find((s) => s.name.includes("Tea House"))!.id;
  bamboo = shops.find((s) => s.name.includes("Bamboo"))!.id;
  home = await addressAt(w, await w.loginAs(BUYER), "西溪路 556 号 L2 测试");
  const g = (await sellable(w, 5)).find((x) => x.merchantId === tea)!;
  teaItem = { productId: g.productId, skuCode: g.skuCode };
});
afterAll(async () => { await w?.close(); });

// Weight does not matter under these rules (the first step is 100 kg): the fee is the region's.
const flat = (zj: number, rest: number, freeOverFen: number | null = null): ShippingRules => ({
  regions: [{ provinces: ["330000", "310000"], firstGrams: 100_000, firstFen: zj, extraGrams: 1000, extraFen: 100 }, { provinces: [], firstGrams: 100_000, firstFen: rest, extraGrams: 1000, extraFen: 100 }],
  freeOverFen, excluded: ["540000", "810000"],
});

describe("L2 shipping templates", () => {
  it("L2 a shop lists, creates, edits, sets the default and deletes its templates; checkout charges by the default", async () => {
    const owner = await w.loginAs(TEA_OWNER);
    const buyer = await w.loginAs(BUYER);
    const preview = async () => {
      const r = await w.http("POST", "/api/v1/me/checkouts/preview", { token: buyer, body: { addressId: home, items: [{ ...teaItem, quantity: 1 }] } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.shops[0] as { merchantId: string; shippingFen: number; itemsFen: number };
    };

    const listed = await w.http("GET", base, { token: owner });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    const seeded = listed.body.items[0];
    expect(seeded).toMatchObject({ isDefault: true, name: "默认运费 Standard" });
    expect(listed.body.platformDefault).toEqual(DEFAULT_SHIPPING);
    const before = await preview();
    expect(before.merchantId).toBe(tea);

    // Bad rules are refused with a code per problem, and nothing is saved.
    const post = (body: Record<string, unknown>) => w.http("POST", base, { token: owner, body: { name: "包邮 Express", rules: flat(1234, 2345), ...body } });
    const bad: [Record<string, unknown>, string][] = [
      [{ rules: { ...flat(1, 2), regions: [flat(1, 2).regions[0]] } }, "TEMPLATE_NO_DEFAULT_REGION"],
      [{ rules: { ...flat(1, 2), regions: [] } }, "TEMPLATE_EMPTY"],
      [{ rules: { ...flat(1, 2), regions: [{ ...flat(1, 2).regions[0], provinces: ["990000"] }, flat(1, 2).regions[1]] } }, "REGION_INVALID"],
      [{ rules: { ...flat(1, 2), regions: [flat(1, 2).regions[0], { ...flat(1, 2).regions[0], provinces: ["330000"] }, flat(1, 2).regions[1]] } }, "TEMPLATE_PROVINCE_TWICE"],
      [{ rules: { ...flat(1, 2), excluded: ["330000"] } }, "TEMPLATE_EXCLUDED_PRICED"],
      [{ rules: { ...flat(1, 2), excluded: ["33000X"] } }, "REGION_INVALID"],
      [{ rules: flat(-1, 2) }, "TEMPLATE_VALUE_INVALID"],
      [{ rules: flat(1.5, 2) }, "TEMPLATE_VALUE_INVALID"],
      [{ rules: flat(1, 2, -5) }, "TEMPLATE_VALUE_INVALID"],
      [{ name: "  " }, "TEMPLATE_NAME_INVALID"],
      [{ rules: { regions: [] } }, "VALIDATION_FAILED"],
    ];
    for (const [body, code] of bad) {
      const r = await post(body);
      expect(r.status, code).toBe(400);
      expect(r.body.error.code, JSON.stringify(r.body)).toBe(code);
    }

    const created = await post({});
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: "包邮 Express", isDefault: false, rules: { excluded: ["540000", "810000"] } });
    expect((await post({})).status).toBe(409);
    // Not the default yet: checkout still charges the seeded template.
    expect((await preview()).shippingFen).toBe(before.shippingFen);

    // The quote preview: under the new template, under unsaved rules, and to an excluded province.
    const quote = (body: Record<string, unknown>) => w.http("POST", `${base}/quote`, { token: owner, body: { provinceCode: "330000", weightGrams: 1500, itemsFen: 5000, ...body } });
    expect((await quote({ templateId: created.body.id })).body).toMatchObject({ available: true, shippingFen: 1234, regionIndex: 0, templateName: "包邮 Express", totalFen: 6234 });
    expect((await quote({ templateId: created.body.id, provinceCode: "440000" })).body).toMatchObject({ shippingFen: 2345, regionIndex: 1 });
    expect((await quote({ templateId: created.body.id, provinceCode: "540000" })).body).toMatchObject({ available: false, shippingFen: null });
    expect((await quote({ rules: flat(1, 2, 5000) })).body).toMatchObject({ available: true, shippingFen: 0, free: true });
    expect((await quote({})).body).toMatchObject({ templateId: seeded.id });
    expect((await quote({ weightGrams: 0 })).body.error.code).toBe("QUOTE_WEIGHT_INVALID");
    expect((await quote({ provinceCode: "330100" })).body.error.code).toBe("REGION_INVALID");

    // Made the default: checkout charges ¥12.34 to Zhejiang now.
    const made = await w.http("POST", `${base}/${created.body.id}/default`, { token: owner });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body.isDefault).toBe(true);
    expect((await preview()).shippingFen).toBe(1234);
    const again = await w.http("GET", base, { token: owner });
    expect(again.body.items.map((t: { id: string; isDefault: boolean }) => [t.id, t.isDefault])).toEqual([[created.body.id, true], [seeded.id, false]]);

    // Edited: free over ¥10, which this item passes.
    const edited = await w.http("PATCH", `${base}/${created.body.id}`, { token: owner, body: { rules: flat(1234, 2345, Math.min(1000, before.itemsFen)), name: "包邮 Express 2" } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await preview()).shippingFen).toBe(0);
    expect((await w.http("PATCH", `${base}/${created.body.id}`, { token: owner, body: { name: seeded.name } })).body.error.code).toBe("TEMPLATE_NAME_TAKEN");
    expect((await w.http("PATCH", `${base}/${created.body.id}`, { token: owner, body: { rules: flat(1, -2) } })).body.error.code).toBe("TEMPLATE_VALUE_INVALID");

    // Shop staff who ship may keep the templates too.
    const staff = await w.loginAs(TEA_STAFF);
    expect((await w.http("GET", base, { token: staff })).body.items).toHaveLength(2);

    // Deleting the default with another left hands the default to it, and checkout follows.
    const removed = await w.http("DELETE", `${base}/${created.body.id}`, { token: owner });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.newDefault).toMatchObject({ id: seeded.id, isDefault: true });
    expect((await preview()).shippingFen).toBe(before.shippingFen);
    // The only one, the default, stays.
    const refused = await w.http("DELETE", `${base}/${seeded.id}`, { token: owner });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("TEMPLATE_ONLY_DEFAULT");

    const audit = rowsOf<{ action: string }>(await w.services.db.execute(sql`select action from audit_log where entity_id = ${created.body.id} order by seq`));
    expect(audit.map((a) => a.action)).toEqual(["shipping_template.create", "shipping_template.default", "shipping_template.update", "shipping_template.delete"]);
  });

  it("L2 a shop's first template becomes its default; other shops' templates are not found; staff without a shop and buyers are refused", async () => {
    const owner = await w.loginAs(BAMBOO_OWNER);
    await w.services.db.delete(shippingTemplates).where(eq(shippingTemplates.merchantId, bamboo));
    const empty = await w.http("GET", base, { token: owner });
    expect(empty.body.items).toEqual([]);
    const quoted = await w.http("POST", `${base}/quote`, { token: owner, body: { provinceCode: "440000", weightGrams: 800, itemsFen: 100 } });
    expect(quoted.body).toMatchObject({ templateId: null, shippingFen: 800 });
    const first = await w.http("POST", base, { token: owner, body: { name: "竹韵运费", rules: flat(600, 900), isDefault: false } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.isDefault).toBe(true);

    const teaOwner = await w.loginAs(TEA_OWNER);
    expect((await w.http("PATCH", `${base}/${first.body.id}`, { token: teaOwner, body: { name: "x" } })).status).toBe(404);
    expect((await w.http("DELETE", `${base}/${first.body.id}`, { token: teaOwner })).status).toBe(404);
    expect((await w.http("POST", `${base}/${first.body.id}/default`, { token: teaOwner })).status).toBe(404);
    expect((await w.http("POST", `${base}/quote`, { token: teaOwner, body: { templateId: first.body.id, provinceCode: "330000", weightGrams: 100, itemsFen: 100 } })).status).toBe(404);
    expect((await w.http("GET", base, { token: await w.loginAs("warehouse") })).status).toBe(403);
    expect((await w.http("GET", base, { token: await w.loginAs(BUYER) })).status).toBe(403);
  });
});
