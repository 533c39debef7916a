import { and, asc, eq, ne } from "drizzle-orm";
import type { Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { AppError, Conflict, Forbidden, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { provinces } from "../addresses/regions.js";
import { DEFAULT_SHIPPING, feeFor } from "./fees.js";
import { shippingTemplates, type ShippingRules } from "./schema.js";

type TemplateRow = typeof shippingTemplates.$inferSelect;
export const MAX_TEMPLATES = 20;
const MAX_FEN = 100_000_000;
const MAX_GRAMS = 1_000_000;

// ---- Provinces --------------------------------------------------------------------------

// The mainland provinces of the address book, plus Taiwan, Hong Kong and Macau: addresses
// cannot be there, but agreements and shipping templates name them (港澳台不发货).
export const OUTSIDE_MAINLAND = [["710000", "台湾省"], ["810000", "香港特别行政区"], ["820000", "澳门特别行政区"]] as const;
let known: Map<string, string> | undefined;
export const provinceNames = () => (known ??= new Map([...provinces().map((p) => [p.code, p.name] as const), ...OUTSIDE_MAINLAND]));

// The first code of a list that is not a known province, for a message naming it.
export function unknownProvince(codes: string[]) {
  return codes.find((c) => typeof c !== "string" || !/^\d{2}0000$/.test(c) || !provinceNames().has(c)) ?? null;
}

// L2: a template must price every destination it does not exclude, and say each province once.
export function checkRules(r: ShippingRules) {
  if (!r.regions.length) throw new ValidationError("TEMPLATE_EMPTY", "Give at least one region with its fees.", { field: "regions" });
  if (!r.regions.some((g) => g.provinces.length === 0)) throw new ValidationError("TEMPLATE_NO_DEFAULT_REGION", "Add a region without provinces: it prices everywhere the others do not name.", { field: "regions" });
  if (r.regions.filter((g) => g.provinces.length === 0).length > 1) throw new ValidationError("TEMPLATE_TWO_DEFAULT_REGIONS", "Only one region may be left without provinces; it prices everywhere else.", { field: "regions" });
  const seen = new Set<string>();
  for (const [i, g] of r.regions.entries()) {
    const bad = unknownProvince(g.provinces);
    if (bad !== null) throw new ValidationError("REGION_INVALID", `“${bad}” is not a province; provinces are six-digit codes ending in 0000, such as 330000.`, { field: `regions.${i}.provinces`, province: bad });
    for (const p of g.provinces) {
      if (seen.has(p)) throw new ValidationError("TEMPLATE_PROVINCE_TWICE", `${provinceNames().get(p)} is in two regions; keep it in one.`, { field: `regions.${i}.provinces`, province: p });
      seen.add(p);
    }
    for (const k of ["firstGrams", "firstFen", "extraGrams", "extraFen"] as const) {
      if (!Number.isInteger(g[k]) || g[k] < 0 || g[k] > (k.endsWith("Fen") ? MAX_FEN : MAX_GRAMS)) throw new ValidationError("TEMPLATE_VALUE_INVALID", `${k} must be a whole number, zero or more.`, { field: `regions.${i}.${k}` });
    }
  }
  const badExcluded = unknownProvince(r.excluded);
  if (badExcluded !== null) throw new ValidationError("REGION_INVALID", `“${badExcluded}” is not a province; provinces are six-digit codes ending in 0000, such as 330000.`, { field: "excluded", province: badExcluded });
  const both = r.excluded.find((p) => seen.has(p));
  if (both) throw new ValidationError("TEMPLATE_EXCLUDED_PRICED", `${provinceNames().get(both)} is both priced in a region and excluded; remove it from one of them.`, { field: "excluded", province: both });
  if (r.freeOverFen !== null && (!Number.isInteger(r.freeOverFen) || r.freeOverFen < 0 || r.freeOverFen > MAX_FEN)) throw new ValidationError("TEMPLATE_VALUE_INVALID", "The free-shipping threshold is a whole number of 分.", { field: "freeOverFen" });
}

const normalise = (r: ShippingRules): ShippingRules => ({
  regions: r.regions.map((g) => ({ provinces: [...new Set(g.provinces)].sort(), firstGrams: g.firstGrams, firstFen: g.firstFen, extraGrams: g.extraGrams, extraFen: g.extraFen })),
  freeOverFen: r.freeOverFen,
  excluded: [...new Set(r.excluded)].sort(),
});

const view = (t: TemplateRow) => ({ id: t.id, name: t.name, isDefault: t.isDefault, rules: t.rules, createdAt: t.createdAt, updatedAt: t.updatedAt });

function shopOf(ctx: Ctx) {
  if (!ctx.actor.merchantId) throw new Forbidden("MERCHANT_ONLY", "Shipping templates belong to a shop; sign in with a merchant account.");
  return ctx.actor.merchantId;
}

function checkName(name: string) {
  const n = name.trim();
  if (!n || n.length > 60) throw new ValidationError("TEMPLATE_NAME_INVALID", "Name the template in 1 to 60 characters.", { field: "name" });
  return n;
}

async function lockShop(tx: Tx, merchantId: string) {
  return tx.select().from(shippingTemplates).where(eq(shippingTemplates.merchantId, merchantId)).orderBy(asc(shippingTemplates.createdAt)).for("update");
}

function own(rows: TemplateRow[], id: string) {
  const t = rows.find((r) => r.id === id);
  if (!t) throw new NotFound("Shipping template", "TEMPLATE_NOT_FOUND");
  return t;
}

const nameTaken = (rows: TemplateRow[], name: string, except?: string) => {
  if (rows.some((r) => r.id !== except && r.name === name)) throw new Conflict("TEMPLATE_NAME_TAKEN", `The shop already has a template named “${name}”.`, { field: "name" });
};

// L2: a shop's default template, created or replaced (demo data and tests).
export async function saveDefaultTemplate(ctx: Ctx, merchantId: string, name: string, rules: ShippingRules) {
  checkRules(rules);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [current] = await tx.select().from(shippingTemplates).where(and(eq(shippingTemplates.merchantId, merchantId), eq(shippingTemplates.isDefault, true))).for("update");
    if (current) {
      const [row] = await tx.update(shippingTemplates).set({ name, rules: normalise(rules), updatedAt: now }).where(eq(shippingTemplates.id, current.id)).returning();
      return row!;
    }
    await tx.update(shippingTemplates).set({ isDefault: false }).where(and(eq(shippingTemplates.merchantId, merchantId), ne(shippingTemplates.isDefault, false)));
    const [row] = await tx.insert(shippingTemplates).values({ id: newId(), merchantId, name, isDefault: true, rules: normalise(rules), createdAt: now, updatedAt: now }).returning();
    return row!;
  });
}

