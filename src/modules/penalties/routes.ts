import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import { penaltyKinds, penaltyMachine } from "./machine.js";
import * as penalties from "./service.js";

const tags = ["penalties"];
const Text = (min: number, max: number, hint: string) => z.string().trim().min(min, hint).max(max);
const statuses = Object.keys(penaltyMachine.table) as [keyof typeof penaltyMachine.table, ...(keyof typeof penaltyMachine.table)[]];

export default async function penaltyRoutes(app: App) {
  app.post("/admin/merchants/:id/penalties", {
    config: { permission: "merchant.penalize" },
    schema: {
      tags, summary: "Issue a warning, listing restriction, suspension or closure (M6)", params: IdParams,
      body: z.strictObject({
        kind: z.enum(penaltyKinds),
        reason: Text(4, 500, "say which rule was broken and how"),
        evidence: Text(4, 4000, "list the evidence: orders, complaints, inspection reports, links"),
        startsAt: z.coerce.date().optional(),
        endsAt: z.coerce.date().nullable().optional(),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await penalties.issuePenalty(req.ctx, req.params.id, req.body)));
  app.get("/admin/penalties", {
    config: { permission: "merchant.read.any" },
    schema: { tags, summary: "Penalties, filtered by merchant or status", querystring: z.strictObject({ merchantId: z.uuid().optional(), status: z.enum(statuses).optional(), limit: z.coerce.number().int().min(1).max(200).default(100) }) },
  }, (req) => penalties.listPenalties(req.ctx, req.query));
  app.get("/admin/penalties/:id", { config: { permission: "merchant.read.any" }, schema: { tags, summary: "One penalty", params: IdParams } },
    (req) => penalties.getPenalty(req.ctx, req.params.id));
  app.post("/admin/penalties/:id/decision", {
    config: { permission: "merchant.penalize" },
    schema: { tags, summary: "Decide an appeal: uphold or revoke", params: IdParams, body: z.strictObject({ decision: z.enum(["uphold", "revoke"]), reason: Text(4, 1000, "explain the decision") }) },
  }, (req) => penalties.decideAppeal(req.ctx, req.params.id, req.body));
  app.post("/admin/penalties/:id/lift", {
    config: { permission: "merchant.penalize" },
    schema: { tags, summary: "End a penalty early", params: IdParams, body: z.strictObject({ reason: Text(4, 1000, "explain why it ends early") }) },
  }, (req) => penalties.liftPenalty(req.ctx, req.params.id, req.body.reason));

  app.get("/merchant/standing", { config: { permission: "shop.read" }, schema: { tags, summary: "What my shop may do now, and why not" } }, (req) => penalties.myStanding(req.ctx));
  app.get("/merchant/penalties", { config: { permission: "shop.read" }, schema: { tags, summary: "My shop's penalties and standing" } }, (req) => penalties.myPenalties(req.ctx));
  app.post("/merchant/penalties/:id/appeal", {
    config: { permission: "shop.manage" },
    schema: { tags, summary: "Appeal a penalty", params: IdParams, body: z.strictObject({ statement: Text(10, 4000, "explain why the penalty is wrong, with facts") }) },
  }, (req) => penalties.appealPenalty(req.ctx, req.params.id, req.body.statement));
}
