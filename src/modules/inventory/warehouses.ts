import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { Conflict, NotFound, RuleViolation } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { stockLevels, warehouseLocations, warehouses } from "./schema.js";
import { ownWarehouse, warehouseScope } from "./stock.js";

type WarehouseRow = typeof warehouses.$inferSelect;
type LocationRow = typeof warehouseLocations.$inferSelect;
export interface WarehouseInput { code: string; name: string; address?: string; active?: boolean }
export interface WarehouseChange { name: string; address?: string; active?: boolean }
export interface LocationInput { code: string; name?: string; kind?: LocationRow["kind"]; active?: boolean }

// Codes are what people type on labels and what documents print, so one spelling only.
const normalCode = (code: string) => code.trim().toUpperCase();

const view = (w: WarehouseRow, extra: { locations?: number; levels?: number; onHand?: number; reserved?: number; blocked?: number } = {}) => ({
  id: w.id, code: w.code, name: w.name, address: w.address, active: w.active, platform: w.merchantId === null, merchantId: w.merchantId,
  locations: extra.locations ?? 0, levels: extra.levels ?? 0, onHand: extra.onHand ?? 0, reserved: extra.reserved ?? 0, blocked: extra.blocked ?? 0,
  createdAt: w.createdAt, updatedAt: w.updatedAt,
});

const locationView = (l: LocationRow) => ({ id: l.id, warehouseId: l.warehouseId, code: l.code, name: l.name, kind: l.kind, active: l.active, createdAt: l.createdAt });

async function totals(q: Queryable, ids: string[]) {
  if (!ids.length) return new Map<string, { levels: number; onHand: number; reserved: number; blocked: number }>();
  const rows = await q.select({
    warehouseId: stockLevels.warehouseId, levels: count(), onHand: sql<number>`coalesce(sum(${stockLevels.onHand}), 0)::int`,
    reserved: sql<number>`coalesce(sum(${stockLevels.reserved}), 0)::int`, blocked: sql<number>`coalesce(sum(${stockLevels.blocked}), 0)::int`,
  }).from(stockLevels).where(inArray(stockLevels.warehouseId, ids)).groupBy(stockLevels.warehouseId);
  return new Map(rows.map((r) => [r.warehouseId, r]));
}

async function locationCounts(q: Queryable, ids: string[]) {
  if (!ids.length) return new Map<string, number>();
  const rows = await q.select({ warehouseId: warehouseLocations.warehouseId, n: count() }).from(warehouseLocations)
    .where(inArray(warehouseLocations.warehouseId, ids)).groupBy(warehouseLocations.warehouseId);
  return new Map(rows.map((r) => [r.warehouseId, r.n]));
}

// I1: the warehouses the actor runs, with what they hold.
export async function listWarehouses(ctx: Ctx) {
  const rows = await ctx.db.select().from(warehouses).where(warehouseScope(ctx)).orderBy(asc(warehouses.code));
  const ids = rows.map((r) => r.id);
  const [sums, locs] = [await totals(ctx.db, ids), await locationCounts(ctx.db, ids)];
  return { items: rows.map((w) => view(w, { ...sums.get(w.id), locations: locs.get(w.id) ?? 0 })) };
}

export async function getWarehouse(ctx: Ctx, id: string) {
  const w = await ownWarehouse(ctx.db, ctx, id);
  const locations = await ctx.db.select().from(warehouseLocations).where(eq(warehouseLocations.warehouseId, id)).orderBy(asc(warehouseLocations.code));
  const sums = await totals(ctx.db, [id]);
  return { ...view(w, { ...sums.get(id), locations: locations.length }), locationList: locations.map(locationView) };
}

// A merchant opens its own warehouse; platform staff open one of the platform's.
export async function createWarehouse(ctx: Ctx, input: WarehouseInput) {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx.insert(warehouses).values({
      id: newId(), code: normalCode(input.code), name: input.name.trim(), merchantId: ctx.actor.merchantId, address: input.address?.trim() ?? "",
      active: input.active ?? true, createdAt: now, updatedAt: now,
    }).onConflictDoNothing().returning();
    if (!row) throw new Conflict("WAREHOUSE_CODE_TAKEN", `The warehouse code ${normalCode(input.code)} is already in use; choose another.`, { field: "code" });
    await recordAudit(tx, ctx, { action: "warehouse.create", entityType: "warehouse", entityId: row.id, summary: { code: row.code, name: row.name, platform: row.merchantId === null } });
    return view(row);
  });
}

