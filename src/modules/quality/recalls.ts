import { and, asc, desc, eq, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { nextNumber } from "../../server/numbers.js";
import { recordAudit } from "../audit/index.js";
import { products } from "../catalog/schema.js";
import { users } from "../identity/schema.js";
import { stockBatches, warehouses } from "../inventory/schema.js";
import { shipmentPicks } from "../logistics/schema.js";
import { recordBreach } from "../merchants/breaches.js";
import { merchants } from "../merchants/schema.js";
import { notifyBuyers } from "../notices/service.js";
import { orders } from "../orders/schema.js";
import { closeTasks, raiseTask } from "../tasks/service.js";
import { batchRef, batchWithFacts, maskedBuyer, type BatchFacts } from "./batches.js";
import { recallMachine, type RecallStatus } from "./machine.js";
import { qualitySamplings, recallNotices, recalls } from "./schema.js";

type RecallRow = typeof recalls.$inferSelect;

export interface RecallInput { batchId: string; reason: string; instructions: string; samplingId?: string | null }

const text = (v: string | null | undefined) => (v ?? "").trim();

// P5/P6: goods of a batch called back. One transaction: the recall, a notice to every buyer
// who received units of the batch, the breach on the shop's record and the shop's task.
export async function openRecall(ctx: Ctx, input: RecallInput) {
  return ctx.db.transaction(async (tx) => {
    const recall = await openRecallInTx(tx, ctx, input);
    return recallView(tx, ctx, recall.id);
  });
}

export async function openRecallInTx(tx: Tx, ctx: Ctx, input: RecallInput) {
  const reason = text(input.reason);
  const instructions = text(input.instructions);
  if (reason.length < 2) throw new ValidationError("RECALL_REASON_REQUIRED", "Say why the goods are recalled; the shop and the record keep it.", { field: "reason" });
  if (instructions.length < 2) throw new ValidationError("RECALL_INSTRUCTIONS_REQUIRED", "Tell the buyers what to do with the goods (stop using them, send them back for a refund …); their notice carries it.", { field: "instructions" });
  const f = await batchWithFacts(tx, ctx, input.batchId);
  // The batch row is the recall's lock: two people opening a recall of it at once get one.
  await tx.select({ id: stockBatches.id }).from(stockBatches).where(eq(stockBatches.id, f.b.id)).for("update");
  if (input.samplingId) {
    const [s] = await tx.select().from(qualitySamplings).where(eq(qualitySamplings.id, input.samplingId));
    if (!s || s.batchId !== f.b.id) throw new ValidationError("SAMPLING_NOT_OF_BATCH", `Choose a sampling of batch ${f.b.batchNo}, or none.`, { field: "samplingId" });
    if (s.status !== "failed") throw new RuleViolation("SAMPLING_NOT_FAILED", `Sampling ${s.no} is ${s.status}; only a failed result calls goods back. Open the recall without it if there is another reason.`, { status: s.status });
  }
  const [open] = await tx.select({ id: recalls.id, no: recalls.no }).from(recalls).where(and(eq(recalls.batchId, f.b.id), eq(recalls.status, "open")));
  if (open) {
    throw new Conflict("RECALL_ALREADY_OPEN", `Recall ${open.no} of batch ${f.b.batchNo} is still open; reach new buyers from it instead of opening another.`, { recallId: open.id, no: open.no });
  }
  const now = ctx.clock.now();
  const [recall] = await tx.insert(recalls).values({
    id: newId(), no: await nextNumber(tx, "ZH", now), merchantId: f.b.merchantId, productId: f.b.productId, batchId: f.b.id, samplingId: input.samplingId ?? null,
    reason, instructions, status: "open", openedByLabel: ctx.actor.label, openedAt: now,
  }).returning();
  const reached = await reachBuyers(tx, ctx, recall!, f);
  await recordBreach(tx, ctx, {
    merchantId: f.b.merchantId, kind: "recall", requirement: "P5", subjectType: "recall", subjectId: recall!.id,
    detail: `${recall!.no}: batch ${f.b.batchNo} of ${f.productTitle}, ${reached.units} units to ${reached.buyers} buyers`,
  });
  await raiseTask(tx, ctx, {
    audience: "merchant", merchantId: f.b.merchantId, kind: "recall_opened", subjectType: "recall", subjectId: recall!.id, dedupeKey: `recall_opened:${recall!.id}`,
    params: { recallNo: recall!.no, title: f.productTitle, batchNo: f.b.batchNo, buyers: reached.buyers, units: reached.units, reason, instructions },
  });
  await recordAudit(tx, ctx, {
    action: "recall.open", entityType: "recall", entityId: recall!.id,
    summary: { no: recall!.no, batchNo: f.b.batchNo, product: f.productTitle, samplingId: input.samplingId ?? null, buyers: reached.buyers, units: reached.units },
  });
  return { ...recall!, buyersNotified: reached.buyers, unitsShipped: reached.units };
}

// Every order that shipped units of the batch gets a row; each buyer one notice per
// recall, however many of their orders carried the batch. Run again, it reaches only
// the orders and buyers found since. The caller holds the recall's row.
async function reachBuyers(tx: Tx, ctx: Ctx, recall: RecallRow, f: BatchFacts) {
  const shipped = (await tx.select({ orderId: shipmentPicks.orderId, buyerId: orders.buyerId, units: sql<number>`sum(${shipmentPicks.quantity})::int` })
    .from(shipmentPicks).innerJoin(orders, eq(orders.id, shipmentPicks.orderId))
    .where(eq(shipmentPicks.batchId, recall.batchId)).groupBy(shipmentPicks.orderId, orders.buyerId)).map((r) => ({ ...r, units: Number(r.units) }));
  const known = await tx.select().from(recallNotices).where(eq(recallNotices.recallId, recall.id));
  const knownOrders = new Map(known.map((n) => [n.orderId, n]));
  const knownBuyers = new Set(known.map((n) => n.buyerId));
  const now = ctx.clock.now();
  // A later shipment of an order already told (its remaining units) only updates the count.
  for (const s of shipped) {
    const n = knownOrders.get(s.orderId);
    if (n && n.units !== s.units) await tx.update(recallNotices).set({ units: s.units }).where(eq(recallNotices.id, n.id));
  }
  const fresh = shipped.filter((s) => !knownOrders.has(s.orderId));
  if (fresh.length) {
    await tx.insert(recallNotices).values(fresh.map((s) => ({ id: newId(), recallId: recall.id, buyerId: s.buyerId, orderId: s.orderId, units: s.units, notifiedAt: now })))
      .onConflictDoNothing();
  }
  const newBuyers = [...new Set(fresh.map((s) => s.buyerId))].filter((b) => !knownBuyers.has(b));
  await notifyBuyers(tx, ctx, newBuyers.map((buyerId) => ({
    buyerId, kind: "recall", subjectType: "recall", subjectId: recall.id, dedupeKey: `recall:${recall.id}:${buyerId}`,
    params: { title: f.productTitle, batchNo: f.b.batchNo, recallNo: recall.no, instructions: recall.instructions, reason: recall.reason, shop: f.merchantName },
  })));
  const buyers = new Set([...knownBuyers, ...fresh.map((s) => s.buyerId)]).size;
  const units = shipped.reduce((n, s) => n + s.units, 0);
  await tx.update(recalls).set({ buyersNotified: buyers, unitsShipped: units }).where(eq(recalls.id, recall.id));
  return { orders: shipped.length, buyers, units, newOrders: fresh.length, newBuyers: newBuyers.length };
}

async function lockRecall(tx: Tx, ctx: Ctx, id: string) {
  const [r] = await tx.select().from(recalls).where(and(eq(recalls.id, id), ctx.actor.merchantId ? eq(recalls.merchantId, ctx.actor.merchantId) : undefined)).for("update");
  if (!r) throw new NotFound("Recall", "RECALL_NOT_FOUND");
  return r;
}

// Goods of the batch that shipped after the recall opened (a hold that could not be set
// aside, a reshipment) reach their buyers here; those already told hear nothing twice.
export async function notifyRecall(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const r = await lockRecall(tx, ctx, id);
    if (r.status !== "open") throw new RuleViolation("RECALL_CLOSED", `Recall ${r.no} is closed; open a new recall of the batch to reach more buyers.`, { status: r.status });
    const reached = await reachBuyers(tx, ctx, r, await batchWithFacts(tx, ctx, r.batchId));
    await recordAudit(tx, ctx, { action: "recall.notify", entityType: "recall", entityId: id, summary: { no: r.no, newOrders: reached.newOrders, newBuyers: reached.newBuyers } });
    return { reached: { orders: reached.newOrders, buyers: reached.newBuyers }, recall: await recallView(tx, ctx, id) };
  });
}

