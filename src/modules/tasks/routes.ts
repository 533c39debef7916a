import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import * as tasks from "./service.js";

const tags = ["tasks"];
const Query = z.strictObject({ status: z.enum(["open", "done", "cancelled"]).optional(), limit: z.coerce.number().int().min(1).max(200).default(100) });

export default async function taskRoutes(app: App) {
  app.get("/merchant/tasks", { config: { permission: "shop.read" }, schema: { tags, summary: "My shop's tasks and notices", querystring: Query } },
    (req) => tasks.myShopTasks(req.ctx, req.query));
  app.post("/merchant/tasks/:id/acknowledge", { config: { permission: "shop.manage" }, schema: { tags, summary: "Mark a notice as read", params: IdParams } },
    (req) => tasks.acknowledgeTask(req.ctx, req.params.id));
  // Every department has tasks (a licence to review, a batch to deal with): any staff member
  // sees those their permissions let them work on.
  app.get("/admin/tasks", {
    config: { permission: "authenticated" },
    schema: { tags, summary: "Platform tasks I can work on", querystring: Query.extend({ merchantId: z.uuid().optional() }) },
  }, (req) => tasks.platformTasks(req.ctx, req.query));
}
