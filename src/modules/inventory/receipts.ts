import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { sniffDocumentType } from "../../lib/filetype.js";
import type { Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { defineMachine, next } from "../../lib/machine.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { nextNumber } from "../../server/numbers.js";
import { recordAudit } from "../audit/index.js";
import { effectiveCategory } from "../catalog/categories.js";
import { products, productVersions } from "../catalog/schema.js";
import { merchants } from "../merchants/schema.js";
import { suppliers } from "../suppliers/schema.js";
import { purchaseReceiptLines, purchaseReceipts, stockBatches, warehouses } from "./schema.js";
import { levelFor, ownWarehouse, receiveIntoBatch, shanghaiDay, warehouseScope } from "./stock.js";

type ReceiptRow = typeof purchaseReceipts.$inferSelect;
type LineRow = typeof purchaseReceiptLines.$inferSelect;
export type ReceiptStatus = ReceiptRow["status"];

// I3: goods are expected, then checked once: accepted (whole, in part or refused) or called off.
export const receiptMachine = defineMachine<ReceiptStatus, "accept" | "cancel">("purchase receipt", {
  expected: { accept: "accepted", cancel: "cancelled" },
  accepted: {},
  cancelled: {},
});

export interface ReceiptInput {
  warehouseId: string; supplierId: string; purchaseRef: string; expectedOn?: string | null; note?: string | null;
  lines: { productId: string; skuCode: string; expectedQty: number }[];
}
export interface AcceptLine {
  lineId: string; receivedQty: number; acceptedQty: number; rejectedQty: number; qualityNote?: string | null;
  batchNo?: string | null; productionDate?: string | null; expiryDate?: string | null;
}
export interface AcceptInput { lines: AcceptLine[]; note?: string | null }

const MAX_REPORT_BYTES = 10 * 1024 * 1024;
const REPORT_TYPES = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" } as const;
type ReportMime = keyof typeof REPORT_TYPES;

// ---- reading ---------------------------------------------------------------------------

async function receiptInScope(q: Queryable, ctx: Ctx, id: string, lock = false) {
  const base = q.select({ r: purchaseReceipts }).from(purchaseReceipts).innerJoin(warehouses, eq(warehouses.id, purchaseReceipts.warehouseId))
    .where(and(eq(purchaseReceipts.id, id), warehouseScope(ctx)));
  const [row] = lock ? await base.for("update", { of: purchaseReceipts }) : await base;
  if (!row) throw new NotFound("Receipt", "RECEIPT_NOT_FOUND");
  return row.r;
}

// What a line's product demands of a batch (P6): its category's date rules and its shelf life.
async function productFacts(q: Queryable, productIds: string[]) {
  if (!productIds.length) return new Map<string, { title: string; merchantId: string; requiresProductionDate: boolean; requiresShelfLife: boolean; shelfLifeDays: number | null; skus: string[] }>();
  const rows = await q.select({
    id: products.id, title: products.title, merchantId: products.merchantId, categoryId: products.categoryId,
    live: sql<{ shelfLifeDays: number | null; skus: { code: string }[] } | null>`(select content from ${productVersions} v where v.id = ${products.liveVersionId})`,
    working: sql<{ shelfLifeDays: number | null; skus: { code: string }[] } | null>`(select content from ${productVersions} v where v.id = ${products.workingVersionId})`,
  }).from(products).where(inArray(products.id, [...new Set(productIds)]));
  const out = new Map<string, { title: string; merchantId: string; requiresProductionDate: boolean; requiresShelfLife: boolean; shelfLifeDays: number | null; skus: string[] }>();
  const categories = new Map<string, Awaited<ReturnType<typeof effectiveCategory>>>();
  for (const r of rows) {
    if (!categories.has(r.categoryId)) categories.set(r.categoryId, await effectiveCategory(q, r.categoryId));
    const category = categories.get(r.categoryId)!;
    const content = r.live ?? r.working;
    out.set(r.id, {
      title: r.title, merchantId: r.merchantId, requiresProductionDate: category.requiresProductionDate, requiresShelfLife: category.requiresShelfLife,
      shelfLifeDays: content?.shelfLifeDays ?? null, skus: [...new Set([...(r.live?.skus ?? []), ...(r.working?.skus ?? [])].map((s) => s.code))],
    });
  }
  return out;
}

const lineView = (l: LineRow, facts: Awaited<ReturnType<typeof productFacts>>) => {
  const f = facts.get(l.productId);
  return {
    id: l.id, productId: l.productId, productTitle: f?.title ?? "", skuCode: l.skuCode, expectedQty: l.expectedQty,
    receivedQty: l.receivedQty, acceptedQty: l.acceptedQty, rejectedQty: l.rejectedQty, qualityNote: l.qualityNote,
    batchNo: l.batchNo, productionDate: l.productionDate, expiryDate: l.expiryDate, batchId: l.batchId,
    // Short (−) or over (+) delivery against the purchase, once counted.
    difference: l.receivedQty === null ? null : l.receivedQty - l.expectedQty,
    requiresProductionDate: f?.requiresProductionDate ?? false, requiresShelfLife: f?.requiresShelfLife ?? false, shelfLifeDays: f?.shelfLifeDays ?? null,
  };
};

// Late: accepted on a later Shanghai day than expected; an open receipt is overdue once that day has passed.
function lateness(r: Pick<ReceiptRow, "status" | "expectedOn" | "acceptedAt">, today: string) {
  if (!r.expectedOn || r.status === "cancelled") return { late: false, lateDays: 0 };
  const day = r.status === "accepted" && r.acceptedAt ? shanghaiDay(r.acceptedAt) : today;
  const days = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${r.expectedOn}T00:00:00Z`)) / 86_400_000);
  return { late: days > 0, lateDays: Math.max(0, days) };
}

async function fullView(q: Queryable, ctx: Ctx, r: ReceiptRow) {
  const lines = await q.select().from(purchaseReceiptLines).where(eq(purchaseReceiptLines.receiptId, r.id)).orderBy(asc(purchaseReceiptLines.skuCode), asc(purchaseReceiptLines.id));
  const facts = await productFacts(q, lines.map((l) => l.productId));
  const [w] = await q.select({ id: warehouses.id, code: warehouses.code, name: warehouses.name }).from(warehouses).where(eq(warehouses.id, r.warehouseId));
  const [m] = await q.select({ id: merchants.id, name: merchants.name }).from(merchants).where(eq(merchants.id, r.merchantId));
  const [s] = r.supplierId ? await q.select({ id: suppliers.id, name: suppliers.name }).from(suppliers).where(eq(suppliers.id, r.supplierId)) : [];
  const views = lines.map((l) => lineView(l, facts));
  const sum = (k: "expectedQty" | "receivedQty" | "acceptedQty" | "rejectedQty") => views.reduce((n, l) => n + (l[k] ?? 0), 0);
  return {
    id: r.id, number: r.number, status: r.status, warehouse: w!, merchant: m!, supplier: s ?? null, purchaseRef: r.purchaseRef, expectedOn: r.expectedOn, note: r.note,
    hasInspectionReport: !!r.inspectionReportKey, createdBy: r.createdByLabel, createdAt: r.createdAt, acceptedBy: r.acceptedByLabel, acceptedAt: r.acceptedAt, updatedAt: r.updatedAt,
    ...lateness(r, shanghaiDay(ctx.clock.now())),
    totals: { lines: views.length, expected: sum("expectedQty"), received: sum("receivedQty"), accepted: sum("acceptedQty"), rejected: sum("rejectedQty") },
    lines: views,
  };
}

export async function getReceipt(ctx: Ctx, id: string) {
  return fullView(ctx.db, ctx, await receiptInScope(ctx.db, ctx, id));
}

export interface ReceiptQuery { status?: ReceiptStatus; warehouseId?: string; supplierId?: string; q?: string; cursor?: string; limit: number }

// The receipts of the actor's warehouses, newest first, with their unit totals.
export async function listReceipts(ctx: Ctx, query: ReceiptQuery) {
  const where: (SQL | undefined)[] = [warehouseScope(ctx)];
  if (query.status) where.push(eq(purchaseReceipts.status, query.status));
  if (query.warehouseId) where.push(eq(purchaseReceipts.warehouseId, query.warehouseId));
  if (query.supplierId) where.push(eq(purchaseReceipts.supplierId, query.supplierId));
  if (query.cursor) where.push(lt(purchaseReceipts.id, query.cursor));
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(purchaseReceipts.number, like), ilike(purchaseReceipts.purchaseRef, like), ilike(suppliers.name, like)));
  }
  const sumOf = (column: "expected_qty" | "received_qty" | "accepted_qty" | "rejected_qty") =>
    sql<number>`(select coalesce(sum(l.${sql.raw(column)}), 0)::int from ${purchaseReceiptLines} l where l.receipt_id = ${purchaseReceipts.id})`;
  const rows = await ctx.db.select({
    r: purchaseReceipts, warehouseCode: warehouses.code, warehouseName: warehouses.name, supplierName: suppliers.name, merchantName: merchants.name,
    lines: sql<number>`(select count(*)::int from ${purchaseReceiptLines} l where l.receipt_id = ${purchaseReceipts.id})`,
    expected: sumOf("expected_qty"), received: sumOf("received_qty"), accepted: sumOf("accepted_qty"), rejected: sumOf("rejected_qty"),
  }).from(purchaseReceipts)
    .innerJoin(warehouses, eq(warehouses.id, purchaseReceipts.warehouseId))
    .innerJoin(merchants, eq(merchants.id, purchaseReceipts.merchantId))
    .leftJoin(suppliers, eq(suppliers.id, purchaseReceipts.supplierId))
    .where(and(...where)).orderBy(desc(purchaseReceipts.id)).limit(query.limit + 1);
  const today = shanghaiDay(ctx.clock.now());
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((x) => ({
      id: x.r.id, number: x.r.number, status: x.r.status, warehouse: { id: x.r.warehouseId, code: x.warehouseCode, name: x.warehouseName },
      merchant: { id: x.r.merchantId, name: x.merchantName }, supplier: x.r.supplierId ? { id: x.r.supplierId, name: x.supplierName ?? "" } : null,
      purchaseRef: x.r.purchaseRef, expectedOn: x.r.expectedOn, hasInspectionReport: !!x.r.inspectionReportKey, createdAt: x.r.createdAt, acceptedAt: x.r.acceptedAt,
      ...lateness(x.r, today), totals: { lines: x.lines, expected: x.expected, received: x.received, accepted: x.accepted, rejected: x.rejected },
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.r.id : null,
  };
}

// ---- creating ----------------------------------------------------------------------------

// A receipt names a supplier of the goods' owner; platform staff may also name one of the
// platform's own suppliers (it buys for the shops it stocks).
async function usableSupplier(q: Queryable, ctx: Ctx, supplierId: string, ownerId: string) {
  const [s] = await q.select().from(suppliers).where(and(eq(suppliers.id, supplierId), or(eq(suppliers.merchantId, ownerId), ctx.actor.merchantId ? sql`false` : isNull(suppliers.merchantId))));
  if (!s) throw new ValidationError("SUPPLIER_NOT_FOUND", "Choose one of the goods owner's suppliers (or, for platform staff, one of the platform's).", { field: "supplierId" });
  if (!s.active) throw new ValidationError("SUPPLIER_INACTIVE", `${s.name} is marked inactive; reactivate it on the supplier list before ordering from it.`, { field: "supplierId" });
  return s;
}

export async function createReceipt(ctx: Ctx, input: ReceiptInput) {
  if (!input.lines.length) throw new ValidationError("RECEIPT_EMPTY", "Add at least one product line with the quantity expected.", { field: "lines" });
  const seen = new Set<string>();
  for (const [index, l] of input.lines.entries()) {
    const key = `${l.productId}/${l.skuCode}`;
    if (seen.has(key)) throw new ValidationError("RECEIPT_DUPLICATE_LINE", `SKU ${l.skuCode} is on the receipt twice; put its whole quantity on one line.`, { field: "lines", index, skuCode: l.skuCode });
    seen.add(key);
  }
  return ctx.db.transaction(async (tx) => {
    const w = await ownWarehouse(tx, ctx, input.warehouseId);
    if (!w.active) throw new RuleViolation("WAREHOUSE_INACTIVE", `${w.code} is closed; receive the goods into an open warehouse.`, { field: "warehouseId" });
    const facts = await productFacts(tx, input.lines.map((l) => l.productId));
    const owners = new Set<string>();
    for (const [index, l] of input.lines.entries()) {
      const f = facts.get(l.productId);
      // A merchant sees only its own products: another shop's is as good as missing.
      if (!f || (ctx.actor.merchantId && f.merchantId !== ctx.actor.merchantId)) throw new ValidationError("PRODUCT_NOT_FOUND", "Choose a product of the goods' owner.", { field: "lines", index });
      if (!f.skus.includes(l.skuCode)) throw new ValidationError("SKU_UNKNOWN", `The product has no SKU "${l.skuCode}".`, { field: "lines", index, skuCode: l.skuCode });
      owners.add(f.merchantId);
    }
    if (owners.size > 1) throw new ValidationError("RECEIPT_MIXED_OWNERS", "All lines of a receipt must be goods of one shop; make one receipt per shop.", { field: "lines" });
    const ownerId = [...owners][0]!;
    if (w.merchantId && w.merchantId !== ownerId) throw new ValidationError("WAREHOUSE_NOT_OWNERS", "This warehouse belongs to another shop; it holds only that shop's goods.", { field: "warehouseId" });
    await usableSupplier(tx, ctx, input.supplierId, ownerId);
    const now = ctx.clock.now();
    const id = newId();
    const [row] = await tx.insert(purchaseReceipts).values({
      id, number: await nextNumber(tx, "RK", now), warehouseId: w.id, merchantId: ownerId, supplierId: input.supplierId, purchaseRef: input.purchaseRef.trim(),
      status: "expected", expectedOn: input.expectedOn ?? null, note: input.note?.trim() || null, createdByLabel: ctx.actor.label, createdAt: now, updatedAt: now,
    }).returning();
    await tx.insert(purchaseReceiptLines).values(input.lines.map((l) => ({ id: newId(), receiptId: id, productId: l.productId, skuCode: l.skuCode, expectedQty: l.expectedQty })));
    return fullView(tx, ctx, row!);
  });
}

// ---- inspection report -------------------------------------------------------------------

// The file is stored before the row points at it: an unreferenced file is harmless, a
// dangling key is not. Batches already received from the receipt get the report too (P6).
export async function attachInspectionReport(ctx: Ctx, id: string, file: { body: Buffer; fileName: string }) {
  const r = await receiptInScope(ctx.db, ctx, id);
  if (r.status === "cancelled") throw new RuleViolation("RECEIPT_CANCELLED", "This receipt was cancelled; attach the report to the receipt the goods arrived on.");
  const mime = sniffDocumentType(file.body);
  if (!mime || !(mime in REPORT_TYPES)) throw new ValidationError("FILE_TYPE_NOT_ALLOWED", "Upload the inspection report as a PDF, JPEG or PNG file. The file's content is checked, not its name.", { field: "file" });
  if (file.body.length > MAX_REPORT_BYTES) throw new ValidationError("FILE_TOO_LARGE", "A report may be at most 10 MB. Scan at a lower resolution or split it.", { field: "file" });
  const key = `inventory/receipts/${id}/inspection-${newId()}`;
  await ctx.storage.put(key, file.body);
  return ctx.db.transaction(async (tx) => {
    const locked = await receiptInScope(tx, ctx, id, true);
    if (locked.status === "cancelled") throw new RuleViolation("RECEIPT_CANCELLED", "This receipt was cancelled; attach the report to the receipt the goods arrived on.");
    const [row] = await tx.update(purchaseReceipts).set({ inspectionReportKey: key, updatedAt: ctx.clock.now() }).where(eq(purchaseReceipts.id, id)).returning();
    await tx.update(stockBatches).set({ inspectionReportKey: key }).where(eq(stockBatches.receiptId, id));
    await recordAudit(tx, ctx, { action: "receipt.inspection_report", entityType: "purchase_receipt", entityId: id, summary: { number: locked.number, fileName: file.fileName.slice(0, 200), bytes: file.body.length } });
    return fullView(tx, ctx, row!);
  });
}

export async function inspectionReportFile(ctx: Ctx, id: string) {
  const r = await receiptInScope(ctx.db, ctx, id);
  if (!r.inspectionReportKey) throw new NotFound("Inspection report", "INSPECTION_REPORT_NOT_FOUND");
  const body = await ctx.storage.get(r.inspectionReportKey);
  const mime = (sniffDocumentType(body) ?? "application/pdf") as ReportMime;
  return { body, mime, fileName: `${r.number}-inspection.${REPORT_TYPES[mime] ?? "pdf"}` };
}

// ---- acceptance --------------------------------------------------------------------------

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

// I3: each line counted, checked and split into accepted and refused units. Accepted units
// enter stock as a batch carrying supplier, purchase, dates and inspection report (P6);
// refused units never enter the books. All lines or none.
export async function acceptReceipt(ctx: Ctx, id: string, input: AcceptInput) {
  return ctx.db.transaction(async (tx) => {
    const r = await receiptInScope(tx, ctx, id, true);
    const status = next(receiptMachine, r.status, "accept");
    const lines = await tx.select().from(purchaseReceiptLines).where(eq(purchaseReceiptLines.receiptId, id));
    const given = new Map(input.lines.map((l) => [l.lineId, l]));
    if (given.size !== input.lines.length || given.size !== lines.length || lines.some((l) => !given.has(l.id))) {
      throw new ValidationError("RECEIPT_LINES_MISMATCH", "Give the count of every line of the receipt, each once.", { field: "lines", expected: lines.length });
    }
    const facts = await productFacts(tx, lines.map((l) => l.productId));
    const today = shanghaiDay(ctx.clock.now());
    // Product then SKU: the same lock order as every other writer of these levels.
    const ordered = [...lines].sort((a, b) => `${a.productId}/${a.skuCode}`.localeCompare(`${b.productId}/${b.skuCode}`));
    const document = { type: "receipt" as const, id, no: r.number };
    for (const line of ordered) {
      const a = given.get(line.id)!;
      const at = { field: "lines", lineId: line.id, skuCode: line.skuCode };
      const f = facts.get(line.productId)!;
      if (![a.receivedQty, a.acceptedQty, a.rejectedQty].every((n) => Number.isInteger(n) && n >= 0)) {
        throw new ValidationError("QUANTITY_INVALID", `${line.skuCode}: enter whole numbers of units, zero or more.`, { ...at, field: "receivedQty" });
      }
      if (a.acceptedQty + a.rejectedQty !== a.receivedQty) {
        throw new ValidationError("ACCEPTANCE_QUANTITIES_MISMATCH", `${line.skuCode}: accepted (${a.acceptedQty}) and refused (${a.rejectedQty}) units must add up to the ${a.receivedQty} received.`, { ...at, field: "acceptedQty" });
      }
      const qualityNote = a.qualityNote?.trim() || null;
      if (a.rejectedQty > 0 && !qualityNote) throw new ValidationError("QUALITY_NOTE_REQUIRED", `${line.skuCode}: say why ${a.rejectedQty} units were refused; the supplier evaluation relies on it.`, { ...at, field: "qualityNote" });
      let batchNo: string | null = null;
      let productionDate: string | null = null;
      let expiryDate: string | null = null;
      if (a.acceptedQty > 0) {
        batchNo = a.batchNo?.trim() || r.number;
        productionDate = a.productionDate || null;
        expiryDate = a.expiryDate || null;
        for (const [field, day] of [["productionDate", productionDate], ["expiryDate", expiryDate]] as const) {
          if (day && !isDay(day)) throw new ValidationError("DATE_INVALID", `${line.skuCode}: ${day} is not a date (YYYY-MM-DD).`, { ...at, field });
        }
        if (f.requiresProductionDate && !productionDate) throw new ValidationError("PRODUCTION_DATE_REQUIRED", `${line.skuCode}: goods of this category carry their production date; enter it from the package.`, { ...at, field: "productionDate" });
        if (f.requiresShelfLife && !expiryDate) throw new ValidationError("EXPIRY_DATE_REQUIRED", `${line.skuCode}: goods of this category have a shelf life; enter the expiry date from the package.`, { ...at, field: "expiryDate" });
        if (productionDate && productionDate > today) throw new ValidationError("PRODUCTION_DATE_IN_FUTURE", `${line.skuCode}: the production date ${productionDate} is after today.`, { ...at, field: "productionDate" });
        if (productionDate && expiryDate && expiryDate <= productionDate) throw new ValidationError("EXPIRY_BEFORE_PRODUCTION", `${line.skuCode}: the expiry date must be after the production date.`, { ...at, field: "expiryDate" });
        if (expiryDate && expiryDate <= today) {
          throw new RuleViolation("BATCH_EXPIRED", `${line.skuCode}: the batch expired on ${expiryDate}; refuse these units instead of accepting them.`, { ...at, field: "expiryDate", expiryDate });
        }
        const level = await levelFor(tx, ctx, r.warehouseId, line.productId, line.skuCode);
        // One batch number means one production run: more of it must carry the same dates.
        const [existing] = await tx.select().from(stockBatches).where(and(eq(stockBatches.levelId, level.id), eq(stockBatches.batchNo, batchNo)));
        if (existing && (existing.productionDate !== productionDate || existing.expiryDate !== expiryDate)) {
          throw new Conflict("BATCH_DATES_DIFFER", `${line.skuCode}: batch ${batchNo} is already in stock with other dates (${existing.productionDate ?? "—"} / ${existing.expiryDate ?? "—"}); check the package or give the batch its own number.`, { ...at, field: "batchNo", batchNo });
        }
        const { batch } = await receiveIntoBatch(tx, ctx, level, a.acceptedQty, {
          batchNo, supplierId: r.supplierId, purchaseRef: r.purchaseRef, receiptId: r.id, productionDate, expiryDate, inspectionReportKey: r.inspectionReportKey,
        }, document);
        await tx.update(purchaseReceiptLines).set({ batchId: batch.id }).where(eq(purchaseReceiptLines.id, line.id));
      }
      await tx.update(purchaseReceiptLines).set({
        receivedQty: a.receivedQty, acceptedQty: a.acceptedQty, rejectedQty: a.rejectedQty, qualityNote, batchNo, productionDate, expiryDate,
      }).where(eq(purchaseReceiptLines.id, line.id));
    }
    const now = ctx.clock.now();
    const note = input.note?.trim() ? [r.note, input.note.trim()].filter(Boolean).join("\n") : r.note;
    const [row] = await tx.update(purchaseReceipts).set({ status, acceptedByLabel: ctx.actor.label, acceptedAt: now, updatedAt: now, note }).where(eq(purchaseReceipts.id, id)).returning();
    const view = await fullView(tx, ctx, row!);
    await recordAudit(tx, ctx, {
      action: "receipt.accept", entityType: "purchase_receipt", entityId: id,
      summary: { number: r.number, expected: view.totals.expected, received: view.totals.received, accepted: view.totals.accepted, rejected: view.totals.rejected },
    });
    return view;
  });
}

export async function cancelReceipt(ctx: Ctx, id: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const r = await receiptInScope(tx, ctx, id, true);
    const status = next(receiptMachine, r.status, "cancel");
    const note = [r.note, reason.trim()].filter(Boolean).join("\n");
    const [row] = await tx.update(purchaseReceipts).set({ status, note, updatedAt: ctx.clock.now() }).where(eq(purchaseReceipts.id, id)).returning();
    await recordAudit(tx, ctx, { action: "receipt.cancel", entityType: "purchase_receipt", entityId: id, summary: { number: r.number, reason: reason.trim() } });
    return fullView(tx, ctx, row!);
  });
}

// ---- what the forms offer ----------------------------------------------------------------

// The products that may be received into a warehouse: a shop's warehouse holds its own
// goods, a platform warehouse any shop's.
export async function receivableProducts(ctx: Ctx, query: { warehouseId: string; q?: string; limit: number }) {
  const w = await ownWarehouse(ctx.db, ctx, query.warehouseId);
  const owner = w.merchantId ?? ctx.actor.merchantId;
  const where: (SQL | undefined)[] = [owner ? eq(products.merchantId, owner) : undefined];
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(products.title, like), sql`exists (select 1 from ${productVersions} v, jsonb_array_elements(v.content->'skus') s
      where v.id in (${products.liveVersionId}, ${products.workingVersionId}) and s->>'code' ilike ${like})`));
  }
  const rows = await ctx.db.select({ id: products.id, title: products.title, status: products.status, merchantId: products.merchantId, merchantName: merchants.name })
    .from(products).innerJoin(merchants, eq(merchants.id, products.merchantId)).where(and(...where)).orderBy(asc(products.title)).limit(query.limit);
  const facts = await productFacts(ctx.db, rows.map((r) => r.id));
  return {
    items: rows.map((r) => {
      const f = facts.get(r.id)!;
      return { ...r, skus: f.skus, requiresProductionDate: f.requiresProductionDate, requiresShelfLife: f.requiresShelfLife, shelfLifeDays: f.shelfLifeDays };
    }),
  };
}

// The suppliers a receipt for this owner's goods may name.
export async function receiptSuppliers(ctx: Ctx, query: { merchantId?: string }) {
  const owner = ctx.actor.merchantId ?? query.merchantId ?? null;
  const rows = await ctx.db.select({ id: suppliers.id, name: suppliers.name, merchantId: suppliers.merchantId, active: suppliers.active }).from(suppliers)
    .where(ctx.actor.merchantId ? eq(suppliers.merchantId, ctx.actor.merchantId) : or(isNull(suppliers.merchantId), owner ? eq(suppliers.merchantId, owner) : sql`false`))
    .orderBy(asc(suppliers.name));
  return { items: rows.map((s) => ({ ...s, platform: s.merchantId === null })) };
}

// ---- discrepancies (I3 → P7) ------------------------------------------------------------

export interface DiscrepancyQuery { supplierId?: string; from?: string; to?: string }

// Percent, half up, of a part in a whole; null when there is nothing to measure.
const pct = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 200 + whole) / (2 * whole)) : null);

// I3/P7: how each supplier delivered in a period (by acceptance day, Shanghai): units
// ordered, delivered, accepted and refused, short and over deliveries, lateness, and the
// quality and delivery scores they suggest for the supplier's scorecard.
export async function discrepancyReport(ctx: Ctx, query: DiscrepancyQuery) {
  if (query.from && query.to && query.from > query.to) throw new ValidationError("PERIOD_INVALID", "The period ends before it starts.", { field: "to" });
  const where: (SQL | undefined)[] = [warehouseScope(ctx), eq(purchaseReceipts.status, "accepted")];
  if (query.supplierId) where.push(eq(purchaseReceipts.supplierId, query.supplierId));
  // China keeps UTC+8 all year: a Shanghai day starts at 16:00 UTC the day before.
  if (query.from) where.push(sql`${purchaseReceipts.acceptedAt} >= ${new Date(`${query.from}T00:00:00+08:00`)}`);
  if (query.to) where.push(sql`${purchaseReceipts.acceptedAt} < ${new Date(Date.parse(`${query.to}T00:00:00+08:00`) + 86_400_000)}`);
  const rows = await ctx.db.select({ r: purchaseReceipts, l: purchaseReceiptLines, supplierName: suppliers.name, supplierOwner: suppliers.merchantId, productTitle: products.title, warehouseCode: warehouses.code })
    .from(purchaseReceipts)
    .innerJoin(warehouses, eq(warehouses.id, purchaseReceipts.warehouseId))
    .innerJoin(purchaseReceiptLines, eq(purchaseReceiptLines.receiptId, purchaseReceipts.id))
    .innerJoin(products, eq(products.id, purchaseReceiptLines.productId))
    .leftJoin(suppliers, eq(suppliers.id, purchaseReceipts.supplierId))
    .where(and(...where)).orderBy(asc(purchaseReceipts.acceptedAt), asc(purchaseReceipts.number), asc(purchaseReceiptLines.skuCode));

  type Acc = {
    supplier: { id: string | null; name: string; platform: boolean }; receipts: Set<string>; lateReceipts: Set<string>; lines: number;
    expected: number; received: number; accepted: number; rejected: number; shortLines: number; shortUnits: number; overLines: number; overUnits: number; filled: number;
  };
  const bySupplier = new Map<string, Acc>();
  const details: unknown[] = [];
  for (const { r, l, supplierName, supplierOwner, productTitle, warehouseCode } of rows) {
    const key = r.supplierId ?? "none";
    const acc = bySupplier.get(key) ?? {
      supplier: { id: r.supplierId, name: supplierName ?? "", platform: !!r.supplierId && supplierOwner === null }, receipts: new Set(), lateReceipts: new Set(), lines: 0,
      expected: 0, received: 0, accepted: 0, rejected: 0, shortLines: 0, shortUnits: 0, overLines: 0, overUnits: 0, filled: 0,
    };
    bySupplier.set(key, acc);
    const received = l.receivedQty ?? 0;
    const { late, lateDays } = lateness(r, "");
    acc.receipts.add(r.id);
    if (late) acc.lateReceipts.add(r.id);
    acc.lines++;
    acc.expected += l.expectedQty;
    acc.received += received;
    acc.accepted += l.acceptedQty ?? 0;
    acc.rejected += l.rejectedQty ?? 0;
    acc.filled += Math.min(received, l.expectedQty);
    if (received < l.expectedQty) { acc.shortLines++; acc.shortUnits += l.expectedQty - received; }
    if (received > l.expectedQty) { acc.overLines++; acc.overUnits += received - l.expectedQty; }
    if (received !== l.expectedQty || (l.rejectedQty ?? 0) > 0 || late) {
      details.push({
        receiptId: r.id, number: r.number, warehouseCode, supplierId: r.supplierId, supplierName: supplierName ?? "", purchaseRef: r.purchaseRef,
        expectedOn: r.expectedOn, acceptedOn: r.acceptedAt ? shanghaiDay(r.acceptedAt) : null, lateDays,
        productTitle, skuCode: l.skuCode, expected: l.expectedQty, received, accepted: l.acceptedQty ?? 0, rejected: l.rejectedQty ?? 0,
        difference: received - l.expectedQty, qualityNote: l.qualityNote,
      });
    }
  }
  const items = [...bySupplier.values()].map((a) => {
    const receipts = a.receipts.size;
    const onTime = receipts - a.lateReceipts.size;
    const quality = pct(a.accepted, a.received);
    const onTimeRate = pct(onTime, receipts);
    const fillRate = pct(a.filled, a.expected);
    // Delivery weighs punctuality and completeness equally (one rounding, of the exact mean);
    // over-delivery earns nothing.
    const delivery = receipts && a.expected ? pct(onTime * a.expected + a.filled * receipts, 2 * receipts * a.expected) : null;
    return {
      supplier: a.supplier, receipts, lateReceipts: a.lateReceipts.size, onTimeReceipts: onTime, lines: a.lines,
      expected: a.expected, received: a.received, accepted: a.accepted, rejected: a.rejected,
      shortLines: a.shortLines, shortUnits: a.shortUnits, overLines: a.overLines, overUnits: a.overUnits,
      acceptanceRate: quality, onTimeRate, fillRate, suggested: { quality, delivery },
    };
  }).sort((x, y) => (x.suggested.quality ?? 101) - (y.suggested.quality ?? 101) || x.supplier.name.localeCompare(y.supplier.name));
  return {
    period: { from: query.from ?? null, to: query.to ?? null },
    formula: {
      quality: "quality = accepted units ÷ received units × 100",
      delivery: "delivery = (on-time receipts ÷ receipts × 100 + min(received, expected) summed ÷ expected units × 100) ÷ 2",
    },
    items,
    lines: details,
  };
}
