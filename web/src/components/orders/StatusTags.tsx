import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { tx } from "../tx";
import type { OrderStatus, PaymentStatus, ShipmentStatus } from "./types";

const orderColor: Record<OrderStatus, string> = {
  pending_payment: "gold", paid: "blue", partly_shipped: "cyan", shipped: "geekblue", delivered: "purple", completed: "green", cancelled: "default", closed: "volcano",
};
const paymentColor: Record<PaymentStatus, string> = { pending: "processing", review: "orange", succeeded: "green", failed: "red", closed: "default" };

/** An order's status, in the words the buyer, the shop and the platform all read. */
export function OrderStatusTag({ status }: { status: OrderStatus }) {
  useTranslation();
  return (
    <Tag color={orderColor[status] ?? "default"} data-testid="order-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {tx(`checkout.status.${status}`, status)}
    </Tag>
  );
}

export function PaymentStatusTag({ status }: { status: PaymentStatus }) {
  useTranslation();
  return (
    <Tag color={paymentColor[status] ?? "default"} data-testid="payment-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {tx(`checkout.paymentStatus.${status}`, status)}
    </Tag>
  );
}

const shipmentColor: Record<ShipmentStatus, string> = { in_transit: "processing", delivered: "green", lost: "red", returned: "orange" };

/** A waybill's state: on its way, delivered, lost or returned (L3). */
export function ShipmentStatusTag({ status }: { status: ShipmentStatus }) {
  useTranslation();
  return (
    <Tag color={shipmentColor[status] ?? "default"} data-testid="shipment-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {tx(`fulfil.shipmentStatus.${status}`, status)}
    </Tag>
  );
}
