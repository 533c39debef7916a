import { and, asc, eq, gt, lte } from "drizzle-orm";
import { addDays } from "../../lib/clock.js";
import type { Tx } from "../../lib/db-types.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { closeTasks, raiseTask } from "../tasks/index.js";
import { stockBatches, stockLevels, warehouses } from "./schema.js";
import { move, shanghaiDay } from "./stock.js";

export const EXPIRED_HELD_TASK = "expired_batch_held";

// P6: "an expired batch cannot be sold". Picking already skips batches past their date;
// this moves their units out of on hand into blocked stock, so that the SKU's available
// figure stops counting them and nothing can be reserved against them.
export async function blockExpiredBatches(s: Services) {
  const ctx = ctxFor(s, systemActor("batch expiry"));
  const today = shanghaiDay(ctx.clock.now());
  const due = await s.db.selectDistinct({ levelId: stockBatches.levelId }).from(stockBatches)
    .where(and(lte(stockBatches.expiryDate, today), gt(stockBatches.onHand, 0))).orderBy(asc(stockBatches.levelId));
  const summary = { levels: 0, batches: 0, units: 0, heldBack: 0 };
  for (const { levelId } of due) {
    const r = await s.db.transaction((tx) => blockExpiredOfLevel(tx, ctx, levelId, today));
    summary.levels++;
    summary.batches += r.batches;
    summary.units += r.units;
    summary.heldBack += r.heldBack;
  }
  return summary;
}

// One level at a time, under its row lock: reservations of it cannot change meanwhile.
async function blockExpiredOfLevel(tx: Tx, ctx: Ctx, levelId: string, today: string) {
  const [level] = await tx.select({ l: stockLevels, warehouseCode: warehouses.code, warehouseMerchant: warehouses.merchantId }).from(stockLevels)
    .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId)).where(eq(stockLevels.id, levelId)).for("update", { of: stockLevels });
  const out = { batches: 0, units: 0, heldBack: 0 };
  if (!level) return out;
  const batches = await tx.select().from(stockBatches)
    .where(and(eq(stockBatches.levelId, levelId), lte(stockBatches.expiryDate, today), gt(stockBatches.onHand, 0)))
    .orderBy(asc(stockBatches.expiryDate), asc(stockBatches.createdAt)).for("update");
  // Units promised to buyers stay on hand: blocking them would break the level's rule that
  // reserved never exceeds on hand. They cannot be picked either, so someone must act.
  let free = level.l.onHand - level.l.reserved;
  for (const b of batches) {
    const q = Math.min(b.onHand, Math.max(0, free));
    if (q > 0) {
      await move(tx, ctx, { id: levelId }, "block", { onHand: -q, blocked: q }, { type: "batch", id: b.id, no: b.batchNo }, { batchId: b.id, note: `expired on ${b.expiryDate}` });
      await tx.update(stockBatches).set({ blockedReason: "expired" }).where(eq(stockBatches.id, b.id));
      free -= q;
      out.batches++;
      out.units += q;
    }
    const left = b.onHand - q;
    if (left > 0) {
      out.heldBack += left;
      const platform = level.warehouseMerchant === null;
      await raiseTask(tx, ctx, {
        audience: platform ? "platform" : "merchant", merchantId: level.l.merchantId, permission: platform ? "inventory.manage" : "inventory.manage.own",
        kind: EXPIRED_HELD_TASK, subjectType: "stock_batch", subjectId: b.id, dueAt: addDays(ctx.clock.now(), 1), dedupeKey: `${EXPIRED_HELD_TASK}:${b.id}`,
        params: { batchNo: b.batchNo, skuCode: b.skuCode, warehouseCode: level.warehouseCode, expiryDate: b.expiryDate, units: left },
      });
    } else if (q > 0) {
      await closeTasks(tx, ctx, { subjectType: "stock_batch", subjectId: b.id, kinds: [EXPIRED_HELD_TASK] }, ctx.actor.label);
    }
  }
  return out;
}
