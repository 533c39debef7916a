import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import { readUpload, sendPrivateFile } from "../../server/uploads.js";
import { DocumentFields } from "../onboarding/rules.js";
import { reverificationMachine } from "./machine.js";
import * as q from "./service.js";

const tags = ["qualifications"];
const Limit = { limit: z.coerce.number().int().min(1).max(200).default(100) };
const reverificationStatuses = Object.keys(reverificationMachine.table) as [keyof typeof reverificationMachine.table, ...(keyof typeof reverificationMachine.table)[]];

export default async function qualificationRoutes(app: App) {
  app.get("/merchant/qualifications", { config: { permission: "shop.read" }, schema: { tags, summary: "My documents with expiry, renewals and re-verifications (M3)" } },
    (req) => q.myQualifications(req.ctx));
  app.post("/merchant/qualifications/renewals", {
    config: { permission: "shop.manage" },
    schema: { tags, summary: "Upload a renewed or additional document: multipart/form-data with file, kind, number, issuer, validFrom, validUntil, replaces", consumes: ["multipart/form-data"] },
  }, async (req, reply) => {
    const { input, file } = await readUpload(req, DocumentFields);
    return reply.code(201).send(await q.submitRenewal(req.ctx, input, file));
  });
  app.get("/merchant/qualifications/renewals/:id/file", { config: { permission: "shop.read" }, schema: { tags, summary: "Open a renewal I uploaded", params: IdParams } },
    async (req, reply) => sendPrivateFile(reply, await q.renewalFile(req.ctx, req.params.id, false)));
  app.post("/merchant/qualifications/reverification", {
    config: { permission: "shop.manage" },
    schema: { tags, summary: "Confirm my data is current for the open re-verification", body: z.strictObject({ note: z.string().trim().max(1000).optional() }) },
  }, (req) => q.submitReverification(req.ctx, req.body.note));

  const review = { permission: "merchant.review" } as const;
  app.get("/admin/merchants/:id/qualifications", { config: review, schema: { tags, summary: "A merchant's qualification file", params: IdParams } },
    (req) => q.qualificationOverview(req.ctx, req.params.id));
  app.get("/admin/qualification-renewals", {
    config: review, schema: { tags, summary: "Renewals to review", querystring: z.strictObject({ status: z.enum(["pending", "approved", "rejected"]).optional(), ...Limit }) },
  }, (req) => q.renewalQueue(req.ctx, req.query));
  app.get("/admin/qualification-renewals/:id", { config: review, schema: { tags, summary: "A renewal beside the document it replaces", params: IdParams } },
    (req) => q.renewalForReview(req.ctx, req.params.id));
  app.get("/admin/qualification-renewals/:id/file", { config: review, schema: { tags, summary: "Open a renewed document", params: IdParams } },
    async (req, reply) => sendPrivateFile(reply, await q.renewalFile(req.ctx, req.params.id, true)));
  app.post("/admin/qualification-renewals/:id/approve", { config: review, schema: { tags, summary: "Approve: the renewed document replaces the old one", params: IdParams } },
    (req) => q.approveRenewal(req.ctx, req.params.id));
  app.post("/admin/qualification-renewals/:id/reject", {
    config: review, schema: { tags, summary: "Reject with a reason", params: IdParams, body: z.strictObject({ reason: z.string().trim().min(4, "say what is wrong with the document").max(1000) }) },
  }, (req) => q.rejectRenewal(req.ctx, req.params.id, req.body.reason));
  app.get("/admin/reverifications", {
    config: review, schema: { tags, summary: "Re-verifications open or decided", querystring: z.strictObject({ status: z.enum(reverificationStatuses).optional(), ...Limit }) },
  }, (req) => q.reverificationQueue(req.ctx, req.query));
  app.post("/admin/reverifications/:id/decision", {
    config: review,
    schema: { tags, summary: "Pass, or return with what to correct", params: IdParams, body: z.strictObject({ decision: z.enum(["pass", "return"]), reason: z.string().trim().max(1000).optional() }) },
  }, (req) => q.decideReverification(req.ctx, req.params.id, req.body));
}
