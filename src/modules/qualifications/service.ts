import { and, asc, desc, eq, inArray, isNull, isNotNull, type SQL } from "drizzle-orm";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { addDays, addMonths, shanghaiDay } from "../../lib/clock.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { merchants } from "../merchants/schema.js";
import { checkDocumentFile, requirements, type DocumentInput } from "../onboarding/service.js";
import { applicationDocuments, merchantApplications } from "../onboarding/schema.js";
import { requiredKinds } from "../onboarding/rules.js";
import { getRule } from "../settings/index.js";
import { closeTasks, raiseTask } from "../tasks/index.js";
import { renewalMachine, reverificationMachine, type ReverificationStatus } from "./machine.js";
import { qualificationRenewals, reverifications } from "./schema.js";

type AppRow = typeof merchantApplications.$inferSelect;
type DocRow = typeof applicationDocuments.$inferSelect;
type RenewalRow = typeof qualificationRenewals.$inferSelect;
type ReverificationRow = typeof reverifications.$inferSelect;

// Dates on documents are calendar days; a document valid until D is expired from D+1.
const daysUntil = (day: string, today: string) => Math.round((Date.parse(day) - Date.parse(today)) / 86_400_000);

async function approvedApplication(q: Queryable, merchantId: string): Promise<AppRow | null> {
  const [app] = await q.select().from(merchantApplications).where(and(eq(merchantApplications.merchantId, merchantId), eq(merchantApplications.status, "approved")));
  return app ?? null;
}

async function qualificationFile(q: Queryable, merchantId: string) {
  const app = await approvedApplication(q, merchantId);
  if (!app) throw new NotFound("This shop's qualification file (shops opened by the platform itself have none)", "QUALIFICATION_FILE_NOT_FOUND");
  const docs = await q.select().from(applicationDocuments).where(and(eq(applicationDocuments.applicationId, app.id), isNull(applicationDocuments.replacedAt)))
    .orderBy(asc(applicationDocuments.kind));
  const required = requiredKinds(await requirements(q), app.entityType!, app.categories);
  return { app, docs, required };
}

function docState(d: DocRow, today: string, warnDays: number) {
  if (!d.validUntil) return { state: "valid" as const, daysLeft: null };
  const daysLeft = daysUntil(d.validUntil, today);
  return { state: daysLeft < 0 ? ("expired" as const) : daysLeft <= warnDays ? ("expiring" as const) : ("valid" as const), daysLeft };
}

// Sets the hold while a mandatory document is expired and lifts it once none is (M3).
async function refreshHold(tx: Tx, ctx: Ctx, merchantId: string, file: Awaited<ReturnType<typeof qualificationFile>>) {
  const today = shanghaiDay(ctx.clock.now());
  const expired = file.docs.filter((d) => file.required.includes(d.kind) && d.validUntil && d.validUntil < today);
  const [m] = await tx.select().from(merchants).where(eq(merchants.id, merchantId)).for("update");
  if (expired.length && !m!.qualificationHoldSince) {
    await tx.update(merchants).set({ qualificationHoldSince: ctx.clock.now() }).where(eq(merchants.id, merchantId));
    await recordAudit(tx, ctx, { action: "merchant.qualification_hold", entityType: "merchant", entityId: merchantId, summary: { expired: expired.map((d) => ({ id: d.id, kind: d.kind, validUntil: d.validUntil })) } });
  } else if (!expired.length && m!.qualificationHoldSince) {
    await tx.update(merchants).set({ qualificationHoldSince: null }).where(eq(merchants.id, merchantId));
    await recordAudit(tx, ctx, { action: "merchant.qualification_hold_lifted", entityType: "merchant", entityId: merchantId, summary: { since: m!.qualificationHoldSince } });
  }
  return expired.length > 0;
}

// One merchant's daily check: warn before expiry, hold on expiry, open the re-verification.
export async function checkMerchantQualifications(tx: Tx, ctx: Ctx, merchantId: string) {
  const file = await qualificationFile(tx, merchantId);
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const warnDays = await getRule(ctx, "merchant.docExpiryWarningDays", tx);
  let raised = 0;
  for (const d of file.docs) {
    const { state } = docState(d, today, warnDays);
    if (state === "valid") continue;
    const params = { documentKind: d.kind, number: d.number, validUntil: d.validUntil, mandatory: file.required.includes(d.kind) ? 1 : 0 };
    const dueAt = new Date(`${d.validUntil}T23:59:59.999Z`);
    // Once expired, the earlier warning has served its purpose.
    if (state === "expired") await closeTasks(tx, ctx, { subjectType: "qualification_document", subjectId: d.id, kinds: ["document_expiring"] }, ctx.actor.label);
    for (const audience of ["merchant", "platform"] as const) {
      const t = await raiseTask(tx, ctx, {
        audience, merchantId, permission: audience === "platform" ? "merchant.review" : undefined, kind: state === "expired" ? "document_expired" : "document_expiring",
        subjectType: "qualification_document", subjectId: d.id, dueAt, params, dedupeKey: `${state}:${audience}:${d.id}`,
      });
      if (t) raised++;
    }
  }
  const held = await refreshHold(tx, ctx, merchantId, file);
  const reverification = await scheduleReverification(tx, ctx, file.app, warnDays);
  return { held, raised, reverification };
}

