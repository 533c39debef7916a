import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { addDays } from "../../lib/clock.js";
import { rowsOf, type Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { defineMachine, next } from "../../lib/machine.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, Forbidden, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { nextNumber } from "../../server/numbers.js";
import { recordAudit } from "../audit/index.js";
import { shanghaiDay } from "../inventory/index.js";
import { orderLines, orders } from "../orders/schema.js";
import { orderScope } from "../orders/service.js";
import { carrierAgreements, carriers, type AgreementTerms } from "./schema.js";
import { covers, serviceHours } from "./shipments.js";
import { OUTSIDE_MAINLAND, provinceNames, unknownProvince } from "./templates.js";

type CarrierRow = typeof carriers.$inferSelect;
type AgreementRow = typeof carrierAgreements.$inferSelect;

// ---- Carriers ---------------------------------------------------------------------------

export interface CarrierInput {
  code: string; name: string; nameEn: string; trackingPattern: string; trackingExample: string;
  tracking?: "aggregator" | "manual"; active?: boolean; contact?: string | null;
}

const CODE = /^[a-z][a-z0-9_-]{1,31}$/;

// A waybill format must compile, be anchored (an unanchored pattern lets a typo with a
// valid number inside it through) and accept its own example, which merchants copy.
export function checkCarrier(c: CarrierInput) {
  if (!CODE.test(c.code)) throw new ValidationError("CARRIER_CODE_INVALID", "The code is the carrier's code at the tracking aggregator: 2–32 lower-case letters, digits, - or _, starting with a letter (e.g. shunfeng).", { field: "code" });
  let re: RegExp;
  try { re = new RegExp(c.trackingPattern); } catch (e) {
    throw new ValidationError("TRACKING_PATTERN_INVALID", `The waybill pattern is not a valid regular expression: ${(e as Error).message}.`, { field: "trackingPattern" });
  }
  if (!c.trackingPattern.startsWith("^") || !c.trackingPattern.endsWith("$")) {
    throw new ValidationError("TRACKING_PATTERN_UNANCHORED", "Start the waybill pattern with ^ and end it with $, so that the whole number must match.", { field: "trackingPattern" });
  }
  // The same normalisation as a merchant's input (checkTrackingNo): trimmed, upper case.
  if (!re.test(c.trackingExample.trim().toUpperCase())) {
    throw new ValidationError("TRACKING_EXAMPLE_MISMATCH", `The example “${c.trackingExample}” does not match the pattern ${c.trackingPattern}; give a real waybill number of this carrier.`, { field: "trackingExample" });
  }
}

const carrierFields = (c: CarrierInput) => ({
  code: c.code, name: c.name.trim(), nameEn: c.nameEn.trim(), trackingPattern: c.trackingPattern, trackingExample: c.trackingExample.trim().toUpperCase(),
  tracking: c.tracking ?? "aggregator", active: c.active ?? true, contact: c.contact?.trim() || null,
});

export async function createCarrier(ctx: Ctx, input: CarrierInput) {
  checkCarrier(input);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx.insert(carriers).values({ id: newId(), ...carrierFields(input), createdAt: now, updatedAt: now }).onConflictDoNothing().returning();
    if (!row) throw new Conflict("CARRIER_CODE_TAKEN", `A carrier with the code “${input.code}” exists already.`, { field: "code" });
    await recordAudit(tx, ctx, { action: "carrier.create", entityType: "carrier", entityId: row.id, summary: { code: row.code, name: row.name } });
    return row;
  });
}

