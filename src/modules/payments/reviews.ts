import { and, asc, desc, eq } from "drizzle-orm";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { orders } from "../orders/schema.js";
import { cancelUnpaid } from "../orders/service.js";
import { paymentReviews, payments, type ReviewKind } from "./schema.js";
import { reviewReason } from "./service.js";
import { next } from "../../lib/machine.js";
import { paymentMachine } from "./machine.js";

export async function listReviews(ctx: Ctx, q: { status?: "open" | "cleared" | "rejected"; kind?: ReviewKind }) {
  const rows = await ctx.db.select({ r: paymentReviews, paymentNo: payments.no, amountFen: payments.amountFen, paymentStatus: payments.status, provider: payments.provider })
    .from(paymentReviews).leftJoin(payments, eq(payments.id, paymentReviews.paymentId))
    .where(and(q.status ? eq(paymentReviews.status, q.status) : undefined, q.kind ? eq(paymentReviews.kind, q.kind) : undefined))
    .orderBy(q.status === "open" ? asc(paymentReviews.createdAt) : desc(paymentReviews.createdAt)).limit(200);
  return { items: rows.map(({ r, ...p }) => ({ ...r, ...p, reason: reviewReason(r.kind) })) };
}

// F4: a person decides. Clearing a held payment lets the buyer pay; rejecting it closes
// the payment and cancels its unpaid orders (their stock goes back on sale). Reviews of
// money already received (wrong amount, late payment) are closed with a note.
export async function decideReview(ctx: Ctx, id: string, d: { decision: "clear" | "reject"; note: string }) {
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(paymentReviews).where(eq(paymentReviews.id, id)).for("update");
    if (!r) throw new NotFound("Review", "REVIEW_NOT_FOUND");
    if (r.status !== "open") throw new Conflict("REVIEW_DECIDED", `This review was already ${r.status} by ${r.decidedByLabel}.`);
    const now = ctx.clock.now();
    const [p] = r.paymentId ? await tx.select().from(payments).where(eq(payments.id, r.paymentId)).for("update") : [];
    if (p?.status === "review") {
      const others = await tx.select({ id: paymentReviews.id }).from(paymentReviews).where(and(eq(paymentReviews.paymentId, p.id), eq(paymentReviews.status, "open")));
      // A held payment is released only when every open review of it is decided; one rejection closes it.
      if (d.decision === "reject") {
        await tx.update(payments).set({ status: next(paymentMachine, p.status, "close"), failureReason: `refused after review: ${d.note}`, updatedAt: now }).where(eq(payments.id, p.id));
        for (const o of await tx.select().from(orders).where(and(eq(orders.checkoutId, p.checkoutId), eq(orders.status, "pending_payment"))).for("update")) {
          await cancelUnpaid(tx, { ...ctx, actor: ctx.actor }, o, "cancel", `payment refused after review: ${d.note}`);
        }
      } else if (others.length === 1) {
        await tx.update(payments).set({ status: next(paymentMachine, p.status, "clear"), failureReason: null, updatedAt: now }).where(eq(payments.id, p.id));
      }
    }
    const [done] = await tx.update(paymentReviews).set({ status: d.decision === "clear" ? "cleared" : "rejected", decidedByLabel: ctx.actor.label, decisionNote: d.note, decidedAt: now })
      .where(eq(paymentReviews.id, id)).returning();
    await recordAudit(tx, ctx, { action: `payment.review.${d.decision}`, entityType: "payment_review", entityId: id, summary: { kind: r.kind, paymentId: r.paymentId, note: d.note } });
    return done!;
  });
}
