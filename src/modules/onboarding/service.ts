import { shanghaiDay } from "../../lib/clock.js";
import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, type SQL } from "drizzle-orm";
import { createHash } from "node:crypto";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import { sniffDocumentType } from "../../lib/filetype.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { grantRole } from "../access/index.js";
import { userRoles } from "../access/schema.js";
import { users } from "../identity/schema.js";
import { merchants } from "../merchants/schema.js";
import { agreementAcceptances, applicationDocuments, applicationEvents, documentRequirements, merchantApplications, settlementAccounts } from "./schema.js";
import { applicationMachine, editableStatuses, type ApplicationStatus } from "./machine.js";
import { creditCodeProblem, phoneProblem, requiredKinds, residentIdProblem } from "./rules.js";
import { MERCHANT_AGREEMENT, policyInForce } from "../governance/index.js";

type AppRow = typeof merchantApplications.$inferSelect;
type Problem = { documentId?: string; field?: string; reason: string };

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface ApplicationFields {
  entityType?: "enterprise" | "individual";
  name?: string;
  creditCode?: string;
  legalRepName?: string;
  legalRepIdNumber?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  address?: string;
  categories?: string[];
}

const today = (ctx: Ctx) => shanghaiDay(ctx.clock.now());

export async function requirements(q: Queryable) {
  return q.select({ entityType: documentRequirements.entityType, category: documentRequirements.category, documentKind: documentRequirements.documentKind })
    .from(documentRequirements).orderBy(asc(documentRequirements.entityType), asc(documentRequirements.category), asc(documentRequirements.documentKind));
}

async function view(q: Queryable, ctx: Ctx, app: AppRow) {
  const docs = await q.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, app.id)).orderBy(asc(applicationDocuments.uploadedAt));
  const history = await q.select().from(applicationEvents).where(eq(applicationEvents.applicationId, app.id)).orderBy(asc(applicationEvents.at));
  const required = app.entityType ? requiredKinds(await requirements(q), app.entityType, app.categories) : [];
  const active = docs.filter((d) => !d.replacedAt);
  return {
    id: app.id, status: app.status, entityType: app.entityType, name: app.name, creditCode: app.creditCode, legalRepName: app.legalRepName,
    legalRepIdNumber: app.legalRepIdMasked, contactName: app.contactName, contactPhone: app.contactPhoneMasked, contactEmail: app.contactEmail,
    address: app.address, categories: app.categories, agreementVersion: app.agreementVersion, agreementAcceptedAt: app.agreementAcceptedAt,
    currentAgreementVersion: (await policyInForce(q, MERCHANT_AGREEMENT, ctx.clock.now())).version, submittedAt: app.submittedAt, decidedAt: app.decidedAt, merchantId: app.merchantId,
    createdAt: app.createdAt, updatedAt: app.updatedAt,
    requiredDocuments: required,
    missingDocuments: required.filter((k) => !active.some((d) => d.kind === k)),
    documents: docs.map((d) => ({
      id: d.id, kind: d.kind, number: d.number, issuer: d.issuer, validFrom: d.validFrom, validUntil: d.validUntil, fileName: d.fileName, mime: d.mime, size: d.size,
      uploadedAt: d.uploadedAt, problem: d.problem, replaced: d.replacedAt !== null, expired: !!d.validUntil && d.validUntil < today(ctx),
    })),
    history: history.map((h) => ({ event: h.event, from: h.fromStatus, to: h.toStatus, actor: h.actorLabel, at: h.at, problems: h.problems, note: h.note })),
  };
}
export type ApplicationView = Awaited<ReturnType<typeof view>>;

async function mine(q: Queryable, ctx: Ctx, lock = false): Promise<AppRow> {
  const base = q.select().from(merchantApplications).where(eq(merchantApplications.applicantId, ctx.actor.userId!));
  const [app] = lock ? await base.for("update") : await base;
  if (!app) throw new NotFound("Your merchant application", "APPLICATION_NOT_FOUND");
  return app;
}

