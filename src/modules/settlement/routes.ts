import { z } from "zod";
import type { FastifyReply } from "fastify";
import type { App } from "../../server/http.js";
import type { Ctx } from "../../server/context.js";
import { Forbidden } from "../../server/errors.js";
import { IdParams } from "../../lib/schemas.js";
import { providerNames } from "../payments/providers/provider.js";
import { listPayouts, payStatement } from "./payouts.js";
import { listRuns, runDetail, runReconciliation } from "./reconciliation.js";
import { currentStatement, issueStatements, listStatements, statementDetail, statementExport } from "./statements.js";

const tags = ["settlement"];
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day such as 2026-11-30");
const Limit = z.coerce.number().int().min(1).max(500).optional();
const ExportQuery = z.strictObject({ format: z.enum(["xlsx", "csv"], { message: "xlsx or csv" }).optional() });
const StatementQuery = z.strictObject({
  merchantId: z.uuid({ message: "must be a shop's id" }).optional(),
  status: z.enum(["issued", "paid"]).optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month such as 2026-11").optional(),
  limit: Limit,
});
const PayoutQuery = z.strictObject({ merchantId: z.uuid({ message: "must be a shop's id" }).optional(), status: z.enum(["pending", "paid", "failed"]).optional(), limit: Limit });

// A shop's own finance: the merchant the signed-in account belongs to.
const ownShop = (ctx: Ctx) => {
  if (!ctx.actor.merchantId) throw new Forbidden("MERCHANT_ONLY", "Only a shop's accounts see its statements.");
  return ctx.actor.merchantId;
};

// The statement as a file, or as JSON without `format`.
async function statementReply(ctx: Ctx, reply: FastifyReply, id: string, format: "xlsx" | "csv" | undefined, merchantId?: string) {
  if (!format) return statementDetail(ctx, id, merchantId);
  const file = await statementExport(ctx, id, format, merchantId);
  return reply.type(file.contentType).header("content-disposition", `attachment; filename="${file.filename}"`).send(file.body);
}

// F3 reconciliation, F5 statements and payouts.
export default async function settlementRoutes(app: App) {
  const own = { permission: "finance.read.own" } as const;
  app.get("/merchant/statements", { config: own, schema: { tags, summary: "The shop's issued settlement statements, newest period first (F5)", querystring: z.strictObject({ limit: Limit }) } },
    (req) => listStatements(req.ctx, { merchantId: ownShop(req.ctx), limit: req.query.limit }));
  app.get("/merchant/statements/current", { config: own, schema: { tags, summary: "The open period's statement as it stands now, with its orders (F5)" } },
    (req) => currentStatement(req.ctx, ownShop(req.ctx)));
  app.get("/merchant/statements/:id", { config: own, schema: { tags, summary: "One of the shop's statements with its orders; ?format=xlsx|csv downloads it (F5)", params: IdParams, querystring: ExportQuery } },
    (req, reply) => statementReply(req.ctx, reply, req.params.id, req.query.format, ownShop(req.ctx)));
  app.get("/merchant/payouts", { config: own, schema: { tags, summary: "Payouts to the shop (F5)", querystring: z.strictObject({ limit: Limit }) } },
    (req) => listPayouts(req.ctx, { merchantId: ownShop(req.ctx), limit: req.query.limit }));

  const read = { permission: "finance.read" } as const;
  const settle = { permission: "finance.settle" } as const;
  app.get("/admin/statements", { config: read, schema: { tags, summary: "Settlement statements of every shop (F5)", querystring: StatementQuery } },
    (req) => listStatements(req.ctx, req.query));
  app.get("/admin/statements/:id", { config: read, schema: { tags, summary: "A statement with its orders and commission by category; ?format=xlsx|csv downloads it (F5)", params: IdParams, querystring: ExportQuery } },
    (req, reply) => statementReply(req.ctx, reply, req.params.id, req.query.format));
  app.post("/admin/statements/issue", {
    config: settle,
    schema: { tags, summary: "Issue the statements of every ended period up to periodEnd (default: last month); issuing again changes nothing (F5)", body: z.strictObject({ periodEnd: Day.optional() }).optional() },
  }, (req) => issueStatements(req.ctx, { periodEnd: req.body?.periodEnd }));
  app.get("/admin/payouts", { config: read, schema: { tags, summary: "Payouts to shops (F5)", querystring: PayoutQuery } },
    (req) => listPayouts(req.ctx, req.query));
  app.post("/admin/payouts", {
    config: settle,
    schema: { tags, summary: "Pay an issued statement's closing balance to the shop through the provider; the same requestKey returns the same payout (F5)",
      body: z.strictObject({ statementId: z.uuid({ message: "choose a statement" }), requestKey: z.string().trim().min(8, "at least 8 characters").max(100) }) },
  }, async (req, reply) => reply.code(201).send(await payStatement(req.ctx, req.body)));

  app.get("/admin/reconciliation", { config: read, schema: { tags, summary: "Reconciliation runs, newest day first, and the providers configured (F3)", querystring: z.strictObject({ provider: z.enum(providerNames).optional(), limit: Limit }) } },
    (req) => listRuns(req.ctx, req.query));
  app.get("/admin/reconciliation/:id", { config: read, schema: { tags, summary: "A reconciliation run with every difference (F3)", params: IdParams } },
    (req) => runDetail(req.ctx, req.params.id));
  app.post("/admin/reconciliation/run", {
    config: settle,
    schema: { tags, summary: "Reconcile a provider's statement of one ended day against the books; running a day again replaces its run (F3)", body: z.strictObject({ provider: z.enum(providerNames), day: Day }) },
  }, (req) => runReconciliation(req.ctx, req.body));
}
