import { and, asc, eq, gte, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import type { Ctx } from "../../server/context.js";
import { NotFound } from "../../server/errors.js";
import { products } from "../catalog/schema.js";
import { merchants } from "../merchants/schema.js";
import { stockLevels, stockMovements, warehouses } from "./schema.js";

// The stock books as one actor may read them, for alerts, replenishment and the monthly
// report (I6, I7). Platform staff read the platform's warehouses, whoever owns the goods;
// a merchant reads its own goods, in its own warehouses and in the platform's.
export type BookScope = { merchantId: string } | { platform: true } | { all: true };

export const scopeOf = (ctx: Ctx): BookScope => (ctx.actor.merchantId ? { merchantId: ctx.actor.merchantId } : { platform: true });

export function levelCondition(scope: BookScope, warehouseId?: string): SQL | undefined {
  const who = "merchantId" in scope ? eq(stockLevels.merchantId, scope.merchantId) : "platform" in scope ? isNull(warehouses.merchantId) : undefined;
  return and(who, warehouseId ? eq(stockLevels.warehouseId, warehouseId) : undefined);
}

// The ids of the levels in scope, as a subquery for movement and batch queries.
export const levelIdsIn = (q: Queryable, scope: BookScope, warehouseId?: string) =>
  q.select({ id: stockLevels.id }).from(stockLevels).innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId)).where(levelCondition(scope, warehouseId));

// A warehouse the actor may filter by: staff a platform one; a merchant its own, or a
// platform one that may hold its goods. Another shop's warehouse does not exist for them.
export async function readableWarehouse(q: Queryable, scope: BookScope, id: string) {
  const [w] = await q.select().from(warehouses).where(and(
    eq(warehouses.id, id),
    "merchantId" in scope ? or(eq(warehouses.merchantId, scope.merchantId), isNull(warehouses.merchantId)) : "platform" in scope ? isNull(warehouses.merchantId) : undefined,
  ));
  if (!w) throw new NotFound("Warehouse", "WAREHOUSE_NOT_FOUND");
  return w;
}

// The warehouses to offer in a filter: those in scope, and for a merchant also the
// platform's that hold some of its goods.
export async function warehouseChoices(q: Queryable, scope: BookScope) {
  const holding = "merchantId" in scope
    ? or(eq(warehouses.merchantId, scope.merchantId), inArray(warehouses.id, q.select({ id: stockLevels.warehouseId }).from(stockLevels).where(eq(stockLevels.merchantId, scope.merchantId))))
    : "platform" in scope ? isNull(warehouses.merchantId) : undefined;
  return q.select({ id: warehouses.id, code: warehouses.code, name: warehouses.name, platform: sql<boolean>`${warehouses.merchantId} is null` })
    .from(warehouses).where(holding).orderBy(asc(warehouses.code));
}

export interface LevelRow {
  levelId: string; warehouseId: string; warehouseCode: string; warehouseName: string; platformWarehouse: boolean;
  merchantId: string; merchantName: string; productId: string; productTitle: string; skuCode: string;
  onHand: number; reserved: number; blocked: number; lowStockUnits: number | null; coverDays: number | null; safetyStock: number; leadTimeDays: number;
}

export async function levelsIn(q: Queryable, scope: BookScope, warehouseId?: string): Promise<LevelRow[]> {
  return q.select({
    levelId: stockLevels.id, warehouseId: stockLevels.warehouseId, warehouseCode: warehouses.code, warehouseName: warehouses.name,
    platformWarehouse: sql<boolean>`${warehouses.merchantId} is null`,
    merchantId: stockLevels.merchantId, merchantName: merchants.name, productId: stockLevels.productId, productTitle: products.title, skuCode: stockLevels.skuCode,
    onHand: stockLevels.onHand, reserved: stockLevels.reserved, blocked: stockLevels.blocked, lowStockUnits: stockLevels.lowStockUnits, coverDays: stockLevels.coverDays,
    safetyStock: stockLevels.safetyStock, leadTimeDays: stockLevels.leadTimeDays,
  }).from(stockLevels)
    .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
    .innerJoin(products, eq(products.id, stockLevels.productId))
    .innerJoin(merchants, eq(merchants.id, stockLevels.merchantId))
    .where(levelCondition(scope, warehouseId))
    .orderBy(asc(warehouses.code), asc(products.title), asc(stockLevels.skuCode));
}

// Units sold (committed to orders) per level since `since`: the sales velocity's numerator.
// Only "commit" is a sale; transfers, returns to suppliers and write-offs are not demand.
export async function unitsSoldSince(q: Queryable, scope: BookScope, since: Date, warehouseId?: string) {
  const rows = await q.select({ levelId: stockMovements.levelId, units: sql<number>`(-sum(${stockMovements.onHandDelta}))::int` })
    .from(stockMovements)
    .where(and(eq(stockMovements.type, "commit"), gte(stockMovements.createdAt, since), inArray(stockMovements.levelId, levelIdsIn(q, scope, warehouseId))))
    .groupBy(stockMovements.levelId);
  return new Map(rows.map((r) => [r.levelId, Number(r.units)]));
}

export const levelView = (l: LevelRow) => ({
  levelId: l.levelId,
  warehouse: { id: l.warehouseId, code: l.warehouseCode, name: l.warehouseName, platform: l.platformWarehouse },
  merchant: { id: l.merchantId, name: l.merchantName },
  product: { id: l.productId, title: l.productTitle },
  skuCode: l.skuCode,
});

// Reads of several tables that must agree with one another see one snapshot.
export const snapshot = { isolationLevel: "repeatable read", accessMode: "read only" } as const;

const DAY = 86_400_000;
// Calendar arithmetic on Shanghai dates ('YYYY-MM-DD'), done in UTC so no zone shifts it.
export const addDaysToDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
export const daysAgo = (now: Date, n: number) => new Date(now.getTime() - n * DAY);
