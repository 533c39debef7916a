import { useState } from "react";
import { Alert, Button, Card, Flex, Result, Spin, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { api } from "../../../api";
import { formatFen } from "../../../components/format";
import { OrderStatusTag } from "../../../components/orders/StatusTags";
import { HeldResult, MyOrdersButton } from "./kit";
import { checkoutErrorText, payCheckout, paymentReasonText } from "./orders";
import type { PaymentWithOrders } from "./orders";

// The gateway has usually told the platform by the time the buyer is back; if not, ask again
// every second for half a minute.
const POLL_MS = 1000;
const POLL_FOR_MS = 30_000;

function OrdersOfPayment({ payment }: { payment: PaymentWithOrders }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ maxWidth: 560, margin: "0 auto", textAlign: "left" }} data-testid="pay-result-orders">
      {payment.orders.map((o) => (
        <Flex key={o.id} justify="space-between" align="center" gap={12} style={{ padding: "6px 0" }} data-testid="pay-result-order">
          <Link to={`/account/orders/${o.id}`} data-testid="pay-result-order-link">
            {t("checkout.orderNo", { no: o.no })}
          </Link>
          <Flex gap={12} align="center">
            <Typography.Text strong>{formatFen(o.totalFen)}</Typography.Text>
            <OrderStatusTag status={o.status} />
          </Flex>
        </Flex>
      ))}
    </Card>
  );
}

/** /pay/result?no=P…: where the payment gateway sends the buyer back (F1). */
export function PaymentResultPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const no = params.get("no") ?? "";
  const [since] = useState(() => Date.now());
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<unknown>(null);
  const payment = useQuery({
    queryKey: ["payments", "mine", no],
    queryFn: () => api<PaymentWithOrders>(`/me/payments/${encodeURIComponent(no)}`),
    enabled: /^P\d{16}$/.test(no),
    refetchInterval: (q) => (q.state.data?.status === "pending" && Date.now() - since < POLL_FOR_MS ? POLL_MS : false),
  });

  const retry = async (checkoutId: string) => {
    setRetrying(true);
    setRetryError(null);
    try {
      const p = await payCheckout(checkoutId);
      if (p.status !== "pending" || !p.payUrl) await payment.refetch();
    } catch (e) {
      setRetryError(e);
    } finally {
      setRetrying(false);
    }
  };

  const toOrders = <MyOrdersButton key="orders" testId="pay-result-go-orders" />;
  const frame = (node: React.ReactNode) => (
    <div style={{ padding: "32px 0 48px" }} data-testid="pay-result">
      {node}
    </div>
  );

  if (!/^P\d{16}$/.test(no)) {
    return frame(<Result status="warning" title={t("checkout.result.badLink")} extra={[toOrders]} data-testid="pay-result-bad-link" />);
  }
  if (payment.isPending) {
    return frame(<Result icon={<Spin size="large" />} title={t("checkout.result.checking")} />);
  }
  if (payment.isError) {
    return frame(<Result status="error" title={t("checkout.result.loadFailed")} subTitle={checkoutErrorText(payment.error)} extra={[toOrders]} />);
  }
  const p = payment.data;
  const amount = formatFen(p.amountFen);
  const retryAlert = retryError ? <Alert type="error" showIcon title={checkoutErrorText(retryError)} style={{ maxWidth: 560, margin: "0 auto 16px" }} data-testid="pay-result-retry-error" /> : null;

  if (p.status === "succeeded") {
    return frame(
      <Result status="success" title={t("checkout.result.succeeded", { amount })} subTitle={t("checkout.result.succeededText", { count: p.orders.length })} extra={[toOrders]} data-testid="pay-result-succeeded">
        <OrdersOfPayment payment={p} />
      </Result>,
    );
  }
  if (p.status === "pending") {
    const waited = payment.dataUpdatedAt - since >= POLL_FOR_MS;
    return frame(
      <Result
        icon={waited ? undefined : <Spin size="large" />}
        status={waited ? "info" : undefined}
        title={waited ? t("checkout.result.stillPending") : t("checkout.result.checking")}
        subTitle={waited ? t("checkout.result.stillPendingText") : t("checkout.result.checkingText", { amount })}
        extra={
          waited
            ? [
                <Button key="again" type="primary" onClick={() => void payment.refetch()} loading={payment.isFetching} data-testid="pay-result-refresh">
                  {t("checkout.result.refresh")}
                </Button>,
                toOrders,
              ]
            : [toOrders]
        }
        data-testid="pay-result-pending"
      />,
    );
  }
  if (p.status === "review") {
    return frame(
      <HeldResult payment={p} testId="pay-result-review" reasonTestId="pay-result-reason" extra={[toOrders]}>
        <OrdersOfPayment payment={p} />
      </HeldResult>,
    );
  }
  // failed, or closed (abandoned for a newer attempt, or its orders ended meanwhile)
  const payable = p.orders.some((o) => o.status === "pending_payment");
  return frame(
    <Result
      status="error"
      title={p.status === "failed" ? t("checkout.result.failed") : t("checkout.result.closed")}
      subTitle={<span data-testid="pay-result-reason">{paymentReasonText(p.failureReason) ?? ""}</span>}
      extra={[
        payable ? (
          <Button key="retry" type="primary" loading={retrying} onClick={() => void retry(p.checkoutId)} data-testid="pay-result-retry">
            {t("checkout.result.retry")}
          </Button>
        ) : null,
        toOrders,
      ]}
      data-testid={`pay-result-${p.status}`}
    >
      {retryAlert}
      <OrdersOfPayment payment={p} />
    </Result>,
  );
}
