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
  const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
  app.patch("/merchant/shop", {
    config: { permission: "shop.manage" },
    schema: {
      tags, summary: "Change my shop's service contacts and after-sales terms (shown on the public page, M4)",
      body: z.strictObject({
        servicePhone: z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})$/, "a mobile, landline or 400 number").nullable().optional(),
        serviceEmail: z.email().max(254).nullable().optional(), serviceHours: optionalText(100), afterSalesPolicy: optionalText(2000),
      }),
    },
  }, (req) => merchants.updateShopService(req.ctx, req.body));
  app.get("/shops/:id", { config: { permission: "public" }, schema: { tags, summary: "A shop's public page: licence, contact, after-sales, complaints (M4)", params: IdParams } },
    (req) => merchants.publicShop(req.ctx, req.params.id));
  app.get("/merchant/staff", { config: { permission: "shop.staff.read" }, schema: { tags, summary: "My shop's people" } }, (req) => merchants.listShopStaff(req.ctx));
  app.get("/merchant/staff/:id", { config: { permission: "shop.staff.read" }, schema: { tags, summary: "One of my shop's people", params: IdParams } },
    (req) => merchants.getShopStaff(req.ctx, req.params.id));
  app.post("/merchant/staff", { config: { permission: "shop.staff.manage" }, schema: { tags, summary: "Add a staff account to my shop", body: Account } },
    async (req, reply) => reply.code(201).send(await merchants.createShopStaff(req.ctx, req.body)));
}
