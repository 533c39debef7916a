import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { indexTokens, toTsQuery } from "./search.js";

let w: World;
const ids: Record<string, string> = {};
// The demo shops' listed products: five teas and foods, three bamboo goods.
const demo = { longjing: "西湖龙井", biluochun: "洞庭碧螺春", dianhong: "云南滇红", puer: "勐海普洱", oufen: "杭州西湖藕粉", board: "楠竹砧板", baskets: "竹编收纳篮", cutlery: "竹制餐具" };
beforeAll(async () => {
  w = await world({ seed: true });
  type Node = { id: string; key: string; children: Node[] };
  const flat = (ns: Node[]): Node[] => ns.flatMap((n) => [n, ...flat(n.children)]);
  const cats = Object.fromEntries(flat((await w.http("GET", "/api/v1/categories")).body.items).map((c) => [c.key, c.id]));
  ids.greenTea = cats["green-tea"]!;
  ids.tea = cats["tea"]!;
  for (const owner of ["owner@tea-house.example", "owner@bamboo.example"]) {
    for (const p of (await w.http("GET", "/api/v1/merchant/products?status=listed", { token: await w.loginAs(owner) })).body.items as { id: string; title: string }[]) {
      const key = Object.entries(demo).find(([, prefix]) => p.title.startsWith(prefix))![0];
      ids[key] = p.id;
    }
  }
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
    // "西湖" alone also finds the lotus root powder from 杭州西湖; the exact title ranks first.
    expect(titles(await search(`q=${encodeURIComponent("西湖")}`)).sort()).toEqual(["longjing", "oufen"]);
    expect(titles(await search(`q=${encodeURIComponent("碧螺春")}`))).toEqual(["biluochun"]);
    expect(titles(await search(`q=${encodeURIComponent("绿茶")}`)).sort()).toEqual(["biluochun", "longjing"]); // the category's name
    expect(titles(await search("q=black"))).toEqual(["dianhong"]);
    expect(titles(await search("q=longj"))).toEqual(["longjing"]);
    expect(titles(await search("q=longjign"))).toEqual(["longjing"]);
    expect(titles(await search(`q=${encodeURIComponent("普洱")}`))).toEqual(["puer"]);
    expect(titles(await search(`q=${encodeURIComponent("砧板")}`))).toEqual(["board"]);
    expect((await search(`q=${encodeURIComponent("咖啡")}`)).items).toEqual([]);
  });

  it("filters by category subtree, price and attribute, sorts and pages with a cursor", async () => {
    expect(titles(await search(`categoryId=${ids.tea}&sort=price_asc`))).toEqual(["dianhong", "puer", "biluochun", "longjing"]);
    expect(titles(await search(`categoryId=${ids.greenTea}&sort=price_desc`))).toEqual(["longjing", "biluochun"]);
    expect(titles(await search(`categoryId=${ids.tea}&minPriceFen=30000&maxPriceFen=50000`))).toEqual(["puer", "biluochun"]);
    const bamboo = (await search("q=bamboo")).items[0].merchantId;
    expect(titles(await search(`merchantId=${bamboo}&sort=price_asc`))).toEqual(["cutlery", "board", "baskets"]);
    expect(titles(await search(`categoryId=${ids.tea}&attr=${encodeURIComponent("grade:一级")}&sort=price_asc`))).toEqual(["dianhong", "biluochun"]);
    // Pages of two, newest first, until the cursor runs out; every product once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null; personalised: boolean } = await search(`categoryId=${ids.tea}&sort=newest&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.personalised).toBe(false);
      seen.push(...titles(page).map(String));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["puer", "dianhong", "biluochun", "longjing"]);
    expect((await w.http("GET", "/api/v1/catalog/products?cursor=garbage")).body.error.code).toBe("CURSOR_INVALID");
    expect((await w.http("GET", "/api/v1/catalog/products?attr=nocolon")).body.error.code).toBe("ATTRIBUTE_FILTER_INVALID");
  });
});