async function byId(q: Queryable, id: string, lock = false): Promise<AppRow> {
  const base = q.select().from(merchantApplications).where(eq(merchantApplications.id, id));
  const [app] = lock ? await base.for("update") : await base;
  if (!app) throw new NotFound("Application", "APPLICATION_NOT_FOUND");
  return app;
}

function assertEditable(app: AppRow) {
  if (!editableStatuses.includes(app.status)) {
    throw new RuleViolation("APPLICATION_LOCKED", app.status === "approved"
      ? "This application has been approved and can no longer be changed."
      : "The application is with the reviewers. You can change it again if they send it back.");
  }
}

// Validation of each field as it is entered; completeness is checked on submission.
function fieldValues(ctx: Ctx, f: ApplicationFields) {
  const problems: { field: string; reason: string }[] = [];
  const check = (field: string, p: string | null) => { if (p) problems.push({ field, reason: p }); };
  if (f.creditCode !== undefined) check("creditCode", creditCodeProblem(f.creditCode));
  if (f.legalRepIdNumber !== undefined) check("legalRepIdNumber", residentIdProblem(f.legalRepIdNumber));
  if (f.contactPhone !== undefined) check("contactPhone", phoneProblem(f.contactPhone.replace(/\s/g, "")));
  if (problems.length) throw new ValidationError("APPLICATION_FIELDS_INVALID", problems.map((p) => p.reason).join(" "), { problems });
  const id = f.legalRepIdNumber?.trim().toUpperCase();
  const phone = f.contactPhone?.replace(/\s/g, "");
  return {
    ...(f.entityType !== undefined && { entityType: f.entityType }),
    ...(f.name !== undefined && { name: f.name.trim() }),
    ...(f.creditCode !== undefined && { creditCode: f.creditCode.trim().toUpperCase() }),
    ...(f.legalRepName !== undefined && { legalRepName: f.legalRepName.trim() }),
    ...(id !== undefined && { legalRepIdCipher: ctx.sealer.seal(id), legalRepIdMasked: `${id.slice(0, 3)}***********${id.slice(-4)}` }),
    ...(f.contactName !== undefined && { contactName: f.contactName.trim() }),
    ...(phone !== undefined && { contactPhoneCipher: ctx.sealer.seal(phone), contactPhoneMasked: phone.length > 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****" }),
    ...(f.contactEmail !== undefined && { contactEmail: f.contactEmail.trim().toLowerCase() }),
    ...(f.address !== undefined && { address: f.address.trim() }),
    ...(f.categories !== undefined && { categories: [...new Set(f.categories)].sort() }),
  };
}

async function recordEvent(tx: Tx, ctx: Ctx, app: AppRow, event: string, to: ApplicationStatus, extra: { problems?: Problem[]; note?: string } = {}) {
  await tx.insert(applicationEvents).values({
    id: newId(), applicationId: app.id, event, fromStatus: event === "create" ? null : app.status, toStatus: to,
    actorId: ctx.actor.userId, actorLabel: ctx.actor.label, at: ctx.clock.now(), problems: extra.problems ?? [], note: extra.note ?? null,
  });
}

export async function myApplication(ctx: Ctx) {
  return view(ctx.db, ctx, await mine(ctx.db, ctx));
}

export async function startApplication(ctx: Ctx, f: ApplicationFields) {
  if (ctx.actor.merchantId) throw new Conflict("ALREADY_MERCHANT", "Your account already runs a shop on the platform; an application is not needed.");
  const values = fieldValues(ctx, f);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [app] = await tx.insert(merchantApplications).values({ id: newId(), applicantId: ctx.actor.userId!, status: "draft", createdAt: now, updatedAt: now, ...values })
      .onConflictDoNothing({ target: merchantApplications.applicantId }).returning();
    if (!app) throw new Conflict("APPLICATION_EXISTS", "You already have an application; continue with it.");
    await recordEvent(tx, ctx, app, "create", "draft");
    await recordAudit(tx, ctx, { action: "application.create", entityType: "merchant_application", entityId: app.id, summary: { name: app.name } });
    return view(tx, ctx, app);
  });
}

