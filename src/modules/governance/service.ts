import { and, asc, count, desc, eq, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../../lib/db-types.js";
import { addDays, addMinutes } from "../../lib/clock.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { merchants } from "../merchants/schema.js";
import { users } from "../identity/schema.js";
import { agreementAcceptances } from "../onboarding/schema.js";
import { getRule } from "../settings/index.js";
import { closeTasks, raiseTasks } from "../tasks/index.js";
import { operatorProfile, policyComments, policyVersions, type Bilingual, type PolicySection } from "./schema.js";

type VersionRow = typeof policyVersions.$inferSelect;

// Documents with a meaning for the platform; others may be published too (listing rules …).
export const MERCHANT_AGREEMENT = "merchant-agreement";
export const PRIVACY_POLICY = "privacy-policy";

const full = (v: VersionRow) => ({
  documentKey: v.documentKey, version: v.version, title: v.title, sections: v.sections, summary: v.summary,
  publishedAt: v.publishedAt, effectiveFrom: v.effectiveFrom,
});
const brief = (v: VersionRow) => ({ version: v.version, title: v.title, summary: v.summary, publishedAt: v.publishedAt, effectiveFrom: v.effectiveFrom });

async function versionsOf(q: Queryable, key: string) {
  return q.select().from(policyVersions).where(eq(policyVersions.documentKey, key)).orderBy(asc(policyVersions.effectiveFrom), asc(policyVersions.publishedAt));
}

// The version in force at `now`: the latest whose effective date has come.
export async function policyInForce(q: Queryable, key: string, now: Date) {
  const [v] = await q.select().from(policyVersions).where(and(eq(policyVersions.documentKey, key), lte(policyVersions.effectiveFrom, now)))
    .orderBy(desc(policyVersions.effectiveFrom), desc(policyVersions.publishedAt)).limit(1);
  if (!v) throw new NotFound(`The document "${key}"`, "POLICY_NOT_FOUND");
  return full(v);
}

// For the public rules page: each document's version in force and those announced.
export async function policyIndex(ctx: Ctx) {
  const rows = await ctx.db.select().from(policyVersions).orderBy(asc(policyVersions.documentKey), asc(policyVersions.effectiveFrom));
  const now = ctx.clock.now();
  const upcomingIds = rows.filter((r) => r.effectiveFrom > now).map((r) => r.id);
  const counts = upcomingIds.length
    ? new Map((await ctx.db.select({ id: policyComments.versionId, n: count() }).from(policyComments).where(inArray(policyComments.versionId, upcomingIds)).groupBy(policyComments.versionId)).map((c) => [c.id, c.n]))
    : new Map<string, number>();
  const keys = [...new Set(rows.map((r) => r.documentKey))];
  return {
    items: keys.map((key) => {
      const mine = rows.filter((r) => r.documentKey === key);
      const current = mine.filter((r) => r.effectiveFrom <= now).at(-1) ?? null;
      return {
        documentKey: key, current: current ? brief(current) : null,
        upcoming: mine.filter((r) => r.effectiveFrom > now).map((r) => ({ ...brief(r), comments: counts.get(r.id) ?? 0 })),
      };
    }),
  };
}

export async function policyDocument(ctx: Ctx, key: string) {
  const rows = await versionsOf(ctx.db, key);
  if (!rows.length) throw new NotFound(`The document "${key}"`, "POLICY_NOT_FOUND");
  const now = ctx.clock.now();
  const current = rows.filter((r) => r.effectiveFrom <= now).at(-1);
  return {
    documentKey: key, current: current ? full(current) : null,
    upcoming: rows.filter((r) => r.effectiveFrom > now).map(full),
    history: rows.map((r) => ({ ...brief(r), inForce: r.id === current?.id, past: r.effectiveFrom <= now && r.id !== current?.id })),
  };
}

async function versionRow(q: Queryable, key: string, version: string) {
  const [v] = await q.select().from(policyVersions).where(and(eq(policyVersions.documentKey, key), eq(policyVersions.version, version)));
  if (!v) throw new NotFound(`Version ${version} of "${key}"`, "POLICY_VERSION_NOT_FOUND");
  return v;
}

export async function policyVersion(ctx: Ctx, key: string, version: string) {
  const v = await versionRow(ctx.db, key, version);
  const comments = await ctx.db.select().from(policyComments).where(eq(policyComments.versionId, v.id)).orderBy(asc(policyComments.createdAt));
  const now = ctx.clock.now();
  return {
    ...full(v), open: v.effectiveFrom > now,
    comments: comments.map((c) => ({ id: c.id, author: c.authorLabel, authorKind: c.authorKind, body: c.body, createdAt: c.createdAt })),
  };
}

export interface PublishInput { version: string; title: Bilingual; sections: PolicySection[]; summary: string; effectiveFrom?: Date }

// A change is announced at least rules.noticePeriodDays before it binds anyone (G1,
// E-Commerce Law art. 34). A new merchant agreement asks every merchant to accept it.
export async function publishPolicy(ctx: Ctx, key: string, input: PublishInput) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const noticeDays = await getRule(ctx, "rules.noticePeriodDays", tx);
    const earliest = addDays(now, noticeDays);
    // Versions take effect in the order they are announced: a newer one never jumps ahead of
    // one already announced (which would then replace it when its own date came).
    const [announced] = await tx.select({ version: policyVersions.version, effectiveFrom: policyVersions.effectiveFrom }).from(policyVersions)
      .where(eq(policyVersions.documentKey, key)).orderBy(desc(policyVersions.effectiveFrom)).limit(1);
    const afterAnnounced = announced && announced.effectiveFrom > now ? addMinutes(announced.effectiveFrom, 1) : null;
    const effectiveFrom = input.effectiveFrom ?? (afterAnnounced && afterAnnounced > earliest ? afterAnnounced : earliest);
    if (effectiveFrom < earliest) {
      throw new RuleViolation("POLICY_NOTICE_TOO_SHORT",
        `A published document takes effect at least ${noticeDays} days after its announcement. Choose an effective date on or after ${earliest.toISOString()}.`, { earliest });
    }
    if (afterAnnounced && effectiveFrom < afterAnnounced) {
      throw new RuleViolation("POLICY_EFFECTIVE_ORDER",
        `Version ${announced!.version} is announced to take effect on ${announced!.effectiveFrom.toISOString()}; a newer version takes effect after it. Choose a date on or after ${afterAnnounced.toISOString()}.`,
        { earliest: afterAnnounced, announced: announced!.version });
    }
    const [clash] = await tx.select({ id: policyVersions.id }).from(policyVersions).where(and(eq(policyVersions.documentKey, key), eq(policyVersions.version, input.version)));
    if (clash) throw new Conflict("POLICY_VERSION_EXISTS", `Version ${input.version} of "${key}" is already published; published versions never change. Choose a new version label.`);
    const [v] = await tx.insert(policyVersions).values({
      id: newId(), documentKey: key, version: input.version, title: input.title, sections: input.sections, summary: input.summary.trim(),
      publishedAt: now, effectiveFrom, publishedBy: ctx.actor.userId, publishedByLabel: ctx.actor.label,
    }).returning();
    if (key === MERCHANT_AGREEMENT) {
      const shops = await tx.select({ id: merchants.id }).from(merchants);
      await raiseTasks(tx, ctx, shops.map((m) => ({
        audience: "merchant" as const, merchantId: m.id, kind: "agreement_accept", subjectType: "policy_version", subjectId: v!.id, dueAt: effectiveFrom,
        dedupeKey: `agreement:${v!.id}:${m.id}`, params: { version: input.version, effectiveFrom: effectiveFrom.toISOString() },
      })));
    }
    await recordAudit(tx, ctx, { action: "policy.publish", entityType: "policy", entityId: v!.id, summary: { documentKey: key, version: input.version, effectiveFrom, summary: input.summary } });
    return full(v!);
  });
}

