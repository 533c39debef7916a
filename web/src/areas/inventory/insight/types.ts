// The answers of {base}/alerts, {base}/replenishment and {base}/reports/monthly (I6, I7).

export interface WarehouseRef {
  id: string;
  code: string;
  name: string;
  platform: boolean;
}

interface LevelRef {
  levelId: string;
  warehouse: WarehouseRef;
  merchant: { id: string; name: string };
  product: { id: string; title: string };
  skuCode: string;
}

export const ALERT_KINDS = ["expired", "out", "damaged", "expiring", "low", "slow"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertItem extends LevelRef {
  kind: AlertKind;
  subjectType: "stock_level" | "stock_batch";
  subjectId: string;
  onHand: number;
  reserved: number;
  available: number;
  blocked: number;
  batch: { id: string; batchNo: string; expiryDate: string | null; onHand: number; blocked: number; blockedReason: "expired" | "damaged" | "quality" | null; daysLeft: number | null } | null;
  low: { lowStockUnits: number | null; coverDays: number | null; soldInWindow: number; velocity: number; daysOfCover: number | null; byUnits: boolean; byCover: boolean } | null;
  slow: { lastSoldAt: string | null; idleSince: string; idleDays: number } | null;
}

export interface AlertList {
  today: string;
  rules: { expiryWarningDays: number; slowMoverDays: number; velocityWindowDays: number };
  counts: Record<AlertKind, number>;
  total: number;
  items: AlertItem[];
  truncated: boolean;
  warehouses: WarehouseRef[];
}

export interface Suggestion extends LevelRef {
  supplier: { id: string; name: string; contactName: string; contactPhone: string } | null;
  soldInWindow: number;
  velocity: number;
  leadTimeDays: number;
  coverTargetDays: number;
  safetyStock: number;
  target: number;
  onHand: number;
  reserved: number;
  available: number;
  inbound: number;
  suggestedQty: number;
}

export interface ReplenishmentPlan {
  today: string;
  since: string;
  rules: { velocityWindowDays: number; coverTargetDays: number };
  items: Suggestion[];
  warehouses: WarehouseRef[];
}

export const IN_KINDS = ["receive", "transferIn", "adjust", "unblock", "other"] as const;
export const OUT_KINDS = ["commit", "transferOut", "supplierReturn", "adjust", "blockExpired", "blockDamaged", "other"] as const;
export type Ins = Record<(typeof IN_KINDS)[number] | "total", number>;
export type Outs = Record<(typeof OUT_KINDS)[number] | "total", number>;

export interface ReportRow extends LevelRef {
  opening: number;
  in: Ins;
  out: Outs;
  closing: number;
  books: { opening: number; closing: number; onHandNow: number | null };
  reconciled: boolean;
}

export interface ReportDay {
  day: string;
  in: number;
  out: number;
  closing: number;
}

export interface MonthlyReport {
  month: string;
  from: string;
  to: string;
  current: boolean;
  today: string;
  rows: ReportRow[];
  totals: { opening: number; in: Ins; out: Outs; closing: number; reconciled: boolean };
  byWarehouse: { warehouse: WarehouseRef; opening: number; in: number; out: number; closing: number; reconciled: boolean }[];
  days: ReportDay[];
  warehouse: { id: string; code: string; name: string } | null;
  warehouses: WarehouseRef[];
}
