import { asc, eq } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { businessCategories } from "../onboarding/rules.js";
import { categories, type AttributeDef, type Bilingual } from "./schema.js";

type Row = typeof categories.$inferSelect;
const inherited = ["returnEligible", "commissionBps", "requiresProductionDate", "requiresShelfLife"] as const;

export interface CategoryInput {
  key: string;
  parentId?: string | null;
  name: Bilingual;
  sort?: number;
  active?: boolean;
  attributes?: AttributeDef[];
  requiredPermits?: string[];
  returnEligible?: boolean | null;
  commissionBps?: number | null;
  requiresProductionDate?: boolean | null;
  requiresShelfLife?: boolean | null;
}

// What a category means for its products once inheritance is applied.
export interface EffectiveCategory {
  id: string; key: string; parentId: string | null; name: Bilingual; sort: number; active: boolean;
  path: { id: string; key: string; name: Bilingual }[];
  businessCategory: string;
  own: Pick<Row, "attributes" | "requiredPermits" | (typeof inherited)[number]>;
  attributes: (AttributeDef & { from: string })[];
  requiredPermits: string[];
  returnEligible: boolean; commissionBps: number; requiresProductionDate: boolean; requiresShelfLife: boolean;
}

function effective(rows: Row[]): Map<string, EffectiveCategory> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, EffectiveCategory>();
  const resolve = (r: Row): EffectiveCategory => {
    const done = out.get(r.id);
    if (done) return done;
    const parent = r.parentId ? resolve(byId.get(r.parentId)!) : null;
    const pick = <K extends (typeof inherited)[number]>(k: K) => (r[k] ?? parent?.[k]) as NonNullable<Row[K]>;
    const e: EffectiveCategory = {
      id: r.id, key: r.key, parentId: r.parentId, name: r.name, sort: r.sort, active: r.active && (parent?.active ?? true),
      path: [...(parent?.path ?? []), { id: r.id, key: r.key, name: r.name }],
      businessCategory: parent?.businessCategory ?? r.key,
      own: { attributes: r.attributes, requiredPermits: r.requiredPermits, returnEligible: r.returnEligible, commissionBps: r.commissionBps, requiresProductionDate: r.requiresProductionDate, requiresShelfLife: r.requiresShelfLife },
      attributes: [...(parent?.attributes ?? []), ...r.attributes.map((a) => ({ ...a, from: r.key }))],
      requiredPermits: [...new Set([...(parent?.requiredPermits ?? []), ...r.requiredPermits])].sort(),
      returnEligible: pick("returnEligible"), commissionBps: pick("commissionBps"),
      requiresProductionDate: pick("requiresProductionDate"), requiresShelfLife: pick("requiresShelfLife"),
    };
    out.set(r.id, e);
    return e;
  };
  rows.forEach(resolve);
  return out;
}

async function allCategories(q: Queryable) {
  return q.select().from(categories).orderBy(asc(categories.sort), asc(categories.key));
}

// The tree is small and every storefront page reads it, so the database handle keeps it a
// few seconds; this process drops it when it changes a category, other processes see the
// change within that time. A transaction always reads afresh (it may have just written).
const CACHE_MS = 5_000;
const cache = new WeakMap<Queryable, { map: Map<string, EffectiveCategory>; loadedAt: number }>();
async function effectiveAll(q: Queryable) {
  if (q instanceof PgTransaction) return effective(await allCategories(q));
  const hit = cache.get(q);
  if (hit && Date.now() - hit.loadedAt < CACHE_MS) return hit.map;
  const map = effective(await allCategories(q));
  cache.set(q, { map, loadedAt: Date.now() });
  return map;
}

// An active category and the active ones below it, or null when it is not on the storefront.
export async function activeSubtree(ctx: Ctx, id: string): Promise<string[] | null> {
  const all = await effectiveAll(ctx.db);
  if (!all.get(id)?.active) return null;
  return [...all.values()].filter((c) => c.active && c.path.some((p) => p.id === id)).map((c) => c.id);
}

type Node = Omit<EffectiveCategory, "own"> & { own?: EffectiveCategory["own"]; children: Node[] };

// The tree, each node with its effective values; the storefront asks for active ones only.
export async function categoryTree(ctx: Ctx, opts: { activeOnly: boolean }) {
  const nodes = [...(await effectiveAll(ctx.db)).values()].filter((c) => !opts.activeOnly || c.active).sort((a, b) => a.sort - b.sort || a.key.localeCompare(b.key));
  // The console edits a category's own settings (null = inherited); the storefront needs only the effective ones.
  const children = (parentId: string | null): Node[] =>
    nodes.filter((c) => c.parentId === parentId).map(({ own, ...c }) => ({ ...c, ...(opts.activeOnly ? {} : { own }), children: children(c.id) }));
  return { items: children(null) };
}

export async function effectiveCategory(q: Queryable, id: string): Promise<EffectiveCategory> {
  const e = (await effectiveAll(q)).get(id);
  if (!e) throw new NotFound("Category", "CATEGORY_NOT_FOUND");
  return e;
}

export const getCategory = (ctx: Ctx, id: string) => effectiveCategory(ctx.db, id);

