import { and, asc, desc, eq, inArray, isNotNull, lt, or, sql, type SQLWrapper } from "drizzle-orm";
import { rowsOf, type Queryable, type Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import type { Ctx } from "../../server/context.js";
import { NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { nextNumber } from "../../server/numbers.js";
import { recordAudit } from "../audit/index.js";
import { categories, products, productVersions } from "../catalog/schema.js";
import { stocktakeMachine } from "./machine.js";
import { stockBatches, stockLevels, stockMovements, stocktakeLines, stocktakes, warehouseLocations, warehouses } from "./schema.js";
import { move, ownWarehouse, warehouseScope } from "./stock.js";

type Stocktake = typeof stocktakes.$inferSelect;
export interface StartInput { warehouseId: string; categoryId?: string | null }
export interface CountEntry { lineId: string; countedQty: number | null }
export interface CodeCount { code: string; batchNo?: string | null; quantity: number; mode?: "set" | "add" }
export interface ListQuery { warehouseId?: string; status?: Stocktake["status"]; cursor?: string; limit: number }

const OPEN: Stocktake["status"][] = ["counting", "submitted"];

// I5: stock is not frozen while a count runs. What a line should hold when it was counted is
// the book at the start plus every on-hand movement of its batch since then, up to the moment
// of counting: a pick after the shelf was counted is then no difference. The count's own
// adjustments are not part of it. `cap` closes the window for lines never counted.
const movedSince = (startedAt: SQLWrapper, stocktakeId: SQLWrapper, cap: SQLWrapper, line: { batchId: SQLWrapper; countedAt: SQLWrapper }) => sql<number>`coalesce((
  select sum(m.on_hand_delta) from ${stockMovements} m
  where m.batch_id = ${line.batchId} and m.created_at > ${startedAt} and m.created_at <= coalesce(${line.countedAt}, ${cap})
    and (m.document_id is null or m.document_id <> ${stocktakeId})), 0)::int`;
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

// A count of a warehouse the actor runs; another tenant's is not found.
async function own(q: Queryable, ctx: Ctx, id: string, lock?: "update" | "share") {
  const [row] = await q.select({ id: stocktakes.id }).from(stocktakes).innerJoin(warehouses, eq(warehouses.id, stocktakes.warehouseId))
    .where(and(eq(stocktakes.id, id), warehouseScope(ctx)));
  if (!row) throw new NotFound("Stocktake", "STOCKTAKE_NOT_FOUND");
  const select = q.select().from(stocktakes).where(eq(stocktakes.id, id));
  const [st] = lock ? await select.for(lock) : await select;
  return st!;
}

// Product titles, SKU options and barcodes, from the live version or else the working one.
async function skuFacts(q: Queryable, productIds: string[]) {
  const out = new Map<string, { title: string; skus: Map<string, { barcode: string | null; options: Record<string, string> }> }>();
  if (!productIds.length) return out;
  const ps = await q.select({ id: products.id, title: products.title, live: products.liveVersionId, working: products.workingVersionId }).from(products).where(inArray(products.id, productIds));
  const versionIds = ps.flatMap((p) => [p.live, p.working]).filter((x): x is string => !!x);
  const versions = versionIds.length ? await q.select({ id: productVersions.id, content: productVersions.content }).from(productVersions).where(inArray(productVersions.id, versionIds)) : [];
  const content = new Map(versions.map((v) => [v.id, v.content]));
  for (const p of ps) {
    const skus = new Map<string, { barcode: string | null; options: Record<string, string> }>();
    for (const v of [p.working, p.live]) for (const s of (v && content.get(v)?.skus) || []) skus.set(s.code, { barcode: s.barcode ?? null, options: s.options });
    out.set(p.id, { title: p.title, skus });
  }
  return out;
}

export type LineView = Awaited<ReturnType<typeof lineViews>>[number];

async function lineViews(q: Queryable, ctx: Ctx, st: Stocktake, only?: string[]) {
  const cap = st.decidedAt ?? ctx.clock.now();
  const rows = await q.select({
    id: stocktakeLines.id, levelId: stocktakeLines.levelId, batchId: stocktakeLines.batchId, bookQty: stocktakeLines.bookQty, countedQty: stocktakeLines.countedQty,
    countedBy: stocktakeLines.countedByLabel, countedAt: stocktakeLines.countedAt,
    productId: stockLevels.productId, skuCode: stockLevels.skuCode,
    batchNo: stockBatches.batchNo, expiryDate: stockBatches.expiryDate, productionDate: stockBatches.productionDate, blocked: stockBatches.blocked,
    locationCode: warehouseLocations.code, locationName: warehouseLocations.name,
    moved: movedSince(at(st.startedAt), sql`${st.id}::uuid`, at(cap), stocktakeLines),
  }).from(stocktakeLines)
    .innerJoin(stockLevels, eq(stockLevels.id, stocktakeLines.levelId))
    .leftJoin(stockBatches, eq(stockBatches.id, stocktakeLines.batchId))
    .leftJoin(warehouseLocations, eq(warehouseLocations.id, stockBatches.locationId))
    .where(and(eq(stocktakeLines.stocktakeId, st.id), only ? inArray(stocktakeLines.id, only) : undefined));
  const facts = await skuFacts(q, [...new Set(rows.map((r) => r.productId))]);
  const views = rows.map((r) => {
    const product = facts.get(r.productId);
    const sku = product?.skus.get(r.skuCode);
    const expectedQty = r.bookQty + r.moved;
    return {
      id: r.id, levelId: r.levelId, batchId: r.batchId, productId: r.productId, productTitle: product?.title ?? "", skuCode: r.skuCode, skuOptions: sku?.options ?? {},
      barcode: sku?.barcode ?? null, batchNo: r.batchNo, expiryDate: r.expiryDate, productionDate: r.productionDate, locationCode: r.locationCode, locationName: r.locationName,
      blocked: r.blocked ?? 0, bookQty: r.bookQty, movedQty: r.moved, expectedQty, countedQty: r.countedQty,
      difference: r.countedQty === null ? null : r.countedQty - expectedQty, countedBy: r.countedBy, countedAt: r.countedAt,
    };
  });
  // The order of a walk through the warehouse: by location, then goods, then batch.
  const key = (v: (typeof views)[number]) => [v.locationCode ?? "\uffff", v.productTitle, v.skuCode, v.expiryDate ?? "9999", v.batchNo ?? ""];
  return views.sort((a, b) => {
    const ka = key(a), kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]!.localeCompare(kb[i]!);
    return 0;
  });
}

function totalsOf(lines: LineView[]) {
  const counted = lines.filter((l) => l.countedQty !== null);
  const differing = counted.filter((l) => l.difference !== 0);
  return {
    lines: lines.length, counted: counted.length, remaining: lines.length - counted.length, differing: differing.length,
    surplusUnits: differing.reduce((n, l) => n + Math.max(0, l.difference!), 0), shortUnits: differing.reduce((n, l) => n + Math.max(0, -l.difference!), 0),
    movedLines: lines.filter((l) => l.movedQty !== 0).length, bookUnits: lines.reduce((n, l) => n + l.bookQty, 0),
  };
}

// The four-eyes rule: whoever started or submitted a count does not also decide it.
function secondPersonProblem(ctx: Ctx, st: Stocktake): "started" | "submitted" | "system" | null {
  if (!ctx.actor.userId) return "system";
  if (ctx.actor.userId === st.startedByUserId) return "started";
  if (ctx.actor.userId === st.submittedByUserId) return "submitted";
  return null;
}

async function header(q: Queryable, st: Stocktake) {
  const [w] = await q.select({ code: warehouses.code, name: warehouses.name, platform: sql<boolean>`${warehouses.merchantId} is null` }).from(warehouses).where(eq(warehouses.id, st.warehouseId));
  const [c] = st.categoryId ? await q.select({ key: categories.key, name: categories.name }).from(categories).where(eq(categories.id, st.categoryId)) : [];
  return {
    id: st.id, number: st.number, status: st.status, warehouse: { id: st.warehouseId, code: w!.code, name: w!.name, platform: w!.platform },
    category: st.categoryId && c ? { id: st.categoryId, key: c.key, name: c.name } : null, reason: st.reason,
    startedBy: st.startedByLabel, startedAt: st.startedAt, submittedBy: st.submittedByLabel, submittedAt: st.submittedAt,
    decidedBy: st.decidedByLabel, decidedAt: st.decidedAt, decisionNote: st.decisionNote, updatedAt: st.updatedAt,
  };
}

async function detail(q: Queryable, ctx: Ctx, st: Stocktake) {
  const lines = await lineViews(q, ctx, st);
  const problem = st.status === "submitted" ? secondPersonProblem(ctx, st) : null;
  return { ...(await header(q, st)), totals: totalsOf(lines), decision: { allowed: st.status === "submitted" && !problem, blockedBy: problem }, lines };
}

export async function getStocktake(ctx: Ctx, id: string) {
  return detail(ctx.db, ctx, await own(ctx.db, ctx, id));
}

// The warehouses a count may be started in, each with the count already open there.
export async function stocktakeStartOptions(ctx: Ctx) {
  const ws = await ctx.db.select({ id: warehouses.id, code: warehouses.code, name: warehouses.name, active: warehouses.active }).from(warehouses).where(warehouseScope(ctx)).orderBy(asc(warehouses.code));
  const open = ws.length ? await ctx.db.select({ id: stocktakes.id, number: stocktakes.number, status: stocktakes.status, warehouseId: stocktakes.warehouseId }).from(stocktakes)
    .where(and(inArray(stocktakes.warehouseId, ws.map((w) => w.id)), inArray(stocktakes.status, OPEN))) : [];
  return { warehouses: ws.map((w) => ({ ...w, openStocktake: open.find((o) => o.warehouseId === w.id) ?? null })) };
}

export async function listStocktakes(ctx: Ctx, q: ListQuery) {
  const now = at(ctx.clock.now());
  const l = sql`l`;
  const rows = await ctx.db.select({
    s: stocktakes, warehouseCode: warehouses.code, warehouseName: warehouses.name, categoryName: categories.name,
    lines: sql<number>`(select count(*) from ${stocktakeLines} l where l.stocktake_id = ${stocktakes.id})::int`,
    counted: sql<number>`(select count(l.counted_qty) from ${stocktakeLines} l where l.stocktake_id = ${stocktakes.id})::int`,
    differing: sql<number>`(select count(*) from ${stocktakeLines} l where l.stocktake_id = ${stocktakes.id} and l.counted_qty is not null
      and l.counted_qty <> l.book_qty + ${movedSince(stocktakes.startedAt, stocktakes.id, now, { batchId: sql`${l}.batch_id`, countedAt: sql`${l}.counted_at` })})::int`,
  }).from(stocktakes)
    .innerJoin(warehouses, eq(warehouses.id, stocktakes.warehouseId))
    .leftJoin(categories, eq(categories.id, stocktakes.categoryId))
    .where(and(
      warehouseScope(ctx), q.warehouseId ? eq(stocktakes.warehouseId, q.warehouseId) : undefined, q.status ? eq(stocktakes.status, q.status) : undefined,
      q.cursor ? lt(stocktakes.id, q.cursor) : undefined,
    ))
    .orderBy(desc(stocktakes.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.s.id, number: r.s.number, status: r.s.status, warehouse: { id: r.s.warehouseId, code: r.warehouseCode, name: r.warehouseName },
      category: r.s.categoryId ? { id: r.s.categoryId, name: r.categoryName } : null, lines: r.lines, counted: r.counted, differing: r.differing,
      startedBy: r.s.startedByLabel, startedAt: r.s.startedAt, submittedAt: r.s.submittedAt, decidedBy: r.s.decidedByLabel, decidedAt: r.s.decidedAt,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.s.id : null,
  };
}

async function categorySubtree(tx: Tx, categoryId: string) {
  const ids = rowsOf<{ id: string }>(await tx.execute(sql`with recursive sub(id) as (
    select id from ${categories} where id = ${categoryId}::uuid
    union all select c.id from ${categories} c join sub on c.parent_id = sub.id) select id from sub`)).map((r) => r.id);
  if (!ids.length) throw new ValidationError("CATEGORY_NOT_FOUND", "There is no such category; choose one from the list.", { field: "categoryId" });
  return ids;
}

// I5: the sheet is every batch of the warehouse (or of one category and those below it) that
// holds stock, each with its book quantity now.
export async function startStocktake(ctx: Ctx, input: StartInput) {
  return ctx.db.transaction(async (tx) => {
    const w = await ownWarehouse(tx, ctx, input.warehouseId);
    if (!w.active) throw new RuleViolation("WAREHOUSE_INACTIVE", `${w.code} is closed; open it again before counting it.`);
    // One count at a time per warehouse. A lock that still lets movements insert rows naming
    // the warehouse (they take a key-share lock on it), so the warehouse keeps working.
    await tx.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.id, w.id)).for("no key update");
    const [open] = await tx.select({ number: stocktakes.number, status: stocktakes.status }).from(stocktakes)
      .where(and(eq(stocktakes.warehouseId, w.id), inArray(stocktakes.status, OPEN)));
    if (open) {
      throw new RuleViolation("STOCKTAKE_ALREADY_OPEN", `${w.code} is already being counted (${open.number}, ${open.status}); finish or cancel that count first.`, { number: open.number, status: open.status });
    }
    const scope = input.categoryId ? await categorySubtree(tx, input.categoryId) : null;
    // Shared row locks wait for movements in flight, so the book quantity includes every
    // movement dated before the start and none dated after it.
    const batches = await tx.select({ id: stockBatches.id, levelId: stockBatches.levelId, onHand: stockBatches.onHand }).from(stockBatches)
      .where(and(
        eq(stockBatches.warehouseId, w.id), or(sql`${stockBatches.onHand} > 0`, sql`${stockBatches.blocked} > 0`),
        scope ? inArray(stockBatches.productId, tx.select({ id: products.id }).from(products).where(inArray(products.categoryId, scope))) : undefined,
      )).for("share");
    if (!batches.length) {
      throw new RuleViolation("STOCKTAKE_NOTHING_TO_COUNT", `${w.code} holds no stock${input.categoryId ? " in this category" : ""}; there is nothing to count.`);
    }
    const now = ctx.clock.now();
    const id = newId();
    const number = await nextNumber(tx, "PD", now);
    const [st] = await tx.insert(stocktakes).values({
      id, number, warehouseId: w.id, categoryId: input.categoryId ?? null, status: "counting", startedByUserId: ctx.actor.userId, startedByLabel: ctx.actor.label,
      startedAt: now, updatedAt: now,
    }).returning();
    for (let i = 0; i < batches.length; i += 500) {
      await tx.insert(stocktakeLines).values(batches.slice(i, i + 500).map((b) => ({ id: newId(), stocktakeId: id, levelId: b.levelId, batchId: b.id, bookQty: b.onHand })));
    }
    await recordAudit(tx, ctx, { action: "stocktake.start", entityType: "stocktake", entityId: id, summary: { number, warehouse: w.code, categoryId: input.categoryId ?? null, lines: batches.length } });
    return detail(tx, ctx, st!);
  });
}

