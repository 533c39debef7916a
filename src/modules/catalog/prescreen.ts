import { shanghaiDay } from "../../lib/clock.js";
import type { Queryable } from "../../lib/db-types.js";
import type { Services } from "../../server/context.js";
import { standingOf } from "../penalties/index.js";
import { getRule } from "../settings/index.js";
import { merchantCredentials } from "../qualifications/index.js";
import { attributeProblems, effectiveCategory } from "./categories.js";
import { screeningTerms, type ProductContent, type ScreeningFinding } from "./schema.js";
import { screenText } from "./screening.js";

// P3: the automatic checks a listing passes before a person looks at it. Blocking
// findings stop the submission; warnings travel with it to the reviewer.
export async function prescreen(s: Services, q: Queryable, merchantId: string, c: ProductContent): Promise<ScreeningFinding[]> {
  const now = s.clock.now();
  const findings: ScreeningFinding[] = [];
  const block = (code: string, field: string, message: string) => findings.push({ code, severity: "block", field, message });

  const terms = await q.select().from(screeningTerms);
  const texts: Record<string, string | null> = { title: c.title, description: c.description, material: c.material, functions: c.functions, usage: c.usage, afterSales: c.afterSales };
  for (const [k, v] of Object.entries(c.attributes)) if (typeof v === "string") texts[`attributes.${k}`] = v;
  for (const f of screenText(texts, terms)) {
    findings.push({
      code: `TERM_${f.category.toUpperCase()}`, severity: f.severity, field: f.field, term: f.term, category: f.category,
      message: `"${f.term}" (${f.category === "absolute" ? "absolute advertising term, Advertising Law art. 9" : f.category === "medical" ? "medical claim" : "prohibited goods"}) in "${f.excerpt}".`,
    });
  }

  const category = await effectiveCategory(q, c.categoryId);
  if (!category.active) block("CATEGORY_INACTIVE", "categoryId", "This category is closed for new listings; choose another.");
  for (const p of attributeProblems(category.attributes, c.attributes)) block("ATTRIBUTE_INVALID", p.field, p.reason);
  if (category.requiresProductionDate && !c.productionDate) block("PRODUCTION_DATE_REQUIRED", "productionDate", `Products in ${category.name.en} state their production date.`);
  if (category.requiresShelfLife && !c.shelfLifeDays) block("SHELF_LIFE_REQUIRED", "shelfLifeDays", `Products in ${category.name.en} state their shelf life.`);
  if (c.productionDate && c.productionDate > shanghaiDay(now)) block("PRODUCTION_DATE_FUTURE", "productionDate", "The production date is in the future.");

  const minImages = await getRule(s, "product.minImages", q);
  if (c.images.length < minImages) findings.push({ code: "IMAGES_TOO_FEW", severity: "block", field: "images", min: minImages, message: `Show the product in at least ${minImages} picture${minImages > 1 ? "s" : ""}.` });

  const creds = await merchantCredentials(q, merchantId, now);
  if (!creds.businessCategories.includes(category.businessCategory)) {
    block("CATEGORY_NOT_APPROVED", "categoryId", `Your shop is not approved for the business category "${category.businessCategory}"; apply for it first.`);
  }
  for (const permit of category.requiredPermits.filter((k) => !creds.permits.includes(k))) {
    findings.push({ code: "PERMIT_MISSING", severity: "block", field: "categoryId", permit, message: `Listing in ${category.name.en} needs a valid ${permit.replace(/_/g, " ")} in your qualification file.` });
  }
  const standing = await standingOf(q, merchantId, now);
  if (!standing.canList) block("MERCHANT_CANNOT_LIST", "merchant", "Your shop may not list products at the moment; see its standing.");
  return findings;
}
