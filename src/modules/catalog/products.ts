import { and, asc, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { merchants } from "../merchants/schema.js";
import { maySell } from "../penalties/index.js";
import { getRule } from "../settings/index.js";
import { closeTasks, raiseTask } from "../tasks/index.js";
import { effectiveCategory } from "./categories.js";
import { productMachine, versionMachine, type ProductStatus } from "./machine.js";
import { prescreen } from "./prescreen.js";
import { assertOwnImages, imageUrls } from "./images.js";
import { indexTokens, latinText } from "./search.js";
import { assertOwnSupplier } from "../suppliers/service.js";
import { merchantCredentials } from "../qualifications/index.js";
import { products, productVersions, type ProductContent } from "./schema.js";

type ProductRow = typeof products.$inferSelect;
type VersionRow = typeof productVersions.$inferSelect;

const prices = (c: ProductContent) => ({ minPriceFen: Math.min(...c.skus.map((s) => s.priceFen)), maxPriceFen: Math.max(...c.skus.map((s) => s.priceFen)) });

export function checkContent(c: ProductContent) {
  const codes = c.skus.map((s) => s.code);
  if (new Set(codes).size !== codes.length) throw new ValidationError("SKU_CODE_DUPLICATE", "Each SKU needs its own code.", { field: "skus" });
  const combos = c.skus.map((s) => JSON.stringify(Object.entries(s.options).sort()));
  if (new Set(combos).size !== combos.length) throw new ValidationError("SKU_OPTIONS_DUPLICATE", "Two SKUs have the same options; each variant is one SKU.", { field: "skus" });
}

// The note on a version that went on sale without a reviewer (no key field changed).
export const AUTO_APPROVAL = "applied without review: no key field changed";

const versionView = (v: VersionRow) => ({
  id: v.id, number: v.number, status: v.status, content: v.content, findings: v.findings, keyChanges: v.keyChanges, autoApproved: v.reason === AUTO_APPROVAL,
  submittedAt: v.submittedAt, decidedAt: v.decidedAt, decidedBy: v.decidedByLabel, reason: v.reason, createdAt: v.createdAt, updatedAt: v.updatedAt,
});

async function view(q: Queryable, p: ProductRow) {
  const versions = await q.select().from(productVersions).where(eq(productVersions.productId, p.id)).orderBy(asc(productVersions.number));
  return {
    id: p.id, merchantId: p.merchantId, status: p.status, title: p.title, categoryId: p.categoryId, minPriceFen: p.minPriceFen, maxPriceFen: p.maxPriceFen,
    listedAt: p.listedAt, delistedAt: p.delistedAt, delistKind: p.delistKind, delistReason: p.delistReason, relistNeedsReview: p.relistNeedsReview,
    createdAt: p.createdAt, updatedAt: p.updatedAt,
    live: versions.find((v) => v.id === p.liveVersionId) ? versionView(versions.find((v) => v.id === p.liveVersionId)!) : null,
    working: versions.find((v) => v.id === p.workingVersionId) ? versionView(versions.find((v) => v.id === p.workingVersionId)!) : null,
    history: versions.map((v) => ({ number: v.number, status: v.status, submittedAt: v.submittedAt, decidedAt: v.decidedAt, decidedBy: v.decidedByLabel, reason: v.reason, keyChanges: v.keyChanges, autoApproved: v.reason === AUTO_APPROVAL })),
  };
}
export type ProductView = Awaited<ReturnType<typeof view>>;

async function byId(q: Queryable, id: string, lock = false) {
  const base = q.select().from(products).where(eq(products.id, id));
  const [p] = lock ? await base.for("update") : await base;
  if (!p) throw new NotFound("Product", "PRODUCT_NOT_FOUND");
  return p;
}

async function own(q: Queryable, ctx: Ctx, id: string, lock = false) {
  const p = await byId(q, id, lock);
  if (p.merchantId !== ctx.actor.merchantId) throw new NotFound("Product", "PRODUCT_NOT_FOUND");
  return p;
}

async function versionById(q: Queryable, id: string) {
  const [v] = await q.select().from(productVersions).where(eq(productVersions.id, id));
  return v!;
}

// A new product as a draft with its first version; shared by the editor and the XLSX import.
export async function insertDraft(tx: Tx, ctx: Ctx, content: ProductContent) {
  const now = ctx.clock.now();
  const id = newId();
  const versionId = newId();
  const [p] = await tx.insert(products).values({
    id, merchantId: ctx.actor.merchantId!, status: "draft", workingVersionId: versionId, title: content.title, categoryId: content.categoryId, ...prices(content), createdAt: now, updatedAt: now,
  }).returning();
  await tx.insert(productVersions).values({ id: versionId, productId: id, number: 1, content, status: "draft", createdAt: now, updatedAt: now });
  return p!;
}

export async function createProduct(ctx: Ctx, content: ProductContent) {
  checkContent(content);
  return ctx.db.transaction(async (tx) => {
    await effectiveCategory(tx, content.categoryId);
    await assertOwnImages(tx, ctx.actor.merchantId!, content.images);
    await assertOwnSupplier(tx, ctx.actor.merchantId!, content.supplierId);
    const p = await insertDraft(tx, ctx, content);
    await recordAudit(tx, ctx, { action: "product.create", entityType: "product", entityId: p.id, summary: { title: content.title } });
    return view(tx, p);
  });
}

// Edits go to the working version; the live one stays on sale untouched (P3). A version
// that reviewers rejected is kept for the history and the edit starts a new one.
export async function updateProduct(ctx: Ctx, id: string, content: ProductContent) {
  checkContent(content);
  return ctx.db.transaction(async (tx) => {
    const p = await own(tx, ctx, id, true);
    await effectiveCategory(tx, content.categoryId);
    await assertOwnImages(tx, p.merchantId, content.images);
    await assertOwnSupplier(tx, p.merchantId, content.supplierId);
    const now = ctx.clock.now();
    const working = p.workingVersionId ? await versionById(tx, p.workingVersionId) : null;
    if (working?.status === "pending_review") throw new Conflict("VERSION_UNDER_REVIEW", "This product's changes are with the reviewers; wait for their decision before changing it again.");
    let workingId = working?.id;
    if (working?.status === "draft") {
      await tx.update(productVersions).set({ content, findings: [], updatedAt: now }).where(eq(productVersions.id, working.id));
    } else {
      const [{ n }] = (await tx.select({ n: productVersions.number }).from(productVersions).where(eq(productVersions.productId, id)).orderBy(desc(productVersions.number)).limit(1)) as [{ n: number }];
      workingId = newId();
      await tx.insert(productVersions).values({ id: workingId, productId: id, number: n + 1, content, status: "draft", createdAt: now, updatedAt: now });
    }
    const shown = p.liveVersionId ? {} : { title: content.title, categoryId: content.categoryId, ...prices(content) };
    const [row] = await tx.update(products).set({ workingVersionId: workingId, updatedAt: now, ...shown }).where(eq(products.id, id)).returning();
    await recordAudit(tx, ctx, { action: "product.edit", entityType: "product", entityId: id, summary: { title: content.title } });
    return view(tx, row!);
  });
}

// P3: which key fields a revision changes against what is on sale.
async function keyChanges(ctx: Ctx, q: Queryable, live: ProductContent, next: ProductContent) {
  const changed: string[] = [];
  if (live.title !== next.title) changed.push("title");
  if (live.categoryId !== next.categoryId) changed.push("category");
  if (JSON.stringify(live.images) !== JSON.stringify(next.images)) changed.push("images");
  if (JSON.stringify(Object.entries(live.attributes).sort()) !== JSON.stringify(Object.entries(next.attributes).sort())) changed.push("attributes");
  const pct = await getRule(ctx, "product.keyPriceChangePercent", q);
  const before = new Map(live.skus.map((s) => [s.code, s.priceFen]));
  const skusChanged = next.skus.length !== live.skus.length || next.skus.some((s) => !before.has(s.code));
  if (skusChanged) changed.push("skus");
  else if (next.skus.some((s) => Math.abs(s.priceFen - before.get(s.code)!) * 100 > before.get(s.code)! * pct)) changed.push("price");
  return changed;
}

// Pre-screening first; blocking findings stop here. A revision of a listed product that
// touches no key field goes on sale at once; anything else waits for a reviewer.
export async function submitProduct(ctx: Ctx, id: string) {
  const result = await ctx.db.transaction(async (tx) => {
    const p = await own(tx, ctx, id, true);
    if (!p.workingVersionId) throw new RuleViolation("NOTHING_TO_SUBMIT", "There are no changes to submit.");
    const working = await versionById(tx, p.workingVersionId);
    if (working.status !== "draft") throw new RuleViolation("NOTHING_TO_SUBMIT", working.status === "pending_review" ? "These changes are already with the reviewers." : "There are no changes to submit.");
    const now = ctx.clock.now();
    const findings = await prescreen(ctx, tx, p.merchantId, working.content);
    await tx.update(productVersions).set({ findings, updatedAt: now }).where(eq(productVersions.id, working.id));
    const blocking = findings.filter((f) => f.severity === "block");
    if (blocking.length) return { blocked: blocking };
    const live = p.liveVersionId ? await versionById(tx, p.liveVersionId) : null;
    const changes = live ? await keyChanges(ctx, tx, live.content, working.content) : [];
    const onSale = p.status === "listed";
    if (onSale && !changes.length && !findings.length) {
      await goLive(tx, ctx, p, working, AUTO_APPROVAL);
    } else {
      await tx.update(productVersions).set({ status: next(versionMachine, working.status, "submit"), keyChanges: changes, submittedAt: now }).where(eq(productVersions.id, working.id));
      if (!onSale) await tx.update(products).set({ status: next(productMachine, p.status, "submit"), updatedAt: now }).where(eq(products.id, id));
      await raiseTask(tx, ctx, {
        audience: "platform", merchantId: p.merchantId, permission: "product.review", kind: "listing_review", subjectType: "product_version", subjectId: working.id,
        dedupeKey: `listing-review:${working.id}`, params: { title: working.content.title, revision: onSale ? 1 : 0 },
      });
    }
    await recordAudit(tx, ctx, { action: "product.submit", entityType: "product", entityId: id, summary: { version: working.number, keyChanges: changes, warnings: findings.length } });
    return { product: await view(tx, await byId(tx, id)) };
  });
  if ("blocked" in result) {
    throw new RuleViolation("LISTING_BLOCKED", `Fix these before submitting: ${result.blocked!.map((f) => f.message).join(" ")}`, { findings: result.blocked });
  }
  return result.product;
}

// What the storefront filters and searches on, from the version going on sale.
async function shelfFacts(tx: Tx, c: ProductContent) {
  const category = await effectiveCategory(tx, c.categoryId);
  const names = category.path.flatMap((x) => [x.name.zh, x.name.en]);
  const attributeText = Object.values(c.attributes).filter((v) => typeof v === "string").join(" ");
  return { attributes: c.attributes, mainImageId: c.images[0] ?? null, searchTokens: indexTokens(c.title, attributeText, c.origin, ...names), searchLatin: latinText(c.title, attributeText, c.origin, ...names) };
}

async function goLive(tx: Tx, ctx: Ctx, p: ProductRow, v: VersionRow, reason: string | null) {
  const now = ctx.clock.now();
  if (p.liveVersionId) await tx.update(productVersions).set({ status: "superseded" }).where(eq(productVersions.id, p.liveVersionId));
  await tx.update(productVersions).set({ status: next(versionMachine, v.status, "approve"), decidedAt: now, decidedByLabel: ctx.actor.label, reason }).where(eq(productVersions.id, v.id));
  const status: ProductStatus = p.status === "listed" ? "listed" : next(productMachine, p.status, "approve");
  await tx.update(products).set({
    status, liveVersionId: v.id, workingVersionId: null, title: v.content.title, categoryId: v.content.categoryId, ...prices(v.content), ...(await shelfFacts(tx, v.content)),
    listedAt: p.listedAt ?? now, delistedAt: null, delistKind: null, delistReason: null, relistNeedsReview: false, updatedAt: now,
  }).where(eq(products.id, p.id));
}

export async function listingQueue(ctx: Ctx, q: { limit: number }) {
  const rows = await ctx.db.select({ v: productVersions, p: products, merchantName: merchants.name }).from(productVersions)
    .innerJoin(products, eq(products.id, productVersions.productId)).innerJoin(merchants, eq(merchants.id, products.merchantId))
    .where(eq(productVersions.status, "pending_review")).orderBy(asc(productVersions.submittedAt)).limit(q.limit);
  const now = ctx.clock.now().getTime();
  return {
    items: rows.map((r) => ({
      productId: r.p.id, versionId: r.v.id, number: r.v.number, title: r.v.content.title, merchantId: r.p.merchantId, merchantName: r.merchantName,
      revision: r.p.liveVersionId !== null, keyChanges: r.v.keyChanges, warnings: r.v.findings.filter((f) => f.severity === "warn").length,
      submittedAt: r.v.submittedAt, waitingHours: r.v.submittedAt ? Math.floor((now - r.v.submittedAt.getTime()) / 3_600_000) : null,
    })),
  };
}

export const productForReview = async (ctx: Ctx, id: string) => view(ctx.db, await byId(ctx.db, id));

export async function decideListing(ctx: Ctx, id: string, input: { decision: "approve" | "reject"; reason?: string }) {
  if (input.decision === "reject" && !input.reason?.trim()) throw new ValidationError("REASON_REQUIRED", "Say what the merchant must change.");
  return ctx.db.transaction(async (tx) => {
    const p = await byId(tx, id, true);
    const working = p.workingVersionId ? await versionById(tx, p.workingVersionId) : null;
    if (!working || working.status !== "pending_review") throw new RuleViolation("NOTHING_TO_REVIEW", "This product has no changes waiting for review.");
    const now = ctx.clock.now();
    if (input.decision === "approve") {
      await goLive(tx, ctx, p, working, input.reason?.trim() || null);
    } else {
      await tx.update(productVersions).set({ status: next(versionMachine, working.status, "reject"), decidedAt: now, decidedByLabel: ctx.actor.label, reason: input.reason!.trim() })
        .where(eq(productVersions.id, working.id));
      if (p.status === "pending_review") await tx.update(products).set({ status: next(productMachine, p.status, "reject"), updatedAt: now }).where(eq(products.id, id));
      await raiseTask(tx, ctx, {
        audience: "merchant", merchantId: p.merchantId, kind: "listing_rejected", subjectType: "product", subjectId: id, dedupeKey: `listing-rejected:${working.id}`,
        params: { title: working.content.title, reason: input.reason!.trim() },
      });
    }
    await closeTasks(tx, ctx, { subjectType: "product_version", subjectId: working.id }, ctx.actor.label);
    await recordAudit(tx, ctx, { action: `product.${input.decision}`, entityType: "product", entityId: id, summary: { version: working.number, reason: input.reason ?? null } });
    return view(tx, await byId(tx, id));
  });
}

// P4: off the shelf with a recorded reason. The platform's delisting for a violation is
// immediate and means the product returns only through review.
export async function delistProduct(ctx: Ctx, id: string, input: { kind: "merchant" | "violation" | "qualification" | "quality"; reason: string }) {
  return ctx.db.transaction((tx) => delistInTx(tx, ctx, id, input));
}

// The same inside a caller's transaction (a failed quality sampling delists with its other
// consequences, all or nothing). `restate`: a product its shop already took off sale gets
// the platform's reason on record instead, so that it returns only through review.
export async function delistInTx(tx: Tx, ctx: Ctx, id: string, input: { kind: "merchant" | "violation" | "qualification" | "quality"; reason: string }, opts: { restate?: boolean } = {}) {
  const p = input.kind === "merchant" ? await own(tx, ctx, id, true) : await byId(tx, id, true);
  const to = opts.restate && p.status === "delisted" && input.kind !== "merchant" ? p.status : next(productMachine, p.status, "delist");
  const now = ctx.clock.now();
  const [row] = await tx.update(products).set({ status: to, delistedAt: now, delistKind: input.kind, delistReason: input.reason.trim(), relistNeedsReview: input.kind !== "merchant", updatedAt: now })
    .where(eq(products.id, id)).returning();
  if (input.kind !== "merchant") {
    await raiseTask(tx, ctx, {
      audience: "merchant", merchantId: p.merchantId, kind: "product_delisted", subjectType: "product", subjectId: id, dedupeKey: `delisted:${id}:${now.toISOString()}`,
      params: { title: p.title, kind: input.kind, reason: input.reason.trim() },
    });
  }
  await recordAudit(tx, ctx, { action: `product.delist_${input.kind}`, entityType: "product", entityId: id, summary: { reason: input.reason } });
  return view(tx, row!);
}

export async function relistProduct(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const p = await own(tx, ctx, id, true);
    if (p.relistNeedsReview) {
      throw new RuleViolation("RELIST_NEEDS_REVIEW", `The platform took this product off sale (${p.delistReason}). Correct it and submit it for review.`);
    }
    const to = next(productMachine, p.status, "relist");
    const blocking = (await prescreen(ctx, tx, p.merchantId, (await versionById(tx, p.liveVersionId!)).content)).filter((f) => f.severity === "block");
    if (blocking.length) throw new RuleViolation("LISTING_BLOCKED", `Fix these before relisting: ${blocking.map((f) => f.message).join(" ")}`, { findings: blocking });
    const [row] = await tx.update(products).set({ status: to, delistedAt: null, delistKind: null, delistReason: null, updatedAt: ctx.clock.now() }).where(eq(products.id, id)).returning();
    await recordAudit(tx, ctx, { action: "product.relist", entityType: "product", entityId: id });
    return view(tx, row!);
  });
}

