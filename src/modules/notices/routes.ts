import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import { myNotices, readNotice } from "./service.js";

const tags = ["notices"];

export default async function noticeRoutes(app: App) {
  app.get("/me/notices", { config: { permission: "order.read.mine" }, schema: { tags, summary: "What the platform told the buyer: recalls of goods they received, orders overdue for shipping (P5, O5)", querystring: z.strictObject({ unread: z.stringbool().optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }) } },
    (req) => myNotices(req.ctx, req.query));
  app.post("/me/notices/:id/read", { config: { permission: "order.read.mine" }, schema: { tags, summary: "Mark a notice read", params: IdParams } },
    (req) => readNotice(req.ctx, req.params.id));
}
