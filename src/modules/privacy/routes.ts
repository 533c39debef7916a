import type { App } from "../../server/http.js";
import { consentsOf } from "./service.js";
import { policyInForce, PRIVACY_POLICY } from "../governance/index.js";

const tags = ["privacy"];

export default async function privacyRoutes(app: App) {
  app.get("/privacy/policy", { config: { permission: "public" }, schema: { tags, summary: "The privacy policy in force (U1)" } }, (req) => policyInForce(req.ctx.db, PRIVACY_POLICY, req.ctx.clock.now()));
  app.get("/privacy/consents", { config: { permission: "authenticated" }, schema: { tags, summary: "My recorded consents" } },
    async (req) => ({ items: await consentsOf(req.ctx.db, req.ctx.actor.userId!) }));
}