function assertCounting(st: Stocktake) {
  if (st.status !== "counting") {
    throw new RuleViolation("STOCKTAKE_NOT_COUNTING", `${st.number} is ${st.status}; its counts can no longer change.`, { status: st.status });
  }
}

// Counters work in parallel (shared lock); submitting waits for them and then stops them.
async function recordCount(tx: Tx, ctx: Ctx, st: Stocktake, entries: CountEntry[]) {
  const ids = [...new Set(entries.map((e) => e.lineId))];
  const found = ids.length ? await tx.select({ id: stocktakeLines.id }).from(stocktakeLines).where(and(eq(stocktakeLines.stocktakeId, st.id), inArray(stocktakeLines.id, ids))) : [];
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ValidationError("STOCKTAKE_LINE_NOT_FOUND", "Some lines are not on this count sheet; reload the sheet.", { field: "lines", lineIds: missing });
  const now = ctx.clock.now();
  for (const e of entries) {
    await tx.update(stocktakeLines).set(e.countedQty === null
      ? { countedQty: null, countedByLabel: null, countedAt: null }
      : { countedQty: e.countedQty, countedByLabel: ctx.actor.label, countedAt: now })
      .where(and(eq(stocktakeLines.id, e.lineId), eq(stocktakeLines.stocktakeId, st.id)));
  }
  return ids;
}

