import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { world, type World } from "../../../test/support/world.js";
import { indexTokens, toTsQuery } from "./search.js";

let w: World;
const ids: Record<string, string> = {};
beforeAll(async () => {
  w = await world({ seed: true });
  type Node = { id: string; key: string; children: Node[] };
  const flat = (ns: Node[]): Node[] => ns.flatMap((n) => [n, ...flat(n.children)]);
  const cats = Object.fromEntries(flat((await w.http("GET", "/api/v1/categories")).body.items).map((c) => [c.key, c.id]));
  ids.greenTea = cats["green-tea"]!;
  ids.tea = cats["tea"]!;
  const owner = await w.loginAs("owner@tea-house.example");
  const ops = await w.loginAs("operations");
  const img = await w.upload("/api/v1/merchant/product-images", owner, {}, { name: "p.jpg", content: await sharp({ create: { width: 800, height: 800, channels: 3, background: "#7a5" } }).jpeg().toBuffer() });
  const list = async (key: string, title: string, priceFen: number, categoryId: string, attributes: Record<string, string | number>) => {
    const body = {
      title, categoryId, description: "手工炒制。", attributes, afterSales: "七日无理由退货", origin: "浙江杭州", productionDate: "2026-01-02", shelfLifeDays: 540, images: [img.body.id],
      skus: [{ code: `${key}-1`, options: {}, priceFen, weightGrams: 300 }],
    };
    const p = await w.http("POST", "/api/v1/merchant/products", { token: owner, body });
    expect((await w.http("POST", `/api/v1/merchant/products/${p.body.id}/submit`, { token: owner })).status).toBe(200);
    expect((await w.http("POST", `/api/v1/admin/products/${p.body.id}/decision`, { token: ops, body: { decision: "approve" } })).body.status).toBe("listed");
    ids[key] = p.body.id;
    w.clock.advance({ minutes: 1 });
  };
  await list("longjing", "西湖龙井 明前特级 Longjing green tea", 68_800, ids.greenTea, { origin: "杭州西湖", net_weight: 250, grade: "特级", harvest: "明前" });
  await list("biluochun", "洞庭碧螺春 一级", 39_900, ids.greenTea, { origin: "苏州", net_weight: 250, grade: "一级" });
  await list("dianhong", "云南滇红 Dian Hong black tea", 25_800, cats["black-tea"]!, { origin: "云南", net_weight: 200, grade: "一级" });
});
afterAll(async () => { await w?.close(); });

const search = async (query: string) => (await w.http("GET", `/api/v1/catalog/products?${query}`)).body;
const titles = (r: { items: { id: string }[] }) => r.items.map((i) => Object.entries(ids).find(([, v]) => v === i.id)?.[0]);

describe("storefront browsing and search", () => {
  it("indexes Chinese words, characters and pairs so that a phrase typed alone finds a title", () => {
    expect(indexTokens("西湖龙井").split(" ")).toEqual(expect.arrayContaining(["西湖", "龙井", "湖龙", "龙"]));
    expect(toTsQuery("龙井茶")).toBe("'龙井':* & '茶':*"); // words as the segmenter cuts the query, long ones by their pairs
    expect(toTsQuery("green tea")).toBe("'green':* & 'tea':*");
    expect(toTsQuery("！？")).toBeNull();
  });

  it("finds products by a Chinese phrase, an English word, a prefix and a misspelt Latin word", async () => {
    expect(titles(await search(`q=${encodeURIComponent("西湖龙井")}`))).toEqual(["longjing"]);
    expect(titles(await search(`q=${encodeURIComponent("碧螺春")}`))).toEqual(["biluochun"]);
    expect(titles(await search(`q=${encodeURIComponent("绿茶")}`)).sort()).toEqual(["biluochun", "longjing"]); // the category's name
    expect(titles(await search("q=black"))).toEqual(["dianhong"]);
    expect(titles(await search("q=longj"))).toEqual(["longjing"]);
    expect(titles(await search("q=longjign"))).toEqual(["longjing"]);
    expect((await search(`q=${encodeURIComponent("普洱")}`)).items).toEqual([]);
  });

  it("filters by category subtree, price and attribute, sorts and pages with a cursor", async () => {
    expect(titles(await search(`categoryId=${ids.tea}&sort=price_asc`))).toEqual(["dianhong", "biluochun", "longjing"]);
    expect(titles(await search(`categoryId=${ids.greenTea}&sort=price_desc`))).toEqual(["longjing", "biluochun"]);
    expect(titles(await search(`categoryId=${ids.tea}&minPriceFen=30000&maxPriceFen=50000`))).toEqual(["biluochun"]);
    expect(titles(await search(`categoryId=${ids.tea}&attr=${encodeURIComponent("grade:一级")}&sort=price_asc`))).toEqual(["dianhong", "biluochun"]);
    const first = await search(`categoryId=${ids.tea}&sort=newest&limit=2`);
    expect(titles(first)).toEqual(["dianhong", "biluochun"]);
    expect(first.personalised).toBe(false);
    const second = await search(`categoryId=${ids.tea}&sort=newest&limit=2&cursor=${first.nextCursor}`);
    expect(titles(second)).toEqual(["longjing"]);
    expect(second.nextCursor).toBeNull();
    expect((await w.http("GET", "/api/v1/catalog/products?cursor=garbage")).body.error.code).toBe("CURSOR_INVALID");
    expect((await w.http("GET", "/api/v1/catalog/products?attr=nocolon")).body.error.code).toBe("ATTRIBUTE_FILTER_INVALID");
  });
});
