import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import * as carriers from "./carriers.js";
import * as templates from "./templates.js";

const tags = ["logistics"];
// Only the shape here: the services check the content and answer with a code per field.
const Province = z.string().max(12);
const Provinces = z.array(Province).max(40);
const Day = z.string().max(10);
const Period = z.strictObject({ from: Day.optional(), to: Day.optional() });

const CarrierBody = z.strictObject({
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1, "enter the carrier's name").max(60),
  nameEn: z.string().trim().min(1, "enter the English name").max(60),
  trackingPattern: z.string().min(1).max(200),
  trackingExample: z.string().trim().min(1).max(40),
  tracking: z.enum(["aggregator", "manual"]).optional(),
  active: z.boolean().optional(),
  contact: z.string().max(200).nullable().optional(),
});

const Terms = z.strictObject({
  serviceLevels: z.array(z.strictObject({ provinces: Provinces, hours: z.number() })).max(40),
  price: z.strictObject({ firstGrams: z.number(), firstFen: z.number(), extraGrams: z.number(), extraFen: z.number() }),
  coverage: Provinces,
  claimLimitFen: z.number(),
});
const AgreementBody = z.strictObject({ terms: Terms, validFrom: Day, validUntil: Day, note: z.string().max(500).nullable().optional() });
const EndBody = z.strictObject({ reason: z.string().max(500) });

const Rules = z.strictObject({
  regions: z.array(z.strictObject({ provinces: Provinces, firstGrams: z.number(), firstFen: z.number(), extraGrams: z.number(), extraFen: z.number() })).max(40),
  freeOverFen: z.number().nullable(),
  excluded: Provinces,
});
const TemplateBody = z.strictObject({ name: z.string().max(60), rules: Rules, isDefault: z.boolean().optional() });
const TemplatePatch = z.strictObject({ name: z.string().max(60).optional(), rules: Rules.optional() });
const QuoteBody = z.strictObject({ templateId: z.uuid().nullable().optional(), rules: Rules.nullable().optional(), provinceCode: Province, weightGrams: z.number(), itemsFen: z.number() });

// L1 carriers, agreements and evaluation; L2 the shop's shipping templates.
export default async function carriersRoutes(app: App) {
  const staff = { permission: "logistics.manage" as const };
  const shop = { permission: "order.fulfil.own" as const };

  app.get("/admin/carriers", { config: staff, schema: { tags, summary: "Carriers with the agreement in force and their evaluation over a period (default the last 90 days), best score first (L1)", querystring: Period } },
    (req) => carriers.listCarriers(req.ctx, req.query));
  app.get("/merchant/carriers", { config: shop, schema: { tags, summary: "The carriers a shop may ship with, their agreement and evaluation (L1)", querystring: Period } },
    (req) => carriers.listCarriers(req.ctx, req.query));
  app.post("/admin/carriers", { config: staff, schema: { tags, summary: "Add a carrier (code unique; the waybill pattern must accept its example)", body: CarrierBody } },
    async (req, reply) => reply.code(201).send(await carriers.createCarrier(req.ctx, req.body)));
  app.patch("/admin/carriers/:id", { config: staff, schema: { tags, summary: "Change a carrier, or take it out of use (active: false)", params: IdParams, body: CarrierBody.partial() } },
    (req) => carriers.updateCarrier(req.ctx, req.params.id, req.body));
  app.get("/admin/carriers/:id", { config: staff, schema: { tags, summary: "A carrier with its agreements, evaluation and the monthly series of the last 12 months (L1)", params: IdParams, querystring: Period } },
    (req) => carriers.carrierDetail(req.ctx, req.params.id, req.query));
  app.post("/admin/carriers/:id/agreements", { config: staff, schema: { tags, summary: "Record an agreement: service levels by province, price by weight, coverage, claim limit, dates (L1). Overlapping an active agreement is refused.", params: IdParams, body: AgreementBody } },
    async (req, reply) => reply.code(201).send(await carriers.createAgreement(req.ctx, req.params.id, req.body)));
  app.post("/admin/carrier-agreements/:id/end", { config: staff, schema: { tags, summary: "End an agreement early, with the reason", params: IdParams, body: EndBody } },
    (req) => carriers.endAgreement(req.ctx, req.params.id, req.body.reason));
  app.get("/merchant/orders/:id/carrier-suggestions", { config: shop, schema: { tags, summary: "Carriers for an order: covering the destination, by score then agreed price for its weight; without an agreement last (L1)", params: IdParams } },
    (req) => carriers.carrierSuggestions(req.ctx, req.params.id));

  app.get("/merchant/shipping-templates", { config: shop, schema: { tags, summary: "The shop's shipping templates, the default (charged at checkout) first, and the platform's fallback (L2)" } },
    (req) => templates.listTemplates(req.ctx));
  app.post("/merchant/shipping-templates", { config: shop, schema: { tags, summary: "Create a shipping template; a shop's first one becomes its default (L2)", body: TemplateBody } },
    async (req, reply) => reply.code(201).send(await templates.createTemplate(req.ctx, req.body)));
  app.post("/merchant/shipping-templates/quote", { config: shop, schema: { tags, summary: "The shipping fee a buyer would pay under a template (the default when none is named) or under unsaved rules (L2)", body: QuoteBody } },
    (req) => templates.quoteShipping(req.ctx, req.body));
  app.patch("/merchant/shipping-templates/:id", { config: shop, schema: { tags, summary: "Rename a template or change its fees", params: IdParams, body: TemplatePatch } },
    (req) => templates.updateTemplate(req.ctx, req.params.id, req.body));
  app.delete("/merchant/shipping-templates/:id", { config: shop, schema: { tags, summary: "Delete a template; not the default while it is the only one", params: IdParams } },
    (req) => templates.deleteTemplate(req.ctx, req.params.id));
  app.post("/merchant/shipping-templates/:id/default", { config: shop, schema: { tags, summary: "Make a template the one checkout charges by", params: IdParams } },
    (req) => templates.setDefaultTemplate(req.ctx, req.params.id));
}