async function countAnswer(tx: Tx, ctx: Ctx, st: Stocktake, ids: string[]) {
  const [p] = await tx.select({ lines: sql<number>`count(*)::int`, counted: sql<number>`count(${stocktakeLines.countedQty})::int` }).from(stocktakeLines).where(eq(stocktakeLines.stocktakeId, st.id));
  return { lines: await lineViews(tx, ctx, st, ids), progress: { lines: p!.lines, counted: p!.counted } };
}

// Counted quantities by line (the desk, or a correction); null clears a count.
export async function recordCounts(ctx: Ctx, id: string, entries: CountEntry[]) {
  return ctx.db.transaction(async (tx) => {
    const st = await own(tx, ctx, id, "share");
    assertCounting(st);
    return countAnswer(tx, ctx, st, await recordCount(tx, ctx, st, entries));
  });
}

// The phone: the scanned barcode (or the SKU code typed) and the batch number on the label
// find the line. "add" counts on top (one scan per unit), "set" replaces.
export async function countByCode(ctx: Ctx, id: string, input: CodeCount) {
  return ctx.db.transaction(async (tx) => {
    const st = await own(tx, ctx, id, "share");
    assertCounting(st);
    const code = input.code.trim().toLowerCase();
    const batchNo = input.batchNo?.trim().toLowerCase() || null;
    // A scan per unit on a sheet of a thousand lines: look the code up without the figures.
    const lines = await tx.select({ id: stocktakeLines.id, productId: stockLevels.productId, skuCode: stockLevels.skuCode, batchNo: stockBatches.batchNo })
      .from(stocktakeLines).innerJoin(stockLevels, eq(stockLevels.id, stocktakeLines.levelId)).leftJoin(stockBatches, eq(stockBatches.id, stocktakeLines.batchId))
      .where(eq(stocktakeLines.stocktakeId, st.id));
    const facts = await skuFacts(tx, [...new Set(lines.map((l) => l.productId))]);
    const byCode = lines.filter((l) => l.skuCode.toLowerCase() === code || facts.get(l.productId)?.skus.get(l.skuCode)?.barcode === input.code.trim());
    const matches = batchNo ? byCode.filter((l) => (l.batchNo ?? "").toLowerCase() === batchNo) : byCode;
    if (!matches.length) {
      if (byCode.length) {
        throw new ValidationError("STOCKTAKE_BATCH_NOT_ON_SHEET", `${input.code} is on this sheet, but not in batch ${input.batchNo}; check the batch number on the label.`, {
          field: "batchNo", code: input.code, batchNo: input.batchNo, batches: byCode.map((l) => l.batchNo),
        });
      }
      throw new ValidationError("STOCKTAKE_CODE_NOT_ON_SHEET", `Nothing on this count sheet has the barcode or SKU code ${input.code}; check the label, or note the goods for the supervisor.`, { field: "code", code: input.code });
    }
    if (matches.length > 1) {
      const batches = [...new Set(matches.map((l) => l.batchNo))];
      if (batches.length > 1) throw new ValidationError("STOCKTAKE_BATCH_REQUIRED", `${input.code} is on this sheet in ${batches.length} batches; enter the batch number on the label.`, { field: "batchNo", code: input.code, batches });
      throw new ValidationError("STOCKTAKE_CODE_AMBIGUOUS", `${input.code} names goods of more than one product here; count them on the sheet line by line.`, { field: "code", code: input.code });
    }
    const line = matches[0]!;
    if (input.mode === "add") {
      // Two phones scanning the same shelf add up rather than overwrite each other.
      await tx.update(stocktakeLines).set({ countedQty: sql`coalesce(${stocktakeLines.countedQty}, 0) + ${input.quantity}`, countedByLabel: ctx.actor.label, countedAt: ctx.clock.now() })
        .where(eq(stocktakeLines.id, line.id));
    } else {
      await recordCount(tx, ctx, st, [{ lineId: line.id, countedQty: input.quantity }]);
    }
    return countAnswer(tx, ctx, st, [line.id]);
  });
}

