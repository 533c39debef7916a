import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { RuleViolation } from "../../server/errors.js";
import { shippingTemplates, type ShippingRules } from "./schema.js";

// Used when a shop has not set a template: a flat fee anywhere, free over ¥99.
export const DEFAULT_SHIPPING: ShippingRules = {
  regions: [{ provinces: [], firstGrams: 1000, firstFen: 800, extraGrams: 1000, extraFen: 500 }],
  freeOverFen: 9900,
  excluded: [],
};

// L2/O2: the fee of one parcel of `grams` worth `itemsFen` to a province under a template.
export function feeFor(rules: ShippingRules, provinceCode: string, grams: number, itemsFen: number): number {
  if (rules.excluded.includes(provinceCode)) {
    throw new RuleViolation("SHIPPING_NOT_AVAILABLE", "This shop does not ship to the chosen region. Choose another address or remove its goods.", { provinceCode });
  }
  if (rules.freeOverFen !== null && itemsFen >= rules.freeOverFen) return 0;
  const region = rules.regions.find((r) => r.provinces.includes(provinceCode)) ?? rules.regions.find((r) => r.provinces.length === 0);
  if (!region) throw new RuleViolation("SHIPPING_NOT_AVAILABLE", "This shop does not ship to the chosen region. Choose another address or remove its goods.", { provinceCode });
  const extra = Math.max(0, grams - region.firstGrams);
  return region.firstFen + (extra > 0 && region.extraGrams > 0 ? Math.ceil(extra / region.extraGrams) * region.extraFen : 0);
}

// Each shop's default template, or the platform default.
export async function shippingRulesOf(q: Queryable, merchantIds: string[]): Promise<Map<string, ShippingRules>> {
  const rows = merchantIds.length ? await q.select({ merchantId: shippingTemplates.merchantId, rules: shippingTemplates.rules }).from(shippingTemplates)
    .where(and(inArray(shippingTemplates.merchantId, merchantIds), eq(shippingTemplates.isDefault, true))) : [];
  const found = new Map(rows.map((r) => [r.merchantId, r.rules]));
  return new Map(merchantIds.map((m) => [m, found.get(m) ?? DEFAULT_SHIPPING]));
}
