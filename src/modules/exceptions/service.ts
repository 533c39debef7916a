import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { addHours } from "../../lib/clock.js";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { defineMachine, next } from "../../lib/machine.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, Forbidden, NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { nextNumber } from "../../server/numbers.js";
import { recordAudit } from "../audit/index.js";
import { carrierAgreements, carriers, shipmentParcels, shipments } from "../logistics/schema.js";
import { reshipLocked, shipmentsOf, shippedQuantities } from "../logistics/shipments.js";
import { shipmentMachine } from "../logistics/tracking.js";
import { merchants } from "../merchants/schema.js";
import { orderEvents, orderLines, orders, type OrderStatus } from "../orders/schema.js";
import { lockOrder, type Order } from "../orders/service.js";
import { paymentOfOrder } from "../payments/queries.js";
import { refunds } from "../payments/schema.js";
import { executeRefund, requestRefund } from "../payments/service.js";
import { getRule } from "../settings/index.js";
import { closeTasks, raiseTask } from "../tasks/service.js";
import { exceptionKinds, exceptionStatuses, orderExceptions, type ExceptionKind, type ExceptionStatus, type Resolution } from "./schema.js";

export type ExceptionCase = typeof orderExceptions.$inferSelect;
export type OwnerKind = ExceptionCase["ownerKind"];
export type CaseSource = ExceptionCase["source"];

// O7/L4: a case is open until somebody resolves it (goods again, money back, a claim on the
// carrier, or nothing to do) or staff withdraw it (opened by mistake, a duplicate).
export const exceptionMachine = defineMachine<ExceptionStatus, "resolve" | "cancel">("case", {
  open: { resolve: "resolved", cancel: "cancelled" },
  resolved: {},
  cancelled: {},
});

// What a buyer can report about their own order; the rest is noticed by the shop, staff or a job.
export const buyerKinds = ["damaged", "lost", "customer", "address"] as const satisfies readonly ExceptionKind[];
// Cases about one parcel: they name the shipment.
export const parcelKinds: readonly ExceptionKind[] = ["lost", "damaged", "delayed", "returned"];
// Before payment there is nothing to handle; once the order has ended, after-sales takes over.
const openableStatuses: readonly OrderStatus[] = ["paid", "partly_shipped", "shipped", "delivered"];

// Who handles a case first: what happens to a shop's parcels and what its buyers ask are the
// shop's to sort out; a fault of the platform's own systems is the platform's.
export const ownerOf = (kind: ExceptionKind): OwnerKind => (kind === "system" ? "platform" : "merchant");

const TASK_SUBJECT = "order_exception";

function sourceOf(ctx: Ctx): CaseSource {
  const kind = ctx.actor.kind;
  if (kind === "buyer" || kind === "staff" || kind === "system") return kind;
  if (kind === "merchant" && ctx.actor.merchantId) return "merchant";
  throw new Forbidden("EXCEPTION_NOT_YOURS", "Sign in as the buyer, the shop or platform staff to report a problem with an order.");
}

// Every step of a case is also a row of its order's timeline (O3), so that whoever reads the
// order sees the problem and how it was settled. The case number leads the reason: a case's
// own timeline is the rows that start with it.
async function timeline(tx: Tx, ctx: Ctx, order: Order, event: string, no: string, text: string) {
  await tx.insert(orderEvents).values({
    id: newId(), orderId: order.id, event, fromStatus: order.status, toStatus: order.status,
    actorUserId: ctx.actor.userId, actorKind: ctx.actor.kind, actorLabel: ctx.actor.label, reason: `${no} ${text}`.slice(0, 2000), at: ctx.clock.now(),
  });
}

async function notifyOwner(tx: Tx, ctx: Ctx, c: ExceptionCase, orderNo: string, tag: string) {
  await raiseTask(tx, ctx, {
    audience: c.ownerKind === "merchant" ? "merchant" : "platform", merchantId: c.merchantId, permission: c.ownerKind === "platform" ? "order.manage.any" : undefined,
    kind: "order_exception", params: { caseNo: c.no, orderNo, kind: c.kind, deadline: c.deadline.toISOString() },
    subjectType: TASK_SUBJECT, subjectId: c.id, dueAt: c.deadline, dedupeKey: `order_exception:${c.id}:${tag}`,
  });
}