// I5: every line counted (0 where nothing was found); any difference needs a reason.
export async function submitStocktake(ctx: Ctx, id: string, input: { reason?: string | null }) {
  return ctx.db.transaction(async (tx) => {
    const st = await own(tx, ctx, id, "update");
    const status = next(stocktakeMachine, st.status, "submit");
    const lines = await lineViews(tx, ctx, st);
    const t = totalsOf(lines);
    if (t.remaining) {
      throw new RuleViolation("STOCKTAKE_LINES_UNCOUNTED", `${t.remaining} of ${t.lines} lines are not counted yet; count them (enter 0 where nothing is there) before submitting.`, { remaining: t.remaining, lines: t.lines });
    }
    const reason = input.reason?.trim() || null;
    if (t.differing && !reason) {
      throw new ValidationError("STOCKTAKE_REASON_REQUIRED", `${t.differing} lines differ from the books; say why (damage, mis-picks, receiving errors …) so the approver can judge.`, { field: "reason", differing: t.differing });
    }
    const now = ctx.clock.now();
    const [row] = await tx.update(stocktakes).set({ status, reason, submittedByUserId: ctx.actor.userId, submittedByLabel: ctx.actor.label, submittedAt: now, updatedAt: now })
      .where(eq(stocktakes.id, id)).returning();
    await recordAudit(tx, ctx, { action: "stocktake.submit", entityType: "stocktake", entityId: id, summary: { number: st.number, lines: t.lines, differing: t.differing, surplus: t.surplusUnits, short: t.shortUnits, reason } });
    return detail(tx, ctx, row!);
  });
}

