import { asc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Db, type Queryable } from "../../lib/db-types.js";
import { addDays } from "../../lib/clock.js";
import { newId } from "../../lib/ids.js";
import type { Ctx, Services } from "../../server/context.js";
import { NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { isRuleKey, ruleCatalogue, ruleKeys, type RuleKey, type RuleValue } from "./catalogue.js";
import { ruleVersions } from "./schema.js";
import { users } from "../identity/schema.js";

type VersionRow = typeof ruleVersions.$inferSelect;

// All versions are few and read on every request, so they are cached per database for a
// few seconds; the value in force is then computed against the injected clock.
const CACHE_MS = 5_000;
const cache = new WeakMap<Db, { rows: VersionRow[]; loadedAt: number }>();

// Inside a transaction pass the transaction as `q`: on the embedded database a query on
// the root handle would wait for the transaction that is waiting for it.
async function versions(s: Services, q: Queryable = s.db): Promise<VersionRow[]> {
  const hit = cache.get(s.db);
  if (hit && Date.now() - hit.loadedAt < CACHE_MS) return hit.rows;
  const rows = await q.select().from(ruleVersions).orderBy(asc(ruleVersions.key), asc(ruleVersions.version));
  cache.set(s.db, { rows, loadedAt: Date.now() });
  return rows;
}

function inForce(rows: VersionRow[], key: string, now: Date): VersionRow | undefined {
  let best: VersionRow | undefined;
  for (const r of rows) {
    if (r.key !== key || r.effectiveFrom > now) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom || (r.effectiveFrom.getTime() === best.effectiveFrom.getTime() && r.version > best.version)) best = r;
  }
  return best;
}

export async function getRule<K extends RuleKey>(s: Services, key: K, q?: Queryable): Promise<RuleValue<K>> {
  const v = inForce(await versions(s, q), key, s.clock.now());
  return (v ? v.value : ruleCatalogue[key].default) as RuleValue<K>;
}

export async function listRules(s: Services) {
  const rows = await versions(s);
  const now = s.clock.now();
  const names = await publisherNames(s, rows.filter((r) => r.effectiveFrom > now));
  return ruleKeys.map((key) => {
    const def = ruleCatalogue[key];
    const current = inForce(rows, key, now);
    return {
      key,
      requirement: def.requirement,
      notice: def.notice,
      unit: def.unit ?? null,
      type: typeof def.default === "boolean" ? ("boolean" as const) : ("integer" as const),
      zh: def.zh,
      en: def.en,
      default: def.default as number | boolean,
      value: (current ? current.value : def.default) as number | boolean,
      version: current?.version ?? 0,
      effectiveFrom: current?.effectiveFrom ?? null,
      upcoming: rows.filter((r) => r.key === key && r.effectiveFrom > now).map((r) => view(r, names)),
    };
  });
}

const view = (r: VersionRow, names: Map<string, string> = new Map()) => ({
  version: r.version, value: r.value as number | boolean, effectiveFrom: r.effectiveFrom, publishedAt: r.publishedAt,
  publishedBy: r.publishedBy, publishedByName: r.publishedBy ? names.get(r.publishedBy) ?? null : null, reason: r.reason,
});

async function publisherNames(s: Services, rows: VersionRow[]) {
  const ids = [...new Set(rows.flatMap((r) => (r.publishedBy ? [r.publishedBy] : [])))];
  if (!ids.length) return new Map<string, string>();
  const found = await s.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.id, u.name]));
}

export async function ruleHistory(s: Services, key: string) {
  if (!isRuleKey(key)) throw new NotFound(`Rule "${key}"`, "RULE_NOT_FOUND");
  const rows = await s.db.select().from(ruleVersions).where(eq(ruleVersions.key, key)).orderBy(asc(ruleVersions.version));
  const names = await publisherNames(s, rows);
  return rows.map((r) => view(r, names));
}

export async function publishRule(ctx: Ctx, input: { key: string; value: unknown; effectiveFrom?: Date; reason: string }) {
  const { key } = input;
  if (!isRuleKey(key)) throw new NotFound(`Rule "${key}"`, "RULE_NOT_FOUND");
  const def = ruleCatalogue[key];
  const parsed = def.schema.safeParse(input.value);
  if (!parsed.success) {
    throw new ValidationError("RULE_VALUE_INVALID", `The value for "${key}" is not allowed: ${parsed.error.issues.map((i) => i.message).join("; ")}.`, { key });
  }
  const now = ctx.clock.now();
  const noticeDays = def.notice === "public" ? await getRule(ctx, "rules.noticePeriodDays") : 0;
  const earliest = addDays(now, noticeDays);
  const effectiveFrom = input.effectiveFrom ?? earliest;
  if (effectiveFrom < earliest) {
    throw new RuleViolation(
      "RULE_NOTICE_TOO_SHORT",
      `"${key}" binds merchants and buyers: a change must be announced at least ${noticeDays} days ahead. Choose an effective date on or after ${earliest.toISOString()}.`,
      { earliest },
    );
  }
  const row = await ctx.db.transaction(async (tx) => {
    // Versions of one key are numbered under a row lock on the key's advisory lock.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"rule:" + key}))`);
    const [{ next }] = rowsOf<{ next: number }>(await tx.execute(sql`select coalesce(max(version), 0)::int + 1 as next from rule_versions where key = ${key}`)) as [{ next: number }];
    const [inserted] = await tx.insert(ruleVersions).values({
      id: newId(), key, version: Number(next), value: parsed.data, effectiveFrom, publishedAt: now, publishedBy: ctx.actor.userId, reason: input.reason,
    }).returning();
    await recordAudit(tx, ctx, {
      action: "rules.publish", entityType: "rule", entityId: key,
      summary: { version: Number(next), value: parsed.data, effectiveFrom: effectiveFrom.toISOString(), reason: input.reason },
    });
    return inserted!;
  });
  cache.delete(ctx.db);
  return view(row);
}

