import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { rowsOf } from "../../../lib/db-types.js";
import type { Db } from "../../../lib/db-types.js";
import { newId } from "../../../lib/ids.js";
import { fen, percentOf } from "../../../lib/money.js";
import type { Services } from "../../../server/context.js";
import { ProviderError } from "../providers/provider.js";
import { sandboxKeys, sandboxOutbox, sandboxRefunds, sandboxTrades } from "../schema.js";

type Trade = typeof sandboxTrades.$inferSelect;
export type SandboxStatus = "SUCCESS" | "FAILED" | "CLOSED";

// F1: the built-in gateway. It keeps its own books in its own tables and talks to the
// platform only as a real provider does: a hosted page, signed asynchronous
// notifications retried until acknowledged, queries, refunds and a daily statement.
// Its RSA key is made once per database; the platform verifies with the public half.
export async function sandboxKey(db: Db, now: Date) {
  const [k] = await db.select().from(sandboxKeys).where(eq(sandboxKeys.id, "default"));
  if (k) return k;
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  await db.insert(sandboxKeys).values({ id: "default", privatePem: pair.privateKey, publicPem: pair.publicKey, createdAt: now }).onConflictDoNothing();
  const [row] = await db.select().from(sandboxKeys).where(eq(sandboxKeys.id, "default"));
  return row!;
}

// The message a notification's signature covers: timestamp, newline, the exact body.
export const signedText = (timestamp: string, body: string) => `${timestamp}\n${body}`;

const tradeNo = () => `SBX${newId().replace(/-/g, "").slice(-20).toUpperCase()}`;

export async function createTrade(s: Services, t: { outTradeNo: string; amountFen: number; subject: string; notifyUrl: string; returnUrl: string; expiresAt: Date }) {
  const now = s.clock.now();
  await s.db.insert(sandboxTrades).values({ id: newId(), tradeNo: tradeNo(), status: "waiting", createdAt: now, ...t }).onConflictDoNothing();
  const [trade] = await s.db.select().from(sandboxTrades).where(eq(sandboxTrades.outTradeNo, t.outTradeNo));
  // Like a real gateway: the same out_trade_no with another amount is refused.
  if (trade!.amountFen !== t.amountFen) throw new ProviderError("sandbox", "TRADE_AMOUNT_CHANGED", `Trade ${t.outTradeNo} exists with another amount.`);
  return trade!;
}

export async function tradeByNo(db: Db, tradeNoOrOut: { tradeNo?: string; outTradeNo?: string }) {
  const [t] = await db.select().from(sandboxTrades).where(tradeNoOrOut.tradeNo ? eq(sandboxTrades.tradeNo, tradeNoOrOut.tradeNo) : eq(sandboxTrades.outTradeNo, tradeNoOrOut.outTradeNo!));
  return t ?? null;
}

// The buyer's decision on the hosted page. Only a waiting, unexpired trade can be decided;
// the decision and the notification it owes are written together, so a crash between
// them cannot leave money taken and nobody told.
export async function decideTrade(s: Services, tradeNoValue: string, outcome: "pay" | "fail") {
  const now = s.clock.now();
  const key = await sandboxKey(s.db, now);
  const status = outcome === "pay" ? "paid" : "failed";
  const t = await s.db.transaction(async (tx) => {
    const [t] = await tx.update(sandboxTrades).set({ status, paidAt: outcome === "pay" ? now : null })
      .where(and(eq(sandboxTrades.tradeNo, tradeNoValue), eq(sandboxTrades.status, "waiting"), gte(sandboxTrades.expiresAt, now))).returning();
    if (t) {
      const body = notificationBody(t, outcome === "pay" ? "SUCCESS" : "FAILED");
      await tx.insert(sandboxOutbox).values({ id: newId(), tradeId: t.id, url: t.notifyUrl, body, headers: signWith(key.privatePem, body, now), dueAt: now, createdAt: now });
    }
    return t;
  });
  if (!t) {
    const existing = await tradeByNo(s.db, { tradeNo: tradeNoValue });
    if (!existing) throw new ProviderError("sandbox", "TRADE_NOT_FOUND", "This payment does not exist at the gateway.");
    throw new ProviderError("sandbox", existing.status === "waiting" ? "TRADE_EXPIRED" : "TRADE_DECIDED", existing.status === "waiting" ? "This payment has expired." : `This payment is already ${existing.status}.`);
  }
  return t;
}

export async function closeTrade(s: Services, outTradeNo: string) {
  await s.db.update(sandboxTrades).set({ status: "closed" }).where(and(eq(sandboxTrades.outTradeNo, outTradeNo), eq(sandboxTrades.status, "waiting")));
}

export function notificationBody(t: Trade, status: SandboxStatus, notifyId = newId()) {
  return JSON.stringify({ notify_id: notifyId, out_trade_no: t.outTradeNo, trade_no: t.tradeNo, amount_fen: t.amountFen, status, paid_at: t.paidAt?.toISOString() ?? null });
}

function signWith(privatePem: string, body: string, now: Date) {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signature = sign("sha256", Buffer.from(signedText(timestamp, body)), privatePem).toString("base64");
  return { "content-type": "application/json", "x-sandbox-timestamp": timestamp, "x-sandbox-signature": signature };
}

export async function signNotification(s: Services, body: string) {
  const key = await sandboxKey(s.db, s.clock.now());
  return signWith(key.privatePem, body, s.clock.now());
}

export type Deliver = (url: string, headers: Record<string, string>, body: string) => Promise<{ status: number; body: string }>;

