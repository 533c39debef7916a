import { and, desc, eq, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { sniffDocumentType } from "../../lib/filetype.js";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import type { Ctx } from "../../server/context.js";
import { NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { nextNumber } from "../../server/numbers.js";
import { recordAudit } from "../audit/index.js";
import { delistInTx } from "../catalog/products.js";
import { products } from "../catalog/schema.js";
import { move } from "../inventory/index.js";
import { stockBatches, stockLevels, warehouses } from "../inventory/schema.js";
import { recordBreach } from "../merchants/breaches.js";
import { merchants } from "../merchants/schema.js";
import { raiseTask } from "../tasks/service.js";
import { batchRef, batchWithFacts, type BatchFacts } from "./batches.js";
import { samplingMachine, type SamplingStatus } from "./machine.js";
import { openRecallInTx, recallsOfBatches } from "./recalls.js";
import { qualitySamplings, recalls } from "./schema.js";

type SamplingRow = typeof qualitySamplings.$inferSelect;

export interface SamplingInput { batchId: string; productId?: string | null; plan: string; standard?: string | null; plannedOn: string }
export interface SampleInput { sampleSize: number; sampledAt?: string | Date | null }
export interface DecisionInput { result: "passed" | "failed"; findings?: string | null; recall?: { reason: string; instructions: string } | null }

const MAX_REPORT_BYTES = 10 * 1024 * 1024;
const REPORT_TYPES = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" } as const;
type ReportMime = keyof typeof REPORT_TYPES;

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const text = (v: string | null | undefined) => (v ?? "").trim();

async function samplingInScope(q: Queryable, ctx: Ctx, id: string, lock = false) {
  const base = q.select().from(qualitySamplings).where(and(eq(qualitySamplings.id, id), ctx.actor.merchantId ? eq(qualitySamplings.merchantId, ctx.actor.merchantId) : undefined));
  const [row] = lock ? await base.for("update") : await base;
  if (!row) throw new NotFound("Sampling", "SAMPLING_NOT_FOUND");
  return row;
}

// ---- the plan ------------------------------------------------------------------------------

// P5: a sampling of one batch is planned: what is tested, against which standard, and when.
export async function createSampling(ctx: Ctx, input: SamplingInput) {
  const plan = text(input.plan);
  if (plan.length < 2) throw new ValidationError("SAMPLING_PLAN_REQUIRED", "Describe the plan: what is sampled and tested, and how.", { field: "plan" });
  if (!isDay(input.plannedOn)) throw new ValidationError("DATE_INVALID", `${input.plannedOn} is not a date (YYYY-MM-DD).`, { field: "plannedOn" });
  return ctx.db.transaction(async (tx) => {
    const f = await batchWithFacts(tx, ctx, input.batchId);
    if (input.productId && input.productId !== f.b.productId) {
      throw new ValidationError("BATCH_NOT_OF_PRODUCT", `Batch ${f.b.batchNo} holds ${f.productTitle}, not the product chosen; choose one of its own batches.`, { field: "batchId" });
    }
    const now = ctx.clock.now();
    const [row] = await tx.insert(qualitySamplings).values({
      id: newId(), no: await nextNumber(tx, "CJ", now), merchantId: f.b.merchantId, productId: f.b.productId, batchId: f.b.id, plan, standard: text(input.standard) || null,
      plannedOn: input.plannedOn, status: "planned", createdByLabel: ctx.actor.label, createdAt: now, updatedAt: now,
    }).returning();
    await recordAudit(tx, ctx, { action: "quality.sampling.plan", entityType: "quality_sampling", entityId: row!.id, summary: { no: row!.no, batchNo: f.b.batchNo, product: f.productTitle, plannedOn: input.plannedOn } });
    return samplingView(tx, ctx, row!);
  });
}

// The sample is drawn: how many units, and when.
export async function recordSample(ctx: Ctx, id: string, input: SampleInput) {
  if (!Number.isInteger(input.sampleSize) || input.sampleSize <= 0) throw new ValidationError("SAMPLE_SIZE_INVALID", "Enter the number of units drawn, a whole number above zero.", { field: "sampleSize" });
  const now = ctx.clock.now();
  const sampledAt = input.sampledAt ? new Date(input.sampledAt) : now;
  if (Number.isNaN(sampledAt.getTime())) throw new ValidationError("DATE_INVALID", "Give the time the sample was drawn as a date and time.", { field: "sampledAt" });
  if (sampledAt.getTime() > now.getTime() + 60_000) throw new ValidationError("SAMPLED_AT_IN_FUTURE", "The sample cannot have been drawn in the future.", { field: "sampledAt" });
  return ctx.db.transaction(async (tx) => {
    const s = await samplingInScope(tx, ctx, id, true);
    const status = next(samplingMachine, s.status, "sample");
    const f = await batchWithFacts(tx, ctx, s.batchId);
    if (input.sampleSize > f.b.receivedQty) {
      throw new ValidationError("SAMPLE_SIZE_TOO_LARGE", `Batch ${f.b.batchNo} received ${f.b.receivedQty} units; the sample cannot be larger.`, { field: "sampleSize", receivedQty: f.b.receivedQty });
    }
    const [row] = await tx.update(qualitySamplings).set({ status, sampleSize: input.sampleSize, sampledAt, updatedAt: now }).where(eq(qualitySamplings.id, id)).returning();
    await recordAudit(tx, ctx, { action: "quality.sampling.sample", entityType: "quality_sampling", entityId: id, summary: { no: s.no, sampleSize: input.sampleSize, sampledAt: sampledAt.toISOString() } });
    return samplingView(tx, ctx, row!);
  });
}

// ---- the lab's report ------------------------------------------------------------------------

// Stored before the row points at it: an unreferenced file is harmless, a dangling key is
// not. The report of a decided sampling is its evidence and is not replaced afterwards.
export async function attachSamplingReport(ctx: Ctx, id: string, file: { body: Buffer; fileName: string }) {
  const s = await samplingInScope(ctx.db, ctx, id);
  const refuse = (row: SamplingRow) => {
    if (row.status === "planned") throw new RuleViolation("SAMPLE_NOT_DRAWN", `Sampling ${row.no} has no sample yet; record the sample, then attach the lab's report.`, { status: row.status });
    if (row.status !== "sampled" && row.reportKey) throw new RuleViolation("REPORT_LOCKED", `Sampling ${row.no} was decided on this report; it stays as the evidence of the result.`, { status: row.status });
  };
  refuse(s);
  const mime = sniffDocumentType(file.body);
  if (!mime || !(mime in REPORT_TYPES)) throw new ValidationError("FILE_TYPE_NOT_ALLOWED", "Upload the inspection report as a PDF, JPEG or PNG file. The file's content is checked, not its name.", { field: "file" });
  if (file.body.length > MAX_REPORT_BYTES) throw new ValidationError("FILE_TOO_LARGE", "A report may be at most 10 MB. Scan at a lower resolution or split it.", { field: "file" });
  const key = `quality/samplings/${id}/report-${newId()}`;
  await ctx.storage.put(key, file.body);
  return ctx.db.transaction(async (tx) => {
    const locked = await samplingInScope(tx, ctx, id, true);
    refuse(locked);
    const reportName = file.fileName.replace(/[\r\n"]/g, "").slice(0, 200) || `report.${REPORT_TYPES[mime as ReportMime]}`;
    const [row] = await tx.update(qualitySamplings).set({ reportKey: key, reportName, updatedAt: ctx.clock.now() }).where(eq(qualitySamplings.id, id)).returning();
    await recordAudit(tx, ctx, { action: "quality.sampling.report", entityType: "quality_sampling", entityId: id, summary: { no: locked.no, fileName: reportName, bytes: file.body.length } });
    return samplingView(tx, ctx, row!);
  });
}

export async function samplingReportFile(ctx: Ctx, id: string) {
  const s = await samplingInScope(ctx.db, ctx, id);
  if (!s.reportKey) throw new NotFound("Sampling report", "REPORT_NOT_FOUND");
  const body = await ctx.storage.get(s.reportKey);
  const mime = (sniffDocumentType(body) ?? "application/pdf") as ReportMime;
  return { body, mime, fileName: `${s.no}-report.${REPORT_TYPES[mime] ?? "pdf"}` };
}

// ---- the decision ----------------------------------------------------------------------------

// P5: the result, once. A failure, all in one transaction: the product comes off sale (only
// a review puts it back), the batch's sellable units are set aside as "quality", the breach
// counts against the shop, the shop gets a task, and a recall opens when asked for.
export async function decideSampling(ctx: Ctx, id: string, input: DecisionInput) {
  const findings = text(input.findings) || null;
  if (input.result === "failed" && (findings?.length ?? 0) < 2) {
    throw new ValidationError("FINDINGS_REQUIRED", "Say what failed (the test item, the limit and the value found); the shop and the product's record keep it.", { field: "findings" });
  }
  if (input.result === "passed" && input.recall) throw new ValidationError("RECALL_NEEDS_FAILURE", "Only a failed result opens a recall from the sampling.", { field: "recall" });
  return ctx.db.transaction(async (tx) => {
    const s = await samplingInScope(tx, ctx, id, true);
    const status = next(samplingMachine, s.status, input.result === "passed" ? "pass" : "fail");
    if (status === "failed" && !s.reportKey) {
      throw new RuleViolation("REPORT_REQUIRED", `Attach the lab's report to sampling ${s.no} first: a failed result takes the product off sale and counts against the shop, and the report is its evidence.`);
    }
    const now = ctx.clock.now();
    const [row] = await tx.update(qualitySamplings).set({ status, findings, decidedByLabel: ctx.actor.label, decidedAt: now, updatedAt: now }).where(eq(qualitySamplings.id, id)).returning();
    const f = await batchWithFacts(tx, ctx, s.batchId);
    const effects = status === "failed" ? await failureEffects(tx, ctx, row!, f, input.recall ?? null) : null;
    await recordAudit(tx, ctx, {
      action: `quality.sampling.${status}`, entityType: "quality_sampling", entityId: id,
      summary: { no: s.no, batchNo: f.b.batchNo, product: f.productTitle, findings, ...(effects ? { blocked: effects.blocked, heldForOrders: effects.heldForOrders, recall: effects.recall?.no ?? null } : {}) },
    });
    return { ...(await samplingView(tx, ctx, row!)), effects };
  });
}

async function failureEffects(tx: Tx, ctx: Ctx, s: SamplingRow, f: BatchFacts, recall: DecisionInput["recall"]) {
  const reason = `Quality sampling ${s.no} of batch ${f.b.batchNo} failed: ${s.findings}`.slice(0, 500);
  // A product its shop had already taken off sale gets the platform's reason on record, so
  // that it cannot be put back without review; one the platform already took down, or never
  // listed, has nothing to take down.
  const [p] = await tx.select({ status: products.status, relistNeedsReview: products.relistNeedsReview }).from(products).where(eq(products.id, f.b.productId));
  const delistable = p!.status === "listed" || p!.status === "pending_review" || (p!.status === "delisted" && !p!.relistNeedsReview);
  const product = delistable ? await delistInTx(tx, ctx, f.b.productId, { kind: "quality", reason }, { restate: true }) : null;
  const stock = await setBatchAside(tx, ctx, f, s);
  await recordBreach(tx, ctx, {
    merchantId: s.merchantId, kind: "quality_failed", requirement: "P5", subjectType: "quality_sampling", subjectId: s.id,
    detail: `${s.no}: batch ${f.b.batchNo} of ${f.productTitle} failed (${s.findings})`.slice(0, 1000),
  });
  await raiseTask(tx, ctx, {
    audience: "merchant", merchantId: s.merchantId, kind: "quality_failed", subjectType: "quality_sampling", subjectId: s.id, dedupeKey: `quality_failed:${s.id}`,
    params: { samplingNo: s.no, title: f.productTitle, batchNo: f.b.batchNo, findings: s.findings, blocked: stock.blocked, heldForOrders: stock.heldForOrders },
  });
  const opened = recall ? await openRecallInTx(tx, ctx, { batchId: f.b.id, samplingId: s.id, reason: recall.reason, instructions: recall.instructions }) : null;
  return {
    delisted: !!product, productStatus: product?.status ?? f.productStatus, blocked: stock.blocked, heldForOrders: stock.heldForOrders,
    recall: opened ? { id: opened.id, no: opened.no, buyersNotified: opened.buyersNotified, unitsShipped: opened.unitsShipped } : null,
  };
}

// What of the batch can still be sold is set aside as "quality". Units the level holds for
// paid orders stay, as the books demand (reserved never exceeds on hand); whatever of
// them later ships from this batch is found by the recall's follow-up.
async function setBatchAside(tx: Tx, ctx: Ctx, f: BatchFacts, s: SamplingRow) {
  // Level before batch: the order every stock writer locks them in.
  const [level] = await tx.select().from(stockLevels).where(eq(stockLevels.id, f.b.levelId)).for("update");
  const [b] = await tx.select().from(stockBatches).where(eq(stockBatches.id, f.b.id)).for("update");
  const quantity = Math.max(0, Math.min(b!.onHand, level!.onHand - level!.reserved));
  if (quantity > 0) {
    await move(tx, ctx, level!, "block", { onHand: -quantity, blocked: quantity }, { type: "batch", id: b!.id, no: b!.batchNo }, { batchId: b!.id, note: `quality sampling ${s.no} failed` });
  }
  // An expired batch stays "expired": it cannot be sold either way.
  if ((quantity > 0 || b!.blocked > 0) && b!.blockedReason !== "expired") await tx.update(stockBatches).set({ blockedReason: "quality" }).where(eq(stockBatches.id, b!.id));
  return { blocked: quantity, heldForOrders: b!.onHand - quantity };
}

// ---- reading ---------------------------------------------------------------------------------

async function samplingView(q: Queryable, ctx: Ctx, s: SamplingRow) {
  const f = await batchWithFacts(q, ctx, s.batchId);
  const [p] = await q.select({ status: products.status, delistKind: products.delistKind, delistReason: products.delistReason }).from(products).where(eq(products.id, s.productId));
  const ownRecalls = (await recallsOfBatches(q, [s.batchId])).filter((r) => r.samplingId === s.id);
  return {
    id: s.id, no: s.no, status: s.status, merchant: { id: s.merchantId, name: f.merchantName },
    product: { id: s.productId, title: f.productTitle, status: p?.status ?? f.productStatus, delistKind: p?.delistKind ?? null, delistReason: p?.delistReason ?? null },
    batch: {
      ...batchRef(f), receivedQty: f.b.receivedQty, onHand: f.b.onHand, blocked: f.b.blocked, blockedReason: f.b.blockedReason,
      productionDate: f.b.productionDate, expiryDate: f.b.expiryDate,
    },
    plan: s.plan, standard: s.standard, plannedOn: s.plannedOn, sampleSize: s.sampleSize, sampledAt: s.sampledAt, findings: s.findings,
    hasReport: !!s.reportKey, reportName: s.reportName, decidedBy: s.decidedByLabel, decidedAt: s.decidedAt, createdBy: s.createdByLabel, createdAt: s.createdAt, updatedAt: s.updatedAt,
    recalls: ownRecalls.map((r) => ({ id: r.id, no: r.no, status: r.status, buyersNotified: r.buyersNotified, unitsShipped: r.unitsShipped, openedAt: r.openedAt })),
  };
}

export async function getSampling(ctx: Ctx, id: string) {
  return samplingView(ctx.db, ctx, await samplingInScope(ctx.db, ctx, id));
}

export interface SamplingQuery { status?: SamplingStatus; batchId?: string; productId?: string; merchantId?: string; q?: string; cursor?: string; limit: number }

const scope = (ctx: Ctx) => (ctx.actor.merchantId ? eq(qualitySamplings.merchantId, ctx.actor.merchantId) : undefined);

export async function listSamplings(ctx: Ctx, query: SamplingQuery) {
  const where: (SQL | undefined)[] = [scope(ctx)];
  if (query.status) where.push(eq(qualitySamplings.status, query.status));
  if (query.batchId) where.push(eq(qualitySamplings.batchId, query.batchId));
  if (query.productId) where.push(eq(qualitySamplings.productId, query.productId));
  if (query.merchantId && !ctx.actor.merchantId) where.push(eq(qualitySamplings.merchantId, query.merchantId));
  if (query.cursor) where.push(lt(qualitySamplings.id, query.cursor));
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(qualitySamplings.no, like), ilike(stockBatches.batchNo, like), ilike(products.title, like)));
  }
  const rows = await ctx.db.select({
    s: qualitySamplings, productTitle: products.title, productStatus: products.status, merchantName: merchants.name,
    batchNo: stockBatches.batchNo, skuCode: stockBatches.skuCode, warehouseCode: warehouses.code,
    recallId: sql<string | null>`(select r.id from ${recalls} r where r.sampling_id = ${qualitySamplings.id} order by r.opened_at desc limit 1)`,
    recallNo: sql<string | null>`(select r.no from ${recalls} r where r.sampling_id = ${qualitySamplings.id} order by r.opened_at desc limit 1)`,
  }).from(qualitySamplings)
    .innerJoin(products, eq(products.id, qualitySamplings.productId))
    .innerJoin(merchants, eq(merchants.id, qualitySamplings.merchantId))
    .innerJoin(stockBatches, eq(stockBatches.id, qualitySamplings.batchId))
    .innerJoin(warehouses, eq(warehouses.id, stockBatches.warehouseId))
    .where(and(...where)).orderBy(desc(qualitySamplings.id)).limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const countRows = await ctx.db.select({ status: qualitySamplings.status, n: sql<number>`count(*)::int` }).from(qualitySamplings).where(scope(ctx)).groupBy(qualitySamplings.status);
  const counts: Record<SamplingStatus, number> = { planned: 0, sampled: 0, passed: 0, failed: 0 };
  for (const c of countRows) counts[c.status] = Number(c.n);
  return {
    items: page.map((x) => ({
      id: x.s.id, no: x.s.no, status: x.s.status, merchant: { id: x.s.merchantId, name: x.merchantName }, product: { id: x.s.productId, title: x.productTitle, status: x.productStatus },
      batch: { id: x.s.batchId, batchNo: x.batchNo, skuCode: x.skuCode, warehouseCode: x.warehouseCode },
      plan: x.s.plan, standard: x.s.standard, plannedOn: x.s.plannedOn, sampleSize: x.s.sampleSize, sampledAt: x.s.sampledAt, findings: x.s.findings,
      hasReport: !!x.s.reportKey, decidedAt: x.s.decidedAt, createdAt: x.s.createdAt,
      recall: x.recallId ? { id: x.recallId, no: x.recallNo ?? "" } : null,
    })),
    counts,
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.s.id : null,
  };
}