export async function templatesOf(ctx: Ctx, merchantId: string) {
  return ctx.db.select().from(shippingTemplates).where(eq(shippingTemplates.merchantId, merchantId)).orderBy(asc(shippingTemplates.createdAt));
}

// L2: the shop's templates, the default first. Until it has one, checkout charges the
// platform's default (returned too, so the shop sees what its buyers pay).
export async function listTemplates(ctx: Ctx) {
  const rows = await templatesOf(ctx, shopOf(ctx));
  rows.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  return { items: rows.map(view), platformDefault: DEFAULT_SHIPPING, limit: MAX_TEMPLATES };
}

// A shop's first template becomes its default at once: that is what the shop means by
// setting up shipping, and checkout would otherwise keep charging the platform's fees.
export async function createTemplate(ctx: Ctx, input: { name: string; rules: ShippingRules; isDefault?: boolean }) {
  const merchantId = shopOf(ctx);
  const name = checkName(input.name);
  checkRules(input.rules);
  return ctx.db.transaction(async (tx) => {
    const rows = await lockShop(tx, merchantId);
    if (rows.length >= MAX_TEMPLATES) throw new RuleViolation("TEMPLATE_LIMIT", `A shop keeps at most ${MAX_TEMPLATES} shipping templates; delete one it no longer uses.`);
    nameTaken(rows, name);
    const isDefault = input.isDefault === true || rows.length === 0;
    if (isDefault) await tx.update(shippingTemplates).set({ isDefault: false }).where(and(eq(shippingTemplates.merchantId, merchantId), eq(shippingTemplates.isDefault, true)));
    const now = ctx.clock.now();
    const [row] = await tx.insert(shippingTemplates).values({ id: newId(), merchantId, name, isDefault, rules: normalise(input.rules), createdAt: now, updatedAt: now }).returning();
    await recordAudit(tx, ctx, { action: "shipping_template.create", entityType: "shipping_template", entityId: row!.id, summary: { name, isDefault } });
    return view(row!);
  });
}

export async function updateTemplate(ctx: Ctx, id: string, patch: { name?: string; rules?: ShippingRules }) {
  const merchantId = shopOf(ctx);
  const name = patch.name === undefined ? undefined : checkName(patch.name);
  if (patch.rules) checkRules(patch.rules);
  return ctx.db.transaction(async (tx) => {
    const rows = await lockShop(tx, merchantId);
    const t = own(rows, id);
    if (name !== undefined) nameTaken(rows, name, id);
    const [row] = await tx.update(shippingTemplates).set({ ...(name !== undefined ? { name } : {}), ...(patch.rules ? { rules: normalise(patch.rules) } : {}), updatedAt: ctx.clock.now() })
      .where(eq(shippingTemplates.id, t.id)).returning();
    await recordAudit(tx, ctx, { action: "shipping_template.update", entityType: "shipping_template", entityId: id, summary: { name: row!.name, isDefault: row!.isDefault, rulesChanged: !!patch.rules } });
    return view(row!);
  });
}

