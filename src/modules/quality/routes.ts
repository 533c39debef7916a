import { z } from "zod";
import type { App } from "../../server/http.js";
import { IdParams } from "../../lib/schemas.js";
import { readUpload, sendPrivateFile } from "../../server/uploads.js";
import * as samplings from "./samplings.js";
import * as recalls from "./recalls.js";
import * as trace from "./trace.js";

const tags = ["quality"];
const Day = z.iso.date("a date as YYYY-MM-DD");
const Cursor = z.uuid({ message: "use the nextCursor of the previous page" }).optional();
const Limit = z.coerce.number().int().min(1).max(200).default(50);
const Search = z.string().trim().max(100).optional();

const SamplingStatus = z.enum(["planned", "sampled", "passed", "failed"]);
const RecallStatus = z.enum(["open", "closed"]);
const RecallInstructions = {
  reason: z.string().trim().min(2, "say why the goods are recalled").max(500),
  instructions: z.string().trim().min(2, "tell the buyers what to do").max(1000),
};

const SamplingInput = z.strictObject({
  batchId: z.uuid(), productId: z.uuid().nullable().optional(),
  plan: z.string().trim().min(2, "describe what is sampled and tested").max(2000),
  standard: z.string().trim().max(200).nullable().optional(),
  plannedOn: Day,
});
const SampleInput = z.strictObject({
  sampleSize: z.number().int("whole units").min(1, "at least 1").max(100_000),
  sampledAt: z.iso.datetime({ offset: true, message: "a date and time (ISO 8601)" }).nullable().optional(),
});
const Decision = z.strictObject({
  result: z.enum(["passed", "failed"]),
  findings: z.string().trim().max(2000).nullable().optional(),
  recall: z.strictObject(RecallInstructions).nullable().optional(),
});
const RecallInput = z.strictObject({ batchId: z.uuid(), samplingId: z.uuid().nullable().optional(), ...RecallInstructions });
const SamplingQuery = z.strictObject({
  status: SamplingStatus.optional(), batchId: z.uuid().optional(), productId: z.uuid().optional(), merchantId: z.uuid().optional(), q: Search, cursor: Cursor, limit: Limit,
});
const RecallQuery = z.strictObject({ status: RecallStatus.optional(), batchId: z.uuid().optional(), merchantId: z.uuid().optional(), q: Search, cursor: Cursor, limit: Limit });
const OwnSamplingQuery = SamplingQuery.omit({ merchantId: true });
const OwnRecallQuery = RecallQuery.omit({ merchantId: true });

// P5 quality sampling and recalls, P6 batch traceability: platform quality staff work on
// every shop's goods; a shop reads its own quality record.
export default async function qualityRoutes(app: App) {
  const config = { permission: "quality.inspect" } as const;
  const own = { permission: "order.read.own" } as const;

  app.get("/admin/quality/samplings", { config, schema: { tags, summary: "Quality samplings, newest first, with counts per status (P5)", querystring: SamplingQuery } },
    (req) => samplings.listSamplings(req.ctx, req.query));
  app.post("/admin/quality/samplings", { config, schema: { tags, summary: "Plan a sampling of a batch: plan, standard, planned date (P5)", body: SamplingInput } },
    async (req, reply) => reply.code(201).send(await samplings.createSampling(req.ctx, req.body)));
  app.get("/admin/quality/samplings/:id", { config, schema: { tags, summary: "A sampling with its batch, product and recalls (P5)", params: IdParams } },
    (req) => samplings.getSampling(req.ctx, req.params.id));
  app.post("/admin/quality/samplings/:id/sample", { config, schema: { tags, summary: "Record the sample drawn: units and time (P5)", params: IdParams, body: SampleInput } },
    (req) => samplings.recordSample(req.ctx, req.params.id, req.body));
  app.post("/admin/quality/samplings/:id/report", {
    config, schema: { tags, summary: "Attach the lab's report (PDF, JPEG or PNG) as multipart/form-data with a file (P5)", params: IdParams, consumes: ["multipart/form-data"] },
  }, async (req) => {
    // Whether the sampling exists comes before reading the upload.
    await samplings.getSampling(req.ctx, req.params.id);
    const { file } = await readUpload(req, z.strictObject({}), "the lab's report (PDF, JPEG or PNG)");
    return samplings.attachSamplingReport(req.ctx, req.params.id, file);
  });
  app.get("/admin/quality/samplings/:id/report", { config, schema: { tags, summary: "Open the sampling's report", params: IdParams } },
    async (req, reply) => sendPrivateFile(reply, await samplings.samplingReportFile(req.ctx, req.params.id)));
  app.post("/admin/quality/samplings/:id/decide", {
    config, schema: { tags, summary: "The result: passed, or failed with findings (delists the product, sets the batch aside, counts against the shop, optionally opens a recall) (P5)", params: IdParams, body: Decision },
  }, (req) => samplings.decideSampling(req.ctx, req.params.id, req.body));

  app.get("/admin/quality/recalls", { config, schema: { tags, summary: "Recalls, newest first (P5)", querystring: RecallQuery } },
    (req) => recalls.listRecalls(req.ctx, req.query));
  app.post("/admin/quality/recalls", { config, schema: { tags, summary: "Recall a batch: every buyer who received units of it is notified once (P5, P6)", body: RecallInput } },
    async (req, reply) => reply.code(201).send(await recalls.openRecall(req.ctx, req.body)));
  app.get("/admin/quality/recalls/:id", { config, schema: { tags, summary: "A recall with the orders and buyers (masked) it reached (P5, P6)", params: IdParams } },
    (req) => recalls.getRecall(req.ctx, req.params.id));
  app.post("/admin/quality/recalls/:id/notify", { config, schema: { tags, summary: "Reach the buyers of units shipped from the batch since the last notice; no one hears twice (P5)", params: IdParams } },
    (req) => recalls.notifyRecall(req.ctx, req.params.id));
  app.post("/admin/quality/recalls/:id/close", {
    config, schema: { tags, summary: "Close a recall with a note on how it ended (P5)", params: IdParams, body: z.strictObject({ note: z.string().trim().min(2, "say how the recall ended").max(1000) }) },
  }, (req) => recalls.closeRecall(req.ctx, req.params.id, req.body));

  app.get("/admin/quality/batches", { config, schema: { tags, summary: "Find batches by number, product or SKU (P6)", querystring: z.strictObject({ q: Search, limit: z.coerce.number().int().min(1).max(50).default(20) }) } },
    (req) => trace.searchBatches(req.ctx, req.query));
  app.get("/admin/quality/batches/:id/trace", { config, schema: { tags, summary: "A batch from supplier and receipt to every order and buyer (masked) (P6)", params: IdParams } },
    (req) => trace.batchTrace(req.ctx, req.params.id));
  app.get("/admin/quality/batches/:id/inspection-report", { config, schema: { tags, summary: "Open the batch's inbound inspection report (P6)", params: IdParams } },
    async (req, reply) => sendPrivateFile(reply, await trace.batchInspectionReportFile(req.ctx, req.params.id)));

  app.get("/merchant/quality/samplings", { config: own, schema: { tags, summary: "The shop's quality samplings and their results (P5)", querystring: OwnSamplingQuery } },
    (req) => samplings.listSamplings(req.ctx, req.query));
  app.get("/merchant/quality/recalls", { config: own, schema: { tags, summary: "The shop's recalls (P5)", querystring: OwnRecallQuery } },
    (req) => recalls.listRecalls(req.ctx, req.query));
}