export async function updateApplication(ctx: Ctx, f: ApplicationFields) {
  const values = fieldValues(ctx, f);
  return ctx.db.transaction(async (tx) => {
    const app = await mine(tx, ctx, true);
    assertEditable(app);
    const [row] = await tx.update(merchantApplications).set({ ...values, updatedAt: ctx.clock.now() }).where(eq(merchantApplications.id, app.id)).returning();
    await recordAudit(tx, ctx, { action: "application.update", entityType: "merchant_application", entityId: app.id, summary: { fields: Object.keys(f) } });
    return view(tx, ctx, row!);
  });
}

export interface DocumentInput { kind: string; number: string; issuer: string; validFrom: string; validUntil?: string | null; replaces?: string }

// Uploads are judged by content (PDF, JPEG, PNG, WebP) and size; returns the facts stored with the file.
export function checkDocumentFile(input: { validFrom: string; validUntil?: string | null }, file: { body: Buffer; fileName: string }) {
  const mime = sniffDocumentType(file.body);
  if (!mime) throw new ValidationError("FILE_TYPE_NOT_ALLOWED", "Upload a PDF, JPEG, PNG or WebP file. The file's content is checked, not its name.", { field: "file" });
  if (file.body.length > MAX_DOCUMENT_BYTES) throw new ValidationError("FILE_TOO_LARGE", "A document may be at most 10 MB. Scan at a lower resolution or split it.", { field: "file" });
  if (input.validUntil && input.validUntil < input.validFrom) throw new ValidationError("DOCUMENT_DATES_INVALID", "The document's expiry date is before its start date.", { field: "validUntil" });
  return { fileName: file.fileName.slice(0, 200), mime, size: file.body.length, sha256: createHash("sha256").update(file.body).digest("hex") };
}

// The file is stored before the row that points at it is committed; an unreferenced
// file is harmless, a dangling row is not.
export async function addDocument(ctx: Ctx, input: DocumentInput, file: { body: Buffer; fileName: string }) {
  const facts = checkDocumentFile(input, file);
  const app = await mine(ctx.db, ctx);
  assertEditable(app);
  const id = newId();
  const key = `applications/${app.id}/${id}`;
  await ctx.storage.put(key, file.body);
  return ctx.db.transaction(async (tx) => {
    const locked = await mine(tx, ctx, true);
    assertEditable(locked);
    if (input.replaces) {
      const replaced = await tx.update(applicationDocuments).set({ replacedAt: ctx.clock.now() })
        .where(and(eq(applicationDocuments.id, input.replaces), eq(applicationDocuments.applicationId, app.id), isNull(applicationDocuments.replacedAt))).returning();
      if (!replaced.length) throw new NotFound("The document to replace", "DOCUMENT_NOT_FOUND");
    }
    await tx.insert(applicationDocuments).values({
      id, applicationId: app.id, kind: input.kind, number: input.number.trim(), issuer: input.issuer.trim(), validFrom: input.validFrom, validUntil: input.validUntil ?? null,
      fileKey: key, ...facts, uploadedAt: ctx.clock.now(),
    });
    await tx.update(merchantApplications).set({ updatedAt: ctx.clock.now() }).where(eq(merchantApplications.id, app.id));
    await recordAudit(tx, ctx, { action: "application.document_add", entityType: "merchant_application", entityId: app.id, summary: { documentId: id, kind: input.kind, replaces: input.replaces ?? null } });
    return view(tx, ctx, locked);
  });
}

