import { z } from "zod";
import type { App } from "../../server/http.js";
import { DisplayName, IdParams, Login, Password } from "../../lib/schemas.js";
import * as merchants from "./service.js";

const tags = ["merchants"];
const Account = z.strictObject({ login: Login, password: Password, displayName: DisplayName });

export default async function merchantRoutes(app: App) {
  app.get("/admin/merchants", { config: { permission: "merchant.read.any" }, schema: { tags, summary: "All merchants" } }, (req) => merchants.listMerchants(req.ctx));
  app.get("/admin/merchants/:id", { config: { permission: "merchant.read.any" }, schema: { tags, summary: "One merchant", params: IdParams } },
    (req) => merchants.getMerchant(req.ctx, req.params.id));
  app.post("/admin/merchants", {
    config: { permission: "merchant.manage" },
    schema: { tags, summary: "Open a merchant with its owner account", body: z.strictObject({ name: z.string().trim().min(2).max(80), owner: Account }) },
  }, async (req, reply) => reply.code(201).send(await merchants.createMerchant(req.ctx, req.body)));

  app.get("/merchant/shop", { config: { permission: "shop.read" }, schema: { tags, summary: "My shop" } }, (req) => merchants.myShop(req.ctx));
  app.get("/merchant/staff", { config: { permission: "shop.staff.read" }, schema: { tags, summary: "My shop's people" } }, (req) => merchants.listShopStaff(req.ctx));
  app.get("/merchant/staff/:id", { config: { permission: "shop.staff.read" }, schema: { tags, summary: "One of my shop's people", params: IdParams } },
    (req) => merchants.getShopStaff(req.ctx, req.params.id));
  app.post("/merchant/staff", { config: { permission: "shop.staff.manage" }, schema: { tags, summary: "Add a staff account to my shop", body: Account } },
    async (req, reply) => reply.code(201).send(await merchants.createShopStaff(req.ctx, req.body)));
}
