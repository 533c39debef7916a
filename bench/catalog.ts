// Storefront reads at catalogue scale: 100 000 listed products of 2 000 merchants, on
// PGlite and on PostgreSQL, with autocannon at 50 connections:
//   category listing (a root category with its sub-categories, by price), product page,
//   search by a Chinese phrase, search by an English word.
// Each warm (answers from the storefront shelf) and cold (every request computed).
// Also prints the query plans. Run: npm run bench:catalog [-- --seconds 10 --products 100000]
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../src/lib/db-types.js";
import { newId } from "../src/lib/ids.js";
import { createPlatform } from "../src/server/platform.js";
import { merchants } from "../src/modules/merchants/schema.js";
import { categories, products, productVersions, type ProductContent } from "../src/modules/catalog/schema.js";
import { indexTokens, latinText, toTsQuery } from "../src/modules/catalog/search.js";
import { pgDatabase, pgUrl, run, secret, seconds, table, type Result } from "./support.js";

const argN = (name: string, d: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || d;
const PRODUCTS = argN("products", 100_000);
const MERCHANTS = argN("merchants", 2_000);
const CONNECTIONS = 50;

// Deterministic pseudo-random data, so both databases get the same catalogue.
let seed = 42;
const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const places = ["西湖", "安吉", "武夷", "云南", "福建", "杭州", "苏州", "黄山", "普洱", "景德镇", "宜兴", "四川"];
const goods: Record<string, [string, string][]> = {
  tea: [["龙井", "Longjing"], ["白茶", "white tea"], ["大红袍", "Da Hong Pao"], ["毛峰", "Maofeng"], ["铁观音", "Tieguanyin"], ["红茶", "black tea"], ["普洱茶饼", "Puer cake"]],
  food: [["藕粉", "lotus powder"], ["笋干", "bamboo shoots"], ["火腿", "ham"], ["桂花糕", "osmanthus cake"], ["蜂蜜", "honey"]],
  home: [["砧板", "chopping board"], ["收纳篮", "storage basket"], ["茶盘", "tea tray"], ["竹席", "bamboo mat"], ["花瓶", "vase"]],
  apparel: [["丝巾", "silk scarf"], ["棉麻衬衫", "linen shirt"], ["汉服", "hanfu"]],
  electronics: [["蓝牙音箱", "bluetooth speaker"], ["充电宝", "power bank"], ["耳机", "earphones"]],
};
const grades = ["特级", "一级", "二级"];

async function seedCatalogue(db: Db) {
  const cats = await db.select().from(categories);
  const leavesOf = (root: string) => {
    const r = cats.find((c) => c.key === root)!;
    const kids = cats.filter((c) => c.parentId === r.id);
    return kids.length ? kids : [r];
  };
  const merchantIds = Array.from({ length: MERCHANTS }, () => newId());
  const now = new Date();
  for (let i = 0; i < MERCHANTS; i += 500) {
    await db.insert(merchants).values(merchantIds.slice(i, i + 500).map((id, j) => ({ id, name: `${pick(places)}商铺 ${i + j + 1} Shop`, createdAt: now })));
  }
  const t0 = performance.now();
  for (let i = 0; i < PRODUCTS; i += 1000) {
    const rows = [];
    const versions = [];
    for (let j = i; j < Math.min(PRODUCTS, i + 1000); j++) {
      const root = pick(Object.keys(goods));
      const [zh, en] = pick(goods[root]!);
      const category = pick(leavesOf(root));
      const grade = pick(grades);
      const title = `${pick(places)}${zh} ${grade} ${en} ${j}`;
      const price = 1_000 + Math.floor(rnd() * 200_000);
      const id = newId();
      const versionId = newId();
      const attributes: Record<string, string> = root === "tea" ? { grade, origin: pick(places) } : { material: zh };
      const content: ProductContent = {
        title, categoryId: category.id, description: title, attributes, material: null, functions: null, usage: null, afterSales: "七日无理由退货", origin: pick(places),
        productionDate: null, shelfLifeDays: null, images: [], supplierId: null, skus: [{ code: `S${j}`, options: {}, priceFen: price, barcode: null, weightGrams: 500 }],
      };
      versions.push({ id: versionId, productId: id, number: 1, content, status: "approved" as const, createdAt: now, updatedAt: now });
      rows.push({
        id, merchantId: merchantIds[j % MERCHANTS]!, status: "listed" as const, liveVersionId: versionId, title, categoryId: category.id, minPriceFen: price, maxPriceFen: price,
        listedAt: new Date(now.getTime() - j * 1000), attributes, searchTokens: indexTokens(title, category.name.zh, category.name.en), searchLatin: latinText(title, category.name.en),
        salesCount: Math.floor(rnd() * 1000), createdAt: now, updatedAt: now,
      });
    }
    await db.insert(products).values(rows);
    await db.insert(productVersions).values(versions);
  }
  await db.execute(sql`analyze`);
  return { seconds: Math.round((performance.now() - t0) / 100) / 10, teaRoot: cats.find((c) => c.key === "tea")!.id };
}

async function plans(db: Db, teaRoot: string) {
  const tsq = toTsQuery("西湖龙井")!;
  const show = async (label: string, q: ReturnType<typeof sql>) => {
    const lines = rowsOf<Record<string, string>>(await db.execute(sql`explain (analyze, costs off, timing off) ${q}`)).map((r) => Object.values(r)[0]);
    console.log(`\n-- ${label}\n${lines.join("\n")}`);
  };
  await show("category listing (tea and its children, by price)", sql`select id from products where status = 'listed'
    and category_id in (select id from categories where id = ${teaRoot} or parent_id = ${teaRoot}) order by min_price_fen, id limit 25`);
  await show("search: 西湖龙井", sql`select id from products where status = 'listed' and search_vector @@ to_tsquery('simple', ${tsq})
    order by ts_rank(search_vector, to_tsquery('simple', ${tsq})) desc, id desc limit 25`);
  await show("search: longjing (full text or trigram)", sql`select id from products where status = 'listed' and (search_vector @@ to_tsquery('simple', ${toTsQuery("longjing")!}) or 'longjing' <% search_latin) limit 25`);
}

const results: Record<string, Record<string, Result>> = {};
const seeded: Record<string, number> = {};
for (const kind of ["pglite", "postgres"] as const) {
  const server = kind === "postgres" ? await pgDatabase() : null;
  if (kind === "postgres" && !server) { console.log("postgres: no server at", pgUrl, "- skipped"); continue; }
  const p = await createPlatform({ databaseUrl: server?.url, appSecret: secret, logLevel: "silent", webDir: null, authRateLimit: 1e9, poolSize: 20 });
  const { seconds: s, teaRoot } = await seedCatalogue(p.services.db);
  seeded[kind] = s;
  const ids = rowsOf<{ id: string }>(await p.services.db.execute(sql`select id from products order by random() limit 20000`)).map((r) => r.id);
  const base = await p.app.listen({ port: 0, host: "127.0.0.1" });
  const c = { connections: CONNECTIONS };
  // Warm: what visitors mostly ask (a category's first page, a popular search, 200 popular
  // products) is answered from the storefront shelf. Cold: every request differs (a price
  // floor, another product), so every answer is computed by the database.
  const listing = `/api/v1/catalog/products?categoryId=${teaRoot}&sort=price_asc`;
  const zh = `/api/v1/catalog/products?q=${encodeURIComponent("西湖龙井")}`;
  const en = "/api/v1/catalog/products?q=longjing";
  const distinct = (path: string) => Array.from({ length: 20_000 }, (_, i) => `${path}&minPriceFen=${i}`);
  results[kind] = {
    "category listing": await run(base, listing, c),
    "product page": await run(base, ids.slice(0, 200).map((id) => `/api/v1/products/${id}`), c),
    "search 西湖龙井": await run(base, zh, c),
    "search longjing": await run(base, en, c),
    "listing, cold": await run(base, distinct(listing), c),
    "product, cold": await run(base, ids.map((id) => `/api/v1/products/${id}`), c),
    "西湖龙井, cold": await run(base, distinct(zh), c),
    "longjing, cold": await run(base, distinct(en), c),
  };
  if (kind === "postgres") await plans(p.services.db, teaRoot);
  await p.close();
  await server?.drop();
}

table(`Storefront reads over ${PRODUCTS} products of ${MERCHANTS} merchants, ${seconds}s per row, ${CONNECTIONS} connections, server and load generator in one process (load on a worker thread)`, results);
if (results.pglite && results.postgres) {
  for (const k of Object.keys(results.postgres)) console.log(`ratio postgres/pglite ${k.padEnd(18)} ${(results.postgres[k]!.rps / results.pglite[k]!.rps).toFixed(2)}x`);
}
console.log("\nseeding (bulk insert, tokens computed in Node):");
for (const [db, s] of Object.entries(seeded)) console.log(`${db.padEnd(10)} ${s} s`);