export async function commentOnPolicy(ctx: Ctx, key: string, version: string, body: string) {
  return ctx.db.transaction(async (tx) => {
    const v = await versionRow(tx, key, version);
    if (v.effectiveFrom <= ctx.clock.now()) {
      throw new RuleViolation("POLICY_COMMENTS_CLOSED", `Version ${version} took effect on ${v.effectiveFrom.toISOString()}; comments were taken while it was announced.`);
    }
    // Shown publicly: the display name only, never the login.
    const [author] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, ctx.actor.userId!));
    const [c] = await tx.insert(policyComments).values({
      id: newId(), versionId: v.id, userId: ctx.actor.userId!, authorLabel: author!.name, authorKind: ctx.actor.kind, body: body.trim(), createdAt: ctx.clock.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: "policy.comment", entityType: "policy", entityId: v.id, summary: { commentId: c!.id } });
    return { id: c!.id, author: c!.authorLabel, authorKind: c!.authorKind, body: c!.body, createdAt: c!.createdAt };
  });
}

// M5 for merchants already on the platform: the agreement in force, the announced ones and
// which of them this shop has accepted.
export async function myAgreements(ctx: Ctx) {
  const now = ctx.clock.now();
  const rows = await versionsOf(ctx.db, MERCHANT_AGREEMENT);
  const accepted = await ctx.db.select({ version: agreementAcceptances.version, acceptedAt: agreementAcceptances.acceptedAt }).from(agreementAcceptances)
    .where(eq(agreementAcceptances.merchantId, ctx.actor.merchantId!)).orderBy(desc(agreementAcceptances.acceptedAt));
  const current = rows.filter((r) => r.effectiveFrom <= now).at(-1);
  const relevant = rows.filter((r) => r.effectiveFrom > now || r.id === current?.id);
  return {
    items: relevant.map((r) => ({ ...brief(r), inForce: r.id === current?.id, acceptedAt: accepted.find((a) => a.version === r.version)?.acceptedAt ?? null })),
    history: accepted,
  };
}

