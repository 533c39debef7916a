import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import { regionTree } from "./regions.js";
import * as addresses from "./service.js";

const tags = ["addresses"];
const config = { permission: "order.place" as const };
// Only the shape here: the service checks the content and answers with a code per field
// (RECIPIENT_INVALID, MOBILE_INVALID, REGION_INVALID, DETAIL_INVALID).
const Address = z.strictObject({
  recipient: z.string().max(100), mobile: z.string().max(30),
  provinceCode: z.string().max(12), cityCode: z.string().max(12), districtCode: z.string().max(12),
  detail: z.string().max(500), label: z.string().max(40).nullable().optional(), isDefault: z.boolean().optional(),
});

// O1/U4: the buyer's address book; another buyer's address answers 404 ADDRESS_NOT_FOUND.
export default async function addressRoutes(app: App) {
  app.get("/regions", {
    config: { permission: "public" }, schema: { tags, summary: "Provinces, cities and districts with their codes: [[code, name, [[code, name, [[code, name]]]]]]" },
  }, async (_req, reply) => reply.header("cache-control", "public, max-age=86400").send(regionTree()));

  app.get("/me/addresses", { config, schema: { tags, summary: "My addresses, masked (U4); the default first" } }, (req) => addresses.listAddresses(req.ctx));
  app.post("/me/addresses", { config, schema: { tags, summary: "Add an address (at most 20; the first becomes the default)", body: Address } },
    async (req, reply) => reply.code(201).send(await addresses.createAddress(req.ctx, req.body)));
  app.get("/me/addresses/:id", { config, schema: { tags, summary: "One of my addresses in clear, for editing (the read is audited)", params: IdParams } },
    (req) => addresses.getAddress(req.ctx, req.params.id));
  app.put("/me/addresses/:id", { config, schema: { tags, summary: "Change an address", params: IdParams, body: Address } },
    (req) => addresses.updateAddress(req.ctx, req.params.id, req.body));
  app.delete("/me/addresses/:id", { config, schema: { tags, summary: "Delete an address (orders keep their own copy)", params: IdParams } },
    (req) => addresses.deleteAddress(req.ctx, req.params.id));
  app.post("/me/addresses/:id/default", { config, schema: { tags, summary: "Make an address the default", params: IdParams } },
    (req) => addresses.setDefaultAddress(req.ctx, req.params.id));
}
