import { and, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { creditCodeProblem } from "../onboarding/rules.js";
import { getRule } from "../settings/index.js";
import { supplierEvaluations, suppliers } from "./schema.js";

type SupplierRow = typeof suppliers.$inferSelect;
export interface SupplierInput {
  name: string; creditCode: string; contactName: string; contactPhone: string; address?: string | null;
  qualifications?: { kind: string; number: string; validUntil: string | null }[]; active?: boolean;
}
export interface Scores { quality: number; price: number; delivery: number; service: number }

// Merchants see their own suppliers; platform staff those of the platform's own shop.
const ownerOf = (ctx: Ctx) => ctx.actor.merchantId;
const ownedBy = (ctx: Ctx): SQL => (ownerOf(ctx) ? eq(suppliers.merchantId, ownerOf(ctx)!) : isNull(suppliers.merchantId));

async function own(q: Queryable, ctx: Ctx, id: string) {
  const [s] = await q.select().from(suppliers).where(and(eq(suppliers.id, id), ownedBy(ctx)));
  if (!s) throw new NotFound("Supplier", "SUPPLIER_NOT_FOUND");
  return s;
}

const view = (s: SupplierRow, latest?: typeof supplierEvaluations.$inferSelect | null) => ({
  id: s.id, name: s.name, creditCode: s.creditCode, contactName: s.contactName, contactPhone: s.contactPhone, address: s.address,
  qualifications: s.qualifications, active: s.active, createdAt: s.createdAt, updatedAt: s.updatedAt,
  latest: latest ? { period: latest.period, score: latest.scoreTenths / 10, evaluatedAt: latest.evaluatedAt } : null,
});

function checkInput(input: SupplierInput) {
  const problem = creditCodeProblem(input.creditCode);
  if (problem) throw new ValidationError("CREDIT_CODE_INVALID", problem, { field: "creditCode" });
}

export async function createSupplier(ctx: Ctx, input: SupplierInput) {
  checkInput(input);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx.insert(suppliers).values({ id: newId(), merchantId: ownerOf(ctx), ...input, creditCode: input.creditCode.toUpperCase(), createdAt: now, updatedAt: now })
      .onConflictDoNothing().returning();
    if (!row) throw new Conflict("SUPPLIER_EXISTS", "A supplier with this credit code is already on your list.");
    await recordAudit(tx, ctx, { action: "supplier.create", entityType: "supplier", entityId: row.id, summary: { name: row.name } });
    return view(row);
  });
}

export async function updateSupplier(ctx: Ctx, id: string, input: SupplierInput) {
  checkInput(input);
  return ctx.db.transaction(async (tx) => {
    await own(tx, ctx, id);
    const [row] = await tx.update(suppliers).set({ ...input, creditCode: input.creditCode.toUpperCase(), updatedAt: ctx.clock.now() }).where(eq(suppliers.id, id)).returning();
    await recordAudit(tx, ctx, { action: "supplier.update", entityType: "supplier", entityId: id, summary: { name: row!.name } });
    return view(row!);
  });
}

// The ranking: every supplier with its latest scorecard, best first; unevaluated last.
export async function listSuppliers(ctx: Ctx) {
  const rows = await ctx.db.select().from(suppliers).where(ownedBy(ctx));
  const evals = rows.length ? await ctx.db.select().from(supplierEvaluations).where(inArray(supplierEvaluations.supplierId, rows.map((r) => r.id)))
    .orderBy(desc(supplierEvaluations.period), desc(supplierEvaluations.evaluatedAt)) : [];
  const items = rows.map((s) => view(s, evals.find((e) => e.supplierId === s.id)));
  items.sort((a, b) => (b.latest?.score ?? -1) - (a.latest?.score ?? -1) || a.name.localeCompare(b.name));
  return { items: items.map((s, i) => ({ ...s, rank: s.latest ? i + 1 : null })) };
}

export async function supplierHistory(ctx: Ctx, id: string) {
  const s = await own(ctx.db, ctx, id);
  const evals = await ctx.db.select().from(supplierEvaluations).where(eq(supplierEvaluations.supplierId, id)).orderBy(desc(supplierEvaluations.period));
  return {
    ...view(s, evals[0]),
    evaluations: evals.map((e) => ({ id: e.id, period: e.period, quality: e.quality, price: e.price, delivery: e.delivery, service: e.service, weights: e.weights, score: e.scoreTenths / 10, note: e.note, evaluatedBy: e.evaluatedByLabel, evaluatedAt: e.evaluatedAt })),
  };
}

// The weights are platform rules (percent); the score is their weighted mean, half up to 0.1.
export async function evaluateSupplier(ctx: Ctx, id: string, input: Scores & { period: string; note?: string }) {
  return ctx.db.transaction(async (tx) => {
    await own(tx, ctx, id);
    const weights = {
      quality: await getRule(ctx, "supplier.weightQuality", tx), price: await getRule(ctx, "supplier.weightPrice", tx),
      delivery: await getRule(ctx, "supplier.weightDelivery", tx), service: await getRule(ctx, "supplier.weightService", tx),
    };
    const total = weights.quality + weights.price + weights.delivery + weights.service;
    const weighted = input.quality * weights.quality + input.price * weights.price + input.delivery * weights.delivery + input.service * weights.service;
    const scoreTenths = Math.floor((weighted * 10 * 2 + total) / (2 * total));
    const [row] = await tx.insert(supplierEvaluations).values({
      id: newId(), supplierId: id, period: input.period, quality: input.quality, price: input.price, delivery: input.delivery, service: input.service,
      weights, scoreTenths, note: input.note?.trim() || null, evaluatedByLabel: ctx.actor.label, evaluatedAt: ctx.clock.now(),
    }).onConflictDoNothing().returning();
    if (!row) throw new Conflict("EVALUATION_EXISTS", `This supplier already has a scorecard for ${input.period}.`);
    await recordAudit(tx, ctx, { action: "supplier.evaluate", entityType: "supplier", entityId: id, summary: { period: input.period, score: scoreTenths / 10 } });
    return { period: row.period, score: row.scoreTenths / 10, weights };
  });
}

// For product links (P7): a product may only name a supplier of its own shop.
export async function assertOwnSupplier(q: Queryable, merchantId: string, supplierId: string | null) {
  if (!supplierId) return;
  const [s] = await q.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.id, supplierId), eq(suppliers.merchantId, merchantId)));
  if (!s) throw new ValidationError("SUPPLIER_NOT_FOUND", "Choose one of your shop's suppliers.", { field: "supplierId" });
}
