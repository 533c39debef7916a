import i18n from "../../i18n";

// Stock alerts (I6) and expired batches still held for orders (P6) become tasks for the
// warehouse's staff or the shop; both task lists word them here and link to the stock books.
const KINDS = ["inventory_low", "inventory_out", "inventory_expiring", "inventory_expired", "inventory_damaged", "inventory_slow", "expired_batch_held"] as const;
type InventoryTaskKind = (typeof KINDS)[number];

const isInventoryTask = (kind: string): kind is InventoryTaskKind => (KINDS as readonly string[]).includes(kind);
const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** The sentence of a stock task, or null when the task is about something else. */
export function inventoryTaskSentence(task: { kind: string; params: Record<string, unknown> }): string | null {
  if (!isInventoryTask(task.kind)) return null;
  const p = task.params;
  return i18n.t(`inventory.tasks.${task.kind}`, {
    title: str(p.title), sku: str(p.skuCode), warehouse: str(p.warehouse ?? p.warehouseCode), available: str(p.available),
    batch: str(p.batchNo), date: str(p.expiryDate), days: str(p.idleDays), units: str(p.units),
  });
}

/** Where a stock task is handled: the alerts list, or the stock list for a held batch. */
export function inventoryTaskLink(kind: string, area: "/admin" | "/merchant"): string | null {
  if (!isInventoryTask(kind)) return null;
  return kind === "expired_batch_held" ? `${area}/inventory` : `${area}/inventory/alerts`;
}