export async function myProducts(ctx: Ctx, q: { status?: ProductStatus; cursor?: string; limit: number }) {
  const where: SQL[] = [eq(products.merchantId, ctx.actor.merchantId!)];
  if (q.status) where.push(eq(products.status, q.status));
  if (q.cursor) where.push(lt(products.id, q.cursor));
  const rows = await ctx.db.select({ p: products, images: sql<string[] | null>`(select content->'images' from ${productVersions} v where v.id = coalesce(${products.workingVersionId}, ${products.liveVersionId}))` })
    .from(products).where(and(...where)).orderBy(desc(products.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(({ p, images }) => ({ id: p.id, image: images?.[0] ? imageUrls(images[0]) : null, status: p.status, title: p.title, categoryId: p.categoryId, minPriceFen: p.minPriceFen, maxPriceFen: p.maxPriceFen, listedAt: p.listedAt, updatedAt: p.updatedAt, pendingChanges: p.workingVersionId !== null && p.liveVersionId !== null })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.p.id : null,
  };
}

export const myProduct = async (ctx: Ctx, id: string) => view(ctx.db, await own(ctx.db, ctx, id));

// What a buyer may see: listed, from a shop that is selling (P4: a suspended shop's listings disappear).
export async function publicProduct(ctx: Ctx, id: string) {
  // One query: the storefront's most visited page. A shop that may not sell shows nothing.
  const [row] = await ctx.db.select({ p: products, content: productVersions.content, merchantName: merchants.name }).from(products)
    .innerJoin(productVersions, eq(productVersions.id, products.liveVersionId)).innerJoin(merchants, eq(merchants.id, products.merchantId))
    .where(and(eq(products.id, id), eq(products.status, "listed"), maySell(merchants, ctx.clock.now())));
  if (!row) throw new NotFound("Product", "PRODUCT_NOT_FOUND");
  const { p, content } = row;
  const category = await effectiveCategory(ctx.db, p.categoryId);
  return {
    id: p.id, merchant: { id: p.merchantId, name: row.merchantName }, ...content, images: content.images.map((i) => ({ id: i, ...imageUrls(i) })), minPriceFen: p.minPriceFen, maxPriceFen: p.maxPriceFen,
    category: { id: category.id, name: category.name, path: category.path, attributes: category.attributes }, returnEligible: category.returnEligible, listedAt: p.listedAt,
  };
}

// P4: listed products without a sale for product.slowMoverDays are proposed for delisting
// to their merchant, once per quiet spell.
export async function proposeSlowMovers(s: Services) {
  const ctx = ctxFor(s, systemActor("slow-mover check"));
  const days = await getRule(ctx, "product.slowMoverDays");
  const cutoff = new Date(ctx.clock.now().getTime() - days * 86_400_000);
  const quiet = await s.db.select().from(products)
    .where(and(eq(products.status, "listed"), sql`coalesce(${products.lastSoldAt}, ${products.listedAt}) < ${cutoff.toISOString()}`));
  let raised = 0;
  for (const p of quiet) {
    const since = (p.lastSoldAt ?? p.listedAt)!;
    const t = await raiseTask(s.db, ctx, {
      audience: "merchant", merchantId: p.merchantId, kind: "slow_mover", subjectType: "product", subjectId: p.id, dedupeKey: `slow-mover:${p.id}:${since.toISOString()}`,
      params: { title: p.title, since: since.toISOString(), days },
    });
    if (t) raised++;
  }
  return { proposed: raised };
}

// P4: a listed product whose category needs a permit the shop no longer holds (expired,
// replaced by nothing) is taken off sale with that reason; relisting goes through review.
export async function delistForMissingPermits(s: Services) {
  const ctx = ctxFor(s, systemActor("permit check"));
  const listed = await s.db.select({ id: products.id, merchantId: products.merchantId, categoryId: products.categoryId }).from(products).where(eq(products.status, "listed"));
  const credentials = new Map<string, string[]>();
  let delisted = 0;
  for (const p of listed) {
    const category = await effectiveCategory(s.db, p.categoryId);
    if (!category.requiredPermits.length) continue;
    if (!credentials.has(p.merchantId)) credentials.set(p.merchantId, (await merchantCredentials(s.db, p.merchantId, ctx.clock.now())).permits);
    const missing = category.requiredPermits.filter((k) => !credentials.get(p.merchantId)!.includes(k));
    if (!missing.length) continue;
    await delistProduct(ctx, p.id, { kind: "qualification", reason: `The shop holds no valid ${missing.join(", ").replace(/_/g, " ")} required by ${category.name.en}.` });
    delisted++;
  }
  return { delisted };
}