function assertSecondPerson(ctx: Ctx, st: Stocktake) {
  const problem = secondPersonProblem(ctx, st);
  if (problem) {
    throw new RuleViolation("SECOND_APPROVER_REQUIRED", problem === "system"
      ? "A count is decided by a person who neither started nor submitted it."
      : `You ${problem} this count; another person with stock rights must approve or reject it.`, { reason: problem });
  }
}

// I5: a second person accepts the count; each difference becomes an adjustment of its batch.
export async function approveStocktake(ctx: Ctx, id: string, input: { note?: string | null }) {
  return ctx.db.transaction(async (tx) => {
    const st = await own(tx, ctx, id, "update");
    const status = next(stocktakeMachine, st.status, "approve");
    assertSecondPerson(ctx, st);
    const now = ctx.clock.now();
    const lines = (await lineViews(tx, ctx, { ...st, decidedAt: now })).filter((l) => l.difference);
    // The order of the stock core's row locks, so that approvals cannot deadlock with it.
    lines.sort((a, b) => a.levelId.localeCompare(b.levelId) || (a.batchId ?? "").localeCompare(b.batchId ?? ""));
    const document = { type: "stocktake" as const, id, no: st.number };
    for (const l of lines) {
      try {
        await move(tx, ctx, { id: l.levelId }, "adjust", { onHand: l.difference! }, document, { batchId: l.batchId, note: st.reason });
      } catch (e) {
        if (!(e instanceof RuleViolation)) throw e;
        const d = (e.details ?? {}) as { onHand?: number; reserved?: number };
        const what = `${l.productTitle} ${l.skuCode}, batch ${l.batchNo ?? "—"}`;
        throw new RuleViolation("STOCKTAKE_ADJUSTMENT_REFUSED", e.code === "STOCK_INSUFFICIENT"
          ? `${what}: the count is ${-l.difference!} below the books, but ${d.reserved ?? 0} of the ${d.onHand ?? 0} units on hand are reserved for orders. Ship or release those orders first, or reject the count and recount.`
          : `${what}: the batch no longer holds the ${-l.difference!} units the count would remove (it moved after counting); reject the count and recount this batch.`, {
          lineId: l.id, skuCode: l.skuCode, batchNo: l.batchNo, difference: l.difference, cause: e.code, ...d,
        });
      }
    }
    const [row] = await tx.update(stocktakes).set({ status, decidedByUserId: ctx.actor.userId, decidedByLabel: ctx.actor.label, decidedAt: now, decisionNote: input.note?.trim() || null, updatedAt: now })
      .where(eq(stocktakes.id, id)).returning();
    const plus = lines.reduce((n, l) => n + Math.max(0, l.difference!), 0);
    const minus = lines.reduce((n, l) => n + Math.max(0, -l.difference!), 0);
    await recordAudit(tx, ctx, { action: "stocktake.approve", entityType: "stocktake", entityId: id, summary: { number: st.number, adjustedLines: lines.length, surplus: plus, short: minus, reason: st.reason } });
    return detail(tx, ctx, row!);
  });
}

