// The shapes of the receipts (I3) and outbound (I4) API, as the screens use them.

export const RECEIPT_STATUSES = ["expected", "accepted", "cancelled"] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];
export const OUTBOUND_KINDS = ["order", "transfer", "supplier_return"] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];
export const OUTBOUND_STATUSES = ["open", "done", "cancelled"] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

export interface Place {
  id: string;
  code: string;
  name: string;
}

export interface Totals {
  lines: number;
  expected: number;
  received: number;
  accepted: number;
  rejected: number;
}

export interface ReceiptListItem {
  id: string;
  number: string;
  status: ReceiptStatus;
  warehouse: Place;
  merchant: { id: string; name: string };
  supplier: { id: string; name: string } | null;
  purchaseRef: string;
  expectedOn: string | null;
  hasInspectionReport: boolean;
  createdAt: string;
  acceptedAt: string | null;
  late: boolean;
  lateDays: number;
  totals: Totals;
}

export interface ReceiptLine {
  id: string;
  productId: string;
  productTitle: string;
  skuCode: string;
  expectedQty: number;
  receivedQty: number | null;
  acceptedQty: number | null;
  rejectedQty: number | null;
  qualityNote: string | null;
  batchNo: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  batchId: string | null;
  difference: number | null;
  requiresProductionDate: boolean;
  requiresShelfLife: boolean;
  shelfLifeDays: number | null;
}

export interface Receipt extends Omit<ReceiptListItem, "totals"> {
  note: string | null;
  createdBy: string;
  acceptedBy: string | null;
  updatedAt: string;
  totals: Totals;
  lines: ReceiptLine[];
}

export interface ReceivableProduct {
  id: string;
  title: string;
  status: string;
  merchantId: string;
  merchantName: string;
  skus: string[];
  requiresProductionDate: boolean;
  requiresShelfLife: boolean;
  shelfLifeDays: number | null;
}

export interface SupplierChoice {
  id: string;
  name: string;
  merchantId: string | null;
  active: boolean;
  platform: boolean;
}

export interface WarehouseChoice {
  id: string;
  code: string;
  name: string;
  active: boolean;
  platform: boolean;
  merchantId: string | null;
}

export interface SupplierDiscrepancy {
  supplier: { id: string | null; name: string; platform: boolean };
  receipts: number;
  lateReceipts: number;
  onTimeReceipts: number;
  lines: number;
  expected: number;
  received: number;
  accepted: number;
  rejected: number;
  shortLines: number;
  shortUnits: number;
  overLines: number;
  overUnits: number;
  acceptanceRate: number | null;
  onTimeRate: number | null;
  fillRate: number | null;
  suggested: { quality: number | null; delivery: number | null };
}

export interface DiscrepancyLine {
  receiptId: string;
  number: string;
  warehouseCode: string;
  supplierId: string | null;
  supplierName: string;
  purchaseRef: string;
  expectedOn: string | null;
  acceptedOn: string | null;
  lateDays: number;
  productTitle: string;
  skuCode: string;
  expected: number;
  received: number;
  accepted: number;
  rejected: number;
  difference: number;
  qualityNote: string | null;
}

export interface DiscrepancyReport {
  period: { from: string | null; to: string | null };
  formula: { quality: string; delivery: string };
  items: SupplierDiscrepancy[];
  lines: DiscrepancyLine[];
}

export interface BatchPick {
  batchId: string;
  batchNo: string;
  quantity: number;
  expiryDate: string | null;
  productionDate: string | null;
  locationCode: string | null;
  blocked?: boolean;
}

export interface OutboundLine {
  id: string;
  levelId: string;
  productId: string;
  productTitle: string;
  skuCode: string;
  quantity: number;
  onHand: number;
  reserved: number;
  available: number;
  blocked: number;
  picks: BatchPick[];
  plannedPicks: BatchPick[];
  plannedShort: number;
}

export interface Outbound {
  id: string;
  number: string;
  kind: OutboundKind;
  status: OutboundStatus;
  warehouse: Place;
  targetWarehouse: Place | null;
  supplier: { id: string; name: string } | null;
  orderRef: string | null;
  merchantId: string;
  reservation: { id: string; referenceType: string; referenceId: string; status: string; expiresAt: string } | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
  doneBy: string | null;
  doneAt: string | null;
  updatedAt: string;
  units: number;
  lines: OutboundLine[];
}

export interface OutboundListItem {
  id: string;
  number: string;
  kind: OutboundKind;
  status: OutboundStatus;
  warehouseCode: string;
  targetWarehouseCode: string | null;
  supplierName: string | null;
  orderRef: string | null;
  lines: number;
  units: number;
  createdBy: string;
  createdAt: string;
  doneAt: string | null;
}

export interface ShippableReservation {
  id: string;
  referenceType: string;
  referenceId: string;
  expiresAt: string;
  createdAt: string;
  warehouseCodes: string[];
  units: number;
  lines: { skuCode: string; productTitle: string; quantity: number }[];
}

export interface StockBatch {
  id: string;
  batchNo: string;
  onHand: number;
  blocked: number;
  blockedReason: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  expired: boolean;
  supplierId: string | null;
  supplierName: string | null;
}

export interface StockItem {
  levelId: string;
  productId: string;
  productTitle: string;
  skuCode: string;
  merchantId: string;
  onHand: number;
  reserved: number;
  available: number;
  blocked: number;
  batches: StockBatch[];
}

export interface OutboundStock {
  warehouse: Place & { merchantId: string | null };
  items: StockItem[];
}
