import { Alert, Card, Col, Descriptions, Divider, Flex, Result, Row, Skeleton, Space, Tag, Typography } from "antd";
import { ArrowLeftOutlined, CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, EnvironmentOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { api, isApiError } from "../../../api";
import { ErrorAlert } from "../../../components/errors";
import { formatDateTime, formatFen } from "../../../components/format";
import { OrderTimeline } from "../../../components/orders/OrderTimeline";
import { ShipmentTracking } from "../../../components/orders/ShipmentTracking";
import { OrderStatusTag, PaymentStatusTag } from "../../../components/orders/StatusTags";
import { tx } from "../../../components/tx";
import { PRICE_COLOR } from "../catalog/ProductGrid";
import { GoodsLine } from "./kit";
import { heldText, orderKey, paymentReasonText, useMyOrder } from "./orders";
import type { OrderDetail } from "./orders";
import { CancelOrderButton, ConfirmReceiptButton, ExtendReceiptButton, OverdueCancelButton, PayCountdown, ReportProblemButton, UnpaidActions } from "./OrderActions";
import { ShopName } from "./ShopName";

const BANNER: Record<string, { bg: string; border: string; icon: React.ReactNode }> = {
  active: { bg: "#fff7f0", border: "#fdba74", icon: <ClockCircleFilled style={{ color: PRICE_COLOR }} /> },
  done: { bg: "#f6ffed", border: "#b7eb8f", icon: <CheckCircleFilled style={{ color: "#52c41a" }} /> },
  ended: { bg: "#fafafa", border: "#d9d9d9", icon: <CloseCircleFilled style={{ color: "rgba(0,0,0,0.35)" }} /> },
};

function StatusBanner({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const ended = order.status === "cancelled" || order.status === "closed";
  const look = BANNER[ended ? "ended" : order.status === "completed" ? "done" : "active"]!;
  const end = [...order.timeline].reverse().find((e) => e.event === "cancel" || e.event === "expire" || e.event === "close");
  const why = end?.event === "expire" ? t("checkout.detail.expired") : end?.reason ? t("checkout.timeline.reason", { reason: end.reason }) : null;
  // F4: a payment held for review is explained, and paying again would only meet the same hold.
  const held = order.status === "pending_payment" ? order.payments.find((p) => p.status === "review") : undefined;
  return (
    <Card style={{ background: look.bg, borderColor: look.border, marginBottom: 16 }} data-testid="order-banner" data-status={order.status}>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Flex gap={14} align="flex-start">
          <span style={{ fontSize: 30, lineHeight: 1 }}>{look.icon}</span>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="order-banner-title">
              {t(`checkout.status.${order.status}`)}
            </Typography.Title>
            <Typography.Text type="secondary">{t(`checkout.banner.${order.status}`)}</Typography.Text>
            {order.status === "pending_payment" ? (
              <div style={{ marginTop: 4 }}>
                <PayCountdown deadline={order.payDeadline} />
              </div>
            ) : null}
            {why ? (
              <div style={{ marginTop: 4 }}>
                <Typography.Text type="secondary" data-testid="order-banner-reason">
                  {why}
                </Typography.Text>
              </div>
            ) : null}
          </div>
        </Flex>
        {order.status === "pending_payment" ? (
          <UnpaidActions order={order} canPay={!held} />
        ) : (
          <Space wrap>
            <ConfirmReceiptButton order={order} />
            <ExtendReceiptButton order={order} />
            {OPEN.has(order.status) ? <ReportProblemButton order={order} shipments={order.shipments ?? []} /> : null}
            {order.shipOverdueAt ? null : <CancelOrderButton order={order} />}
          </Space>
        )}
      </Flex>
      <ReceiptNote order={order} />
      <OverdueAlert order={order} />
      {held ? (
        <Alert
          type="warning"
          showIcon
          title={t("checkout.placed.reviewTitle")}
          description={heldText(held)}
          style={{ marginTop: 16 }}
          data-testid="order-payment-held"
        />
      ) : null}
      {order.refundedFen > 0 ? (
        <Alert
          type="success"
          showIcon
          title={t("checkout.detail.refundIssued", { amount: formatFen(order.refundedFen) })}
          description={t("checkout.detail.refundText")}
          style={{ marginTop: 16 }}
          data-testid="order-refund-issued"
        />
      ) : null}
    </Card>
  );
}

// Orders a buyer may still report a problem with: paid and not yet done.
const OPEN = new Set<string>(["paid", "partly_shipped", "shipped", "delivered"]);

/** O6: when receipt will be confirmed by itself, or what to do once the parcel arrives. */
function ReceiptNote({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  if (order.status === "delivered" && order.confirmBy) {
    return (
      <Flex gap={8} align="center" style={{ marginTop: 12 }} data-testid="order-auto-confirm">
        <Typography.Text>{t("fulfil.receipt.autoConfirm", { at: formatDateTime(order.confirmBy) })}</Typography.Text>
        {order.receiptExtendedAt ? <Tag style={{ marginInlineEnd: 0 }} data-testid="order-receipt-extended">{t("fulfil.receipt.extended")}</Tag> : null}
      </Flex>
    );
  }
  if (order.status === "shipped") {
    return (
      <Typography.Paragraph type="secondary" style={{ margin: "12px 0 0" }} data-testid="order-receipt-hint">
        {t("fulfil.receipt.shippedHint")}
      </Typography.Paragraph>
    );
  }
  return null;
}

/** O5: the shop let the ship-by time pass; the buyer may cancel with a full refund. */
function OverdueAlert({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  if (!order.shipOverdueAt || (order.status !== "paid" && order.status !== "partly_shipped")) return null;
  const hours = order.paidAt && order.shipBy ? Math.round((new Date(order.shipBy).getTime() - new Date(order.paidAt).getTime()) / 3_600_000) : 72;
  return (
    <Alert
      type="error"
      showIcon
      title={t("fulfil.overdue.title")}
      description={order.status === "paid" ? t("fulfil.overdue.text", { hours }) : t("fulfil.overdue.partlyText", { hours })}
      action={<OverdueCancelButton order={order} />}
      style={{ marginTop: 16 }}
      data-testid="order-overdue"
    />
  );
}

/** L3: the order's waybills with the carrier's tracking, newest first. */
function Shipments({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const shipments = order.shipments ?? [];
  if (!shipments.length) return null;
  return (
    <Card size="small" title={shipments.length > 1 ? t("fulfil.tracking.titleCount", { count: shipments.length }) : t("fulfil.tracking.title")} style={{ marginBottom: 16 }} data-testid="order-shipments">
      <ShipmentTracking
        shipments={shipments}
        audience="buyer"
        actions={OPEN.has(order.status) && shipments.length > 1 ? (s) => <ReportProblemButton order={order} shipments={shipments} shipmentId={s.id} size="small" /> : undefined}
      />
    </Card>
  );
}

interface Case {
  id: string;
  no: string;
  kind: string;
  status: "open" | "resolved" | "cancelled";
  description?: string | null;
  trackingNo?: string | null;
  resolution?: string | null;
  resolutionNote?: string | null;
  refundFen?: number | null;
  openedAt: string;
}

/** L4/O7: the problems the buyer reported on this order and how they stand. */
function Cases({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const cases = useQuery({
    queryKey: [...orderKey(order.id), "exceptions"],
    queryFn: () => api<{ items: Case[] }>(`/me/orders/${order.id}/exceptions`),
    retry: false,
  });
  const items = cases.data?.items ?? [];
  if (!items.length) return null;
  const color = { open: "processing", resolved: "green", cancelled: "default" } as const;
  return (
    <Card size="small" title={t("fulfil.problem.cases")} style={{ marginBottom: 16 }} data-testid="order-cases">
      {items.map((c, i) => (
        <div key={c.id} data-testid="order-case" data-status={c.status}>
          {i ? <Divider style={{ margin: "8px 0" }} /> : null}
          <Space size={8} wrap>
            <Typography.Text strong>{tx(`fulfil.problem.caseKinds.${c.kind}`, c.kind)}</Typography.Text>
            <Tag color={color[c.status] ?? "default"} style={{ marginInlineEnd: 0 }}>
              {tx(`fulfil.problem.caseStatus.${c.status}`, c.status)}
            </Tag>
            {c.resolution ? <Typography.Text type="secondary">{tx(`fulfil.problem.resolution.${c.resolution}`, c.resolution)}</Typography.Text> : null}
          </Space>
          <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)" }}>
            {[c.no, formatDateTime(c.openedAt), c.trackingNo].filter(Boolean).join(" · ")}
          </div>
          {c.description ? (
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
              {c.description}
            </Typography.Paragraph>
          ) : null}
          {c.resolutionNote ? (
            <Typography.Paragraph style={{ margin: 0, fontSize: 13 }} data-testid="order-case-resolution">
              {c.resolutionNote}
              {c.refundFen ? ` · ${formatFen(c.refundFen)}` : ""}
            </Typography.Paragraph>
          ) : null}
        </div>
      ))}
    </Card>
  );
}

function Lines({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const row = (label: string, value: React.ReactNode, testId?: string, strong = false) => (
    <Flex justify="flex-end" align="baseline" gap={24} style={{ marginTop: 6 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <span style={{ width: 120, textAlign: "right", ...(strong ? { color: PRICE_COLOR, fontSize: 20, fontWeight: 600 } : {}) }} data-testid={testId}>
        {value}
      </span>
    </Flex>
  );
  return (
    <Card size="small" title={<ShopName merchantId={order.merchantId} />} style={{ marginBottom: 16 }} data-testid="order-lines">
      {order.lines.map((l) => (
        <GoodsLine key={l.id} line={l} image={l.imageKey} link testId="order-line" />
      ))}
      {order.buyerNote ? (
        <Typography.Paragraph type="secondary" style={{ margin: "10px 0 0" }} data-testid="order-note">
          {t("checkout.note")}
          {order.buyerNote}
        </Typography.Paragraph>
      ) : null}
      <div style={{ paddingTop: 8 }}>
        {row(t("checkout.summary.items"), formatFen(order.itemsFen), "order-items-fen")}
        {row(t("checkout.summary.shipping"), order.shippingFen ? formatFen(order.shippingFen) : t("checkout.freeShipping"), "order-shipping-fen")}
        {row(order.paidAt ? t("checkout.detail.paid") : t("checkout.summary.total"), formatFen(order.totalFen), "order-total-fen", true)}
        {order.refundedFen ? row(t("checkout.detail.refunded"), <span style={{ color: "#389e0d" }}>{formatFen(order.refundedFen)}</span>, "order-refunded-fen") : null}
      </div>
    </Card>
  );
}

function Payments({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t("checkout.detail.payments")} style={{ marginBottom: 16 }} data-testid="order-payments">
      {order.payments.length ? (
        order.payments.map((p, i) => (
          <div key={p.id}>
            {i ? <Divider style={{ margin: "8px 0" }} /> : null}
            <Flex justify="space-between" align="center" gap={16} data-testid="order-payment">
              <div style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text>{tx(`checkout.provider.${p.provider}`, p.provider)}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 12, fontSize: 12 }}>
                  {p.no}
                </Typography.Text>
                <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)" }}>
                  {p.paidAt ? t("checkout.detail.paidAt", { at: formatDateTime(p.paidAt) }) : t("checkout.detail.startedAt", { at: formatDateTime(p.createdAt) })}
                  {p.orderIds.length > 1 ? ` · ${t("checkout.detail.together", { count: p.orderIds.length })}` : ""}
                </div>
                {p.failureReason && p.status !== "succeeded" ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {paymentReasonText(p.failureReason)}
                  </Typography.Text>
                ) : null}
              </div>
              <Flex gap={12} align="center" style={{ flex: "none" }}>
                <Typography.Text strong>{formatFen(p.amountFen)}</Typography.Text>
                <PaymentStatusTag status={p.status} />
              </Flex>
            </Flex>
          </div>
        ))
      ) : (
        <Typography.Text type="secondary">{t("checkout.detail.noPayments")}</Typography.Text>
      )}
    </Card>
  );
}

/** /account/orders/:id: one order with its status, timeline, goods, address and payments (O3). */
export function OrderPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const order = useMyOrder(id);
  const back = (
    <Link to="/account/orders" data-testid="order-back">
      <ArrowLeftOutlined style={{ marginInlineEnd: 6 }} />
      {t("checkout.list.title")}
    </Link>
  );
  if (order.isPending) {
    return (
      <div style={{ padding: "24px 0 48px" }} data-testid="order-loading">
        {back}
        <Card style={{ marginTop: 16 }}>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  }
  if (order.isError) {
    const missing = isApiError(order.error) && order.error.status === 404;
    return (
      <div style={{ padding: "24px 0 48px" }}>
        {back}
        {missing ? <Result status="404" title={t("checkout.detail.notFound")} data-testid="order-not-found" /> : <ErrorAlert error={order.error} style={{ marginTop: 16 }} />}
      </div>
    );
  }
  const o = order.data;
  return (
    <div style={{ padding: "24px 0 48px" }} data-testid="order-page">
      {back}
      <Flex align="center" gap={12} style={{ margin: "12px 0 16px" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("checkout.detail.title")}
        </Typography.Title>
        <OrderStatusTag status={o.status} />
      </Flex>
      <StatusBanner order={o} />
      <Row gutter={[16, 0]} align="top">
        <Col xs={24} lg={16}>
          <Shipments order={o} />
          <Cases order={o} />
          <Lines order={o} />
          <Payments order={o} />
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("checkout.detail.address")} style={{ marginBottom: 16 }} data-testid="order-address">
            <Typography.Text strong>{o.address.recipient}</Typography.Text>
            <Typography.Text style={{ marginInlineStart: 12 }}>{o.address.mobile}</Typography.Text>
            <div style={{ marginTop: 6, color: "rgba(0,0,0,0.65)" }}>
              <EnvironmentOutlined style={{ marginInlineEnd: 6 }} />
              {o.address.regionName} {o.address.detail}
            </div>
          </Card>
          <Card size="small" title={t("checkout.detail.info")} style={{ marginBottom: 16 }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: "no", label: t("checkout.detail.no"), children: <Typography.Text copyable data-testid="order-detail-no">{o.no}</Typography.Text> },
                { key: "created", label: t("checkout.detail.createdAt"), children: formatDateTime(o.createdAt) },
                ...(o.paidAt ? [{ key: "paid", label: t("checkout.detail.paidTime"), children: formatDateTime(o.paidAt) }] : []),
              ]}
            />
          </Card>
          <Card size="small" title={t("checkout.detail.timeline")} data-testid="order-timeline-card">
            <OrderTimeline events={o.timeline} buyer />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