// The approver sends a count back: the books stay as they are; a new count can start.
export async function rejectStocktake(ctx: Ctx, id: string, input: { note: string }) {
  return ctx.db.transaction(async (tx) => {
    const st = await own(tx, ctx, id, "update");
    const status = next(stocktakeMachine, st.status, "reject");
    assertSecondPerson(ctx, st);
    const now = ctx.clock.now();
    const [row] = await tx.update(stocktakes).set({ status, decidedByUserId: ctx.actor.userId, decidedByLabel: ctx.actor.label, decidedAt: now, decisionNote: input.note.trim(), updatedAt: now })
      .where(eq(stocktakes.id, id)).returning();
    await recordAudit(tx, ctx, { action: "stocktake.reject", entityType: "stocktake", entityId: id, summary: { number: st.number, note: input.note.trim() } });
    return detail(tx, ctx, row!);
  });
}

// A count started by mistake (wrong warehouse or category) is dropped before submission.
export async function cancelStocktake(ctx: Ctx, id: string, input: { note?: string | null }) {
  return ctx.db.transaction(async (tx) => {
    const st = await own(tx, ctx, id, "update");
    const status = next(stocktakeMachine, st.status, "cancel");
    const now = ctx.clock.now();
    const [row] = await tx.update(stocktakes).set({ status, decidedByUserId: ctx.actor.userId, decidedByLabel: ctx.actor.label, decidedAt: now, decisionNote: input.note?.trim() || null, updatedAt: now })
      .where(eq(stocktakes.id, id)).returning();
    await recordAudit(tx, ctx, { action: "stocktake.cancel", entityType: "stocktake", entityId: id, summary: { number: st.number, note: input.note?.trim() || null } });
    return detail(tx, ctx, row!);
  });
}