export async function acceptMerchantAgreement(ctx: Ctx, version: string) {
  await ctx.db.transaction(async (tx) => {
    const v = await versionRow(tx, MERCHANT_AGREEMENT, version);
    const current = await policyInForce(tx, MERCHANT_AGREEMENT, ctx.clock.now());
    if (v.effectiveFrom < current.effectiveFrom) {
      throw new RuleViolation("AGREEMENT_VERSION_OUTDATED", `Version ${version} has been superseded by ${current.version}; accept the version in force or an announced one.`, { current: current.version });
    }
    const merchantId = ctx.actor.merchantId!;
    const [done] = await tx.select({ id: agreementAcceptances.id }).from(agreementAcceptances)
      .where(and(eq(agreementAcceptances.merchantId, merchantId), eq(agreementAcceptances.version, version)));
    await closeTasks(tx, ctx, { subjectType: "policy_version", subjectId: v.id, merchantId }, ctx.actor.label);
    if (done) return;
    await tx.insert(agreementAcceptances).values({ id: newId(), merchantId, userId: ctx.actor.userId!, version, acceptedAt: ctx.clock.now(), ip: ctx.ip ?? null });
    await recordAudit(tx, ctx, { action: "merchant.agreement_accept", entityType: "merchant", entityId: merchantId, summary: { version } });
  });
  return myAgreements(ctx);
}

// G2: what the storefront footer and about page show.
export const OperatorProfile = z.strictObject({
  companyName: z.string().trim().min(2).max(100),
  licences: z.array(z.strictObject({ name: z.string().trim().min(2).max(60), number: z.string().trim().min(2).max(60), issuer: z.string().trim().max(100).optional() })).max(20),
  filings: z.array(z.strictObject({ name: z.string().trim().min(2).max(60), number: z.string().trim().min(2).max(60), url: z.url().max(300).optional() })).max(20),
  contact: z.strictObject({ phone: z.string().trim().max(30).optional(), email: z.email().max(254).optional(), address: z.string().trim().max(200).optional(), hours: z.string().trim().max(100).optional() }),
  complaintChannels: z.array(z.strictObject({ name: z.string().trim().min(2).max(60), contact: z.string().trim().min(2).max(200), hours: z.string().trim().max(100).optional() })).max(20),
});
export type OperatorProfile = z.infer<typeof OperatorProfile>;

const emptyProfile: OperatorProfile = { companyName: "", licences: [], filings: [], contact: {}, complaintChannels: [] };

export async function getOperatorProfile(ctx: Ctx) {
  const [row] = await ctx.db.select().from(operatorProfile);
  return { ...(row ? (row.profile as OperatorProfile) : emptyProfile), updatedAt: row?.updatedAt ?? null };
}

export async function updateOperatorProfile(ctx: Ctx, profile: OperatorProfile) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(operatorProfile).for("update");
    const now = ctx.clock.now();
    await tx.insert(operatorProfile).values({ id: 1, profile, updatedAt: now, updatedByLabel: ctx.actor.label })
      .onConflictDoUpdate({ target: operatorProfile.id, set: { profile, updatedAt: now, updatedByLabel: ctx.actor.label } });
    await recordAudit(tx, ctx, { action: "operator.update", entityType: "operator_profile", entityId: null, summary: { before: before?.profile ?? null, after: profile } });
    return { ...profile, updatedAt: now };
  });
}
