import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import * as suppliers from "./service.js";

const tags = ["suppliers"];
const Supplier = z.strictObject({
  name: z.string().trim().min(2).max(100), creditCode: z.string().trim().max(30), contactName: z.string().trim().min(1).max(50),
  contactPhone: z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})$/, "a mobile, landline or 400 number"),
  address: z.string().trim().max(200).nullable().optional(),
  qualifications: z.array(z.strictObject({ kind: z.string().trim().min(2).max(60), number: z.string().trim().min(1).max(60), validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() })).max(20).optional(),
  active: z.boolean().optional(),
});
const Score = z.number().int().min(0).max(100);
const Evaluation = z.strictObject({
  period: z.string().regex(/^\d{4}-(Q[1-4]|H[12]|\d{2})$/, "a period such as 2026-Q1, 2026-H1 or 2026-03"),
  quality: Score, price: Score, delivery: Score, service: Score, note: z.string().trim().max(1000).optional(),
});

// The same operations for a merchant's suppliers and, for platform staff, the platform's own.
export default async function supplierRoutes(app: App) {
  for (const [base, permission] of [["/merchant/suppliers", "product.manage.own"], ["/admin/suppliers", "supplier.manage"]] as const) {
    const config = { permission };
    app.get(base, { config, schema: { tags, summary: "Suppliers ranked by their latest scorecard (P7)" } }, (req) => suppliers.listSuppliers(req.ctx));
    app.post(base, { config, schema: { tags, summary: "Add a supplier", body: Supplier } }, async (req, reply) => reply.code(201).send(await suppliers.createSupplier(req.ctx, req.body)));
    app.get(`${base}/:id`, { config, schema: { tags, summary: "A supplier with its scorecards", params: IdParams } }, (req) => suppliers.supplierHistory(req.ctx, req.params.id));
    app.put(`${base}/:id`, { config, schema: { tags, summary: "Change a supplier", params: IdParams, body: Supplier } }, (req) => suppliers.updateSupplier(req.ctx, req.params.id, req.body));
    app.post(`${base}/:id/evaluations`, { config, schema: { tags, summary: "Score a supplier for a period", params: IdParams, body: Evaluation } },
      async (req, reply) => reply.code(201).send(await suppliers.evaluateSupplier(req.ctx, req.params.id, req.body)));
  }
}
