// F1: one interface in front of every licensed payment provider. Adapters speak the
// provider's published protocol and nothing else: they never touch the database, so the
// payments module decides what a verified message means for our books.
export type ProviderName = "sandbox" | "alipay" | "wechatpay";
export const providerNames: ProviderName[] = ["sandbox", "alipay", "wechatpay"];

export interface CreatePaymentInput {
  paymentNo: string;          // our number, sent as out_trade_no: a retry reuses it, never a new one
  amountFen: number;
  subject: string;
  notifyUrl: string;          // absolute URL of POST /api/v1/payments/notify/<provider>
  returnUrl: string;          // where the buyer's browser goes after paying
  expiresAt: Date;
  clientIp?: string | null;
}
export interface CreatedPayment { payUrl: string | null; qrCode?: string | null; providerRef?: string | null }

// What arrived at the notify route, untouched: signatures cover the exact bytes.
export interface InboundNotification { headers: Record<string, string | string[] | undefined>; body: string }

export type VerifiedNotification =
  | { ok: true; kind: "payment"; paymentNo: string; providerTxnId: string; amountFen: number; status: "succeeded" | "failed" | "closed"; at: Date | null; raw: unknown }
  | { ok: true; kind: "refund"; refundNo: string; providerRefundId: string; amountFen: number; status: "succeeded" | "failed"; at: Date | null; raw: unknown }
  | { ok: false; reason: "bad_signature" | "malformed" | "unsupported"; detail: string };

export interface QueryResult { status: "pending" | "succeeded" | "failed" | "closed" | "unknown"; providerTxnId: string | null; amountFen: number | null; at: Date | null }
export interface RefundInput { paymentNo: string; providerTxnId: string | null; refundNo: string; amountFen: number; totalFen: number; reason: string; notifyUrl?: string }
export interface RefundResult { status: "succeeded" | "pending" | "failed"; providerRefundId: string | null; detail?: string }
// F5: money from the platform's account at the provider to a shop's account.
export interface TransferInput { transferNo: string; amountFen: number; payeeId: string; payeeName: string; memo: string }
export interface TransferResult { status: "succeeded" | "pending" | "failed"; providerRef: string | null; detail?: string }
export interface StatementLine { kind: "payment" | "refund"; no: string; providerTxnId: string; amountFen: number; feeFen: number; at: Date }

export interface PaymentProvider {
  name: ProviderName;
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  // Verifies the signature (and decrypts, for WeChat Pay) and parses; never throws on bad input.
  verifyNotification(n: InboundNotification): Promise<VerifiedNotification>;
  // The reply the provider expects, so that it stops (accepted) or retries (not accepted).
  acknowledge(accepted: boolean): { status: number; contentType: string; body: string };
  query(paymentNo: string): Promise<QueryResult>;
  // Closes an unpaid payment so that it can no longer be paid (order cancelled).
  close(paymentNo: string): Promise<void>;
  // Idempotent by refundNo: asking again with the same number never refunds twice.
  refund(input: RefundInput): Promise<RefundResult>;
  // The provider's statement of one Shanghai calendar day (YYYY-MM-DD), for reconciliation.
  statement(day: string): Promise<StatementLine[]>;
  // Pays a shop out; idempotent by transferNo. Only providers with a payout product offer it.
  transfer?(input: TransferInput): Promise<TransferResult>;
}

export class ProviderError extends Error {
  constructor(public provider: ProviderName, public code: string, message: string) { super(message); }
}
