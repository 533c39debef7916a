import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { getRule } from "../settings/index.js";
import { closeTasks, raiseTasks } from "../tasks/index.js";
import { tasks } from "../tasks/schema.js";
import { addDaysToDay, daysAgo, daysBetween, levelIdsIn, levelsIn, levelView, readableWarehouse, scopeOf, snapshot, unitsSoldSince, warehouseChoices, type BookScope, type LevelRow } from "./insight.js";
import { stockBatches, stockMovements } from "./schema.js";
import { shanghaiDay } from "./stock.js";

// I6: what needs a person's attention in the stock books, computed from the books each
// time (nothing to keep in step). Most urgent first.
export const alertKinds = ["expired", "out", "damaged", "expiring", "low", "slow"] as const;
export type AlertKind = (typeof alertKinds)[number];

export interface AlertItem extends ReturnType<typeof levelView> {
  kind: AlertKind;
  subjectType: "stock_level" | "stock_batch";
  subjectId: string;
  onHand: number; reserved: number; available: number; blocked: number;
  batch: { id: string; batchNo: string; expiryDate: string | null; onHand: number; blocked: number; blockedReason: string | null; daysLeft: number | null } | null;
  // Why a level is low: below its unit threshold, below its days of cover at the present pace, or both.
  low: { lowStockUnits: number | null; coverDays: number | null; soldInWindow: number; velocity: number; daysOfCover: number | null; byUnits: boolean; byCover: boolean } | null;
  slow: { lastSoldAt: Date | null; idleSince: Date; idleDays: number } | null;
}

export interface AlertRules { expiryWarningDays: number; slowMoverDays: number; velocityWindowDays: number }

export async function alertRules(s: Services, q?: Queryable): Promise<AlertRules> {
  return {
    expiryWarningDays: await getRule(s, "inventory.expiryWarningDays", q),
    slowMoverDays: await getRule(s, "inventory.slowMoverDays", q),
    velocityWindowDays: await getRule(s, "inventory.velocityWindowDays", q),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

// Every alert in scope. The same computation serves the screen and the daily task job.
export async function computeAlerts(q: Queryable, s: Services, scope: BookScope, warehouseId?: string): Promise<{ today: string; rules: AlertRules; items: AlertItem[] }> {
  const now = s.clock.now();
  const today = shanghaiDay(now);
  const rules = await alertRules(s, q);
  const levels = await levelsIn(q, scope, warehouseId);
  if (!levels.length) return { today, rules, items: [] };
  const byId = new Map(levels.map((l) => [l.levelId, l]));
  const sold = await unitsSoldSince(q, scope, daysAgo(now, rules.velocityWindowDays), warehouseId);
  const batches = await q.select().from(stockBatches)
    .where(and(or(gt(stockBatches.onHand, 0), gt(stockBatches.blocked, 0)), inArray(stockBatches.levelId, levelIdsIn(q, scope, warehouseId))))
    .orderBy(sql`${stockBatches.expiryDate} asc nulls last`, asc(stockBatches.batchNo));
  // A level is idle since its last sale, or since it was restocked from nothing: an item
  // that was out of stock could not sell, so that time does not count against it.
  const idle = await q.select({
    levelId: stockMovements.levelId,
    lastSoldAt: sql<Date | null>`max(${stockMovements.createdAt}) filter (where ${stockMovements.type} = 'commit')`.mapWith(stockMovements.createdAt),
    restockedAt: sql<Date | null>`max(${stockMovements.createdAt}) filter (where ${stockMovements.onHandDelta} > 0 and ${stockMovements.onHandAfter} = ${stockMovements.onHandDelta})`.mapWith(stockMovements.createdAt),
  }).from(stockMovements).where(inArray(stockMovements.levelId, levelIdsIn(q, scope, warehouseId))).groupBy(stockMovements.levelId);
  const idleOf = new Map(idle.map((r) => [r.levelId, r]));

  const items: AlertItem[] = [];
  const numbers = (l: LevelRow) => ({ onHand: l.onHand, reserved: l.reserved, available: l.onHand - l.reserved, blocked: l.blocked });
  const levelAlert = (kind: AlertKind, l: LevelRow, extra: Partial<AlertItem> = {}): AlertItem =>
    ({ ...levelView(l), kind, subjectType: "stock_level", subjectId: l.levelId, ...numbers(l), batch: null, low: null, slow: null, ...extra });

  for (const l of levels) {
    const available = l.onHand - l.reserved;
    const units = sold.get(l.levelId) ?? 0;
    const velocity = units / rules.velocityWindowDays;
    if (available <= 0) items.push(levelAlert("out", l));
    else {
      const byUnits = l.lowStockUnits !== null && available < l.lowStockUnits;
      // available < units/window × coverDays, in whole numbers.
      const byCover = l.coverDays !== null && units > 0 && available * rules.velocityWindowDays < units * l.coverDays;
      if (byUnits || byCover) {
        items.push(levelAlert("low", l, {
          low: { lowStockUnits: l.lowStockUnits, coverDays: l.coverDays, soldInWindow: units, velocity: round2(velocity), daysOfCover: units > 0 ? Math.floor((available * rules.velocityWindowDays) / units) : null, byUnits, byCover },
        }));
      }
    }
    if (l.onHand > 0) {
      const i = idleOf.get(l.levelId);
      const times = [i?.lastSoldAt, i?.restockedAt].filter((d): d is Date => !!d).map((d) => d.getTime());
      if (times.length) {
        const idleSince = new Date(Math.max(...times));
        const idleDays = Math.floor((now.getTime() - idleSince.getTime()) / 86_400_000);
        if (idleDays >= rules.slowMoverDays) items.push(levelAlert("slow", l, { slow: { lastSoldAt: i?.lastSoldAt ?? null, idleSince, idleDays } }));
      }
    }
  }

  const warnUntil = addDaysToDay(today, rules.expiryWarningDays);
  for (const b of batches) {
    const l = byId.get(b.levelId);
    if (!l) continue;
    const daysLeft = b.expiryDate ? daysBetween(today, b.expiryDate) : null;
    const batchAlert = (kind: AlertKind): AlertItem => ({
      ...levelView(l), kind, subjectType: "stock_batch", subjectId: b.id, ...numbers(l), low: null, slow: null,
      batch: { id: b.id, batchNo: b.batchNo, expiryDate: b.expiryDate, onHand: b.onHand, blocked: b.blocked, blockedReason: b.blockedReason, daysLeft },
    });
    // The expiry day itself may not be sold (FEFO picking stops the day before).
    if (b.expiryDate && b.expiryDate <= today) items.push(batchAlert("expired"));
    else if (b.expiryDate && b.expiryDate <= warnUntil && b.onHand > 0) items.push(batchAlert("expiring"));
    if (b.blocked > 0 && (b.blockedReason === "damaged" || b.blockedReason === "quality")) items.push(batchAlert("damaged"));
  }

  const rank = (a: AlertItem) => alertKinds.indexOf(a.kind);
  const within = (a: AlertItem, b: AlertItem) => {
    if (a.kind === "expiring" || a.kind === "expired") return (a.batch!.expiryDate ?? "").localeCompare(b.batch!.expiryDate ?? "");
    if (a.kind === "slow") return b.slow!.idleDays - a.slow!.idleDays;
    if (a.kind === "low") return (a.low!.daysOfCover ?? Infinity) - (b.low!.daysOfCover ?? Infinity) || a.available - b.available;
    return 0;
  };
  items.sort((a, b) => rank(a) - rank(b) || within(a, b) || a.warehouse.code.localeCompare(b.warehouse.code) || a.product.title.localeCompare(b.product.title) || a.skuCode.localeCompare(b.skuCode));
  return { today, rules, items };
}

const MAX_ITEMS = 500;

// GET {base}/alerts: the counts of every kind, and the alerts of one kind (or all).
export async function listAlerts(ctx: Ctx, filter: { kind?: AlertKind; warehouseId?: string }) {
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    if (filter.warehouseId) await readableWarehouse(tx, scope, filter.warehouseId);
    const { today, rules, items } = await computeAlerts(tx, ctx, scope, filter.warehouseId);
    const counts = Object.fromEntries(alertKinds.map((k) => [k, items.filter((i) => i.kind === k).length])) as Record<AlertKind, number>;
    const chosen = filter.kind ? items.filter((i) => i.kind === filter.kind) : items;
    return {
      today, rules, counts, total: items.length,
      items: chosen.slice(0, MAX_ITEMS), truncated: chosen.length > MAX_ITEMS,
      warehouses: await warehouseChoices(tx, scope),
    };
  }, snapshot);
}

