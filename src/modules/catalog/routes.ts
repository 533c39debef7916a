import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import * as catalog from "./service.js";

const tags = ["catalog"];

export default async function catalogRoutes(app: App) {
  app.get("/admin/screening-terms", { config: { permission: "product.review" }, schema: { tags, summary: "The banned and absolute terms listings are screened against (P3)" } },
    (req) => catalog.listTerms(req.ctx));
  app.post("/admin/screening-terms", {
    config: { permission: "catalog.manage" },
    schema: {
      tags, summary: "Add a term to the screening list",
      body: z.strictObject({ term: z.string().trim().min(1).max(40), category: z.enum(["absolute", "medical", "prohibited"]), severity: z.enum(["block", "warn"]), note: z.string().trim().max(200).optional() }),
    },
  }, async (req, reply) => reply.code(201).send(await catalog.addTerm(req.ctx, req.body)));
  app.delete("/admin/screening-terms/:id", { config: { permission: "catalog.manage" }, schema: { tags, summary: "Remove a term", params: IdParams } },
    (req) => catalog.removeTerm(req.ctx, req.params.id));
  app.post("/admin/screening-terms/try", {
    config: { permission: "product.review" },
    schema: { tags, summary: "Screen a text against the current list", body: z.strictObject({ text: z.string().max(20_000) }) },
  }, (req) => catalog.tryScreening(req.ctx, req.body.text));
}
