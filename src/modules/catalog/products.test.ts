import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { world, type World } from "../../../test/support/world.js";
import { delistForMissingPermits, proposeSlowMovers } from "./products.js";

let w: World;
let greenTea: string;
let kitchen: string;
let picture: string;
const jpeg = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 120, g: 160, b: 90 } } }).jpeg().toBuffer();
beforeAll(async () => {
  w = await world({ seed: true });
  type Node = { id: string; key: string; children: Node[] };
  const flat = (ns: Node[]): Node[] => ns.flatMap((n) => [n, ...flat(n.children)]);
  const all = flat((await w.http("GET", "/api/v1/categories")).body.items);
  greenTea = all.find((c) => c.key === "green-tea")!.id;
  kitchen = all.find((c) => c.key === "kitchen")!.id;
  const up = await w.upload("/api/v1/merchant/product-images", await w.loginAs("owner@tea-house.example"), {}, { name: "longjing.jpg", content: await jpeg(1600, 1200) });
  picture = up.body.id;
});
afterAll(async () => { await w?.close(); });

const longjing = (over: Record<string, unknown> = {}) => ({
  title: "西湖龙井 明前特级 250g", categoryId: greenTea, description: "产自西湖核心产区，手工炒制。",
  attributes: { origin: "浙江杭州西湖", net_weight: 250, grade: "特级", harvest: "明前" },
  afterSales: "未拆封支持七日无理由退货。", origin: "浙江杭州", productionDate: "2026-01-02", shelfLifeDays: 540, images: [picture],
  skus: [{ code: "LJ-250", options: { 规格: "250g 罐装" }, priceFen: 68_800, barcode: "6901234567892", weightGrams: 400 }, { code: "LJ-500", options: { 规格: "500g 礼盒" }, priceFen: 128_000, weightGrams: 800 }],
  ...over,
});
const tea = () => w.loginAs("owner@tea-house.example");
const findingCodes = (body: { error: { details: { findings: { code: string }[] } } }) => body.error.details.findings.map((f) => f.code);

describe("P2 product images", () => {
  it("P2 P3 images are checked by content and size, stored in standard sizes and served to anyone", async () => {
    const owner = await w.loginAs("owner@tea-house.example");
    const small = await w.upload("/api/v1/merchant/product-images", owner, {}, { name: "small.jpg", content: await jpeg(400, 300) });
    expect(small.body.error.code).toBe("IMAGE_TOO_SMALL");
    const forged = await w.upload("/api/v1/merchant/product-images", owner, {}, { name: "photo.jpg", content: "%PDF-1.4 not a picture" });
    expect(forged.body.error.code).toBe("IMAGE_TYPE_NOT_ALLOWED");
    for (const [size, side] of [["thumb", 200], ["medium", 600], ["large", 1200]] as const) {
      const r = await w.app.inject({ method: "GET", url: `/api/v1/images/${picture}/${size}` });
      expect(r.headers["content-type"]).toBe("image/webp");
      const meta = await sharp(r.rawPayload).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBe(side);
    }
  });
});

