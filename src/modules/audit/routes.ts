import { z } from "zod";
import type { App } from "../../server/http.js";
import { PageQuery } from "../../lib/schemas.js";
import { listAudit, verifyAuditChain } from "./service.js";

const tags = ["audit"];

export default async function auditRoutes(app: App) {
  app.get("/admin/audit", {
    config: { permission: "audit.read" },
    schema: {
      tags, summary: "The audit log, newest first (S3)",
      querystring: z.strictObject({
        action: z.string().trim().max(80).optional(), entityType: z.string().trim().max(40).optional(), entityId: z.string().trim().max(100).optional(),
        actorId: z.uuid().optional(), from: z.coerce.date().optional(), to: z.coerce.date().optional(),
        ...PageQuery, cursor: z.coerce.number().int().positive().optional(),
      }),
    },
  }, (req) => listAudit(req.ctx.db, { ...req.query, before: req.query.cursor }));

  app.get("/admin/audit/verify", { config: { permission: "audit.verify" }, schema: { tags, summary: "Check the hash chain; reports the first broken row" } },
    (req) => verifyAuditChain(req.ctx.db));
}
