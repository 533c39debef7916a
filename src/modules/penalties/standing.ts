import { and, gt, inArray, isNull, lte, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { RuleViolation } from "../../server/errors.js";
import { merchants } from "../merchants/schema.js";
import { bindingStatuses, penaltyEffects, type PenaltyKind } from "./machine.js";
import { merchantPenalties } from "./schema.js";

export interface Restriction { source: "penalty" | "qualification"; kind: PenaltyKind | "qualification_hold"; penaltyId: string | null; since: Date; until: Date | null }
export interface Standing {
  status: "active" | "restricted" | "suspended" | "closed";
  canList: boolean;
  canSell: boolean;
  restrictions: Restriction[];
}

// What each merchant may do at `now`: binding penalties in their period, and a
// qualification hold while a mandatory document is expired (M3, M6). Catalog and
// checkout ask here before they list or sell.
export async function standings(q: Queryable, merchantIds: string[], now: Date): Promise<Map<string, Standing>> {
  const out = new Map<string, Standing>();
  if (!merchantIds.length) return out;
  const holds = await q.select({ id: merchants.id, since: merchants.qualificationHoldSince }).from(merchants).where(inArray(merchants.id, merchantIds));
  const penalties = await q.select().from(merchantPenalties).where(and(
    inArray(merchantPenalties.merchantId, merchantIds), inArray(merchantPenalties.status, bindingStatuses),
    lte(merchantPenalties.startsAt, now), or(isNull(merchantPenalties.endsAt), gt(merchantPenalties.endsAt, now)),
  ));
  for (const m of holds) {
    const restrictions: Restriction[] = [];
    if (m.since) restrictions.push({ source: "qualification", kind: "qualification_hold", penaltyId: null, since: m.since, until: null });
    for (const p of penalties.filter((x) => x.merchantId === m.id && x.kind !== "warning")) {
      restrictions.push({ source: "penalty", kind: p.kind, penaltyId: p.id, since: p.startsAt, until: p.endsAt });
    }
    const canList = restrictions.every((r) => r.kind !== "qualification_hold" && penaltyEffects[r.kind].list);
    const canSell = restrictions.every((r) => r.kind !== "qualification_hold" && penaltyEffects[r.kind].sell);
    const status = restrictions.some((r) => r.kind === "closure") ? "closed" : !canSell ? "suspended" : !canList ? "restricted" : "active";
    out.set(m.id, { status, canList, canSell, restrictions });
  }
  return out;
}

// The selling half of `standings` as a SQL condition, for queries over many shops' goods
// (the storefront): the shop is not on a qualification hold and no binding penalty that
// stops sales is in its period at `now`.
const stopsSales = Object.entries(penaltyEffects).filter(([, e]) => !e.sell).map(([k]) => k);
export function maySell(merchant: { id: AnyColumn; qualificationHoldSince: AnyColumn }, now: Date): SQL {
  return sql`(${merchant.qualificationHoldSince} is null and not exists (select 1 from ${merchantPenalties} p
    where p.merchant_id = ${merchant.id} and p.kind in ${stopsSales} and p.status in ${bindingStatuses}
    and p.starts_at <= ${now.toISOString()} and (p.ends_at is null or p.ends_at > ${now.toISOString()})))`;
}

export async function standingOf(q: Queryable, merchantId: string, now: Date): Promise<Standing> {
  return (await standings(q, [merchantId], now)).get(merchantId) ?? { status: "closed", canList: false, canSell: false, restrictions: [] };
}

function why(s: Standing) {
  const r = s.restrictions[0];
  if (!r) return "";
  return r.kind === "qualification_hold" ? " A mandatory qualification document has expired; upload the renewed document." : ` A ${r.kind.replace("_", " ")} is in force${r.until ? ` until ${r.until.toISOString()}` : ""}.`;
}

export async function assertCanList(q: Queryable, merchantId: string, now: Date) {
  const s = await standingOf(q, merchantId, now);
  if (!s.canList) throw new RuleViolation("MERCHANT_CANNOT_LIST", `This shop may not put products on sale at the moment.${why(s)}`, { standing: s.status });
}

export async function assertCanSell(q: Queryable, merchantId: string, now: Date) {
  const s = await standingOf(q, merchantId, now);
  if (!s.canSell) throw new RuleViolation("MERCHANT_CANNOT_SELL", `This shop is not selling at the moment.${why(s)}`, { standing: s.status });
}