// The next re-verification opens a warning window before it is due: merchant.reverifyMonths
// after approval or after the last one passed.
async function scheduleReverification(tx: Tx, ctx: Ctx, app: AppRow, leadDays: number) {
  const merchantId = app.merchantId!;
  const [last] = await tx.select().from(reverifications).where(eq(reverifications.merchantId, merchantId)).orderBy(desc(reverifications.createdAt)).limit(1);
  if (last && last.status !== "passed") return null;
  const months = await getRule(ctx, "merchant.reverifyMonths", tx);
  const dueAt = addMonths(last?.decidedAt ?? app.decidedAt!, months);
  if (addDays(dueAt, -leadDays) > ctx.clock.now()) return null;
  const [row] = await tx.insert(reverifications).values({ id: newId(), merchantId, status: "due", dueAt, createdAt: ctx.clock.now() }).returning();
  for (const audience of ["merchant", "platform"] as const) {
    await raiseTask(tx, ctx, {
      audience, merchantId, permission: audience === "platform" ? "merchant.review" : undefined, kind: audience === "merchant" ? "reverification_due" : "reverification",
      subjectType: "reverification", subjectId: row!.id, dueAt, dedupeKey: `reverification:${audience}:${row!.id}`, params: { dueAt: dueAt.toISOString() },
    });
  }
  await recordAudit(tx, ctx, { action: "merchant.reverification_open", entityType: "merchant", entityId: merchantId, summary: { reverificationId: row!.id, dueAt } });
  return row!.id;
}

// The daily job: every merchant with a qualification file, each in its own transaction so
// one merchant's trouble does not hold up the others.
export async function checkQualifications(s: Services) {
  const ctx = ctxFor(s, systemActor("qualification check"));
  const rows = await s.db.select({ merchantId: merchantApplications.merchantId }).from(merchantApplications)
    .where(and(eq(merchantApplications.status, "approved"), isNotNull(merchantApplications.merchantId)));
  const summary = { merchants: 0, held: 0, tasksRaised: 0, reverificationsOpened: 0 };
  for (const { merchantId } of rows) {
    const r = await s.db.transaction((tx) => checkMerchantQualifications(tx, ctx, merchantId!));
    summary.merchants++;
    if (r.held) summary.held++;
    summary.tasksRaised += r.raised;
    if (r.reverification) summary.reverificationsOpened++;
  }
  return summary;
}

const renewalView = (r: RenewalRow, extra: { merchantName?: string; replaces?: DocRow | null } = {}) => ({
  id: r.id, merchantId: r.merchantId, merchantName: extra.merchantName ?? null, status: r.status, kind: r.kind, number: r.number, issuer: r.issuer,
  validFrom: r.validFrom, validUntil: r.validUntil, fileName: r.fileName, mime: r.mime, size: r.size, submittedAt: r.submittedAt, submittedBy: r.submittedByLabel,
  reason: r.reason, decidedAt: r.decidedAt, decidedBy: r.decidedByLabel, replacesDocumentId: r.replacesDocumentId,
  replaces: extra.replaces ? { id: extra.replaces.id, kind: extra.replaces.kind, number: extra.replaces.number, issuer: extra.replaces.issuer, validFrom: extra.replaces.validFrom, validUntil: extra.replaces.validUntil } : null,
});

const reverificationView = (r: ReverificationRow) => ({
  id: r.id, merchantId: r.merchantId, status: r.status, dueAt: r.dueAt, createdAt: r.createdAt, merchantNote: r.merchantNote, submittedAt: r.submittedAt,
  submittedBy: r.submittedByLabel, reason: r.reason, decidedAt: r.decidedAt, decidedBy: r.decidedByLabel,
});

