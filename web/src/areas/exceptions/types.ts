// What the exceptions API answers (src/modules/exceptions): cases with their owner, deadline
// and resolution. Money is integer 分.

import type { OrderStatus, Shipment, ShipmentStatus } from "../../components/orders/types";

export const EXCEPTION_KINDS = ["lost", "damaged", "delayed", "returned", "address", "system", "customer"] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export const EXCEPTION_STATUSES = ["open", "resolved", "cancelled"] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];
export const RESOLUTIONS = ["reship", "refund", "claim", "no_action"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const OWNERS = ["merchant", "platform"] as const;
export type OwnerKind = (typeof OWNERS)[number];

export interface ExceptionCase {
  id: string;
  no: string;
  orderId: string;
  merchantId: string;
  shipmentId: string | null;
  kind: ExceptionKind;
  source: "buyer" | "merchant" | "staff" | "system";
  description: string;
  status: ExceptionStatus;
  ownerKind: OwnerKind;
  ownerLabel: string | null;
  deadline: string;
  /** Open past the deadline, or resolved after it. */
  overdue: boolean;
  resolution: Resolution | null;
  resolutionNote: string | null;
  refundFen: number | null;
  claimFen: number | null;
  reshipShipmentId: string | null;
  openedBy: string;
  openedAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export interface QueueItem extends ExceptionCase {
  orderNo: string;
  orderStatus: OrderStatus;
  merchantName: string;
  shipment: { no: string; trackingNo: string; status: ShipmentStatus; promisedBy: string | null; carrierName: string | null; carrierNameEn: string | null } | null;
}

export interface Queue {
  items: QueueItem[];
  counts: { status: Record<ExceptionStatus, number>; all: number; kind: Record<ExceptionKind, number>; owner: Record<OwnerKind, number>; overdue: number };
  limit: number;
  offset: number;
  handleHours: number;
}

export interface CaseDetail extends ExceptionCase {
  handleHours: number;
  order: {
    id: string;
    no: string;
    status: OrderStatus;
    merchantName: string;
    totalFen: number;
    refundedFen: number;
    refundableFen: number;
    regionName: string;
    lines: { id: string; title: string; skuCode: string; options: Record<string, string>; quantity: number; shipped: number; unitPriceFen: number }[];
  };
  shipment: Shipment | null;
  reship: Shipment | null;
  claimLimit: { agreementNo: string; perParcelFen: number; parcels: number; limitFen: number } | null;
  carriers: { id: string; code: string; name: string; nameEn: string; trackingExample: string }[];
  refund: { id: string; no: string; amountFen: number; status: "pending" | "succeeded" | "failed"; createdAt: string; completedAt: string | null } | null;
  timeline: { event: string; actorKind: string; actor: string; text: string; at: string }[];
}
