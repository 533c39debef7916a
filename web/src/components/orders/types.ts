// What the order API answers the buyer, the shop and the platform alike (src/modules/orders,
// payments): one shape, read by the storefront and the trade screens. Money is integer 分.

export const ORDER_STATUSES = ["pending_payment", "paid", "partly_shipped", "shipped", "delivered", "completed", "cancelled", "closed"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_STATUSES = ["pending", "review", "succeeded", "failed", "closed"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PROVIDERS = ["sandbox", "alipay", "wechatpay"] as const;

export interface OrderRow {
  id: string;
  no: string;
  status: OrderStatus;
  merchantId: string;
  buyerId: string;
  totalFen: number;
  itemsFen: number;
  shippingFen: number;
  refundedFen: number;
  payDeadline: string;
  paidAt: string | null;
  createdAt: string;
  checkoutId: string;
  regionName: string;
  itemCount: number;
  firstTitle: string | null;
}

export interface OrderLine {
  id: string;
  productId: string;
  skuCode: string;
  title: string;
  options: Record<string, string>;
  imageKey: string | null;
  unitPriceFen: number;
  quantity: number;
  lineFen: number;
}

export interface TimelineEvent {
  event: string;
  from: OrderStatus | null;
  to: OrderStatus;
  actorKind: string;
  actor: string;
  reason: string | null;
  at: string;
}

export interface Payment {
  id: string;
  no: string;
  checkoutId: string;
  provider: string;
  amountFen: number;
  status: PaymentStatus;
  expiresAt: string;
  paidAt: string | null;
  payUrl: string | null;
  failureReason: string | null;
  orderIds: string[];
  createdAt: string;
  providerTxnId?: string | null;
  buyerId?: string;
}

export interface OrderDetail extends Omit<OrderRow, "regionName" | "itemCount" | "firstTitle">, Partial<Fulfilment> {
  discountFen: number;
  buyerNote: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  completedAt: string | null;
  endedAt: string | null;
  retainUntil: string | null;
  address: { regionName: string; recipient: string; mobile: string; detail: string };
  lines: OrderLine[];
  timeline: TimelineEvent[];
  /** The payment attempts of the order's checkout, for the buyer and the platform (not the shop). */
  payments?: Payment[];
}

// ---- Shipping and receipt (L2, L3, O5, O6) ----

export const SHIPMENT_STATUSES = ["in_transit", "delivered", "lost", "returned"] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const TRACKING_KINDS = ["collected", "in_transit", "out_for_delivery", "delivered", "problem", "returned", "rejected"] as const;
export type TrackingKind = (typeof TRACKING_KINDS)[number];

export interface TrackingEvent {
  at: string;
  kind: TrackingKind;
  text: string;
  location: string | null;
  source: "aggregator" | "manual";
}

export interface Shipment {
  id: string;
  no: string;
  orderId: string;
  status: ShipmentStatus;
  trackingNo: string;
  carrier: { id: string; code: string; name: string; nameEn: string; tracking: "aggregator" | "manual" };
  weightGrams: number;
  shippedAt: string;
  shippedBy: string;
  promisedBy: string | null;
  deliveredAt: string | null;
  lastEventAt: string | null;
  lastEventText: string | null;
  outboundId: string | null;
  reshipOfCaseId: string | null;
  parcels: { seq: number; weightGrams: number; trackingNo: string | null }[];
  lines: { orderLineId: string; title: string; skuCode: string; options: Record<string, string>; quantity: number; batches: { batchId: string; batchNo: string; quantity: number }[] }[];
  /** Newest first. */
  events: TrackingEvent[];
}

/** What the order details add for shipping and receipt. */
export interface Fulfilment {
  /** Paid at + the ship-by hours (O5). */
  shipBy: string | null;
  /** Set once the order was flagged not shipped in time. */
  shipOverdueAt: string | null;
  /** Delivered at + the auto-confirm days, or later once extended (O6). */
  confirmBy: string | null;
  receiptExtendedAt: string | null;
  shipments: Shipment[];
}