// Delivers what is due, oldest first (or only one trade's, right after its page was
// decided). Each row is leased before sending, so two deliverers never send the same
// one. Like Alipay, the gateway retries with growing gaps until the platform answers
// "success", for about a day.
const BACKOFF_MINUTES = [1, 2, 4, 10, 30, 60, 180, 360, 720];
const LEASE_MS = 2 * 60_000;
export async function deliverDue(s: Services, deliver: Deliver, opts: { tradeId?: string; limit?: number } = {}) {
  const now = s.clock.now();
  const due = rowsOf<{ id: string }>(await s.db.execute(sql`
    update ${sandboxOutbox} set due_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
    where id in (select id from ${sandboxOutbox} where delivered_at is null and due_at <= ${now.toISOString()}::timestamptz and attempts <= ${BACKOFF_MINUTES.length}
      ${opts.tradeId ? sql`and trade_id = ${opts.tradeId}` : sql``} order by due_at limit ${opts.limit ?? 50} for update skip locked)
    returning id`));
  const rows = due.length ? await s.db.select().from(sandboxOutbox).where(inArray(sandboxOutbox.id, due.map((d) => d.id))).orderBy(asc(sandboxOutbox.createdAt)) : [];
  let delivered = 0;
  for (const n of rows) {
    let status = 0;
    let body = "";
    try {
      ({ status, body } = await deliver(n.url, n.headers, n.body));
    } catch {
      status = 0;
    }
    const ok = status === 200 && body.trim() === "success";
    const wait = BACKOFF_MINUTES[Math.min(n.attempts, BACKOFF_MINUTES.length - 1)]!;
    await s.db.update(sandboxOutbox).set({
      attempts: sql`${sandboxOutbox.attempts} + 1`, lastStatus: status, deliveredAt: ok ? s.clock.now() : null, dueAt: ok ? now : new Date(s.clock.now().getTime() + wait * 60_000),
    }).where(eq(sandboxOutbox.id, n.id));
    if (ok) delivered++;
  }
  return { due: rows.length, delivered };
}

export async function refundTrade(s: Services, r: { outTradeNo: string; outRefundNo: string; amountFen: number }) {
  return s.db.transaction(async (tx) => {
    const [done] = await tx.select().from(sandboxRefunds).where(eq(sandboxRefunds.outRefundNo, r.outRefundNo));
    if (done) return done;
    const [t] = await tx.update(sandboxTrades).set({ refundedFen: sql`${sandboxTrades.refundedFen} + ${r.amountFen}` })
      .where(and(eq(sandboxTrades.outTradeNo, r.outTradeNo), eq(sandboxTrades.status, "paid"), sql`${sandboxTrades.refundedFen} + ${r.amountFen} <= ${sandboxTrades.amountFen}`)).returning();
    if (!t) throw new ProviderError("sandbox", "REFUND_REFUSED", "The trade is not paid, or the refunds would exceed what was paid.");
    const [row] = await tx.insert(sandboxRefunds).values({ id: newId(), outRefundNo: r.outRefundNo, refundId: `SBR${newId().replace(/-/g, "").slice(-20).toUpperCase()}`, tradeId: t.id, amountFen: r.amountFen, createdAt: s.clock.now() }).returning();
    return row!;
  });
}

// The statement of one Shanghai day: payments and refunds, with a fee of 0.6% on payments.
export async function statementOf(s: Services, day: string) {
  const from = new Date(`${day}T00:00:00+08:00`);
  const to = new Date(from.getTime() + 86_400_000);
  const paid = await s.db.select().from(sandboxTrades).where(and(eq(sandboxTrades.status, "paid"), gte(sandboxTrades.paidAt, from), lt(sandboxTrades.paidAt, to)));
  const refunded = await s.db.select({ r: sandboxRefunds, outTradeNo: sandboxTrades.outTradeNo }).from(sandboxRefunds).innerJoin(sandboxTrades, eq(sandboxTrades.id, sandboxRefunds.tradeId))
    .where(and(gte(sandboxRefunds.createdAt, from), lt(sandboxRefunds.createdAt, to)));
  return [
    ...paid.map((t) => ({ kind: "payment" as const, no: t.outTradeNo, providerTxnId: t.tradeNo, amountFen: t.amountFen, feeFen: percentOf(fen(t.amountFen), 60), at: t.paidAt! })),
    ...refunded.map(({ r, outTradeNo }) => ({ kind: "refund" as const, no: r.outRefundNo, providerTxnId: r.refundId, amountFen: r.amountFen, feeFen: 0, at: r.createdAt, tradeNo: outTradeNo })),
  ];
}

// F5: a transfer to a shop (企业付款). The sandbox keeps no books of transfers: it checks
// the request as a gateway would and answers with a reference derived from our transfer
// number, so that asking again with the same number answers the same reference, never a
// second transfer. Nothing else about the transfer is stored at the gateway.
export function transferOut(t: { outTransferNo: string; amountFen: number; payeeId: string }) {
  if (!/^[A-Za-z0-9-]{6,64}$/.test(t.outTransferNo)) throw new ProviderError("sandbox", "TRANSFER_NO_INVALID", "The transfer number must be 6–64 letters, digits or dashes.");
  if (!Number.isSafeInteger(t.amountFen) || t.amountFen <= 0) throw new ProviderError("sandbox", "TRANSFER_AMOUNT_INVALID", "A transfer must be a positive whole number of 分.");
  if (!t.payeeId) throw new ProviderError("sandbox", "PAYEE_MISSING", "A transfer needs a payee.");
  return { transferId: `SBT${createHash("sha256").update(t.outTransferNo).digest("hex").slice(0, 20).toUpperCase()}`, amountFen: t.amountFen, status: "SUCCESS" as const };
}