// The parcel a case is about: the one named, else the order's only shipment.
async function parcelOf(tx: Tx, order: Order, kind: ExceptionKind, shipmentId: string | null | undefined) {
  if (shipmentId) {
    const [s] = await tx.select().from(shipments).where(and(eq(shipments.id, shipmentId), eq(shipments.orderId, order.id)));
    if (!s) throw new ValidationError("SHIPMENT_NOT_OF_ORDER", `That shipment is not one of order ${order.no}; choose one of its parcels.`, { field: "shipmentId" });
    return s;
  }
  if (!parcelKinds.includes(kind)) return null;
  const all = await tx.select().from(shipments).where(eq(shipments.orderId, order.id)).orderBy(asc(shipments.shippedAt));
  if (!all.length) throw new RuleViolation("ORDER_NOT_SHIPPED", `Nothing of order ${order.no} has shipped yet; a parcel can be lost, damaged or late only once it has left.`, { field: "kind" });
  if (all.length > 1) throw new ValidationError("SHIPMENT_REQUIRED", `Order ${order.no} went out in ${all.length} parcels; say which one this is about.`, { field: "shipmentId", shipments: all.map((s) => ({ id: s.id, trackingNo: s.trackingNo })) });
  return all[0]!;
}

export interface OpenInput {
  kind: ExceptionKind;
  description: string;
  shipmentId?: string | null;
}

// O7/L4: the buyer, the shop, staff or a job report that something went wrong with an order.
// One transaction: the case with its number, owner and deadline, the order's timeline row and
// the owner's task.
export async function openException(ctx: Ctx, orderId: string, input: OpenInput) {
  const row = await ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, ctx, orderId);
    return openLocked(tx, ctx, order, input);
  });
  return caseView(ctx, row);
}

// The same inside a caller's transaction holding the order's row lock, which also makes
// "one open case per order, parcel and kind" hold between concurrent reports.
export async function openLocked(tx: Tx, ctx: Ctx, order: Order, input: OpenInput) {
  const source = sourceOf(ctx);
  if (!(exceptionKinds as readonly string[]).includes(input.kind)) throw new ValidationError("EXCEPTION_KIND_INVALID", `Choose one of: ${exceptionKinds.join(", ")}.`, { field: "kind" });
  if (source === "buyer" && !(buyerKinds as readonly string[]).includes(input.kind)) {
    throw new ValidationError("EXCEPTION_KIND_INVALID", `Report a parcel damaged or lost, a wrong address, or another problem (${buyerKinds.join(", ")}).`, { field: "kind" });
  }
  const description = input.description?.trim() ?? "";
  if (description.length < 2) throw new ValidationError("DESCRIPTION_REQUIRED", "Describe what went wrong, in a few words.", { field: "description" });
  if (!openableStatuses.includes(order.status)) {
    throw new RuleViolation("ORDER_NOT_OPEN_FOR_EXCEPTIONS", order.status === "pending_payment" ? `Order ${order.no} is not paid yet; there is nothing to handle.`
      : order.status === "completed" ? `Order ${order.no} is completed; ask for a return or refund through after-sales instead.` : `Order ${order.no} is ${order.status.replace("_", " ")}; there is nothing left to handle.`, { status: order.status });
  }
  const parcel = await parcelOf(tx, order, input.kind, input.shipmentId);
  const [first] = await tx.select({ id: orderExceptions.id, no: orderExceptions.no }).from(orderExceptions).where(and(
    eq(orderExceptions.orderId, order.id), eq(orderExceptions.kind, input.kind), eq(orderExceptions.status, "open"),
    sql`${orderExceptions.shipmentId} is not distinct from ${parcel?.id ?? null}::uuid`,
  )).limit(1);
  if (first) {
    throw new Conflict("EXCEPTION_ALREADY_OPEN", `Case ${first.no} is already open for this ${parcel ? "parcel" : "order"} (${input.kind}); add to it instead of opening another.`, { caseId: first.id, no: first.no });
  }
  const now = ctx.clock.now();
  const hours = await getRule(ctx, "logistics.exceptionHandleHours", tx);
  const ownerKind = ownerOf(input.kind);
  const [shop] = await tx.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, order.merchantId));
  const [row] = await tx.insert(orderExceptions).values({
    id: newId(), no: await nextNumber(tx, "YC", now), orderId: order.id, merchantId: order.merchantId, shipmentId: parcel?.id ?? null, kind: input.kind, source, description: description.slice(0, 2000),
    status: "open", ownerKind, ownerLabel: ownerKind === "merchant" ? (shop?.name ?? null) : null, deadline: addHours(now, hours),
    openedByLabel: ctx.actor.label, openedAt: now, updatedAt: now,
  }).returning();
  await timeline(tx, ctx, order, "exception_open", row!.no, `${input.kind}${parcel ? ` (${parcel.trackingNo})` : ""}: ${description}`);
  await notifyOwner(tx, ctx, row!, order.no, "open");
  if (source === "staff") await recordAudit(tx, ctx, { action: "exception.open", entityType: "order_exception", entityId: row!.id, summary: { no: row!.no, order: order.no, kind: input.kind, description } });
  return row!;
}

