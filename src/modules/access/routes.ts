import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import { assignRole, listPermissions, listRoles, revokeRole } from "./service.js";

const tags = ["access"];

export default async function accessRoutes(app: App) {
  app.get("/admin/roles", { config: { permission: "user.read.any" }, schema: { tags, summary: "Roles and the permissions they bundle" } },
    async () => ({ items: listRoles() }));
  app.get("/admin/permissions", { config: { permission: "user.read.any" }, schema: { tags, summary: "The permission catalogue" } },
    async () => ({ items: listPermissions() }));
  app.post("/admin/users/:id/roles", {
    config: { permission: "role.assign" },
    schema: { tags, summary: "Grant a role", params: IdParams, body: z.strictObject({ role: z.string().min(1).max(40) }) },
  }, (req) => assignRole(req.ctx, req.params.id, req.body.role));
  app.delete("/admin/users/:id/roles/:role", {
    config: { permission: "role.assign" },
    schema: { tags, summary: "Revoke a role", params: IdParams.extend({ role: z.string().min(1).max(40) }) },
  }, (req) => revokeRole(req.ctx, req.params.id, req.params.role));
}