// The follow-up job: every open recall looks for orders shipped from its batch since.
export async function followUpRecalls(s: Services) {
  const ctx = ctxFor(s, systemActor("recall follow-up"));
  const open = await s.db.select({ id: recalls.id }).from(recalls).where(eq(recalls.status, "open")).orderBy(asc(recalls.openedAt)).limit(500);
  let buyers = 0;
  for (const { id } of open) {
    buyers += await s.db.transaction(async (tx) => {
      const [r] = await tx.select().from(recalls).where(eq(recalls.id, id)).for("update", { skipLocked: true });
      if (r?.status !== "open") return 0;
      const reached = await reachBuyers(tx, ctx, r, await batchWithFacts(tx, ctx, r.batchId));
      if (reached.newOrders) await recordAudit(tx, ctx, { action: "recall.notify", entityType: "recall", entityId: id, summary: { no: r.no, newOrders: reached.newOrders, newBuyers: reached.newBuyers } });
      return reached.newBuyers;
    });
  }
  return { recalls: open.length, buyers };
}

export async function closeRecall(ctx: Ctx, id: string, input: { note: string }) {
  const note = text(input.note);
  if (note.length < 2) throw new ValidationError("CLOSING_NOTE_REQUIRED", "Say how the recall ended (units returned, destroyed, buyers refunded …).", { field: "note" });
  return ctx.db.transaction(async (tx) => {
    const r = await lockRecall(tx, ctx, id);
    const status = next(recallMachine, r.status, "close");
    await tx.update(recalls).set({ status, closedAt: ctx.clock.now(), closingNote: note }).where(eq(recalls.id, id));
    await closeTasks(tx, ctx, { subjectType: "recall", subjectId: id }, ctx.actor.label);
    await recordAudit(tx, ctx, { action: "recall.close", entityType: "recall", entityId: id, summary: { no: r.no, note } });
    return recallView(tx, ctx, id);
  });
}