// Staff, or the shop for its own orders; a buyer reads cases through their order.
function caseScope(ctx: Ctx): SQL | undefined {
  if (ctx.actor.kind === "staff" || ctx.actor.kind === "system") return undefined;
  if (ctx.actor.kind === "merchant" && ctx.actor.merchantId) return eq(orderExceptions.merchantId, ctx.actor.merchantId);
  return sql`false`;
}

async function caseInScope(q: Queryable, ctx: Ctx, id: string) {
  const [c] = await q.select().from(orderExceptions).where(and(eq(orderExceptions.id, id), caseScope(ctx)));
  if (!c) throw new NotFound("Case", "EXCEPTION_NOT_FOUND");
  return c;
}

// The case under its order's lock, the order first: the order in which opening takes them.
async function lockCase(tx: Tx, ctx: Ctx, id: string) {
  const found = await caseInScope(tx, ctx, id);
  const order = await lockOrder(tx, ctx, found.orderId);
  const [c] = await tx.select().from(orderExceptions).where(eq(orderExceptions.id, id)).for("update");
  return { c: c!, order };
}

export interface ResolveInput {
  resolution: Resolution;
  note: string;
  refundFen?: number | null;
  claimFen?: number | null;
  reship?: { carrierId: string; trackingNo: string; lines: { orderLineId: string; quantity: number }[]; parcels?: { weightGrams: number; trackingNo?: string | null }[] } | null;
}

function checkResolveInput(input: ResolveInput) {
  const note = input.note?.trim() ?? "";
  if (note.length < 2) throw new ValidationError("NOTE_REQUIRED", "Say in a few words how the case was settled.", { field: "note" });
  const has = { refundFen: input.refundFen != null, claimFen: input.claimFen != null, reship: input.reship != null };
  const needs: Record<Resolution, keyof typeof has | null> = { refund: "refundFen", claim: "claimFen", reship: "reship", no_action: null };
  const needed = needs[input.resolution];
  if (needed && !has[needed]) {
    const say = { refundFen: "Enter the amount to refund.", claimFen: "Enter the amount claimed from the carrier.", reship: "Choose the carrier, the new waybill number and what to send again." }[needed];
    throw new ValidationError(`${needed === "reship" ? "RESHIP" : needed === "refundFen" ? "REFUND_AMOUNT" : "CLAIM_AMOUNT"}_REQUIRED`, say, { field: needed });
  }
  for (const field of Object.keys(has) as (keyof typeof has)[]) {
    if (has[field] && field !== needed) throw new ValidationError("RESOLUTION_FIELD_UNEXPECTED", `“${field}” belongs to another resolution than ${input.resolution.replace("_", " ")}; leave it out.`, { field });
  }
  for (const field of ["refundFen", "claimFen"] as const) {
    const v = input[field];
    if (v != null && (!Number.isInteger(v) || v <= 0)) throw new ValidationError("AMOUNT_INVALID", "Enter an amount of at least ¥0.01, in whole 分.", { field });
  }
  return note;
}