// L2: the template checkout charges by from now on.
export async function setDefaultTemplate(ctx: Ctx, id: string) {
  const merchantId = shopOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const rows = await lockShop(tx, merchantId);
    const t = own(rows, id);
    if (t.isDefault) return view(t);
    const now = ctx.clock.now();
    // One default per shop (unique index): the old one steps down before the new one rises.
    await tx.update(shippingTemplates).set({ isDefault: false, updatedAt: now }).where(and(eq(shippingTemplates.merchantId, merchantId), eq(shippingTemplates.isDefault, true)));
    const [row] = await tx.update(shippingTemplates).set({ isDefault: true, updatedAt: now }).where(eq(shippingTemplates.id, id)).returning();
    await recordAudit(tx, ctx, { action: "shipping_template.default", entityType: "shipping_template", entityId: id, summary: { name: row!.name, previous: rows.find((r) => r.isDefault)?.name ?? null } });
    return view(row!);
  });
}

// L2: a template deleted. The default cannot go while it is the shop's only template (the
// shop would fall back to the platform's fees unnoticed); with others, the oldest of them
// becomes the default, and the answer says which.
export async function deleteTemplate(ctx: Ctx, id: string) {
  const merchantId = shopOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const rows = await lockShop(tx, merchantId);
    const t = own(rows, id);
    const others = rows.filter((r) => r.id !== id);
    if (t.isDefault && !others.length) throw new RuleViolation("TEMPLATE_ONLY_DEFAULT", `“${t.name}” is the shop's only template and checkout charges by it; create another template before deleting this one.`);
    await tx.delete(shippingTemplates).where(eq(shippingTemplates.id, id));
    let newDefault: TemplateRow | null = null;
    if (t.isDefault) [newDefault] = await tx.update(shippingTemplates).set({ isDefault: true, updatedAt: ctx.clock.now() }).where(eq(shippingTemplates.id, others[0]!.id)).returning() as [TemplateRow];
    await recordAudit(tx, ctx, { action: "shipping_template.delete", entityType: "shipping_template", entityId: id, summary: { name: t.name, newDefault: newDefault?.name ?? null } });
    return { deleted: id, newDefault: newDefault ? view(newDefault) : null };
  });
}

// L2: what a buyer would pay for shipping: under a saved template (the default when none is
// named), or under rules being edited, before they are saved.
export async function quoteShipping(ctx: Ctx, input: { templateId?: string | null; rules?: ShippingRules | null; provinceCode: string; weightGrams: number; itemsFen: number }) {
  const merchantId = shopOf(ctx);
  if (unknownProvince([input.provinceCode]) !== null) throw new ValidationError("REGION_INVALID", "Choose a province.", { field: "provinceCode" });
  if (!Number.isInteger(input.weightGrams) || input.weightGrams < 1 || input.weightGrams > MAX_GRAMS) throw new ValidationError("QUOTE_WEIGHT_INVALID", "Give the parcel's weight in whole grams, from 1 g to 1000 kg.", { field: "weightGrams" });
  if (!Number.isInteger(input.itemsFen) || input.itemsFen < 0 || input.itemsFen > MAX_FEN) throw new ValidationError("QUOTE_AMOUNT_INVALID", "Give the goods' amount in whole 分, zero or more.", { field: "itemsFen" });
  let rules: ShippingRules;
  let template: TemplateRow | null = null;
  if (input.rules) {
    checkRules(input.rules);
    rules = input.rules;
  } else {
    const rows = await templatesOf(ctx, merchantId);
    template = input.templateId ? own(rows, input.templateId) : rows.find((r) => r.isDefault) ?? null;
    rules = template?.rules ?? DEFAULT_SHIPPING;
  }
  const region = rules.regions.findIndex((r) => r.provinces.includes(input.provinceCode));
  const regionIndex = region >= 0 ? region : rules.regions.findIndex((r) => r.provinces.length === 0);
  const base = { templateId: template?.id ?? null, templateName: template?.name ?? null, provinceCode: input.provinceCode, weightGrams: input.weightGrams, itemsFen: input.itemsFen };
  try {
    const shippingFen = feeFor(rules, input.provinceCode, input.weightGrams, input.itemsFen);
    const free = rules.freeOverFen !== null && input.itemsFen >= rules.freeOverFen;
    return { ...base, available: true, shippingFen, free, regionIndex, totalFen: input.itemsFen + shippingFen };
  } catch (e) {
    if (e instanceof AppError && e.code === "SHIPPING_NOT_AVAILABLE") return { ...base, available: false, shippingFen: null, free: false, regionIndex: null, totalFen: null };
    throw e;
  }
}
