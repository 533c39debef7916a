// The stock API's shapes (I1/I2), as GET /{admin|merchant}/inventory/… answers them.

export type StockState = "ok" | "low" | "out";
export type StockFilter = "all" | "low" | "out" | "blocked";
export const STOCK_FILTERS: StockFilter[] = ["all", "low", "out", "blocked"];

export interface WarehouseRef {
  id: string;
  code: string;
  name: string;
  platform: boolean;
}

export interface StockRow {
  id: string;
  productId: string;
  productTitle: string;
  skuCode: string;
  skuOptions: Record<string, string>;
  merchantId: string;
  merchantName: string;
  warehouse: WarehouseRef;
  onHand: number;
  reserved: number;
  available: number;
  blocked: number;
  state: StockState;
  lowStockUnits: number | null;
  coverDays: number | null;
  safetyStock: number;
  leadTimeDays: number;
  /** The first expiry date of a batch that may still be sold. */
  nextExpiry: string | null;
  updatedAt: string;
}

export interface StockSummary {
  levels: number;
  onHand: number;
  reserved: number;
  available: number;
  blocked: number;
  low: number;
  out: number;
  blockedLevels: number;
}

export type BlockReason = "expired" | "damaged" | "quality";

export interface Batch {
  id: string;
  batchNo: string;
  onHand: number;
  blocked: number;
  blockedReason: BlockReason | null;
  receivedQty: number;
  productionDate: string | null;
  expiryDate: string | null;
  expired: boolean;
  daysToExpiry: number | null;
  location: { id: string; code: string; name: string } | null;
  supplier: { id: string; name: string } | null;
  purchaseRef: string | null;
  receiptId: string | null;
  inspectionReportKey: string | null;
  createdAt: string;
}

export type ReferenceType = "manual" | "order" | "transfer";
export type ReservationStatus = "active" | "committed" | "released" | "expired";

export interface Hold {
  id: string;
  referenceType: ReferenceType;
  referenceId: string;
  quantity: number;
  expiresAt: string;
  createdBy: string;
}

export const MOVEMENT_TYPES = ["receive", "reserve", "release", "expire", "commit", "transfer_out", "transfer_in", "supplier_return", "adjust", "block", "unblock", "scrap"] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];
export type DocumentType = "receipt" | "reservation" | "outbound" | "stocktake" | "adjustment" | "batch";

export interface Movement {
  id: string;
  createdAt: string;
  type: MovementType;
  levelId: string;
  warehouseId: string;
  warehouseCode: string;
  productId: string;
  productTitle: string;
  skuCode: string;
  batchId: string | null;
  batchNo: string | null;
  onHandDelta: number;
  reservedDelta: number;
  blockedDelta: number;
  onHandAfter: number;
  documentType: DocumentType;
  documentId: string | null;
  documentNo: string | null;
  note: string | null;
  actorLabel: string;
}

export interface LevelDetail extends StockRow {
  batches: Batch[];
  holds: Hold[];
  movements: Movement[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type LocationKind = "storage" | "receiving" | "quarantine";
export const LOCATION_KINDS: LocationKind[] = ["storage", "receiving", "quarantine"];

export interface Location {
  id: string;
  warehouseId: string;
  code: string;
  name: string;
  kind: LocationKind;
  active: boolean;
  createdAt: string;
}

export interface Warehouse extends WarehouseRef {
  address: string;
  active: boolean;
  merchantId: string | null;
  locations: number;
  levels: number;
  onHand: number;
  reserved: number;
  blocked: number;
  createdAt: string;
  updatedAt: string;
}

export interface WarehouseDetail extends Warehouse {
  locationList: Location[];
}

export interface Reservation {
  id: string;
  referenceType: ReferenceType;
  referenceId: string;
  status: ReservationStatus;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  lines: { levelId: string; quantity: number; skuCode: string; productId: string; productTitle: string; warehouseId: string; warehouseCode: string }[];
}
