import { and, asc, eq, ne } from "drizzle-orm";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { ValidationError } from "../../server/errors.js";
import { shippingTemplates, type ShippingRules } from "./schema.js";

const provinceCode = /^\d{2}0000$/;

export function checkRules(r: ShippingRules) {
  if (!r.regions.length) throw new ValidationError("TEMPLATE_EMPTY", "Give at least one region with its fees.", { field: "regions" });
  if (!r.regions.some((g) => g.provinces.length === 0)) throw new ValidationError("TEMPLATE_NO_DEFAULT_REGION", "Add a region without provinces: it prices everywhere the others do not name.", { field: "regions" });
  for (const [i, g] of r.regions.entries()) {
    if (g.provinces.some((p) => !provinceCode.test(p))) throw new ValidationError("REGION_INVALID", "Provinces are six-digit codes ending in 0000, such as 330000.", { field: `regions.${i}.provinces` });
    for (const k of ["firstGrams", "firstFen", "extraGrams", "extraFen"] as const) {
      if (!Number.isInteger(g[k]) || g[k] < 0) throw new ValidationError("TEMPLATE_VALUE_INVALID", `${k} must be a whole number, zero or more.`, { field: `regions.${i}.${k}` });
    }
  }
  if (r.freeOverFen !== null && (!Number.isInteger(r.freeOverFen) || r.freeOverFen < 0)) throw new ValidationError("TEMPLATE_VALUE_INVALID", "The free-shipping threshold is a whole number of 分.", { field: "freeOverFen" });
}

// L2: a shop's default template, created or replaced. The merchant portal's template
// screens come with the logistics work; checkout already charges by it.
export async function saveDefaultTemplate(ctx: Ctx, merchantId: string, name: string, rules: ShippingRules) {
  checkRules(rules);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [current] = await tx.select().from(shippingTemplates).where(and(eq(shippingTemplates.merchantId, merchantId), eq(shippingTemplates.isDefault, true))).for("update");
    if (current) {
      const [row] = await tx.update(shippingTemplates).set({ name, rules, updatedAt: now }).where(eq(shippingTemplates.id, current.id)).returning();
      return row!;
    }
    await tx.update(shippingTemplates).set({ isDefault: false }).where(and(eq(shippingTemplates.merchantId, merchantId), ne(shippingTemplates.isDefault, false)));
    const [row] = await tx.insert(shippingTemplates).values({ id: newId(), merchantId, name, isDefault: true, rules, createdAt: now, updatedAt: now }).returning();
    return row!;
  });
}

export async function templatesOf(ctx: Ctx, merchantId: string) {
  return ctx.db.select().from(shippingTemplates).where(eq(shippingTemplates.merchantId, merchantId)).orderBy(asc(shippingTemplates.createdAt));
}