function checkAttributes(own: AttributeDef[], ancestors: { key: string }[]) {
  const keys = new Set(ancestors.map((a) => a.key));
  for (const a of own) {
    if (keys.has(a.key)) throw new ValidationError("ATTRIBUTE_KEY_TAKEN", `The attribute key "${a.key}" is already used by this category or one above it.`, { field: "attributes", key: a.key });
    keys.add(a.key);
    if (a.type === "enum" && !a.options?.length) throw new ValidationError("ATTRIBUTE_OPTIONS_REQUIRED", `Give the choices of the attribute "${a.key}".`, { field: "attributes", key: a.key });
  }
}

// Roots are the business categories merchants are approved for, and set every inherited value.
function checkRoot(input: Pick<CategoryInput, "key" | (typeof inherited)[number]>) {
  if (!(businessCategories as readonly string[]).includes(input.key)) {
    throw new ValidationError("ROOT_CATEGORY_UNKNOWN", `A top-level category is a business category merchants apply for: ${businessCategories.join(", ")}.`, { field: "key" });
  }
  const missing = inherited.filter((k) => input[k] === null || input[k] === undefined);
  if (missing.length) throw new ValidationError("ROOT_CATEGORY_INCOMPLETE", `A top-level category sets ${missing.join(", ")}; its children inherit them.`, { fields: missing });
}

async function changed<T>(ctx: Ctx, write: (tx: Tx) => Promise<T>) {
  const result = await ctx.db.transaction(write);
  cache.delete(ctx.db);
  return result;
}

export async function createCategory(ctx: Ctx, input: CategoryInput) {
  return changed(ctx, async (tx) => {
    const parent = input.parentId ? await effectiveCategory(tx, input.parentId) : null;
    if (!parent) checkRoot(input);
    checkAttributes(input.attributes ?? [], parent?.attributes ?? []);
    const now = ctx.clock.now();
    const [row] = await tx.insert(categories).values({
      id: newId(), key: input.key, parentId: parent?.id ?? null, name: input.name, sort: input.sort ?? 0, active: input.active ?? true,
      attributes: input.attributes ?? [], requiredPermits: input.requiredPermits ?? [], returnEligible: input.returnEligible ?? null, commissionBps: input.commissionBps ?? null,
      requiresProductionDate: input.requiresProductionDate ?? null, requiresShelfLife: input.requiresShelfLife ?? null, createdAt: now, updatedAt: now,
    }).onConflictDoNothing({ target: categories.key }).returning();
    if (!row) throw new Conflict("CATEGORY_KEY_TAKEN", `The key "${input.key}" is already used by another category.`);
    await recordAudit(tx, ctx, { action: "category.create", entityType: "category", entityId: row.id, summary: { ...input } });
    return effectiveCategory(tx, row.id);
  });
}

export async function updateCategory(ctx: Ctx, id: string, patch: Partial<Omit<CategoryInput, "key" | "parentId">>) {
  return changed(ctx, async (tx) => {
    const [before] = await tx.select().from(categories).where(eq(categories.id, id)).for("update");
    if (!before) throw new NotFound("Category", "CATEGORY_NOT_FOUND");
    if (!before.parentId) checkRoot({ ...before, ...patch, key: before.key });
    if (patch.attributes) {
      const parent = before.parentId ? await effectiveCategory(tx, before.parentId) : null;
      checkAttributes(patch.attributes, parent?.attributes ?? []);
      // A key added here must not clash with what the children already define.
      const all = await effectiveAll(tx);
      for (const c of all.values()) {
        if (c.path.some((p) => p.id === id) && c.id !== id) checkAttributes(c.own.attributes, patch.attributes);
      }
    }
    await tx.update(categories).set({ ...patch, updatedAt: ctx.clock.now() }).where(eq(categories.id, id));
    await recordAudit(tx, ctx, { action: "category.update", entityType: "category", entityId: id, summary: { before: { ...before }, patch: { ...patch } } });
    return effectiveCategory(tx, id);
  });
}

// P2/P3: the attribute values a product gives, against what its category asks.
export function attributeProblems(defs: AttributeDef[], values: Record<string, unknown>): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  for (const d of defs) {
    const v = values[d.key];
    const field = `attributes.${d.key}`;
    if (v === undefined || v === null || v === "") {
      if (d.required) problems.push({ field, reason: `Enter the ${d.name.en.toLowerCase()} (${d.name.zh}).` });
      continue;
    }
    if (d.type === "number" && (typeof v !== "number" || !Number.isFinite(v))) problems.push({ field, reason: `${d.name.en} is a number${d.unit ? ` in ${d.unit}` : ""}.` });
    if (d.type === "text" && typeof v !== "string") problems.push({ field, reason: `${d.name.en} is text.` });
    if (d.type === "enum" && !d.options!.includes(String(v))) problems.push({ field, reason: `${d.name.en} is one of: ${d.options!.join(", ")}.` });
    if (d.type === "date" && (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))) problems.push({ field, reason: `${d.name.en} is a date (YYYY-MM-DD).` });
  }
  for (const k of Object.keys(values)) if (!defs.some((d) => d.key === k)) problems.push({ field: `attributes.${k}`, reason: `This category has no attribute "${k}".` });
  return problems;
}
