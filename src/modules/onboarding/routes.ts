import { z } from "zod";
import type { App } from "../../server/http.js";
import { readUpload, sendPrivateFile } from "../../server/uploads.js";
import { DisplayName, IdParams, Login, PageQuery, Password } from "../../lib/schemas.js";
import { register } from "../identity/index.js";
import { SESSION_COOKIE } from "../../server/http.js";
import * as onboarding from "./service.js";
import { businessCategories, DocumentFields, documentKinds } from "./rules.js";
import { MERCHANT_AGREEMENT, policyInForce } from "../governance/index.js";

const tags = ["onboarding"];
const Fields = z.strictObject({
  entityType: z.enum(["enterprise", "individual"]).optional(),
  name: z.string().trim().min(2).max(100).optional(),
  creditCode: z.string().trim().max(30).optional(),
  legalRepName: z.string().trim().min(1).max(50).optional(),
  legalRepIdNumber: z.string().trim().max(30).optional(),
  contactName: z.string().trim().min(1).max(50).optional(),
  contactPhone: z.string().trim().max(30).optional(),
  contactEmail: z.email().max(254).optional(),
  address: z.string().trim().min(4).max(200).optional(),
  categories: z.array(z.enum(businessCategories)).max(businessCategories.length).optional(),
});
const Problem = z.strictObject({ documentId: z.uuid().optional(), field: z.string().max(60).optional(), reason: z.string().trim().min(2, "give a reason").max(500) });

export default async function onboardingRoutes(app: App) {
  app.get("/onboarding/agreement", { config: { permission: "public" }, schema: { tags, summary: "The merchant agreement in force (M5)" } }, (req) => policyInForce(req.ctx.db, MERCHANT_AGREEMENT, req.ctx.clock.now()));
  app.get("/onboarding/options", { config: { permission: "public" }, schema: { tags, summary: "Business categories, document kinds and which documents are mandatory" } },
    async (req) => ({ categories: businessCategories, documentKinds, requirements: (await onboarding.listRequirements(req.ctx)).items }));

  app.post("/onboarding/register", {
    config: { permission: "public", rateLimit: { max: app.authRateLimit, timeWindow: "1 minute" } },
    schema: { tags, summary: "Register as a prospective merchant (M1)", body: z.strictObject({ login: Login, password: Password, displayName: DisplayName, acceptPolicyVersion: z.string().min(1).max(40) }) },
  }, async (req, reply) => {
    const r = await register(req.ctx, req.body, { ip: req.ip, userAgent: req.headers["user-agent"] }, "applicant");
    reply.setCookie(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: "lax", path: "/", expires: r.expiresAt, secure: app.secureCookies });
    return reply.code(201).send({ token: r.token, user: r.user });
  });

  const own = { permission: "application.manage.own" } as const;
  app.get("/onboarding/application", { config: own, schema: { tags, summary: "My merchant application" } }, (req) => onboarding.myApplication(req.ctx));
  app.post("/onboarding/application", { config: own, schema: { tags, summary: "Start my application", body: Fields } },
    async (req, reply) => reply.code(201).send(await onboarding.startApplication(req.ctx, req.body)));
  app.patch("/onboarding/application", { config: own, schema: { tags, summary: "Change my application (draft or sent back)", body: Fields } },
    (req) => onboarding.updateApplication(req.ctx, req.body));
  app.post("/onboarding/application/documents", {
    config: own,
    schema: { tags, summary: "Upload a document: multipart/form-data with file, kind, number, issuer, validFrom, validUntil, replaces", consumes: ["multipart/form-data"] },
  }, async (req, reply) => {
    const { input, file } = await readUpload(req, DocumentFields);
    return reply.code(201).send(await onboarding.addDocument(req.ctx, input, file));
  });
  app.delete("/onboarding/application/documents/:id", { config: own, schema: { tags, summary: "Remove a document", params: IdParams } },
    (req) => onboarding.removeDocument(req.ctx, req.params.id));
  app.get("/onboarding/application/documents/:id/file", { config: own, schema: { tags, summary: "Download one of my documents", params: IdParams } },
    async (req, reply) => sendPrivateFile(reply, await onboarding.documentFile(req.ctx, req.params.id, false)));
  app.post("/onboarding/application/agreement", { config: own, schema: { tags, summary: "Accept the merchant agreement (M5)", body: z.strictObject({ version: z.string().min(1).max(40) }) } },
    (req) => onboarding.acceptAgreement(req.ctx, req.body.version));
  app.post("/onboarding/application/submit", { config: own, schema: { tags, summary: "Submit (or resubmit) for review" } }, (req) => onboarding.submitApplication(req.ctx));

  const review = { permission: "merchant.review" } as const;
  app.get("/admin/applications", {
    config: review,
    schema: { tags, summary: "Review queue with ageing (M2)", querystring: z.strictObject({ status: z.enum(["draft", "submitted", "under_review", "approved", "rejected"]).optional(), q: z.string().trim().max(100).optional(), ...PageQuery, cursor: z.uuid().optional() }) },
  }, (req) => onboarding.reviewQueue(req.ctx, req.query));
  app.get("/admin/applications/:id", { config: review, schema: { tags, summary: "One application with documents and history", params: IdParams } },
    (req) => onboarding.applicationForReview(req.ctx, req.params.id));
  app.get("/admin/application-documents/:id/file", { config: review, schema: { tags, summary: "Open a document under review", params: IdParams } },
    async (req, reply) => sendPrivateFile(reply, await onboarding.documentFile(req.ctx, req.params.id, true)));
  app.post("/admin/applications/:id/start-review", { config: review, schema: { tags, summary: "Take the application into review", params: IdParams } },
    (req) => onboarding.startReview(req.ctx, req.params.id));
  app.post("/admin/applications/:id/approve", { config: review, schema: { tags, summary: "Approve: opens the shop", params: IdParams, body: z.strictObject({ note: z.string().trim().max(500).optional() }).optional() } },
    (req) => onboarding.approveApplication(req.ctx, req.params.id, req.body?.note));
  app.post("/admin/applications/:id/reject", {
    config: review, schema: { tags, summary: "Send back with a reason per problem", params: IdParams, body: z.strictObject({ problems: z.array(Problem).min(1, "give at least one reason").max(30) }) },
  }, (req) => onboarding.rejectApplication(req.ctx, req.params.id, req.body.problems));

  app.get("/admin/document-requirements", { config: { permission: "merchant.review" }, schema: { tags, summary: "Mandatory documents by entity type and category" } },
    (req) => onboarding.listRequirements(req.ctx));
  app.put("/admin/document-requirements", {
    config: { permission: "merchant.manage" },
    schema: {
      tags, summary: "Replace the table of mandatory documents",
      body: z.strictObject({ items: z.array(z.strictObject({ entityType: z.enum(["enterprise", "individual", "*"]), category: z.enum([...businessCategories, "*"]), documentKind: z.enum(documentKinds) })).max(200) }),
    },
  }, (req) => onboarding.replaceRequirements(req.ctx, req.body.items));
}