// What the merchant (and the reviewer) see: every document in force with its expiry state,
// renewals under way, the re-verification and whether selling is on hold.
export async function qualificationOverview(ctx: Ctx, merchantId: string) {
  const file = await qualificationFile(ctx.db, merchantId);
  const today = shanghaiDay(ctx.clock.now());
  const warnDays = await getRule(ctx, "merchant.docExpiryWarningDays");
  const [m] = await ctx.db.select({ hold: merchants.qualificationHoldSince }).from(merchants).where(eq(merchants.id, merchantId));
  const renewals = await ctx.db.select().from(qualificationRenewals).where(eq(qualificationRenewals.merchantId, merchantId)).orderBy(desc(qualificationRenewals.submittedAt)).limit(50);
  const revs = await ctx.db.select().from(reverifications).where(eq(reverifications.merchantId, merchantId)).orderBy(desc(reverifications.createdAt)).limit(20);
  return {
    merchantId, applicationId: file.app.id, entityType: file.app.entityType, name: file.app.name, creditCode: file.app.creditCode, categories: file.app.categories,
    approvedAt: file.app.decidedAt, holdSince: m?.hold ?? null, warningDays: warnDays,
    documents: file.docs.map((d) => ({
      id: d.id, kind: d.kind, number: d.number, issuer: d.issuer, validFrom: d.validFrom, validUntil: d.validUntil, fileName: d.fileName, mime: d.mime,
      mandatory: file.required.includes(d.kind), ...docState(d, today, warnDays),
    })),
    missingMandatory: file.required.filter((k) => !file.docs.some((d) => d.kind === k)),
    renewals: renewals.map((r) => renewalView(r)),
    reverifications: revs.map(reverificationView),
  };
}

export const myQualifications = (ctx: Ctx) => qualificationOverview(ctx, ctx.actor.merchantId!);

export async function submitRenewal(ctx: Ctx, input: DocumentInput, file: { body: Buffer; fileName: string }) {
  const facts = checkDocumentFile(input, file);
  const merchantId = ctx.actor.merchantId!;
  const { app, docs } = await qualificationFile(ctx.db, merchantId);
  const replaced = input.replaces ? docs.find((d) => d.id === input.replaces) : null;
  if (input.replaces && !replaced) throw new NotFound("The document to renew", "DOCUMENT_NOT_FOUND");
  if (replaced && replaced.kind !== input.kind) {
    throw new RuleViolation("RENEWAL_KIND_MISMATCH", `The document being renewed is a ${replaced.kind}; upload a ${replaced.kind} to replace it.`, { expected: replaced.kind });
  }
  const id = newId();
  const key = `merchants/${merchantId}/renewals/${id}`;
  await ctx.storage.put(key, file.body);
  return ctx.db.transaction(async (tx) => {
    // One renewal under review per document (or per kind for a new one), taken under the merchant's row lock.
    await tx.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, merchantId)).for("update");
    const pending = await tx.select({ id: qualificationRenewals.id }).from(qualificationRenewals).where(and(
      eq(qualificationRenewals.merchantId, merchantId), eq(qualificationRenewals.status, "pending"), eq(qualificationRenewals.kind, input.kind),
      input.replaces ? eq(qualificationRenewals.replacesDocumentId, input.replaces) : isNull(qualificationRenewals.replacesDocumentId),
    ));
    if (pending.length) throw new Conflict("RENEWAL_PENDING", "A renewal of this document is already with the reviewers; wait for their decision.", { renewalId: pending[0]!.id });
    const [row] = await tx.insert(qualificationRenewals).values({
      id, merchantId, applicationId: app.id, replacesDocumentId: input.replaces ?? null, kind: input.kind, number: input.number.trim(), issuer: input.issuer.trim(),
      validFrom: input.validFrom, validUntil: input.validUntil ?? null, fileKey: key, ...facts, status: "pending", submittedAt: ctx.clock.now(), submittedByLabel: ctx.actor.label,
    }).returning();
    await raiseTask(tx, ctx, {
      audience: "platform", merchantId, permission: "merchant.review", kind: "renewal_review", subjectType: "qualification_renewal", subjectId: id,
      dueAt: addDays(ctx.clock.now(), 3), dedupeKey: `renewal-review:${id}`, params: { documentKind: input.kind },
    });
    await recordAudit(tx, ctx, { action: "qualification.renewal_submit", entityType: "merchant", entityId: merchantId, summary: { renewalId: id, kind: input.kind, replaces: input.replaces ?? null } });
    return renewalView(row!, { replaces: replaced });
  });
}

async function renewalById(q: Queryable, id: string, lock = false) {
  const base = q.select().from(qualificationRenewals).where(eq(qualificationRenewals.id, id));
  const [r] = lock ? await base.for("update") : await base;
  if (!r) throw new NotFound("Renewal", "RENEWAL_NOT_FOUND");
  return r;
}

