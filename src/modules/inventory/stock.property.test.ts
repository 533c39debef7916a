import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, eq, isNotNull } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import type { Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { AppError } from "../../server/errors.js";
import { products, productVersions } from "../catalog/schema.js";
import { commitReservation, levelFor, move, receiveIntoBatch, releaseReservation, reserveStock, verifyStock } from "./index.js";
import { stockBatches, stockLevels, warehouses } from "./schema.js";

let w: World;
let sku: { productId: string; skuCode: string };
beforeAll(async () => {
  w = await world({ seed: true });
  const [p] = await w.services.db.select({ id: products.id, content: productVersions.content }).from(products)
    .innerJoin(productVersions, eq(productVersions.id, products.liveVersionId)).where(isNotNull(products.liveVersionId)).limit(1);
  sku = { productId: p!.id, skuCode: p!.content.skus[0]!.code };
});
afterAll(async () => { await w?.close(); });

type Op =
  | { kind: "receive"; quantity: number; batch: number }
  | { kind: "reserve"; quantity: number }
  | { kind: "release"; pick: number }
  | { kind: "commit"; pick: number }
  | { kind: "adjust"; delta: number; batch: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("receive" as const), quantity: fc.integer({ min: 1, max: 20 }), batch: fc.nat(2) }),
  fc.record({ kind: fc.constant("reserve" as const), quantity: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ kind: fc.constant("release" as const), pick: fc.nat(9) }),
  fc.record({ kind: fc.constant("commit" as const), pick: fc.nat(9) }),
  fc.record({ kind: fc.constant("adjust" as const), delta: fc.integer({ min: -12, max: 12 }).filter((d) => d !== 0), batch: fc.nat(2) }),
);

const tx = <T>(f: (t: Tx) => Promise<T>) => w.services.db.transaction(f);

// A refusal is a business answer (409/400), never a broken book.
async function attempt(f: () => Promise<unknown>) {
  try {
    await f();
    return true;
  } catch (e) {
    if (e instanceof AppError && e.status < 500) return false;
    throw e;
  }
}

// I1/I2: whatever people do, in any order, the level never goes below zero, never holds
// more than is on hand, and is always the sum of its movements. A plain model of the
// arithmetic says which operations must succeed; the database must agree with it.
describe("I1 I2 stock books under any sequence of operations", () => {
  it("I1 I2 receive / reserve / release / commit / adjust keep on hand ≥ 0, reserved ≥ 0, available = on hand − reserved and the level = sum of movements", async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
      const warehouseId = newId();
      const now = w.clock.now();
      await w.services.db.insert(warehouses).values({ id: warehouseId, code: `P-${warehouseId.slice(-10)}`, name: "性质测试仓", createdAt: now, updatedAt: now });
      const level = await w.services.db.transaction((tx) => levelFor(tx, w.system, warehouseId, sku.productId, sku.skuCode));
      const model = { onHand: 0, reserved: 0, batches: [0, 0, 0] };
      const holds: { id: string; quantity: number }[] = [];
      for (const o of ops) {
        if (o.kind === "receive") {
          expect(await attempt(() => tx((t) => receiveIntoBatch(t, w.system, level, o.quantity, { batchNo: `B${o.batch}` }, { type: "receipt", no: "PROP" })))).toBe(true);
          model.onHand += o.quantity;
          model.batches[o.batch]! += o.quantity;
        } else if (o.kind === "reserve") {
          const ok = await attempt(async () => {
            const r = await tx((t) => reserveStock(t, w.system, { referenceType: "manual", referenceId: newId(), lines: [{ ...sku, quantity: o.quantity, warehouseId }] }));
            holds.push({ id: r.id, quantity: o.quantity });
          });
          expect(ok).toBe(o.quantity <= model.onHand - model.reserved);
          if (ok) model.reserved += o.quantity;
        } else if (o.kind === "release" || o.kind === "commit") {
          if (!holds.length) continue;
          const [h] = holds.splice(o.pick % holds.length, 1);
          if (o.kind === "release") {
            expect(await attempt(() => tx((t) => releaseReservation(t, w.system, h!.id)))).toBe(true);
            model.reserved -= h!.quantity;
          } else {
            expect(await attempt(() => tx((t) => commitReservation(t, w.system, h!.id, { type: "outbound", no: "PROP" })))).toBe(true);
            model.reserved -= h!.quantity;
            model.onHand -= h!.quantity;
            // The batches are emptied first-expiry-first; here none expire, so the model only tracks the total.
            const rows = await w.services.db.select({ batchNo: stockBatches.batchNo, onHand: stockBatches.onHand }).from(stockBatches).where(eq(stockBatches.levelId, level.id));
            for (const r of rows) model.batches[Number(r.batchNo.slice(1))] = r.onHand;
          }
        } else {
          const [batch] = await w.services.db.select().from(stockBatches).where(and(eq(stockBatches.levelId, level.id), eq(stockBatches.batchNo, `B${o.batch}`)));
          if (!batch) continue;
          const ok = await attempt(() => tx((t) => move(t, w.system, level, "adjust", { onHand: o.delta }, { type: "adjustment", no: "PROP" }, { batchId: batch.id })));
          const mayTake = model.onHand + o.delta >= model.reserved && model.batches[o.batch]! + o.delta >= 0;
          expect(ok).toBe(mayTake);
          if (ok) {
            model.onHand += o.delta;
            model.batches[o.batch]! += o.delta;
          }
        }
        const [l] = await w.services.db.select().from(stockLevels).where(eq(stockLevels.id, level.id));
        expect(l!.onHand).toBeGreaterThanOrEqual(0);
        expect(l!.reserved).toBeGreaterThanOrEqual(0);
        expect(l!.reserved).toBeLessThanOrEqual(l!.onHand);
        expect({ onHand: l!.onHand, reserved: l!.reserved, available: l!.onHand - l!.reserved }).toEqual({ onHand: model.onHand, reserved: model.reserved, available: model.onHand - model.reserved });
      }
      expect((await verifyStock(w.services.db)).problems).toEqual([]);
    }), { numRuns: 80 });
  }, 120_000);
});
