import { verify } from "node:crypto";
import type { Services } from "../../../server/context.js";
import type { PaymentProvider, VerifiedNotification } from "../providers/provider.js";
import { closeTrade, createTrade, refundTrade, sandboxKey, signedText, statementOf, tradeByNo, transferOut } from "./gateway.js";

const header = (h: Record<string, string | string[] | undefined>, k: string) => { const v = h[k]; return Array.isArray(v) ? v[0] : v; };

// The platform's side of the sandbox: the same adapter shape as Alipay or WeChat Pay.
export function sandboxProvider(s: Services): PaymentProvider {
  return {
    name: "sandbox",
    async createPayment(i) {
      const t = await createTrade(s, { outTradeNo: i.paymentNo, amountFen: i.amountFen, subject: i.subject, notifyUrl: i.notifyUrl, returnUrl: i.returnUrl, expiresAt: i.expiresAt });
      return { payUrl: `/api/v1/sandbox/pay/${t.tradeNo}`, providerRef: t.tradeNo };
    },
    async verifyNotification(n): Promise<VerifiedNotification> {
      const timestamp = header(n.headers, "x-sandbox-timestamp");
      const signature = header(n.headers, "x-sandbox-signature");
      if (!timestamp || !signature) return { ok: false, reason: "bad_signature", detail: "signature headers missing" };
      const key = await sandboxKey(s.db, s.clock.now());
      let good = false;
      try {
        good = verify("sha256", Buffer.from(signedText(timestamp, n.body)), key.publicPem, Buffer.from(signature, "base64"));
      } catch {
        good = false;
      }
      if (!good) return { ok: false, reason: "bad_signature", detail: "signature does not match the body" };
      let m: { out_trade_no?: unknown; trade_no?: unknown; amount_fen?: unknown; status?: unknown; paid_at?: unknown };
      try {
        m = JSON.parse(n.body);
      } catch {
        return { ok: false, reason: "malformed", detail: "body is not JSON" };
      }
      if (typeof m.out_trade_no !== "string" || typeof m.trade_no !== "string" || !Number.isSafeInteger(m.amount_fen) || !["SUCCESS", "FAILED", "CLOSED"].includes(m.status as string)) {
        return { ok: false, reason: "malformed", detail: "fields missing or of the wrong type" };
      }
      return {
        ok: true, kind: "payment", paymentNo: m.out_trade_no, providerTxnId: m.trade_no, amountFen: m.amount_fen as number,
        status: m.status === "SUCCESS" ? "succeeded" : m.status === "FAILED" ? "failed" : "closed", at: typeof m.paid_at === "string" ? new Date(m.paid_at) : null, raw: m,
      };
    },
    acknowledge: (accepted) => ({ status: 200, contentType: "text/plain", body: accepted ? "success" : "failure" }),
    async query(paymentNo) {
      const t = await tradeByNo(s.db, { outTradeNo: paymentNo });
      if (!t) return { status: "unknown", providerTxnId: null, amountFen: null, at: null };
      const status = ({ waiting: "pending", paid: "succeeded", failed: "failed", closed: "closed" } as const)[t.status];
      return { status, providerTxnId: t.tradeNo, amountFen: t.amountFen, at: t.paidAt };
    },
    close: (paymentNo) => closeTrade(s, paymentNo),
    async refund(r) {
      const done = await refundTrade(s, { outTradeNo: r.paymentNo, outRefundNo: r.refundNo, amountFen: r.amountFen });
      return { status: "succeeded", providerRefundId: done.refundId };
    },
    statement: (day) => statementOf(s, day),
    async transfer(t) {
      const done = transferOut({ outTransferNo: t.transferNo, amountFen: t.amountFen, payeeId: t.payeeId });
      return { status: "succeeded", providerRef: done.transferId };
    },
  };
}