export const alertTaskKinds = alertKinds.map((k) => `inventory_${k}`);

// I6, daily: a task for each alert that has none open, for the people who can act on it
// (the warehouse's staff for a platform warehouse, the shop for its own); tasks whose
// alert has gone (restocked, sold, scrapped) close themselves.
export async function raiseAlertTasks(s: Services) {
  const ctx = ctxFor(s, systemActor("inventory alerts"));
  return s.db.transaction(async (tx) => {
    const { today, items } = await computeAlerts(tx, ctx, { all: true });
    const open = await tx.select({ kind: tasks.kind, subjectType: tasks.subjectType, subjectId: tasks.subjectId }).from(tasks)
      .where(and(eq(tasks.status, "open"), inArray(tasks.kind, alertTaskKinds)));
    const key = (kind: string, subjectId: string) => `${kind}/${subjectId}`;
    const openKeys = new Set(open.map((t) => key(t.kind, t.subjectId)));
    const fresh = items.filter((a) => !openKeys.has(key(`inventory_${a.kind}`, a.subjectId)));
    const raised = await raiseTasks(tx, ctx, fresh.map((a) => ({
      audience: a.warehouse.platform ? "platform" as const : "merchant" as const,
      merchantId: a.merchant.id,
      permission: a.warehouse.platform ? "inventory.manage" : undefined,
      kind: `inventory_${a.kind}`,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      dueAt: a.kind === "expiring" && a.batch?.expiryDate ? new Date(`${a.batch.expiryDate}T00:00:00+08:00`) : null,
      // One task per alert and day at most, even if the job runs twice.
      dedupeKey: `inventory:${a.kind}:${a.subjectId}:${today}`,
      params: {
        title: a.product.title, skuCode: a.skuCode, warehouse: a.warehouse.code, available: a.available,
        batchNo: a.batch?.batchNo ?? null, expiryDate: a.batch?.expiryDate ?? null, idleDays: a.slow?.idleDays ?? null,
      },
    })));
    const current = new Set(items.map((a) => key(`inventory_${a.kind}`, a.subjectId)));
    const gone = [...new Map(open.filter((t) => !current.has(key(t.kind, t.subjectId))).map((t) => [key(t.kind, t.subjectId), t])).values()];
    for (const t of gone) await closeTasks(tx, ctx, { subjectType: t.subjectType, subjectId: t.subjectId, kinds: [t.kind] }, "inventory alert check");
    return { alerts: items.length, raised: raised.length, closed: gone.length };
  });
}