// O7/L4: the owner settles the case, in one transaction with what settling it takes: the goods
// sent again under a new waybill (fresh stock), part of the money refunded to the original
// method, or the compensation claimed from the carrier recorded (a parcel claimed as lost is
// lost). A lost parcel is the carrier's fault and counts against no shop. Settling after the
// deadline is allowed; lists show it late.
export async function resolveException(ctx: Ctx, id: string, input: ResolveInput) {
  const note = checkResolveInput(input);
  let refundId: string | null = null;
  const row = await ctx.db.transaction(async (tx) => {
    const { c, order } = await lockCase(tx, ctx, id);
    const to = next(exceptionMachine, c.status, "resolve");
    if (ctx.actor.kind === "merchant" && c.ownerKind !== "merchant") {
      throw new Forbidden("EXCEPTION_OWNED_BY_PLATFORM", `Case ${c.no} is being handled by the platform${c.ownerLabel ? ` (${c.ownerLabel})` : ""}; it will tell you what it decides.`);
    }
    const now = ctx.clock.now();
    const set: Partial<ExceptionCase> = { status: to, resolution: input.resolution, resolutionNote: note, resolvedByLabel: ctx.actor.label, resolvedAt: now, updatedAt: now };
    let detail = "";
    if (input.resolution === "refund") {
      const amountFen = input.refundFen!;
      if (order.status === "completed") throw new RuleViolation("ORDER_COMPLETED", `Order ${order.no} is completed and its money has gone to the shop; refund through after-sales instead.`, { field: "refundFen" });
      const payment = await paymentOfOrder(tx, order.id);
      if (!payment) throw new RuleViolation("ORDER_NOT_PAID", `Order ${order.no} has no successful payment to refund.`);
      const refund = await requestRefund(tx, ctx, order, payment, { amountFen, reason: `${c.no}: ${note}`.slice(0, 500), requestKey: `exception:${c.id}` });
      refundId = refund.id;
      set.refundFen = amountFen;
      detail = ` ¥${(amountFen / 100).toFixed(2)} (${refund.no})`;
    } else if (input.resolution === "reship") {
      if (!["partly_shipped", "shipped", "delivered", "completed"].includes(order.status)) {
        throw new RuleViolation("RESHIP_NOT_POSSIBLE", `Order ${order.no} is ${order.status.replace("_", " ")}; only goods that have shipped can be sent again.`, { status: order.status });
      }
      const shipment = await reshipLocked(tx, ctx, order, c.id, { ...input.reship!, note: `${c.no} reship` });
      set.reshipShipmentId = shipment.id;
      detail = ` ${shipment.trackingNo}`;
    } else if (input.resolution === "claim") {
      const amountFen = input.claimFen!;
      if (!c.shipmentId) throw new RuleViolation("CLAIM_NEEDS_PARCEL", `Case ${c.no} is not about a parcel; a carrier is claimed against for a parcel it lost or damaged.`, { field: "claimFen" });
      const [s] = await tx.select().from(shipments).where(eq(shipments.id, c.shipmentId)).for("update");
      const limit = await claimLimit(tx, s!);
      if (limit && amountFen > limit.limitFen) {
        throw new RuleViolation("CLAIM_EXCEEDS_LIMIT", `Agreement ${limit.agreementNo} caps compensation at ¥${(limit.perParcelFen / 100).toFixed(2)} per parcel: at most ¥${(limit.limitFen / 100).toFixed(2)} for ${limit.parcels} parcel${limit.parcels > 1 ? "s" : ""}.`, { field: "claimFen", limitFen: limit.limitFen });
      }
      set.claimFen = amountFen;
      detail = ` ¥${(amountFen / 100).toFixed(2)}`;
      // The carrier paying for a lost parcel settles that it is lost; tracking will not deliver it.
      if (c.kind === "lost" && s!.status === "in_transit") {
        const status = next(shipmentMachine, s!.status, "lose");
        await tx.update(shipments).set({ status, updatedAt: now }).where(and(eq(shipments.id, s!.id), eq(shipments.status, "in_transit")));
      }
    }
    const [done] = await tx.update(orderExceptions).set(set).where(and(eq(orderExceptions.id, c.id), eq(orderExceptions.status, "open"))).returning();
    if (!done) throw new Conflict("EXCEPTION_CHANGED", `Case ${c.no} changed meanwhile. Reload it and try again.`);
    await timeline(tx, ctx, order, "exception_resolve", c.no, `${input.resolution}${detail}: ${note}`);
    await closeTasks(tx, ctx, { subjectType: TASK_SUBJECT, subjectId: c.id }, ctx.actor.label);
    if (ctx.actor.kind === "staff") await recordAudit(tx, ctx, { action: "exception.resolve", entityType: "order_exception", entityId: c.id, summary: { no: c.no, order: order.no, resolution: input.resolution, refundFen: set.refundFen ?? null, claimFen: set.claimFen ?? null, note } });
    return done;
  });
  // The provider is asked once the refund is decided and committed, as cancellation does.
  if (refundId) await executeRefund(ctx, refundId);
  return exceptionDetail(ctx, row.id);
}