export async function updateCarrier(ctx: Ctx, id: string, patch: Partial<CarrierInput>) {
  return ctx.db.transaction(async (tx) => {
    const [had] = await tx.select().from(carriers).where(eq(carriers.id, id)).for("update");
    if (!had) throw new NotFound("Carrier", "CARRIER_NOT_FOUND");
    const merged: CarrierInput = { ...had, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    checkCarrier(merged);
    if (merged.code !== had.code) {
      // Pushes find their waybill by the carrier's code: shipments under the old code would go deaf.
      const [used] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from shipments where carrier_id = ${id}`));
      if (used!.n > 0) throw new RuleViolation("CARRIER_CODE_IN_USE", `${had.name} has ${used!.n} shipments whose tracking arrives under the code “${had.code}”; the code cannot change.`, { field: "code" });
      const [taken] = await tx.select({ id: carriers.id }).from(carriers).where(and(eq(carriers.code, merged.code), ne(carriers.id, id)));
      if (taken) throw new Conflict("CARRIER_CODE_TAKEN", `A carrier with the code “${merged.code}” exists already.`, { field: "code" });
    }
    const [row] = await tx.update(carriers).set({ ...carrierFields(merged), updatedAt: ctx.clock.now() }).where(eq(carriers.id, id)).returning();
    const changed = Object.fromEntries(Object.entries(carrierFields(merged)).filter(([k, v]) => had[k as keyof CarrierRow] !== v));
    await recordAudit(tx, ctx, { action: "carrier.update", entityType: "carrier", entityId: id, summary: { code: row!.code, changed } });
    return row!;
  });
}

// ---- Agreements -------------------------------------------------------------------------

// L1: an agreement is in force between its dates until it is ended early.
export const agreementMachine = defineMachine<"active" | "ended", "end">("carrier agreement", { active: { end: "ended" }, ended: {} });

export interface AgreementInput { terms: AgreementTerms; validFrom: string; validUntil: string; note?: string | null }

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (d: string) => DAY.test(d) && !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
const wholeAtLeast = (n: unknown, min: number) => typeof n === "number" && Number.isInteger(n) && n >= min;
export const MAX_PROMISE_HOURS = 720;

// The terms must say, for every province the carrier serves, how fast it delivers there.
export function checkAgreement(a: AgreementInput) {
  const t = a.terms;
  if (!t.serviceLevels.length) throw new ValidationError("AGREEMENT_LEVELS_EMPTY", "Give at least one service level: the provinces and the hours promised to deliver there.", { field: "terms.serviceLevels" });
  const seen = new Set<string>();
  for (const [i, level] of t.serviceLevels.entries()) {
    const bad = unknownProvince(level.provinces);
    if (bad !== null) throw new ValidationError("AGREEMENT_PROVINCE_UNKNOWN", `“${bad}” is not a province code; use six-digit codes ending in 0000, such as 330000 for Zhejiang.`, { field: `terms.serviceLevels.${i}.provinces`, province: bad });
    for (const p of level.provinces) {
      if (seen.has(p)) throw new ValidationError("AGREEMENT_PROVINCE_TWICE", `${provinceNames().get(p)} is in two service levels; keep it in one.`, { field: `terms.serviceLevels.${i}.provinces`, province: p });
      seen.add(p);
    }
    if (!wholeAtLeast(level.hours, 1) || level.hours > MAX_PROMISE_HOURS) {
      throw new ValidationError("AGREEMENT_HOURS_INVALID", `Promised hours are a whole number from 1 to ${MAX_PROMISE_HOURS} (30 days).`, { field: `terms.serviceLevels.${i}.hours` });
    }
  }
  if (t.serviceLevels.filter((l) => l.provinces.length === 0).length > 1) throw new ValidationError("AGREEMENT_PROVINCE_TWICE", "Only one service level may be left without provinces (it covers the rest).", { field: "terms.serviceLevels" });
  const badCoverage = unknownProvince(t.coverage);
  if (badCoverage !== null) throw new ValidationError("AGREEMENT_PROVINCE_UNKNOWN", `“${badCoverage}” is not a province code; use six-digit codes ending in 0000, such as 330000 for Zhejiang.`, { field: "terms.coverage", province: badCoverage });
  if (t.coverage.length) {
    const outside = [...seen].find((p) => !t.coverage.includes(p));
    if (outside) throw new ValidationError("AGREEMENT_LEVEL_OUTSIDE_COVERAGE", `${provinceNames().get(outside)} has a service level but is not in the coverage; add it to the coverage or remove it from the level.`, { field: "terms.coverage", province: outside });
  }
  const catchAll = t.serviceLevels.some((l) => l.provinces.length === 0);
  const served = t.coverage.length ? t.coverage : [...provinceNames().keys()].filter((p) => !OUTSIDE_MAINLAND.some(([c]) => c === p));
  const unpromised = catchAll ? undefined : served.find((p) => !seen.has(p));
  if (unpromised) throw new ValidationError("AGREEMENT_LEVEL_MISSING", `No service level says how fast ${provinceNames().get(unpromised)} is served; add it to a level, or add a level without provinces for the rest.`, { field: "terms.serviceLevels", province: unpromised });
  for (const k of ["firstGrams", "firstFen", "extraGrams", "extraFen"] as const) {
    if (!wholeAtLeast(t.price[k], 0)) throw new ValidationError("AGREEMENT_PRICE_INVALID", `${k} must be a whole number, zero or more (grams, or 分 for amounts).`, { field: `terms.price.${k}` });
  }
  if (!wholeAtLeast(t.claimLimitFen, 0)) throw new ValidationError("AGREEMENT_CLAIM_LIMIT_INVALID", "The claim limit is a whole number of 分, zero or more.", { field: "terms.claimLimitFen" });
  if (!isDay(a.validFrom)) throw new ValidationError("AGREEMENT_DATES_INVALID", "Give the first day of the agreement as a date such as 2026-01-01.", { field: "validFrom" });
  if (!isDay(a.validUntil)) throw new ValidationError("AGREEMENT_DATES_INVALID", "Give the last day of the agreement as a date such as 2026-12-31.", { field: "validUntil" });
  if (a.validFrom > a.validUntil) throw new ValidationError("AGREEMENT_DATES_INVALID", "The agreement cannot end before it starts: its last day is before its first.", { field: "validUntil" });
}

// The carrier's price for a parcel of `grams` under the agreement, in 分.
export function agreementPrice(price: AgreementTerms["price"], grams: number) {
  const extra = Math.max(0, grams - price.firstGrams);
  return price.firstFen + (extra > 0 && price.extraGrams > 0 ? Math.ceil(extra / price.extraGrams) * price.extraFen : 0);
}

export type AgreementState = "in_force" | "upcoming" | "expired" | "ended";
const stateOf = (a: AgreementRow, today: string): AgreementState =>
  a.status === "ended" ? "ended" : a.validUntil < today ? "expired" : a.validFrom > today ? "upcoming" : "in_force";

export const agreementView = (a: AgreementRow, today: string) => ({
  id: a.id, no: a.no, carrierId: a.carrierId, terms: a.terms, validFrom: a.validFrom, validUntil: a.validUntil, status: a.status, state: stateOf(a, today),
  note: a.note, createdBy: a.createdByLabel, createdAt: a.createdAt, updatedAt: a.updatedAt,
});

// L1: a new agreement with a carrier. Two agreements in force at once would make the
// promise and price of a shipment ambiguous, so an agreement whose dates overlap an active
// one of the same carrier is refused (409 AGREEMENT_OVERLAPS): ending a signed contract is a
// decision of its own (POST …/end, audited), never the side effect of a typo in a date.
// A renewal simply starts the day after the current one ends.
export async function createAgreement(ctx: Ctx, carrierId: string, input: AgreementInput) {
  checkAgreement(input);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const today = shanghaiDay(now);
    // The carrier's row serialises concurrent agreements of one carrier.
    const [carrier] = await tx.select().from(carriers).where(eq(carriers.id, carrierId)).for("update");
    if (!carrier) throw new NotFound("Carrier", "CARRIER_NOT_FOUND");
    if (input.validUntil < today) throw new ValidationError("AGREEMENT_DATES_INVALID", `An agreement that ended before today (${today}) would never be in force; check its last day.`, { field: "validUntil" });
    const [clash] = await tx.select().from(carrierAgreements).where(and(
      eq(carrierAgreements.carrierId, carrierId), eq(carrierAgreements.status, "active"),
      lte(carrierAgreements.validFrom, input.validUntil), gte(carrierAgreements.validUntil, input.validFrom),
    )).orderBy(asc(carrierAgreements.validFrom)).limit(1);
    if (clash) {
      throw new RuleViolation("AGREEMENT_OVERLAPS", `Agreement ${clash.no} with ${carrier.name} runs from ${clash.validFrom} to ${clash.validUntil}; end it first, or start the new one after ${clash.validUntil}.`, { agreementId: clash.id, no: clash.no, validFrom: clash.validFrom, validUntil: clash.validUntil });
    }
    const [row] = await tx.insert(carrierAgreements).values({
      id: newId(), carrierId, no: await nextNumber(tx, "XY", now), terms: normaliseTerms(input.terms), validFrom: input.validFrom, validUntil: input.validUntil,
      status: "active", note: input.note?.trim() || null, createdByLabel: ctx.actor.label, createdAt: now, updatedAt: now,
    }).returning();
    await recordAudit(tx, ctx, { action: "carrier.agreement.create", entityType: "carrier_agreement", entityId: row!.id, summary: { carrier: carrier.code, no: row!.no, validFrom: row!.validFrom, validUntil: row!.validUntil, price: row!.terms.price } });
    return agreementView(row!, today);
  });
}

const normaliseTerms = (t: AgreementTerms): AgreementTerms => ({
  serviceLevels: t.serviceLevels.map((l) => ({ provinces: [...new Set(l.provinces)].sort(), hours: l.hours })),
  price: { firstGrams: t.price.firstGrams, firstFen: t.price.firstFen, extraGrams: t.price.extraGrams, extraFen: t.price.extraFen },
  coverage: [...new Set(t.coverage)].sort(),
  claimLimitFen: t.claimLimitFen,
});

// L1: an agreement ended before its last day (a terminated contract). Shipments already
// under way keep the promise they were sent with.
export async function endAgreement(ctx: Ctx, id: string, reason: string) {
  const why = reason.trim();
  if (why.length < 2) throw new ValidationError("REASON_REQUIRED", "Say why the agreement ends; it stays on the carrier's record.", { field: "reason" });
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(carrierAgreements).where(eq(carrierAgreements.id, id)).for("update");
    if (!a) throw new NotFound("Agreement", "AGREEMENT_NOT_FOUND");
    if (a.status === "ended") throw new RuleViolation("AGREEMENT_ALREADY_ENDED", `Agreement ${a.no} has been ended already.`);
    const now = ctx.clock.now();
    const note = [a.note, `${shanghaiDay(now)} ${ctx.actor.label}: ${why}`].filter(Boolean).join("\n");
    const [row] = await tx.update(carrierAgreements).set({ status: next(agreementMachine, a.status, "end"), note, updatedAt: now }).where(eq(carrierAgreements.id, id)).returning();
    await recordAudit(tx, ctx, { action: "carrier.agreement.end", entityType: "carrier_agreement", entityId: id, summary: { no: a.no, reason: why } });
    return agreementView(row!, shanghaiDay(now));
  });
}

// The agreement in force today of each carrier (the latest started when, after an early
// end and a new start, history holds several).
async function agreementsInForce(q: Queryable, carrierIds: string[], today: string) {
  if (!carrierIds.length) return new Map<string, AgreementRow>();
  const rows = await q.select().from(carrierAgreements).where(and(
    inArray(carrierAgreements.carrierId, carrierIds), eq(carrierAgreements.status, "active"), lte(carrierAgreements.validFrom, today), gte(carrierAgreements.validUntil, today),
  )).orderBy(desc(carrierAgreements.validFrom));
  const m = new Map<string, AgreementRow>();
  for (const r of rows) if (!m.has(r.carrierId)) m.set(r.carrierId, r);
  return m;
}

// ---- Evaluation -------------------------------------------------------------------------

export interface Period { from: Date; to: Date; fromDay: string; toDay: string }
export const EVALUATION_DAYS = 90;

// From the first Shanghai day's start to the last day's end; by default the last 90 days.
export function periodOf(now: Date, q: { from?: string; to?: string } = {}): Period {
  for (const [field, d] of [["from", q.from], ["to", q.to]] as const) {
    if (d !== undefined && !isDay(d)) throw new ValidationError("PERIOD_INVALID", "Give dates such as 2026-01-31.", { field });
  }
  const to = q.to ? addDays(new Date(`${q.to}T00:00:00+08:00`), 1) : now;
  const from = q.from ? new Date(`${q.from}T00:00:00+08:00`) : addDays(to, -EVALUATION_DAYS);
  if (from >= to) throw new ValidationError("PERIOD_INVALID", "The period's first day is after its last.", { field: "from" });
  if (to.getTime() - from.getTime() > 3 * 366 * 86_400_000) throw new ValidationError("PERIOD_INVALID", "Evaluate at most three years at once.", { field: "from" });
  return { from, to, fromDay: q.from ?? shanghaiDay(from), toDay: q.to ?? shanghaiDay(now) };
}

interface Counts { shipments: number; delivered: number; promised: number; onTime: number; lost: number; damaged: number; complaints: number }
const ZERO: Counts = { shipments: 0, delivered: 0, promised: 0, onTime: 0, lost: 0, damaged: 0, complaints: 0 };

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

// L1: the score a carrier is chosen by, 0–100 (one decimal), the weighted mean of:
//   punctuality  weight 50: on-time rate (delivered by the promise ÷ delivered with a promise)
//   safety       weight 30: max(0, 1 − 10 × (loss rate + damage rate)) — 10 % of shipments lost or damaged scores 0
//   satisfaction weight 20: max(0, 1 − 20 × complaints ÷ shipments) — a buyer complaint on 5 % of shipments scores 0
// A part with nothing to measure (no delivered shipment with a promise yet) is left out and
// the others carry the score. A carrier with nothing measured yet — no shipment delivered
// against a promise, none lost or damaged, no complaint — has no score (null): parcels
// still on their way prove nothing, and would otherwise score a newcomer 100.
export function scoreOf(c: Counts): number | null {
  if (!c.shipments || (!c.promised && !c.lost && !c.damaged && !c.complaints)) return null;
  const parts: [number, number][] = [
    [30, Math.max(0, 1 - 10 * ((c.lost + c.damaged) / c.shipments))],
    [20, Math.max(0, 1 - 20 * (c.complaints / c.shipments))],
  ];
  if (c.promised) parts.push([50, c.onTime / c.promised]);
  const weight = parts.reduce((n, [w]) => n + w, 0);
  return Math.round((parts.reduce((n, [w, v]) => n + w * v, 0) / weight) * 1000) / 10;
}

export const evaluationOf = (c: Counts) => ({
  ...c,
  onTimeRate: ratio(c.onTime, c.promised), lossRate: ratio(c.lost, c.shipments), damageRate: ratio(c.damaged, c.shipments),
  complaintRate: ratio(c.complaints, c.shipments), score: scoreOf(c),
});
export type Evaluation = ReturnType<typeof evaluationOf>;

// Counted over the shipments handed over in the period, so that each figure has the same
// denominator: a shipment is lost when its status says so or a case of kind "lost" is open
// or resolved on it; damaged when such a case of kind "damaged" exists; complaints are the
// buyers' cases on its shipments. Cancelled cases (raised by mistake) do not count.
async function countShipments(q: Queryable, period: Period, carrierIds: string[] | null, byMonth: boolean) {
  const month = sql`to_char(s.shipped_at at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const caseOf = (kind: string) => sql`exists (select 1 from order_exceptions e where e.shipment_id = s.id and e.kind = ${kind} and e.status <> 'cancelled')`;
  const rows = rowsOf<Counts & { carrierId: string; month: string | null }>(await q.execute(sql`
    select s.carrier_id as "carrierId", ${byMonth ? month : sql`null`} as month,
      count(*)::int as shipments,
      (count(*) filter (where s.status = 'delivered'))::int as delivered,
      (count(*) filter (where s.status = 'delivered' and s.promised_by is not null))::int as promised,
      (count(*) filter (where s.status = 'delivered' and s.promised_by is not null and s.delivered_at <= s.promised_by))::int as "onTime",
      (count(*) filter (where s.status = 'lost' or ${caseOf("lost")}))::int as lost,
      (count(*) filter (where ${caseOf("damaged")}))::int as damaged,
      coalesce(sum((select count(*) from order_exceptions e where e.shipment_id = s.id and e.source = 'buyer' and e.status <> 'cancelled')), 0)::int as complaints
    from shipments s
    where s.shipped_at >= ${period.from} and s.shipped_at < ${period.to}
      ${carrierIds ? sql`and s.carrier_id in (${sql.join(carrierIds.map((id) => sql`${id}`), sql`, `)})` : sql``}
    group by 1, 2`));
  return rows.map((r) => ({ ...r, ...Object.fromEntries(Object.keys(ZERO).map((k) => [k, Number(r[k as keyof Counts])])) as unknown as Counts }));
}

export async function evaluations(q: Queryable, period: Period, carrierIds: string[]) {
  const rows = carrierIds.length ? await countShipments(q, period, carrierIds, false) : [];
  return new Map(carrierIds.map((id) => [id, evaluationOf(rows.find((r) => r.carrierId === id) ?? ZERO)]));
}

// The twelve Shanghai months up to the period's last day, oldest first, for a chart.
async function monthlySeries(q: Queryable, carrierId: string, period: Period) {
  const [y, m] = period.toDay.split("-").map(Number) as [number, number];
  const months = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (11 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
  const from = new Date(`${months[0]}-01T00:00:00+08:00`);
  const [ly, lm] = months[11]!.split("-").map(Number) as [number, number];
  const to = new Date(`${lm === 12 ? ly + 1 : ly}-${String(lm === 12 ? 1 : lm + 1).padStart(2, "0")}-01T00:00:00+08:00`);
  const rows = await countShipments(q, { from, to, fromDay: "", toDay: "" }, [carrierId], true);
  return months.map((month) => ({ month, ...evaluationOf(rows.find((r) => r.month === month) ?? ZERO) }));
}

// ---- Reading ----------------------------------------------------------------------------

const carrierView = (c: CarrierRow, agreement: AgreementRow | undefined, evaluation: Evaluation, today: string) => ({
  id: c.id, code: c.code, name: c.name, nameEn: c.nameEn, trackingPattern: c.trackingPattern, trackingExample: c.trackingExample,
  tracking: c.tracking, active: c.active, contact: c.contact, createdAt: c.createdAt, updatedAt: c.updatedAt,
  agreement: agreement ? agreementView(agreement, today) : null, evaluation,
});

// L1: carriers with the agreement in force and their evaluation over the period, best
// score first. Merchants see the active carriers only (the ones they may ship with).
export async function listCarriers(ctx: Ctx, query: { from?: string; to?: string } = {}) {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const period = periodOf(now, query);
  const rows = await ctx.db.select().from(carriers).where(ctx.actor.merchantId ? eq(carriers.active, true) : undefined).orderBy(asc(carriers.createdAt), asc(carriers.code));
  const ids = rows.map((r) => r.id);
  const [inForce, evals] = [await agreementsInForce(ctx.db, ids, today), await evaluations(ctx.db, period, ids)];
  const items = rows.map((c) => carrierView(c, inForce.get(c.id), evals.get(c.id)!, today));
  items.sort((a, b) => Number(b.active) - Number(a.active) || (b.evaluation.score ?? -1) - (a.evaluation.score ?? -1) || a.code.localeCompare(b.code));
  return { from: period.fromDay, to: period.toDay, days: EVALUATION_DAYS, items };
}

export async function carrierDetail(ctx: Ctx, id: string, query: { from?: string; to?: string } = {}) {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const period = periodOf(now, query);
  const [c] = await ctx.db.select().from(carriers).where(eq(carriers.id, id));
  if (!c) throw new NotFound("Carrier", "CARRIER_NOT_FOUND");
  const agreements = await ctx.db.select().from(carrierAgreements).where(eq(carrierAgreements.carrierId, id)).orderBy(desc(carrierAgreements.validFrom), desc(carrierAgreements.createdAt));
  const inForce = await agreementsInForce(ctx.db, [id], today);
  const evaluation = (await evaluations(ctx.db, period, [id])).get(id)!;
  return {
    ...carrierView(c, inForce.get(id), evaluation, today),
    from: period.fromDay, to: period.toDay,
    agreements: agreements.map((a) => agreementView(a, today)),
    monthly: await monthlySeries(ctx.db, id, period),
  };
}

// ---- Choosing a carrier for an order ----------------------------------------------------

// L1: the carriers for an order's parcel, best first: those whose agreement in force
// covers the destination, by score and then by the agreement's price for the goods'
// weight; then carriers without an agreement (no promise, no agreed price); carriers whose
// agreement does not reach the province last (shipping with them is refused).
export async function carrierSuggestions(ctx: Ctx, orderId: string) {
  if (ctx.actor.kind !== "staff" && !ctx.actor.merchantId) throw new Forbidden();
  const [order] = await ctx.db.select({ id: orders.id, address: orders.address }).from(orders).where(and(eq(orders.id, orderId), orderScope(ctx)));
  if (!order) throw new NotFound("Order", "ORDER_NOT_FOUND");
  const [w] = await ctx.db.select({ grams: sql<number>`coalesce(sum(${orderLines.weightGrams} * ${orderLines.quantity}), 0)::int` }).from(orderLines).where(eq(orderLines.orderId, orderId));
  const weightGrams = Math.max(1, Number(w?.grams ?? 0));
  const province = order.address.provinceCode;
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const rows = await ctx.db.select().from(carriers).where(eq(carriers.active, true));
  const ids = rows.map((r) => r.id);
  const [inForce, evals] = [await agreementsInForce(ctx.db, ids, today), await evaluations(ctx.db, periodOf(now), ids)];
  const items = rows.map((c) => {
    const a = inForce.get(c.id);
    const covering = a ? covers(a.terms, province) : null;
    return {
      carrierId: c.id, code: c.code, name: c.name, nameEn: c.nameEn, trackingExample: c.trackingExample, tracking: c.tracking,
      agreementId: a?.id ?? null, agreementNo: a?.no ?? null, covers: covering,
      hours: a && covering ? serviceHours(a.terms, province) : null,
      priceFen: a && covering ? agreementPrice(a.terms.price, weightGrams) : null,
      claimLimitFen: a?.terms.claimLimitFen ?? null,
      score: evals.get(c.id)!.score, shipments: evals.get(c.id)!.shipments, recommended: false,
    };
  });
  const group = (i: (typeof items)[number]) => (i.covers === true ? 0 : i.covers === null ? 1 : 2);
  items.sort((a, b) => group(a) - group(b) || (b.score ?? -1) - (a.score ?? -1) || (a.priceFen ?? Infinity) - (b.priceFen ?? Infinity) || a.code.localeCompare(b.code));
  if (items[0]?.covers) items[0].recommended = true;
  return { province, provinceName: provinceNames().get(province) ?? province, weightGrams, items };
}
