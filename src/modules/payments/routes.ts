import { z } from "zod";
import type { FastifyRequest } from "fastify";
import type { App } from "../../server/http.js";
import { IdParams, PageQuery } from "../../lib/schemas.js";
import { accountBalances } from "../ledger/service.js";
import { ledgerEntriesOf } from "../ledger/queries.js";
import { verifyLedger } from "../ledger/verify.js";
import { deliverDue, decideTrade, tradeByNo } from "./sandbox/gateway.js";
import { sandboxPage } from "./sandbox/page.js";
import { ProviderError, providerNames } from "./providers/provider.js";
import { listNotifications, listPayments, listRefunds, myPayment, paymentDetail } from "./queries.js";
import { decideReview, listReviews } from "./reviews.js";
import { paymentStatuses, reviewKinds } from "./schema.js";
import { receiveNotification, startPayment } from "./service.js";

const tags = ["payments"];

// Where providers send notifications and buyers come back to: the configured public
// address, or the address this request came in on.
const origin = (req: FastifyRequest) => process.env.PUBLIC_URL?.replace(/\/$/, "") ?? `${req.protocol}://${req.host}`;

export default async function paymentRoutes(app: App) {
  app.post("/me/checkouts/:id/payments", {
    config: { permission: "order.place" },
    schema: { tags, summary: "Pay a checkout's unpaid orders through a provider (F1); asking again returns the same attempt", params: IdParams, body: z.strictObject({ provider: z.enum(providerNames) }) },
  }, (req) => startPayment(req.ctx, req.params.id, req.body.provider, { notifyBase: origin(req), returnBase: origin(req) }));
  app.get("/me/payments/:no", { config: { permission: "order.read.mine" }, schema: { tags, summary: "A payment I started, with its orders", params: z.strictObject({ no: z.string().regex(/^P\d{16}$/) }) } },
    (req) => myPayment(req.ctx, req.params.no));

  // F2: the providers' notifications. The body is kept as the exact text that was signed.
  await app.register(async (plain) => {
    const raw = plain as unknown as App;
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser("*", { parseAs: "string", bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    raw.post("/payments/notify/:provider", { config: { permission: "public" }, schema: { tags, summary: "Asynchronous payment notifications from a provider (signed)", params: z.strictObject({ provider: z.enum(providerNames) }) } }, async (req, reply) => {
      const r = await receiveNotification(req.ctx, req.params.provider, { headers: req.headers, body: typeof req.body === "string" ? req.body : "" });
      return reply.code(r.reply.status).type(r.reply.contentType).send(r.reply.body);
    });
    // The sandbox gateway's hosted page: the buyer confirms or fails the payment here.
    raw.get("/sandbox/pay/:tradeNo", { config: { permission: "public" }, schema: { tags: ["sandbox"], summary: "The sandbox gateway's payment page", params: z.strictObject({ tradeNo: z.string().max(40) }) } }, async (req, reply) => {
      const t = await tradeByNo(req.ctx.db, { tradeNo: req.params.tradeNo });
      return reply.code(t ? 200 : 404).type("text/html; charset=utf-8").send(sandboxPage(t, req.ctx.clock.now()));
    });
    raw.post("/sandbox/pay/:tradeNo/:outcome", {
      config: { permission: "public" },
      schema: { tags: ["sandbox"], summary: "The buyer's decision on the sandbox page; the gateway then notifies the platform", params: z.strictObject({ tradeNo: z.string().max(40), outcome: z.enum(["pay", "fail"]) }) },
    }, async (req, reply) => {
      try {
        const t = await decideTrade(req.ctx, req.params.tradeNo, req.params.outcome);
        if (req.ctx.loopback) await deliverDue(req.ctx, req.ctx.loopback, { tradeId: t.id });
        return reply.redirect(t.returnUrl, 303);
      } catch (e) {
        if (!(e instanceof ProviderError)) throw e;
        const t = await tradeByNo(req.ctx.db, { tradeNo: req.params.tradeNo });
        return reply.code(409).type("text/html; charset=utf-8").send(sandboxPage(t, req.ctx.clock.now(), e.message));
      }
    });
  });

  const Page = { ...PageQuery, limit: PageQuery.limit.default(50) };
  app.get("/admin/payments", { config: { permission: "finance.read" }, schema: { tags, summary: "Payment attempts", querystring: z.strictObject({ status: z.enum(paymentStatuses).optional(), provider: z.enum(providerNames).optional(), q: z.string().trim().max(64).optional(), ...Page }) } },
    (req) => listPayments(req.ctx, req.query));
  app.get("/admin/payments/:id", { config: { permission: "finance.read" }, schema: { tags, summary: "A payment with its notifications, refunds and reviews", params: IdParams } }, (req) => paymentDetail(req.ctx, req.params.id));
  app.get("/admin/payment-notifications", { config: { permission: "finance.read" }, schema: { tags, summary: "Every provider notification and what it did (F2)", querystring: z.strictObject({ outcome: z.string().max(30).optional(), ...Page }) } },
    (req) => listNotifications(req.ctx, req.query));
  app.get("/admin/refunds", { config: { permission: "finance.read" }, schema: { tags, summary: "Refunds (F6)", querystring: z.strictObject({ status: z.enum(["pending", "succeeded", "failed"]).optional(), ...Page }) } },
    (req) => listRefunds(req.ctx, req.query));
  app.get("/admin/payment-reviews", { config: { permission: "payment.review" }, schema: { tags, summary: "The payment review queue (F4)", querystring: z.strictObject({ status: z.enum(["open", "cleared", "rejected"]).optional(), kind: z.enum(reviewKinds).optional() }) } },
    (req) => listReviews(req.ctx, req.query));
  app.post("/admin/payment-reviews/:id/decision", {
    config: { permission: "payment.review" },
    schema: { tags, summary: "Clear or reject a held payment (F4)", params: IdParams, body: z.strictObject({ decision: z.enum(["clear", "reject"]), note: z.string().trim().min(2, "say why, in a few words").max(500) }) },
  }, (req) => decideReview(req.ctx, req.params.id, req.body));

  app.get("/admin/ledger/accounts", { config: { permission: "finance.read" }, schema: { tags: ["ledger"], summary: "Ledger accounts and their balances, derived from the entries (F3)" } },
    async (req) => ({ items: await accountBalances(req.ctx.db) }));
  app.get("/admin/ledger/entries", { config: { permission: "finance.read" }, schema: { tags: ["ledger"], summary: "Ledger entries, newest first", querystring: z.strictObject({ account: z.string().max(80).optional(), orderId: z.uuid().optional(), ...Page }) } },
    (req) => ledgerEntriesOf(req.ctx, req.query));
  app.get("/admin/ledger/verify", { config: { permission: "finance.read" }, schema: { tags: ["ledger"], summary: "Check every ledger invariant now (F3)" } }, (req) => verifyLedger(req.ctx.db));
}