// L4: what the carrier's agreement pays at most for the parcels of a shipment.
export async function claimLimit(q: Queryable, s: typeof shipments.$inferSelect) {
  if (!s.agreementId) return null;
  const [a] = await q.select({ no: carrierAgreements.no, terms: carrierAgreements.terms }).from(carrierAgreements).where(eq(carrierAgreements.id, s.agreementId));
  const per = a?.terms.claimLimitFen;
  if (!a || !Number.isInteger(per) || per! <= 0) return null;
  const [n] = await q.select({ n: count() }).from(shipmentParcels).where(eq(shipmentParcels.shipmentId, s.id));
  const parcels = Math.max(1, Number(n?.n ?? 1));
  return { agreementNo: a.no, perParcelFen: per!, parcels, limitFen: per! * parcels };
}

// O7: staff hand a case to the shop or to a platform team (named by the label).
export async function assignException(ctx: Ctx, id: string, input: { ownerKind: OwnerKind; ownerLabel?: string | null }) {
  if (ctx.actor.kind !== "staff") throw new Forbidden("STAFF_ONLY", "Only platform staff assign cases.");
  if (input.ownerKind !== "merchant" && input.ownerKind !== "platform") throw new ValidationError("OWNER_INVALID", "Assign the case to the shop (merchant) or to the platform.", { field: "ownerKind" });
  const label = input.ownerLabel?.trim() || null;
  const row = await ctx.db.transaction(async (tx) => {
    const { c, order } = await lockCase(tx, ctx, id);
    if (c.status !== "open") throw new RuleViolation("EXCEPTION_NOT_OPEN", `Case ${c.no} is ${c.status}; only an open case can change hands.`, { status: c.status });
    let ownerLabel = label;
    if (input.ownerKind === "merchant" && !ownerLabel) ownerLabel = (await tx.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, c.merchantId)))[0]?.name ?? null;
    if (c.ownerKind === input.ownerKind && c.ownerLabel === ownerLabel) return c;
    const now = ctx.clock.now();
    const [after] = await tx.update(orderExceptions).set({ ownerKind: input.ownerKind, ownerLabel, ownerUserId: null, updatedAt: now })
      .where(and(eq(orderExceptions.id, c.id), eq(orderExceptions.status, "open"))).returning();
    if (after!.ownerKind !== c.ownerKind) {
      await closeTasks(tx, ctx, { subjectType: TASK_SUBJECT, subjectId: c.id }, ctx.actor.label);
      await notifyOwner(tx, ctx, after!, order.no, `assign:${now.toISOString()}`);
    }
    await timeline(tx, ctx, order, "exception_assign", c.no, `→ ${input.ownerKind}${ownerLabel ? ` (${ownerLabel})` : ""}`);
    await recordAudit(tx, ctx, { action: "exception.assign", entityType: "order_exception", entityId: c.id, summary: { no: c.no, from: { kind: c.ownerKind, label: c.ownerLabel }, to: { kind: input.ownerKind, label: ownerLabel } } });
    return after!;
  });
  return exceptionDetail(ctx, row.id);
}

