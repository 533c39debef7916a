import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import { documentKinds } from "../onboarding/rules.js";
import * as terms from "./terms.js";
import * as categories from "./categories.js";

const tags = ["catalog"];
const Bilingual = z.strictObject({ zh: z.string().trim().min(1, "enter the Chinese name").max(60), en: z.string().trim().min(1, "enter the English name").max(60) });
const Attribute = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lower-case letters, digits and _"),
  name: Bilingual,
  type: z.enum(["text", "number", "enum", "date"]),
  unit: z.string().trim().max(10).optional(),
  options: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  required: z.boolean(),
});
const CategoryFields = {
  name: Bilingual,
  sort: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional(),
  attributes: z.array(Attribute).max(40).optional(),
  requiredPermits: z.array(z.enum(documentKinds)).max(10).optional(),
  returnEligible: z.boolean().nullable().optional(),
  commissionBps: z.number().int().min(0).max(10_000).nullable().optional(),
  requiresProductionDate: z.boolean().nullable().optional(),
  requiresShelfLife: z.boolean().nullable().optional(),
};

export default async function catalogRoutes(app: App) {
  app.get("/admin/screening-terms", { config: { permission: "product.review" }, schema: { tags, summary: "The banned and absolute terms listings are screened against (P3)" } },
    (req) => terms.listTerms(req.ctx));
  app.post("/admin/screening-terms", {
    config: { permission: "catalog.manage" },
    schema: {
      tags, summary: "Add a term to the screening list",
      body: z.strictObject({ term: z.string().trim().min(1).max(40), category: z.enum(["absolute", "medical", "prohibited"]), severity: z.enum(["block", "warn"]), note: z.string().trim().max(200).optional() }),
    },
  }, async (req, reply) => reply.code(201).send(await terms.addTerm(req.ctx, req.body)));
  app.delete("/admin/screening-terms/:id", { config: { permission: "catalog.manage" }, schema: { tags, summary: "Remove a term", params: IdParams } },
    (req) => terms.removeTerm(req.ctx, req.params.id));
  app.post("/admin/screening-terms/try", {
    config: { permission: "product.review" },
    schema: { tags, summary: "Screen a text against the current list", body: z.strictObject({ text: z.string().max(20_000) }) },
  }, (req) => terms.tryScreening(req.ctx, req.body.text));

  app.get("/categories", { config: { permission: "public" }, schema: { tags, summary: "The active category tree with what each asks of products (P1)" } },
    (req) => categories.categoryTree(req.ctx, { activeOnly: true }));
  app.get("/categories/:id", { config: { permission: "public" }, schema: { tags, summary: "One category with inherited attributes, permits, return eligibility, commission", params: IdParams } },
    (req) => categories.getCategory(req.ctx, req.params.id));
  app.get("/admin/categories", { config: { permission: "product.review" }, schema: { tags, summary: "The whole category tree, inactive categories too" } },
    (req) => categories.categoryTree(req.ctx, { activeOnly: false }));
  app.post("/admin/categories", {
    config: { permission: "catalog.manage" },
    schema: { tags, summary: "Add a category", body: z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, "lower-case letters, digits and -"), parentId: z.uuid().nullable().optional(), ...CategoryFields }) },
  }, async (req, reply) => reply.code(201).send(await categories.createCategory(req.ctx, req.body)));
  app.patch("/admin/categories/:id", {
    config: { permission: "catalog.manage" },
    schema: { tags, summary: "Change a category (name, order, attributes, permits, return eligibility, commission)", params: IdParams, body: z.strictObject({ ...CategoryFields, name: Bilingual.optional() }) },
  }, (req) => categories.updateCategory(req.ctx, req.params.id, req.body));
}