export async function renewalQueue(ctx: Ctx, q: { status?: "pending" | "approved" | "rejected"; limit: number }) {
  const rows = await ctx.db.select({ r: qualificationRenewals, name: merchants.name }).from(qualificationRenewals).innerJoin(merchants, eq(merchants.id, qualificationRenewals.merchantId))
    .where(eq(qualificationRenewals.status, q.status ?? "pending")).orderBy(asc(qualificationRenewals.submittedAt)).limit(q.limit);
  return { items: rows.map((x) => renewalView(x.r, { merchantName: x.name })) };
}

// For the reviewer: the renewal beside the document it replaces.
export async function renewalForReview(ctx: Ctx, id: string) {
  const r = await renewalById(ctx.db, id);
  const [m] = await ctx.db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, r.merchantId));
  const [old] = r.replacesDocumentId ? await ctx.db.select().from(applicationDocuments).where(eq(applicationDocuments.id, r.replacesDocumentId)) : [];
  return renewalView(r, { merchantName: m?.name, replaces: old ?? null });
}

export async function renewalFile(ctx: Ctx, id: string, asReviewer: boolean) {
  const r = await renewalById(ctx.db, id);
  if (!asReviewer && r.merchantId !== ctx.actor.merchantId) throw new NotFound("Renewal", "RENEWAL_NOT_FOUND");
  return { body: await ctx.storage.get(r.fileKey), mime: r.mime, fileName: r.fileName };
}

// The renewed document enters the qualification file, the old one leaves it, and a hold
// that it caused is lifted — in one transaction.
export async function approveRenewal(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const r = await renewalById(tx, id, true);
    const to = next(renewalMachine, r.status, "approve");
    const now = ctx.clock.now();
    const documentId = newId();
    if (r.replacesDocumentId) {
      const gone = await tx.update(applicationDocuments).set({ replacedAt: now })
        .where(and(eq(applicationDocuments.id, r.replacesDocumentId), isNull(applicationDocuments.replacedAt))).returning();
      if (!gone.length) throw new Conflict("DOCUMENT_ALREADY_REPLACED", "The document this renewal replaces was replaced meanwhile; reject this renewal.");
      await closeTasks(tx, ctx, { subjectType: "qualification_document", subjectId: r.replacesDocumentId }, ctx.actor.label);
    }
    await tx.insert(applicationDocuments).values({
      id: documentId, applicationId: r.applicationId, kind: r.kind, number: r.number, issuer: r.issuer, validFrom: r.validFrom, validUntil: r.validUntil,
      fileKey: r.fileKey, fileName: r.fileName, mime: r.mime, size: r.size, sha256: r.sha256, uploadedAt: r.submittedAt,
    });
    const [row] = await tx.update(qualificationRenewals).set({ status: to, decidedAt: now, decidedByLabel: ctx.actor.label, documentId }).where(eq(qualificationRenewals.id, id)).returning();
    await closeTasks(tx, ctx, { subjectType: "qualification_renewal", subjectId: id }, ctx.actor.label);
    const held = await refreshHold(tx, ctx, r.merchantId, await qualificationFile(tx, r.merchantId));
    await recordAudit(tx, ctx, { action: "qualification.renewal_approve", entityType: "merchant", entityId: r.merchantId, summary: { renewalId: id, documentId, replaced: r.replacesDocumentId, stillHeld: held } });
    return renewalView(row!);
  });
}

export async function rejectRenewal(ctx: Ctx, id: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const r = await renewalById(tx, id, true);
    const to = next(renewalMachine, r.status, "reject");
    const now = ctx.clock.now();
    const [row] = await tx.update(qualificationRenewals).set({ status: to, reason: reason.trim(), decidedAt: now, decidedByLabel: ctx.actor.label }).where(eq(qualificationRenewals.id, id)).returning();
    await closeTasks(tx, ctx, { subjectType: "qualification_renewal", subjectId: id }, ctx.actor.label);
    await raiseTask(tx, ctx, {
      audience: "merchant", merchantId: r.merchantId, kind: "document_renewal_rejected", subjectType: "qualification_renewal", subjectId: id,
      dedupeKey: `renewal-rejected:${id}`, params: { documentKind: r.kind, reason: reason.trim() },
    });
    await recordAudit(tx, ctx, { action: "qualification.renewal_reject", entityType: "merchant", entityId: r.merchantId, summary: { renewalId: id, reason } });
    return renewalView(row!);
  });
}