// O7: staff withdraw a case opened by mistake or twice; the reason stays on it.
export async function cancelException(ctx: Ctx, id: string, note: string) {
  if (ctx.actor.kind !== "staff") throw new Forbidden("STAFF_ONLY", "Only platform staff withdraw cases.");
  const why = note?.trim() ?? "";
  if (why.length < 2) throw new ValidationError("NOTE_REQUIRED", "Say why the case is withdrawn.", { field: "note" });
  const row = await ctx.db.transaction(async (tx) => {
    const { c, order } = await lockCase(tx, ctx, id);
    const to = next(exceptionMachine, c.status, "cancel");
    const now = ctx.clock.now();
    const [done] = await tx.update(orderExceptions).set({ status: to, resolutionNote: why, resolvedByLabel: ctx.actor.label, resolvedAt: now, updatedAt: now })
      .where(and(eq(orderExceptions.id, c.id), eq(orderExceptions.status, "open"))).returning();
    await timeline(tx, ctx, order, "exception_cancel", c.no, why);
    await closeTasks(tx, ctx, { subjectType: TASK_SUBJECT, subjectId: c.id }, ctx.actor.label);
    await recordAudit(tx, ctx, { action: "exception.cancel", entityType: "order_exception", entityId: c.id, summary: { no: c.no, order: order.no, note: why } });
    return done!;
  });
  return exceptionDetail(ctx, row.id);
}

// Late: still open past the deadline, or settled after it.
const overdueSql = (now: Date) => sql<boolean>`((${orderExceptions.status} = 'open' and ${orderExceptions.deadline} < ${now.toISOString()}::timestamptz)
  or (${orderExceptions.status} = 'resolved' and ${orderExceptions.resolvedAt} > ${orderExceptions.deadline}))`;

export function isOverdue(c: Pick<ExceptionCase, "status" | "deadline" | "resolvedAt">, now: Date) {
  return c.status === "open" ? c.deadline < now : c.status === "resolved" && !!c.resolvedAt && c.resolvedAt > c.deadline;
}

function caseFields(c: ExceptionCase, now: Date) {
  return {
    id: c.id, no: c.no, orderId: c.orderId, merchantId: c.merchantId, shipmentId: c.shipmentId, kind: c.kind, source: c.source, description: c.description, status: c.status,
    ownerKind: c.ownerKind, ownerLabel: c.ownerLabel, deadline: c.deadline, overdue: isOverdue(c, now),
    resolution: c.resolution, resolutionNote: c.resolutionNote, refundFen: c.refundFen, claimFen: c.claimFen, reshipShipmentId: c.reshipShipmentId,
    openedBy: c.source === "buyer" ? "buyer" : c.openedByLabel, openedAt: c.openedAt, resolvedBy: c.resolvedByLabel, resolvedAt: c.resolvedAt, updatedAt: c.updatedAt,
  };
}

async function caseView(ctx: Ctx, c: ExceptionCase) {
  const [o] = await ctx.db.select({ no: orders.no }).from(orders).where(eq(orders.id, c.orderId));
  return { ...caseFields(c, ctx.clock.now()), orderNo: o?.no ?? null };
}

export interface ExceptionQuery {
  status?: ExceptionStatus;
  kind?: ExceptionKind;
  owner?: OwnerKind;
  overdue?: boolean;
  merchantId?: string;
  orderId?: string;
  q?: string;
  limit: number;
  offset?: number;
}

