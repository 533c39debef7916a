import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { OrderStatus, PaymentStatus } from "./orders";

const ORDER_COLOR: Record<OrderStatus, string> = {
  pending_payment: "orange",
  paid: "blue",
  partly_shipped: "cyan",
  shipped: "cyan",
  delivered: "geekblue",
  completed: "green",
  cancelled: "default",
  closed: "default",
};

const PAYMENT_COLOR: Record<PaymentStatus, string> = { pending: "orange", review: "gold", succeeded: "green", failed: "red", closed: "default" };

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="order-status" data-status={status}>
      {t(`checkout.status.${status}`)}
    </Tag>
  );
}

export function PaymentStatusTag({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={PAYMENT_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="payment-status" data-status={status}>
      {t(`checkout.paymentStatus.${status}`)}
    </Tag>
  );
}