async function reverificationById(q: Queryable, id: string, lock = false) {
  const base = q.select().from(reverifications).where(eq(reverifications.id, id));
  const [r] = lock ? await base.for("update") : await base;
  if (!r) throw new NotFound("Re-verification", "REVERIFICATION_NOT_FOUND");
  return r;
}

// The merchant confirms that its entity data and documents are current (renewals go separately).
export async function submitReverification(ctx: Ctx, note?: string) {
  return ctx.db.transaction(async (tx) => {
    const [open] = await tx.select().from(reverifications)
      .where(and(eq(reverifications.merchantId, ctx.actor.merchantId!), inArray(reverifications.status, ["due", "returned"]))).for("update");
    if (!open) throw new NotFound("An open re-verification", "REVERIFICATION_NOT_FOUND");
    const to = next(reverificationMachine, open.status, "submit");
    const [row] = await tx.update(reverifications).set({ status: to, merchantNote: note?.trim() || null, submittedAt: ctx.clock.now(), submittedByLabel: ctx.actor.label })
      .where(eq(reverifications.id, open.id)).returning();
    await closeTasks(tx, ctx, { subjectType: "reverification", subjectId: open.id, kinds: ["reverification_due", "reverification_returned"] }, ctx.actor.label);
    await recordAudit(tx, ctx, { action: "qualification.reverification_submit", entityType: "merchant", entityId: open.merchantId, summary: { reverificationId: open.id } });
    return reverificationView(row!);
  });
}

export async function reverificationQueue(ctx: Ctx, q: { status?: ReverificationStatus; limit: number }) {
  const where: SQL[] = q.status ? [eq(reverifications.status, q.status)] : [inArray(reverifications.status, ["due", "submitted", "returned"])];
  const rows = await ctx.db.select({ r: reverifications, name: merchants.name }).from(reverifications).innerJoin(merchants, eq(merchants.id, reverifications.merchantId))
    .where(and(...where)).orderBy(asc(reverifications.dueAt)).limit(q.limit);
  const now = ctx.clock.now();
  return { items: rows.map((x) => ({ ...reverificationView(x.r), merchantName: x.name, overdue: x.r.status !== "passed" && x.r.dueAt < now })) };
}

export async function decideReverification(ctx: Ctx, id: string, input: { decision: "pass" | "return"; reason?: string }) {
  if (input.decision === "return" && !input.reason?.trim()) throw new RuleViolation("REASON_REQUIRED", "Say what the merchant must correct or provide.");
  return ctx.db.transaction(async (tx) => {
    const r = await reverificationById(tx, id, true);
    const to = next(reverificationMachine, r.status, input.decision);
    if (input.decision === "pass") {
      const [m] = await tx.select({ hold: merchants.qualificationHoldSince }).from(merchants).where(eq(merchants.id, r.merchantId));
      if (m?.hold) throw new RuleViolation("QUALIFICATION_HOLD", "A mandatory document of this merchant is expired; it cannot pass re-verification until the renewal is approved.");
    }
    const now = ctx.clock.now();
    const [row] = await tx.update(reverifications).set({ status: to, reason: input.reason?.trim() || null, decidedAt: now, decidedByLabel: ctx.actor.label }).where(eq(reverifications.id, id)).returning();
    if (to === "passed") await closeTasks(tx, ctx, { subjectType: "reverification", subjectId: id }, ctx.actor.label);
    await raiseTask(tx, ctx, {
      audience: "merchant", merchantId: r.merchantId, kind: to === "passed" ? "reverification_passed" : "reverification_returned", subjectType: "reverification", subjectId: id,
      dedupeKey: `reverification-${to}:${id}:${now.toISOString()}`, params: { reason: input.reason?.trim() ?? null },
    });
    await recordAudit(tx, ctx, { action: `qualification.reverification_${input.decision}`, entityType: "merchant", entityId: r.merchantId, summary: { reverificationId: id, reason: input.reason ?? null } });
    return reverificationView(row!);
  });
}

// What a shop is qualified for today (P3): the business categories it was approved for
// and the kinds of documents it holds that have not expired.
export async function merchantCredentials(q: Queryable, merchantId: string, now: Date) {
  const app = await approvedApplication(q, merchantId);
  if (!app) return { businessCategories: [] as string[], permits: [] as string[] };
  const today = shanghaiDay(now);
  const docs = await q.select({ kind: applicationDocuments.kind, validUntil: applicationDocuments.validUntil }).from(applicationDocuments)
    .where(and(eq(applicationDocuments.applicationId, app.id), isNull(applicationDocuments.replacedAt)));
  return { businessCategories: app.categories, permits: [...new Set(docs.filter((d) => !d.validUntil || d.validUntil >= today).map((d) => d.kind))].sort() };
}