// ---- reading -------------------------------------------------------------------------------

export interface RecallQuery { status?: RecallStatus; batchId?: string; merchantId?: string; q?: string; cursor?: string; limit: number }

const scope = (ctx: Ctx) => (ctx.actor.merchantId ? eq(recalls.merchantId, ctx.actor.merchantId) : undefined);

export async function listRecalls(ctx: Ctx, query: RecallQuery) {
  const where: (SQL | undefined)[] = [scope(ctx)];
  if (query.status) where.push(eq(recalls.status, query.status));
  if (query.batchId) where.push(eq(recalls.batchId, query.batchId));
  if (query.merchantId && !ctx.actor.merchantId) where.push(eq(recalls.merchantId, query.merchantId));
  if (query.cursor) where.push(lt(recalls.id, query.cursor));
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(recalls.no, like), ilike(stockBatches.batchNo, like), ilike(products.title, like)));
  }
  const rows = await ctx.db.select({
    r: recalls, productTitle: products.title, merchantName: merchants.name, batchNo: stockBatches.batchNo, skuCode: stockBatches.skuCode, warehouseCode: warehouses.code,
    samplingNo: qualitySamplings.no,
  }).from(recalls)
    .innerJoin(products, eq(products.id, recalls.productId))
    .innerJoin(merchants, eq(merchants.id, recalls.merchantId))
    .innerJoin(stockBatches, eq(stockBatches.id, recalls.batchId))
    .innerJoin(warehouses, eq(warehouses.id, stockBatches.warehouseId))
    .leftJoin(qualitySamplings, eq(qualitySamplings.id, recalls.samplingId))
    .where(and(...where)).orderBy(desc(recalls.id)).limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const [counts] = await ctx.db.select({
    open: sql<number>`count(*) filter (where ${recalls.status} = 'open')::int`, closed: sql<number>`count(*) filter (where ${recalls.status} = 'closed')::int`,
  }).from(recalls).where(scope(ctx));
  return {
    items: page.map((x) => ({
      id: x.r.id, no: x.r.no, status: x.r.status, merchant: { id: x.r.merchantId, name: x.merchantName }, product: { id: x.r.productId, title: x.productTitle },
      batch: { id: x.r.batchId, batchNo: x.batchNo, skuCode: x.skuCode, warehouseCode: x.warehouseCode },
      sampling: x.r.samplingId ? { id: x.r.samplingId, no: x.samplingNo ?? "" } : null,
      reason: x.r.reason, buyersNotified: x.r.buyersNotified, unitsShipped: x.r.unitsShipped, openedAt: x.r.openedAt, closedAt: x.r.closedAt,
    })),
    counts: { open: Number(counts?.open ?? 0), closed: Number(counts?.closed ?? 0) },
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.r.id : null,
  };
}