export async function removeDocument(ctx: Ctx, documentId: string) {
  return ctx.db.transaction(async (tx) => {
    const app = await mine(tx, ctx, true);
    const ofThisApplication = and(eq(applicationDocuments.id, documentId), eq(applicationDocuments.applicationId, app.id), isNull(applicationDocuments.replacedAt));
    if (!(await tx.select({ id: applicationDocuments.id }).from(applicationDocuments).where(ofThisApplication)).length) throw new NotFound("Document", "DOCUMENT_NOT_FOUND");
    assertEditable(app);
    await tx.update(applicationDocuments).set({ replacedAt: ctx.clock.now() }).where(ofThisApplication);
    await recordAudit(tx, ctx, { action: "application.document_remove", entityType: "merchant_application", entityId: app.id, summary: { documentId } });
    return view(tx, ctx, app);
  });
}

// Documents are served only to their applicant and to reviewers.
export async function documentFile(ctx: Ctx, documentId: string, asReviewer: boolean) {
  const [doc] = await ctx.db.select({ doc: applicationDocuments, applicantId: merchantApplications.applicantId }).from(applicationDocuments)
    .innerJoin(merchantApplications, eq(merchantApplications.id, applicationDocuments.applicationId)).where(eq(applicationDocuments.id, documentId));
  if (!doc || (!asReviewer && doc.applicantId !== ctx.actor.userId)) throw new NotFound("Document", "DOCUMENT_NOT_FOUND");
  return { body: await ctx.storage.get(doc.doc.fileKey), mime: doc.doc.mime, fileName: doc.doc.fileName };
}