describe("P2 P3 listing with pre-screening and review", () => {
  it("P2 P3 an absolute term blocks submission, also in disguise; fixed, the product is reviewed and goes on sale", async () => {
    const owner = await tea();
    const created = await w.http("POST", "/api/v1/merchant/products", { token: owner, body: longjing({ title: "国家级 西湖龙井 最 佳口感", description: "ＢＥＳＴ 龙井" }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "draft", live: null, working: { number: 1, status: "draft" } });
    const blocked = await w.http("POST", `/api/v1/merchant/products/${created.body.id}/submit`, { token: owner });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("LISTING_BLOCKED");
    expect(blocked.body.error.details.findings.map((f: { term: string; field: string }) => `${f.field}:${f.term}`).sort()).toEqual(["description:best", "title:国家级", "title:最佳"]);

    await w.http("PUT", `/api/v1/merchant/products/${created.body.id}`, { token: owner, body: longjing({ description: "首选的明前龙井。" }) });
    const submitted = await w.http("POST", `/api/v1/merchant/products/${created.body.id}/submit`, { token: owner });
    expect(submitted.body).toMatchObject({ status: "pending_review", working: { status: "pending_review", findings: [{ severity: "warn", term: "首选" }] } });
    expect((await w.http("GET", `/api/v1/products/${created.body.id}`)).status).toBe(404);

    const reviewer = await w.loginAs("operations");
    const queue = (await w.http("GET", "/api/v1/admin/listing-reviews", { token: reviewer })).body.items;
    expect(queue).toEqual([expect.objectContaining({ productId: created.body.id, revision: false, warnings: 1, merchantName: expect.stringContaining("Tea") })]);
    expect((await w.http("POST", `/api/v1/admin/products/${created.body.id}/decision`, { token: reviewer, body: { decision: "reject" } })).body.error.code).toBe("REASON_REQUIRED");
    const approved = await w.http("POST", `/api/v1/admin/products/${created.body.id}/decision`, { token: reviewer, body: { decision: "approve" } });
    expect(approved.body).toMatchObject({ status: "listed", live: { number: 1, status: "approved" }, working: null });
    const page = await w.http("GET", `/api/v1/products/${created.body.id}`);
    expect(page.body).toMatchObject({ title: "西湖龙井 明前特级 250g", minPriceFen: 68_800, maxPriceFen: 128_000, returnEligible: true, merchant: { name: expect.stringContaining("Tea") } });
  });

  it("P3 missing attributes, dates, permits and business category block submission", async () => {
    const bamboo = await w.loginAs("owner@bamboo.example");
    const foreign = await w.http("POST", "/api/v1/merchant/products", { token: bamboo, body: longjing() });
    expect(foreign.body.error.code).toBe("IMAGE_NOT_FOUND"); // the tea house's picture
    const p = await w.http("POST", "/api/v1/merchant/products", { token: bamboo, body: longjing({ attributes: { origin: "杭州", net_weight: "半斤" }, productionDate: null, images: [] }) });
    const r = await w.http("POST", `/api/v1/merchant/products/${p.body.id}/submit`, { token: bamboo });
    expect(findingCodes(r.body).sort()).toEqual(["ATTRIBUTE_INVALID", "CATEGORY_NOT_APPROVED", "IMAGES_TOO_FEW", "PERMIT_MISSING", "PRODUCTION_DATE_REQUIRED"]);
    const bad = await w.http("POST", "/api/v1/merchant/products", { token: bamboo, body: longjing({ skus: [{ code: "A", options: {}, priceFen: 0, weightGrams: 1 }] }) });
    expect(bad.status).toBe(400);
    const dup = await w.http("POST", "/api/v1/merchant/products", { token: bamboo, body: longjing({ skus: [{ code: "A", options: {}, priceFen: 100, weightGrams: 1 }, { code: "A", options: { c: "x" }, priceFen: 100, weightGrams: 1 }] }) });
    expect(dup.body.error.code).toBe("SKU_CODE_DUPLICATE");
  });

  it("P3 a key-field edit keeps the approved version on sale until the revision is approved; other edits apply at once", async () => {
    const owner = await tea();
    const reviewer = await w.loginAs("operations");
    const p = (await w.http("GET", "/api/v1/merchant/products?status=listed", { token: owner })).body.items[0];
    // Description and a 10% price change: no key field, on sale at once.
    const minor = longjing({ description: "手工炒制，豆香浓郁。", skus: [{ code: "LJ-250", options: { 规格: "250g 罐装" }, priceFen: 75_680, weightGrams: 400 }, { code: "LJ-500", options: { 规格: "500g 礼盒" }, priceFen: 128_000, weightGrams: 800 }] });
    await w.http("PUT", `/api/v1/merchant/products/${p.id}`, { token: owner, body: minor });
    const applied = await w.http("POST", `/api/v1/merchant/products/${p.id}/submit`, { token: owner });
    expect(applied.body).toMatchObject({ status: "listed", live: { number: 2, reason: expect.stringContaining("without review") }, working: null });
    expect((await w.http("GET", `/api/v1/products/${p.id}`)).body.minPriceFen).toBe(75_680);

    // A new title: the revision waits for review while version 2 stays on sale.
    await w.http("PUT", `/api/v1/merchant/products/${p.id}`, { token: owner, body: { ...minor, title: "西湖龙井 明前特级 新茶 250g" } });
    const pending = await w.http("POST", `/api/v1/merchant/products/${p.id}/submit`, { token: owner });
    expect(pending.body).toMatchObject({ status: "listed", live: { number: 2 }, working: { number: 3, status: "pending_review", keyChanges: ["title"] } });
    expect((await w.http("GET", `/api/v1/products/${p.id}`)).body.title).toBe("西湖龙井 明前特级 250g");
    const busy = await w.http("PUT", `/api/v1/merchant/products/${p.id}`, { token: owner, body: minor });
    expect(busy.body.error.code).toBe("VERSION_UNDER_REVIEW");
    expect((await w.http("GET", "/api/v1/admin/listing-reviews", { token: reviewer })).body.items[0]).toMatchObject({ productId: p.id, revision: true, keyChanges: ["title"] });
    await w.http("POST", `/api/v1/admin/products/${p.id}/decision`, { token: reviewer, body: { decision: "approve" } });
    expect((await w.http("GET", `/api/v1/products/${p.id}`)).body.title).toBe("西湖龙井 明前特级 新茶 250g");

    // A price more than the rule's 20% away is a key change too; rejected, the old price stays.
    const dearer = { ...minor, title: "西湖龙井 明前特级 新茶 250g", skus: [{ code: "LJ-250", options: { 规格: "250g 罐装" }, priceFen: 99_000, weightGrams: 400 }, { code: "LJ-500", options: { 规格: "500g 礼盒" }, priceFen: 128_000, weightGrams: 800 }] };
    await w.http("PUT", `/api/v1/merchant/products/${p.id}`, { token: owner, body: dearer });
    expect((await w.http("POST", `/api/v1/merchant/products/${p.id}/submit`, { token: owner })).body.working.keyChanges).toEqual(["price"]);
    const rejected = await w.http("POST", `/api/v1/admin/products/${p.id}/decision`, { token: reviewer, body: { decision: "reject", reason: "涨价幅度过大，请说明原因" } });
    expect(rejected.body).toMatchObject({ status: "listed", working: { status: "rejected", reason: "涨价幅度过大，请说明原因" } });
    expect((await w.http("GET", `/api/v1/products/${p.id}`)).body.minPriceFen).toBe(75_680);
    const notice = (await w.http("GET", "/api/v1/merchant/tasks?status=open", { token: owner })).body.items.find((t: { kind: string }) => t.kind === "listing_rejected");
    expect(notice.params.reason).toBe("涨价幅度过大，请说明原因");
  });
});

describe("P4 delisting and M6 penalties on listings", () => {
  it("P4 the merchant delists and relists; a platform delisting for a violation is immediate and needs review to return", async () => {
    const owner = await tea();
    const reviewer = await w.loginAs("operations");
    const p = (await w.http("GET", "/api/v1/merchant/products?status=listed", { token: owner })).body.items[0];
    expect((await w.http("POST", `/api/v1/merchant/products/${p.id}/delist`, { token: owner, body: { reason: "换季下架" } })).body).toMatchObject({ status: "delisted", delistKind: "merchant" });
    expect((await w.http("GET", `/api/v1/products/${p.id}`)).status).toBe(404);
    expect((await w.http("POST", `/api/v1/merchant/products/${p.id}/relist`, { token: owner })).body.status).toBe("listed");

    const violation = await w.http("POST", `/api/v1/admin/products/${p.id}/delist`, { token: reviewer, body: { kind: "violation", reason: "详情页图片含未授权商标" } });
    expect(violation.body).toMatchObject({ status: "delisted", delistKind: "violation", relistNeedsReview: true });
    const relist = await w.http("POST", `/api/v1/merchant/products/${p.id}/relist`, { token: owner });
    expect(relist.body.error.code).toBe("RELIST_NEEDS_REVIEW");
    expect((await w.http("GET", "/api/v1/merchant/tasks?status=open", { token: owner })).body.items.map((t: { kind: string }) => t.kind)).toContain("product_delisted");
    await w.http("PUT", `/api/v1/merchant/products/${p.id}`, { token: owner, body: longjing({ title: "西湖龙井 明前特级 新茶 250g" }) });
    expect((await w.http("POST", `/api/v1/merchant/products/${p.id}/submit`, { token: owner })).body.status).toBe("pending_review");
    expect((await w.http("POST", `/api/v1/admin/products/${p.id}/decision`, { token: reviewer, body: { decision: "approve" } })).body.status).toBe("listed");
  });

  it("M6 P4 a penalty blocks listing, and a suspended shop's listings disappear from the storefront", async () => {
    const admin = await w.loginAs("admin");
    const owner = await tea();
    const teaId = (await w.http("GET", "/api/v1/merchant/shop", { token: owner })).body.id;
    const listed = (await w.http("GET", "/api/v1/merchant/products?status=listed", { token: owner })).body.items[0];
    const inDays = (n: number) => new Date(w.clock.now().getTime() + n * 86_400_000).toISOString();
    const restriction = await w.http("POST", `/api/v1/admin/merchants/${teaId}/penalties`, { token: admin, body: { kind: "listing_restriction", reason: "Repeated absolute terms", evidence: "Listing reviews 2026-01", endsAt: inDays(5) } });
    const draft = await w.http("POST", "/api/v1/merchant/products", { token: owner, body: longjing({ title: "龙井 雨前 一级 250g" }) });
    const refused = await w.http("POST", `/api/v1/merchant/products/${draft.body.id}/submit`, { token: owner });
    expect(findingCodes(refused.body)).toEqual(["MERCHANT_CANNOT_LIST"]);
    expect((await w.http("GET", `/api/v1/products/${listed.id}`)).status).toBe(200); // restricted, still selling
    await w.http("POST", `/api/v1/admin/penalties/${restriction.body.id}/lift`, { token: await w.loginAs("operations"), body: { reason: "Listings corrected" } });

    // The storefront keeps its answers (shelf-cache.ts); a change of standing shows at once.
    const shopShelf = () => w.http("GET", `/api/v1/catalog/products?merchantId=${teaId}`).then((r) => r.body.items.length);
    expect(await shopShelf()).toBeGreaterThan(0);
    const suspension = await w.http("POST", `/api/v1/admin/merchants/${teaId}/penalties`, { token: admin, body: { kind: "suspension", reason: "Orders not shipped", evidence: "Orders 1-20", endsAt: inDays(3) } });
    expect(suspension.status).toBe(201);
    expect((await w.http("GET", `/api/v1/products/${listed.id}`)).status).toBe(404);
    expect(await shopShelf()).toBe(0);
    w.clock.advance({ days: 4 });
    expect((await w.http("GET", `/api/v1/products/${listed.id}`)).status).toBe(200);
    expect(await shopShelf()).toBeGreaterThan(0);
  });
});

describe("P4 slow movers", () => {
  it("P4 a listed product with no sale for the rule's days is proposed for delisting to its merchant, once", async () => {
    const owner = await tea();
    const listed = (await w.http("GET", "/api/v1/merchant/products?status=listed", { token: owner })).body.items;
    expect((await proposeSlowMovers(w.services)).proposed).toBe(0);
    w.clock.advance({ days: 91 });
    // The tea house's food licence has expired by now; its products are still listed, only hidden.
    expect((await proposeSlowMovers(w.services)).proposed).toBeGreaterThanOrEqual(listed.length); // the other demo shop's too
    expect((await proposeSlowMovers(w.services)).proposed).toBe(0);
    const tasks = (await w.http("GET", "/api/v1/merchant/tasks?status=open", { token: await tea() })).body.items.filter((t: { kind: string }) => t.kind === "slow_mover");
    expect(tasks.map((t: { subjectId: string }) => t.subjectId).sort()).toEqual(listed.map((p: { id: string }) => p.id).sort());
    expect(tasks[0].params.days).toBe(90);
  });
});

describe("P4 expired qualifications", () => {
  it("P4 products whose category needs a permit the shop no longer holds are delisted with the reason, and return only through review", async () => {
    // By now (see above) the tea house's food licence has expired; tea and food need it.
    const owner = await tea();
    const before = (await w.http("GET", "/api/v1/merchant/products?status=listed", { token: owner })).body.items.length;
    expect(before).toBeGreaterThan(0);
    const r = await delistForMissingPermits(w.services);
    expect(r.delisted).toBeGreaterThanOrEqual(before);
    const after = (await w.http("GET", "/api/v1/merchant/products?status=delisted", { token: owner })).body.items;
    const one = (await w.http("GET", `/api/v1/merchant/products/${after[0].id}`, { token: owner })).body;
    expect(one).toMatchObject({ delistKind: "qualification", relistNeedsReview: true, delistReason: expect.stringContaining("food licence") });
    // The bamboo shop's home goods need no permit and stay listed.
    const bamboo = await w.loginAs("owner@bamboo.example");
    expect((await w.http("GET", "/api/v1/merchant/products?status=listed", { token: bamboo })).body.items.length).toBeGreaterThan(0);
    expect((await delistForMissingPermits(w.services)).delisted).toBe(0);
  });
});