// A recall with every order and buyer it reached (masked, U4) and what has shipped from the
// batch since the last notice run.
export async function recallView(q: Queryable, ctx: Ctx, id: string) {
  const [r] = await q.select().from(recalls).where(and(eq(recalls.id, id), scope(ctx)));
  if (!r) throw new NotFound("Recall", "RECALL_NOT_FOUND");
  const f = await batchWithFacts(q, ctx, r.batchId);
  const [sampling] = r.samplingId ? await q.select({ id: qualitySamplings.id, no: qualitySamplings.no, findings: qualitySamplings.findings }).from(qualitySamplings).where(eq(qualitySamplings.id, r.samplingId)) : [];
  const reached = await q.select({ n: recallNotices, orderNo: orders.no, orderStatus: orders.status, address: orders.address, displayName: users.displayName, loginMasked: users.loginMasked })
    .from(recallNotices).innerJoin(orders, eq(orders.id, recallNotices.orderId)).innerJoin(users, eq(users.id, recallNotices.buyerId))
    .where(eq(recallNotices.recallId, id)).orderBy(asc(recallNotices.notifiedAt), asc(orders.no));
  const told = new Set(reached.map((x) => x.n.orderId));
  const shipped = await q.select({ orderId: shipmentPicks.orderId, units: sql<number>`sum(${shipmentPicks.quantity})::int` })
    .from(shipmentPicks).where(eq(shipmentPicks.batchId, r.batchId)).groupBy(shipmentPicks.orderId);
  const waiting = shipped.filter((s) => !told.has(s.orderId));
  const merchantView = !!ctx.actor.merchantId;
  return {
    id: r.id, no: r.no, status: r.status, merchant: { id: r.merchantId, name: f.merchantName }, product: { id: r.productId, title: f.productTitle, status: f.productStatus },
    batch: batchRef(f), sampling: sampling ?? null, reason: r.reason, instructions: r.instructions,
    buyersNotified: r.buyersNotified, unitsShipped: r.unitsShipped, openedBy: r.openedByLabel, openedAt: r.openedAt, closedAt: r.closedAt, closingNote: r.closingNote,
    // Orders that received units of the batch but were not reached yet: "notify" reaches them.
    pending: { orders: waiting.length, units: waiting.reduce((n, s) => n + Number(s.units), 0) },
    reached: reached.map((x) => ({
      orderId: x.n.orderId, orderNo: x.orderNo, orderStatus: x.orderStatus, units: x.n.units, notifiedAt: x.n.notifiedAt,
      // A shop learns how many of its orders were reached; who the buyers are stays with the platform.
      buyer: merchantView ? null : maskedBuyer(ctx, { displayName: x.displayName, loginMasked: x.loginMasked }, x.address),
    })),
  };
}

export async function getRecall(ctx: Ctx, id: string) {
  return recallView(ctx.db, ctx, id);
}

// Recalls of several batches at once, for the trace and the sampling pages.
export async function recallsOfBatches(q: Queryable, batchIds: string[]) {
  if (!batchIds.length) return [];
  return q.select({ id: recalls.id, no: recalls.no, status: recalls.status, batchId: recalls.batchId, samplingId: recalls.samplingId, buyersNotified: recalls.buyersNotified, unitsShipped: recalls.unitsShipped, openedAt: recalls.openedAt, closedAt: recalls.closedAt })
    .from(recalls).where(inArray(recalls.batchId, batchIds)).orderBy(desc(recalls.openedAt));
}