// The code stays: documents and labels already print it.
export async function updateWarehouse(ctx: Ctx, id: string, input: WarehouseChange) {
  return ctx.db.transaction(async (tx) => {
    const before = await ownWarehouse(tx, ctx, id);
    if (before.active && input.active === false) {
      const [held] = await tx.select({ units: sql<number>`coalesce(sum(${stockLevels.onHand} + ${stockLevels.blocked}), 0)::int` }).from(stockLevels).where(eq(stockLevels.warehouseId, id));
      if (held!.units > 0) {
        throw new RuleViolation("WAREHOUSE_HOLDS_STOCK", `${before.code} still holds ${held!.units} units; move them out or scrap them before closing the warehouse.`, { units: held!.units });
      }
    }
    const [row] = await tx.update(warehouses).set({
      name: input.name.trim(), address: input.address?.trim() ?? before.address, active: input.active ?? before.active, updatedAt: ctx.clock.now(),
    }).where(eq(warehouses.id, id)).returning();
    await recordAudit(tx, ctx, { action: "warehouse.update", entityType: "warehouse", entityId: id, summary: { code: row!.code, name: row!.name, active: row!.active } });
    return view(row!);
  });
}

export async function listLocations(ctx: Ctx, warehouseId: string) {
  await ownWarehouse(ctx.db, ctx, warehouseId);
  const rows = await ctx.db.select().from(warehouseLocations).where(eq(warehouseLocations.warehouseId, warehouseId)).orderBy(asc(warehouseLocations.code));
  return { items: rows.map(locationView) };
}

export async function createLocation(ctx: Ctx, warehouseId: string, input: LocationInput) {
  return ctx.db.transaction(async (tx) => {
    const w = await ownWarehouse(tx, ctx, warehouseId);
    const [row] = await tx.insert(warehouseLocations).values({
      id: newId(), warehouseId, code: normalCode(input.code), name: input.name?.trim() ?? "", kind: input.kind ?? "storage", active: input.active ?? true, createdAt: ctx.clock.now(),
    }).onConflictDoNothing().returning();
    if (!row) throw new Conflict("LOCATION_CODE_TAKEN", `${w.code} already has a location ${normalCode(input.code)}; choose another code.`, { field: "code" });
    await recordAudit(tx, ctx, { action: "warehouse.location.create", entityType: "warehouse", entityId: warehouseId, summary: { code: row.code, kind: row.kind } });
    return locationView(row);
  });
}

export async function updateLocation(ctx: Ctx, warehouseId: string, locationId: string, input: { name?: string; kind?: LocationRow["kind"]; active?: boolean }) {
  return ctx.db.transaction(async (tx) => {
    await ownWarehouse(tx, ctx, warehouseId);
    const [row] = await tx.update(warehouseLocations).set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.kind ? { kind: input.kind } : {}), ...(input.active !== undefined ? { active: input.active } : {}),
    }).where(and(eq(warehouseLocations.id, locationId), eq(warehouseLocations.warehouseId, warehouseId))).returning();
    if (!row) throw new NotFound("Location", "LOCATION_NOT_FOUND");
    await recordAudit(tx, ctx, { action: "warehouse.location.update", entityType: "warehouse", entityId: warehouseId, summary: { code: row.code, kind: row.kind, active: row.active } });
    return locationView(row);
  });
}

// Other parts (receipts) put a batch at a location: it must be one of that warehouse's.
export async function warehouseLocation(q: Queryable, warehouseId: string, locationId: string) {
  const [l] = await q.select().from(warehouseLocations).where(and(eq(warehouseLocations.id, locationId), eq(warehouseLocations.warehouseId, warehouseId)));
  if (!l) throw new NotFound("Location", "LOCATION_NOT_FOUND");
  return l;
}
