import { z } from "zod";
import type { App } from "../../server/http.js";
import { listRules, publishRule, ruleHistory } from "./service.js";

const tags = ["rules"];
const KeyParams = z.strictObject({ key: z.string().min(1).max(80) });

export default async function settingsRoutes(app: App) {
  app.get("/admin/rules", { config: { permission: "rules.read" }, schema: { tags, summary: "Every platform rule with its value in force and announced changes (G1)" } },
    async (req) => ({ items: await listRules(req.ctx) }));
  app.get("/admin/rules/:key/history", { config: { permission: "rules.read" }, schema: { tags, summary: "All versions of one rule", params: KeyParams } },
    async (req) => ({ items: await ruleHistory(req.ctx, req.params.key) }));
  app.post("/admin/rules/:key", {
    config: { permission: "rules.publish" },
    schema: {
      tags, summary: "Publish a new version of a rule",
      params: KeyParams,
      body: z.strictObject({ value: z.union([z.number(), z.boolean()]), effectiveFrom: z.coerce.date().optional(), reason: z.string().trim().min(2, "give a reason").max(500) }),
    },
  }, async (req, reply) => reply.code(201).send(await publishRule(req.ctx, { key: req.params.key, ...req.body })));
}