// O7: the queue. Open cases first, nearest deadline first; the settled ones newest first.
// Counts per status (for the tabs), per kind and owner within the chosen status, and how
// many open cases are past their deadline.
export async function listExceptions(ctx: Ctx, query: ExceptionQuery) {
  const now = ctx.clock.now();
  const scope = and(caseScope(ctx), query.merchantId ? eq(orderExceptions.merchantId, query.merchantId) : undefined, query.orderId ? eq(orderExceptions.orderId, query.orderId) : undefined,
    query.q ? or(ilike(orderExceptions.no, `%${query.q}%`), ilike(orders.no, `%${query.q}%`), ilike(shipments.trackingNo, `%${query.q}%`)) : undefined);
  const inStatus = and(scope, query.status ? eq(orderExceptions.status, query.status) : undefined);
  const where = and(inStatus, query.kind ? eq(orderExceptions.kind, query.kind) : undefined, query.owner ? eq(orderExceptions.ownerKind, query.owner) : undefined,
    query.overdue === undefined ? undefined : query.overdue ? overdueSql(now) : sql`not ${overdueSql(now)}`);
  const base = () => ctx.db.select({ c: orderExceptions, orderNo: orders.no, orderStatus: orders.status, merchantName: merchants.name, s: { no: shipments.no, trackingNo: shipments.trackingNo, status: shipments.status, promisedBy: shipments.promisedBy }, carrierName: carriers.name, carrierNameEn: carriers.nameEn })
    .from(orderExceptions).innerJoin(orders, eq(orders.id, orderExceptions.orderId)).innerJoin(merchants, eq(merchants.id, orderExceptions.merchantId))
    .leftJoin(shipments, eq(shipments.id, orderExceptions.shipmentId)).leftJoin(carriers, eq(carriers.id, shipments.carrierId));
  const counted = <K extends string>(field: typeof orderExceptions.status | typeof orderExceptions.kind | typeof orderExceptions.ownerKind, w: SQL | undefined) => ctx.db.select({ key: sql<K>`${field}`, n: count() })
    .from(orderExceptions).innerJoin(orders, eq(orders.id, orderExceptions.orderId)).leftJoin(shipments, eq(shipments.id, orderExceptions.shipmentId)).where(w).groupBy(field);
  const [rows, byStatus, byKind, byOwner, [late]] = await Promise.all([
    base().where(where).orderBy(sql`case when ${orderExceptions.status} = 'open' then 0 else 1 end`,
      sql`case when ${orderExceptions.status} = 'open' then ${orderExceptions.deadline} end asc`, desc(orderExceptions.openedAt), desc(orderExceptions.id))
      .limit(query.limit).offset(query.offset ?? 0),
    counted<ExceptionStatus>(orderExceptions.status, scope),
    counted<ExceptionKind>(orderExceptions.kind, inStatus),
    counted<OwnerKind>(orderExceptions.ownerKind, inStatus),
    ctx.db.select({ n: count() }).from(orderExceptions).innerJoin(orders, eq(orders.id, orderExceptions.orderId)).leftJoin(shipments, eq(shipments.id, orderExceptions.shipmentId))
      .where(and(scope, eq(orderExceptions.status, "open"), sql`${orderExceptions.deadline} < ${now.toISOString()}::timestamptz`)),
  ]);
  const tally = <K extends string>(keys: readonly K[], list: { key: K; n: number }[]) => Object.fromEntries(keys.map((k) => [k, Number(list.find((r) => r.key === k)?.n ?? 0)])) as Record<K, number>;
  const status = tally(exceptionStatuses, byStatus);
  return {
    items: rows.map((r) => ({
      ...caseFields(r.c, now), orderNo: r.orderNo, orderStatus: r.orderStatus, merchantName: r.merchantName,
      shipment: r.s?.no ? { no: r.s.no, trackingNo: r.s.trackingNo, status: r.s.status, promisedBy: r.s.promisedBy, carrierName: r.carrierName, carrierNameEn: r.carrierNameEn } : null,
    })),
    counts: { status, all: Object.values(status).reduce((a, b) => a + b, 0), kind: tally(exceptionKinds, byKind), owner: tally(["merchant", "platform"] as const, byOwner), overdue: Number(late?.n ?? 0) },
    limit: query.limit, offset: query.offset ?? 0, handleHours: await getRule(ctx, "logistics.exceptionHandleHours"),
  };
}