// The movements of the counted batches while the count ran, for the reviewer: stock was not frozen.
export async function movementsDuringCount(ctx: Ctx, id: string) {
  const st = await own(ctx.db, ctx, id);
  const cap = st.decidedAt ?? ctx.clock.now();
  const rows = await ctx.db.select({
    id: stockMovements.id, type: stockMovements.type, onHandDelta: stockMovements.onHandDelta, skuCode: stockMovements.skuCode, batchNo: stockBatches.batchNo,
    documentType: stockMovements.documentType, documentNo: stockMovements.documentNo, actor: stockMovements.actorLabel, createdAt: stockMovements.createdAt,
  }).from(stockMovements)
    .innerJoin(stocktakeLines, and(eq(stocktakeLines.batchId, stockMovements.batchId), eq(stocktakeLines.stocktakeId, id)))
    .innerJoin(stockBatches, eq(stockBatches.id, stockMovements.batchId))
    .where(and(
      sql`${stockMovements.createdAt} > ${at(st.startedAt)} and ${stockMovements.createdAt} <= ${at(cap)}`,
      sql`${stockMovements.onHandDelta} <> 0`, isNotNull(stockMovements.batchId),
      or(sql`${stockMovements.documentId} is null`, sql`${stockMovements.documentId} <> ${st.id}::uuid`),
    ))
    .orderBy(asc(stockMovements.createdAt), asc(stockMovements.id)).limit(500);
  return { items: rows };
}

export type StocktakeDetail = Awaited<ReturnType<typeof getStocktake>>;
