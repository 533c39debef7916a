import { z } from "zod";
import type { App } from "../../server/http.js";
import * as governance from "./service.js";

const tags = ["governance"];
const Key = z.string().regex(/^[a-z][a-z0-9-]{2,40}$/, "a document key in lower case, such as merchant-agreement");
const Version = z.string().trim().regex(/^[\w.-]{1,40}$/, "letters, digits, dots and dashes, such as 2026-12");
const Bilingual = (max: number) => z.strictObject({ zh: z.string().trim().min(1, "write the Chinese text").max(max), en: z.string().trim().min(1, "write the English text").max(max) });

export default async function governanceRoutes(app: App) {
  const pub = { permission: "public" } as const;
  app.get("/policies", { config: pub, schema: { tags, summary: "Published agreements and rules: in force and announced (G1)" } }, (req) => governance.policyIndex(req.ctx));
  app.get("/policies/:key", { config: pub, schema: { tags, summary: "One document: in force, announced and past versions", params: z.strictObject({ key: Key }) } },
    (req) => governance.policyDocument(req.ctx, req.params.key));
  app.get("/policies/:key/versions/:version", { config: pub, schema: { tags, summary: "One version with the comments received", params: z.strictObject({ key: Key, version: Version }) } },
    (req) => governance.policyVersion(req.ctx, req.params.key, req.params.version));
  app.post("/policies/:key/versions/:version/comments", {
    config: { permission: "authenticated" },
    schema: { tags, summary: "Comment on an announced version", params: z.strictObject({ key: Key, version: Version }), body: z.strictObject({ body: z.string().trim().min(2, "write your comment").max(2000) }) },
  }, async (req, reply) => reply.code(201).send(await governance.commentOnPolicy(req.ctx, req.params.key, req.params.version, req.body.body)));
  app.post("/admin/policies/:key/versions", {
    config: { permission: "rules.publish" },
    schema: {
      tags, summary: "Publish a new version for comment; effective after the notice period", params: z.strictObject({ key: Key }),
      body: z.strictObject({
        version: Version, title: Bilingual(100), summary: z.string().trim().min(4, "say what changes").max(1000), effectiveFrom: z.coerce.date().optional(),
        sections: z.array(z.strictObject({ key: z.string().regex(/^[a-z0-9-]{1,40}$/), zh: z.string().trim().min(1).max(20_000), en: z.string().trim().min(1).max(20_000) })).min(1).max(50),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await governance.publishPolicy(req.ctx, req.params.key, req.body)));

  app.get("/merchant/agreements", { config: { permission: "shop.read" }, schema: { tags, summary: "The merchant agreement in force and announced, with my acceptances (M5)" } },
    (req) => governance.myAgreements(req.ctx));
  app.post("/merchant/agreements/accept", { config: { permission: "shop.manage" }, schema: { tags, summary: "Accept a version of the merchant agreement", body: z.strictObject({ version: Version }) } },
    (req) => governance.acceptMerchantAgreement(req.ctx, req.body.version));

  app.get("/operator", { config: pub, schema: { tags, summary: "The operator's licences, filings, contact and complaint channels (G2)" } }, (req) => governance.getOperatorProfile(req.ctx));
  app.put("/admin/operator", { config: { permission: "operator.manage" }, schema: { tags, summary: "Change the operator's public information", body: governance.OperatorProfile } },
    (req) => governance.updateOperatorProfile(req.ctx, req.body));
}
