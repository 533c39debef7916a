import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams, PageQuery } from "../../lib/schemas.js";
import { documentKinds } from "../onboarding/rules.js";
import * as terms from "./terms.js";
import * as categories from "./categories.js";
import * as products from "./products.js";
import { ProductContent } from "./content.js";
import * as images from "./images.js";
import * as storefront from "./storefront.js";
import { fromShelf } from "./shelf-cache.js";
import * as bulk from "./import.js";
import { readUpload } from "../../server/uploads.js";
import { ValidationError } from "../../server/errors.js";
import { productMachine } from "./machine.js";

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
const productStatuses = Object.keys(productMachine.table) as [keyof typeof productMachine.table, ...(keyof typeof productMachine.table)[]];

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
    (req, reply) => fromShelf(req.ctx, reply, "categories", () => categories.categoryTree(req.ctx, { activeOnly: true })));
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

  const own = { permission: "product.manage.own" } as const;
  app.get("/merchant/products", { config: own, schema: { tags, summary: "My shop's products", querystring: z.strictObject({ status: z.enum(productStatuses).optional(), ...PageQuery, cursor: z.uuid().optional() }) } },
    (req) => products.myProducts(req.ctx, req.query));
  app.post("/merchant/products", { config: own, schema: { tags, summary: "Create a product (draft)", body: ProductContent } },
    async (req, reply) => reply.code(201).send(await products.createProduct(req.ctx, req.body)));
  app.get("/merchant/products/:id", { config: own, schema: { tags, summary: "One of my products with its live and working versions", params: IdParams } },
    (req) => products.myProduct(req.ctx, req.params.id));
  app.put("/merchant/products/:id", { config: own, schema: { tags, summary: "Save changes (to the working version; what is on sale stays)", params: IdParams, body: ProductContent } },
    (req) => products.updateProduct(req.ctx, req.params.id, req.body));
  app.post("/merchant/products/:id/submit", { config: own, schema: { tags, summary: "Pre-screen and submit for review (P3)", params: IdParams } },
    (req) => products.submitProduct(req.ctx, req.params.id));
  app.post("/merchant/products/:id/delist", { config: own, schema: { tags, summary: "Take off sale (P4)", params: IdParams, body: z.strictObject({ reason: z.string().trim().min(2, "give a reason").max(500) }) } },
    (req) => products.delistProduct(req.ctx, req.params.id, { kind: "merchant", reason: req.body.reason }));
  app.post("/merchant/products/:id/relist", { config: own, schema: { tags, summary: "Put back on sale", params: IdParams } },
    (req) => products.relistProduct(req.ctx, req.params.id));

  const review = { permission: "product.review" } as const;
  app.get("/admin/listing-reviews", { config: review, schema: { tags, summary: "Listings and revisions waiting for review, oldest first", querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(100) }) } },
    (req) => products.listingQueue(req.ctx, req.query));
  app.get("/admin/products/:id", { config: review, schema: { tags, summary: "A product with its versions and pre-screening findings", params: IdParams } },
    (req) => products.productForReview(req.ctx, req.params.id));
  app.post("/admin/products/:id/decision", {
    config: review, schema: { tags, summary: "Approve or reject the version under review", params: IdParams, body: z.strictObject({ decision: z.enum(["approve", "reject"]), reason: z.string().trim().max(1000).optional() }) },
  }, (req) => products.decideListing(req.ctx, req.params.id, req.body));
  app.post("/admin/products/:id/delist", {
    config: review,
    schema: { tags, summary: "Take off sale for a violation, expired qualification or failed quality check (P4)", params: IdParams, body: z.strictObject({ kind: z.enum(["violation", "qualification", "quality"]), reason: z.string().trim().min(4).max(1000) }) },
  }, (req) => products.delistProduct(req.ctx, req.params.id, req.body));

  app.get("/products/:id", { config: { permission: "public" }, schema: { tags, summary: "A product on sale", params: IdParams } }, (req, reply) => fromShelf(req.ctx, reply, `product:${req.params.id}`, () => products.publicProduct(req.ctx, req.params.id)));

  app.post("/merchant/product-images", {
    config: own, schema: { tags, summary: "Upload a product image (JPEG, PNG or WebP); stored in standard sizes", consumes: ["multipart/form-data"] },
  }, async (req, reply) => {
    const { file } = await readUpload(req, z.strictObject({}), "a JPEG, PNG or WebP picture");
    return reply.code(201).send(await images.uploadProductImage(req.ctx, file));
  });
  app.get("/images/:id/:size", {
    config: { permission: "public" }, schema: { tags, summary: "A product image in a standard size", params: z.strictObject({ id: z.uuid(), size: z.enum(["thumb", "medium", "large"]) }) },
  }, async (req, reply) => reply.type("image/webp").header("cache-control", "public, max-age=31536000, immutable").send(await images.imageFile(req.ctx, req.params.id, req.params.size)));

  app.get("/catalog/products", {
    config: { permission: "public" },
    schema: {
      tags, summary: "Browse and search products on sale: category, shop, price, attributes (attr=key:value), sort, cursor pages",
      querystring: z.strictObject({
        q: z.string().trim().max(100).optional(), categoryId: z.uuid().optional(), merchantId: z.uuid().optional(),
        minPriceFen: z.coerce.number().int().min(0).optional(), maxPriceFen: z.coerce.number().int().min(0).optional(),
        attr: z.union([z.string(), z.array(z.string())]).optional(),
        sort: z.enum(["relevance", "price_asc", "price_desc", "sales", "newest"]).optional(),
        personalised: z.enum(["true", "false"]).optional(),
        cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(60).default(24),
      }),
    },
  }, (req, reply) => {
    const attrs = [req.query.attr ?? []].flat().map((a) => a.split(":"));
    if (attrs.some((a) => a.length < 2 || !a[0])) throw new ValidationError("ATTRIBUTE_FILTER_INVALID", "Filter attributes as attr=key:value.", { field: "attr" });
    const query = { ...req.query, attributes: Object.fromEntries(attrs.map(([k, ...v]) => [k!, v.join(":")])), personalised: req.query.personalised !== "false" };
    return fromShelf(req.ctx, reply, `browse:${JSON.stringify(query)}`, () => storefront.browseProducts(req.ctx, query));
  });

  app.get("/merchant/products/import-template", { config: own, schema: { tags, summary: "The XLSX template for bulk import, with the category keys and their attributes" } },
    async (req, reply) => reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", "attachment; filename=products-template.xlsx").send(await bulk.importTemplate(req.ctx)));
  app.post("/merchant/products/import", {
    config: own, schema: { tags, summary: "Create draft products from a filled-in template: all rows or none, with a report by row (P2)", consumes: ["multipart/form-data"] },
  }, async (req, reply) => {
    const { file } = await readUpload(req, z.strictObject({}), "the filled-in XLSX template");
    return reply.code(201).send(await bulk.importProducts(req.ctx, file.body));
  });
}