export async function acceptAgreement(ctx: Ctx, version: string) {
  return ctx.db.transaction(async (tx) => {
    const current = await policyInForce(tx, MERCHANT_AGREEMENT, ctx.clock.now());
    if (version !== current.version) {
      throw new RuleViolation("AGREEMENT_VERSION_OUTDATED", `The merchant agreement is now version ${current.version}. Read it and accept the current version.`, { current: current.version });
    }
    const app = await mine(tx, ctx, true);
    assertEditable(app);
    const [row] = await tx.update(merchantApplications).set({ agreementVersion: version, agreementAcceptedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
      .where(eq(merchantApplications.id, app.id)).returning();
    await tx.insert(agreementAcceptances).values({ id: newId(), applicationId: app.id, userId: ctx.actor.userId!, version, acceptedAt: ctx.clock.now(), ip: ctx.ip ?? null });
    await recordAudit(tx, ctx, { action: "application.agreement_accept", entityType: "merchant_application", entityId: app.id, summary: { version } });
    return view(tx, ctx, row!);
  });
}

// What stands between an application and the reviewers (M1, M5), as a list a person can work through.
async function completenessProblems(tx: Queryable, ctx: Ctx, app: AppRow): Promise<Problem[]> {
  const p: Problem[] = [];
  const need = (column: keyof AppRow, label: string, field: string = column) => { if (!app[column]) p.push({ field, reason: `Enter the ${label}.` }); };
  need("entityType", "entity type (enterprise or individual)");
  need("name", "registered name");
  need("creditCode", "unified social credit code");
  need("legalRepName", "legal representative's name");
  need("legalRepIdCipher", "legal representative's ID number", "legalRepIdNumber");
  need("contactName", "contact person");
  need("contactPhoneCipher", "contact phone", "contactPhone");
  need("address", "address");
  if (!app.categories.length) p.push({ field: "categories", reason: "Choose at least one business category." });
  const agreement = await policyInForce(tx, MERCHANT_AGREEMENT, ctx.clock.now());
  if (app.agreementVersion !== agreement.version) p.push({ field: "agreement", reason: `Accept the merchant agreement, version ${agreement.version}.` });
  const docs = (await tx.select().from(applicationDocuments).where(and(eq(applicationDocuments.applicationId, app.id), isNull(applicationDocuments.replacedAt))));
  if (app.entityType) {
    for (const kind of requiredKinds(await requirements(tx), app.entityType, app.categories)) {
      if (!docs.some((d) => d.kind === kind)) p.push({ field: `documents.${kind}`, reason: `Upload the mandatory document "${kind}".` });
    }
  }
  for (const d of docs) {
    if (d.validUntil && d.validUntil < today(ctx)) p.push({ documentId: d.id, reason: `The ${d.kind} (${d.number}) expired on ${d.validUntil}; upload the renewed document.` });
    if (d.problem) p.push({ documentId: d.id, reason: `Replace the ${d.kind} the reviewer flagged: ${d.problem}` });
  }
  return p;
}

export async function submitApplication(ctx: Ctx) {
  return ctx.db.transaction(async (tx) => {
    const app = await mine(tx, ctx, true);
    const event = app.status === "rejected" ? "resubmit" : "submit";
    const to = next(applicationMachine, app.status, event);
    const problems = await completenessProblems(tx, ctx, app);
    if (problems.length) throw new RuleViolation("APPLICATION_INCOMPLETE", `The application is not complete yet: ${problems.map((x) => x.reason).join(" ")}`, { problems });
    const [row] = await tx.update(merchantApplications).set({ status: to, submittedAt: ctx.clock.now(), updatedAt: ctx.clock.now() }).where(eq(merchantApplications.id, app.id)).returning();
    await recordEvent(tx, ctx, app, event, to);
    await recordAudit(tx, ctx, { action: `application.${event}`, entityType: "merchant_application", entityId: app.id });
    return view(tx, ctx, row!);
  });
}

export async function reviewQueue(ctx: Ctx, q: { status?: ApplicationStatus; q?: string; cursor?: string; limit: number }) {
  const where: SQL[] = [];
  if (q.status) where.push(eq(merchantApplications.status, q.status));
  else where.push(inArray(merchantApplications.status, ["submitted", "under_review"]));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(or(ilike(merchantApplications.name, like), ilike(merchantApplications.creditCode, like))!);
  }
  if (q.cursor) where.push(lt(merchantApplications.id, q.cursor));
  const rows = await ctx.db.select().from(merchantApplications).where(and(...where)).orderBy(desc(merchantApplications.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const now = ctx.clock.now().getTime();
  return {
    items: page.map((a) => ({
      id: a.id, status: a.status, name: a.name, entityType: a.entityType, creditCode: a.creditCode, categories: a.categories, submittedAt: a.submittedAt,
      // Ageing: how long the applicant has been waiting for the platform.
      waitingHours: a.submittedAt && ["submitted", "under_review"].includes(a.status) ? Math.floor((now - a.submittedAt.getTime()) / 3_600_000) : null,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

export async function applicationForReview(ctx: Ctx, id: string) {
  return view(ctx.db, ctx, await byId(ctx.db, id));
}

export async function startReview(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const app = await byId(tx, id, true);
    const to = next(applicationMachine, app.status, "startReview");
    const [row] = await tx.update(merchantApplications).set({ status: to, reviewerId: ctx.actor.userId, updatedAt: ctx.clock.now() }).where(eq(merchantApplications.id, id)).returning();
    await recordEvent(tx, ctx, app, "startReview", to);
    await recordAudit(tx, ctx, { action: "application.review_start", entityType: "merchant_application", entityId: id });
    return view(tx, ctx, row!);
  });
}

export async function rejectApplication(ctx: Ctx, id: string, problems: Problem[]) {
  if (!problems.length) throw new ValidationError("REASON_REQUIRED", "Give at least one reason so the applicant knows what to fix.");
  return ctx.db.transaction(async (tx) => {
    const app = await byId(tx, id, true);
    const to = next(applicationMachine, app.status, "reject");
    for (const p of problems.filter((x) => x.documentId)) {
      const flagged = await tx.update(applicationDocuments).set({ problem: p.reason })
        .where(and(eq(applicationDocuments.id, p.documentId!), eq(applicationDocuments.applicationId, id), isNull(applicationDocuments.replacedAt))).returning();
      if (!flagged.length) throw new NotFound(`Document ${p.documentId} of this application`, "DOCUMENT_NOT_FOUND");
    }
    const [row] = await tx.update(merchantApplications).set({ status: to, decidedAt: ctx.clock.now(), updatedAt: ctx.clock.now() }).where(eq(merchantApplications.id, id)).returning();
    await recordEvent(tx, ctx, app, "reject", to, { problems });
    await recordAudit(tx, ctx, { action: "application.reject", entityType: "merchant_application", entityId: id, summary: { problems } });
    return view(tx, ctx, row!);
  });
}

// Approval opens the shop: merchant, its owner (the applicant's own account), a settlement
// account placeholder and the agreement acceptance carried over — all in one transaction.
export async function approveApplication(ctx: Ctx, id: string, note?: string) {
  return ctx.db.transaction(async (tx) => {
    const app = await byId(tx, id, true);
    const to = next(applicationMachine, app.status, "approve");
    const problems = await completenessProblems(tx, ctx, app);
    if (problems.length) throw new RuleViolation("APPLICATION_INCOMPLETE", `This application cannot be approved: ${problems.map((x) => x.reason).join(" ")}`, { problems });
    const now = ctx.clock.now();
    const [merchant] = await tx.insert(merchants).values({ id: newId(), name: app.name!, createdAt: now }).returning();
    await tx.insert(settlementAccounts).values({ merchantId: merchant!.id, createdAt: now });
    await tx.update(users).set({ merchantId: merchant!.id }).where(eq(users.id, app.applicantId));
    await tx.delete(userRoles).where(and(eq(userRoles.userId, app.applicantId), eq(userRoles.roleKey, "merchant_applicant")));
    await grantRole(tx, ctx, app.applicantId, "merchant_owner");
    await tx.update(agreementAcceptances).set({ merchantId: merchant!.id }).where(eq(agreementAcceptances.applicationId, id));
    const [row] = await tx.update(merchantApplications).set({ status: to, merchantId: merchant!.id, decidedAt: now, updatedAt: now }).where(eq(merchantApplications.id, id)).returning();
    await recordEvent(tx, ctx, app, "approve", to, { note });
    await recordAudit(tx, ctx, { action: "application.approve", entityType: "merchant_application", entityId: id, summary: { merchantId: merchant!.id, name: app.name } });
    return view(tx, ctx, row!);
  });
}

export async function listRequirements(ctx: Ctx) {
  return { items: await requirements(ctx.db) };
}

export async function replaceRequirements(ctx: Ctx, items: { entityType: string; category: string; documentKind: string }[]) {
  return ctx.db.transaction(async (tx) => {
    const before = await requirements(tx);
    await tx.delete(documentRequirements);
    const unique = [...new Map(items.map((i) => [`${i.entityType}|${i.category}|${i.documentKind}`, i])).values()];
    if (unique.length) await tx.insert(documentRequirements).values(unique.map((i) => ({ id: newId(), ...i })));
    await recordAudit(tx, ctx, { action: "onboarding.requirements_replace", entityType: "document_requirements", summary: { before: before.length, after: unique.length, items: unique } });
    return { items: await requirements(tx) };
  });
}


// M4: the licence facts a shop's public page shows, from its approved application.
// Personal data of the legal representative and contact person stays out.
export async function publicLicence(q: Queryable, merchantId: string) {
  const [app] = await q.select().from(merchantApplications).where(and(eq(merchantApplications.merchantId, merchantId), eq(merchantApplications.status, "approved")));
  if (!app) return null;
  const [licence] = await q.select().from(applicationDocuments)
    .where(and(eq(applicationDocuments.applicationId, app.id), eq(applicationDocuments.kind, "business_licence"), isNull(applicationDocuments.replacedAt)));
  return {
    entityName: app.name, entityType: app.entityType, creditCode: app.creditCode, address: app.address, approvedAt: app.decidedAt,
    businessLicence: licence ? { number: licence.number, issuer: licence.issuer, validFrom: licence.validFrom, validUntil: licence.validUntil } : null,
  };
}