// O7/L4: one case with what deciding it needs: the order (lines, what shipped, what can still
// be refunded), its parcels with their tracking, the claim limit, and the case's timeline.
export async function exceptionDetail(ctx: Ctx, id: string) {
  const c = await caseInScope(ctx.db, ctx, id);
  const now = ctx.clock.now();
  const [[row], lines, shipped, parcels, events, caseRefunds] = await Promise.all([
    ctx.db.select({ o: orders, merchantName: merchants.name }).from(orders).innerJoin(merchants, eq(merchants.id, orders.merchantId)).where(eq(orders.id, c.orderId)),
    ctx.db.select().from(orderLines).where(eq(orderLines.orderId, c.orderId)).orderBy(asc(orderLines.id)),
    shippedQuantities(ctx.db, c.orderId),
    shipmentsOf(ctx.db, [c.orderId]),
    ctx.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, c.orderId), sql`${orderEvents.event} like 'exception\\_%'`, sql`${orderEvents.reason} like ${`${c.no} %`}`))
      .orderBy(asc(orderEvents.at), asc(orderEvents.id)),
    ctx.db.select({ id: refunds.id, no: refunds.no, amountFen: refunds.amountFen, status: refunds.status, createdAt: refunds.createdAt, completedAt: refunds.completedAt })
      .from(refunds).where(eq(refunds.requestKey, `exception:${c.id}`)),
  ]);
  const o = row!.o;
  const [s] = c.shipmentId ? await ctx.db.select().from(shipments).where(eq(shipments.id, c.shipmentId)) : [];
  const limit = s ? await claimLimit(ctx.db, s) : null;
  const hours = await getRule(ctx, "logistics.exceptionHandleHours");
  // What a reship can go out with, for whoever settles the case (the carrier list itself is
  // behind logistics permissions customer service does not hold).
  const offered = c.status === "open" ? await ctx.db.select({ id: carriers.id, code: carriers.code, name: carriers.name, nameEn: carriers.nameEn, trackingExample: carriers.trackingExample })
    .from(carriers).where(eq(carriers.active, true)).orderBy(asc(carriers.code)) : [];
  return {
    ...caseFields(c, now), handleHours: hours,
    order: {
      id: o.id, no: o.no, status: o.status, merchantName: row!.merchantName, totalFen: o.totalFen, refundedFen: o.refundedFen, refundableFen: o.status === "completed" ? 0 : o.totalFen - o.refundedFen,
      paidAt: o.paidAt, shippedAt: o.shippedAt, deliveredAt: o.deliveredAt, confirmBy: o.confirmBy, regionName: o.address.regionName,
      lines: lines.map((l) => ({ id: l.id, title: l.title, skuCode: l.skuCode, options: l.options, quantity: l.quantity, shipped: shipped.get(l.id) ?? 0, unitPriceFen: l.unitPriceFen })),
    },
    shipment: parcels.find((p) => p.id === c.shipmentId) ?? null,
    reship: parcels.find((p) => p.id === c.reshipShipmentId) ?? null,
    shipments: parcels,
    claimLimit: limit,
    carriers: offered,
    refund: caseRefunds[0] ?? null,
    timeline: events.map((e) => ({ event: e.event, actorKind: e.actorKind, actor: e.actorKind === "buyer" ? "buyer" : e.actorLabel, text: (e.reason ?? "").slice(c.no.length + 1), at: e.at })),
  };
}

// O7: the buyer's view of the cases on one of their orders.
export async function buyerCases(ctx: Ctx, orderId: string) {
  const [o] = await ctx.db.select({ id: orders.id }).from(orders).where(and(eq(orders.id, orderId), eq(orders.buyerId, ctx.actor.userId ?? "00000000-0000-0000-0000-000000000000")));
  if (!o) throw new NotFound("Order", "ORDER_NOT_FOUND");
  const rows = await ctx.db.select({ c: orderExceptions, trackingNo: shipments.trackingNo }).from(orderExceptions).leftJoin(shipments, eq(shipments.id, orderExceptions.shipmentId))
    .where(eq(orderExceptions.orderId, orderId)).orderBy(desc(orderExceptions.openedAt));
  const now = ctx.clock.now();
  return {
    items: rows.map(({ c, trackingNo }) => ({
      id: c.id, no: c.no, kind: c.kind, status: c.status, description: c.description, trackingNo, deadline: c.deadline, overdue: isOverdue(c, now),
      resolution: c.resolution, resolutionNote: c.resolutionNote, refundFen: c.refundFen, reshipShipmentId: c.reshipShipmentId, openedAt: c.openedAt, resolvedAt: c.resolvedAt,
    })),
  };
}
