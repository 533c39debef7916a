// The stocktake API's shapes (I5), as GET /{admin|merchant}/inventory/stocktakes… answers them.

export type StocktakeStatus = "counting" | "submitted" | "approved" | "rejected" | "cancelled";
export const STOCKTAKE_STATUSES: StocktakeStatus[] = ["counting", "submitted", "approved", "rejected", "cancelled"];

export interface Bilingual {
  zh: string;
  en: string;
}

export interface StocktakeLine {
  id: string;
  levelId: string;
  batchId: string | null;
  productId: string;
  productTitle: string;
  skuCode: string;
  skuOptions: Record<string, string>;
  barcode: string | null;
  batchNo: string | null;
  expiryDate: string | null;
  productionDate: string | null;
  locationCode: string | null;
  locationName: string | null;
  /** Units of the batch blocked (expired, damaged, quarantined): outside the count. */
  blocked: number;
  /** The batch's on hand when the count started. */
  bookQty: number;
  /** On-hand movements of the batch since the start, up to the moment it was counted. */
  movedQty: number;
  expectedQty: number;
  countedQty: number | null;
  difference: number | null;
  countedBy: string | null;
  countedAt: string | null;
}

export interface StocktakeTotals {
  lines: number;
  counted: number;
  remaining: number;
  differing: number;
  surplusUnits: number;
  shortUnits: number;
  movedLines: number;
  bookUnits: number;
}

export interface Stocktake {
  id: string;
  number: string;
  status: StocktakeStatus;
  warehouse: { id: string; code: string; name: string; platform: boolean };
  category: { id: string; key: string; name: Bilingual } | null;
  reason: string | null;
  startedBy: string;
  startedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  updatedAt: string;
  totals: StocktakeTotals;
  /** Whether the signed-in person may approve or reject; why not when they may not. */
  decision: { allowed: boolean; blockedBy: "started" | "submitted" | "system" | null };
  lines: StocktakeLine[];
}

export interface StocktakeListItem {
  id: string;
  number: string;
  status: StocktakeStatus;
  warehouse: { id: string; code: string; name: string };
  category: { id: string; name: Bilingual | null } | null;
  lines: number;
  counted: number;
  differing: number;
  startedBy: string;
  startedAt: string;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface StartOptions {
  warehouses: { id: string; code: string; name: string; active: boolean; openStocktake: { id: string; number: string; status: StocktakeStatus } | null }[];
}

export interface CountAnswer {
  lines: StocktakeLine[];
  progress: { lines: number; counted: number };
}

export interface CountMovement {
  id: string;
  type: string;
  onHandDelta: number;
  skuCode: string;
  batchNo: string;
  documentType: string;
  documentNo: string | null;
  actor: string;
  createdAt: string;
}
