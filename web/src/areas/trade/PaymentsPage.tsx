import { Card, Col, Descriptions, Flex, Input, Row, Segmented, Select, Skeleton, Space, Table, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { useSession } from "../../auth/session";
import { NotFound } from "../../components/Forbidden";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime, formatDateTimeSeconds, shortId } from "../../components/format";
import { OrderStatusTag, PaymentStatusTag } from "../../components/orders/StatusTags";
import { tx } from "../../components/tx";
import { BackLink, DetailPending, emptyState, LoadMore, Money, Mono, OutcomeTag, ReviewKindTag, ReviewStatusTag, TradeErrorAlert, tradeKey, useCursorList, useFilterParams, useShopNames } from "./kit";
import { RefundTable } from "./OrderDetail";
import { ReviewDetails } from "./ReviewsPage";
import { NOTIFICATION_OUTCOMES, PAYMENT_STATUSES, PROVIDERS, REFUND_STATUSES } from "./types";
import type { Notification, NotificationOutcome, Payment, PaymentDetail, PaymentStatus, Refund, RefundStatus } from "./types";

const BASE = "/admin/trade/payments";

/** F1/F2/F6: payment attempts, every provider notification, and refunds. */
export function PaymentsPage() {
  return (
    <Routes>
      <Route index element={<PaymentList />} />
      <Route path="notifications" element={<NotificationList />} />
      <Route path="refunds" element={<RefundList />} />
      <Route path=":id" element={<PaymentDetailPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

type View = "payments" | "notifications" | "refunds";

function Views({ active }: { active: View }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t(`tradeOps.${active}.title`)} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t(`tradeOps.${active}.intro`)}
      </Typography.Paragraph>
      <Segmented<View>
        value={active}
        onChange={(v) => navigate(v === "payments" ? BASE : `${BASE}/${v}`)}
        options={(["payments", "notifications", "refunds"] as const).map((v) => ({ value: v, label: <span data-testid={`payments-view-${v}`}>{t(`tradeOps.${v}.view`)}</span> }))}
        style={{ marginBottom: 16 }}
      />
    </>
  );
}

function PaymentList() {
  const { t } = useTranslation();
  const { params, set, pick } = useFilterParams();
  const status = pick<PaymentStatus>("status", PAYMENT_STATUSES);
  const provider = pick("provider", PROVIDERS);
  const q = params.get("q") ?? "";
  const { list, rows } = useCursorList<Payment>(["payments"], "/admin/payments", { status, provider, q: q || undefined });
  return (
    <div data-testid="trade-payments-page">
      <Views active="payments" />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<PaymentStatus>
            allowClear
            value={status}
            onChange={(v) => set({ status: v })}
            placeholder={t("tradeOps.payments.allStatuses")}
            options={PAYMENT_STATUSES.map((s) => ({ value: s, label: t(`checkout.paymentStatus.${s}`) }))}
            style={{ minWidth: 150 }}
            data-testid="payment-filter-status"
          />
          <Select
            allowClear
            value={provider}
            onChange={(v?: string) => set({ provider: v })}
            placeholder={t("tradeOps.payments.allProviders")}
            options={PROVIDERS.map((p) => ({ value: p, label: t(`checkout.provider.${p}`) }))}
            style={{ minWidth: 150 }}
            data-testid="payment-filter-provider"
          />
          <Input.Search key={q} allowClear defaultValue={q} placeholder={t("tradeOps.payments.search")} onSearch={(v) => set({ q: v.trim() || undefined })} style={{ width: 320 }} data-testid="payment-search" />
        </Flex>
        <TradeErrorAlert error={list.error} style={{ marginBottom: 12 }} />
        <Table<Payment>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 960 }}
          data-testid="payment-table"
          onRow={(p) => ({ "data-testid": `payment-row-${p.no}`, "data-status": p.status }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: emptyState(list.isPending, t(status || provider || q ? "tradeOps.payments.noneFiltered" : "tradeOps.payments.empty"), "payment-empty") }}
          columns={[
            { title: t("tradeOps.fields.paymentNo"), dataIndex: "no", width: 190, render: (no: string, p) => <Link to={`${BASE}/${p.id}`} data-testid="payment-link"><Mono>{no}</Mono></Link> },
            { title: t("tradeOps.fields.provider"), dataIndex: "provider", width: 110, render: (v: string) => tx(`checkout.provider.${v}`, v) },
            { title: t("tradeOps.fields.amount"), dataIndex: "amountFen", width: 130, align: "right", render: (v: number) => <Money fen={v} strong /> },
            { title: t("tradeOps.fields.status"), dataIndex: "status", width: 100, render: (s: PaymentStatus) => <PaymentStatusTag status={s} /> },
            { title: t("tradeOps.fields.providerTxnId"), dataIndex: "providerTxnId", render: (v: string | null) => (v ? <Mono>{v}</Mono> : "—") },
            { title: t("tradeOps.fields.startedAt"), dataIndex: "createdAt", width: 150, render: (v: string) => formatDateTime(v) },
            { title: t("tradeOps.fields.paidAt"), dataIndex: "paidAt", width: 150, render: (v: string | null) => formatDateTime(v) },
          ]}
        />
        <LoadMore list={list} count={rows.length} testId="payment-more" />
      </Card>
    </div>
  );
}

function NotificationList() {
  const { t } = useTranslation();
  const { set, pick } = useFilterParams();
  const outcome = pick<NotificationOutcome>("outcome", NOTIFICATION_OUTCOMES);
  const { list, rows } = useCursorList<Notification>(["notifications"], "/admin/payment-notifications", { outcome }, 50);
  return (
    <div data-testid="trade-notifications-page">
      <Views active="notifications" />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<NotificationOutcome>
            allowClear
            value={outcome}
            onChange={(v) => set({ outcome: v })}
            placeholder={t("tradeOps.notifications.allOutcomes")}
            options={NOTIFICATION_OUTCOMES.map((o) => ({ value: o, label: t(`tradeOps.outcomes.${o}`) }))}
            style={{ minWidth: 180 }}
            data-testid="notification-filter-outcome"
          />
        </Flex>
        <TradeErrorAlert error={list.error} style={{ marginBottom: 12 }} />
        <NotificationTable rows={rows} loading={list.isPending} empty={t(outcome ? "tradeOps.notifications.noneFiltered" : "tradeOps.notifications.empty")} withPayment />
        <LoadMore list={list} count={rows.length} testId="notification-more" />
      </Card>
    </div>
  );
}

/** F2: what a provider said and what it did to our books. */
function NotificationTable({ rows, loading, empty, withPayment }: { rows: Notification[]; loading?: boolean; empty: string; withPayment?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<Notification>
      rowKey="id"
      size={withPayment ? "middle" : "small"}
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 860 }}
      data-testid="notification-table"
      onRow={(n) => ({ "data-testid": "notification-row", "data-outcome": n.outcome }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: emptyState(!!loading, empty, "notification-empty") }}
      columns={[
        { title: t("tradeOps.fields.receivedAt"), key: "at", width: 170, render: (_, n) => formatDateTimeSeconds(n.receivedAt ?? n.createdAt) },
        { title: t("tradeOps.fields.kind"), dataIndex: "kind", width: 90, render: (v: string) => tx(`tradeOps.notificationKinds.${v}`, v) },
        { title: t("tradeOps.fields.outcome"), dataIndex: "outcome", width: 120, render: (v: NotificationOutcome) => <OutcomeTag outcome={v} /> },
        ...(withPayment
          ? [{ title: t("tradeOps.fields.payment"), key: "payment", width: 120, render: (_: unknown, n: Notification) => (n.paymentId ? <Link to={`${BASE}/${n.paymentId}`}><Mono>{shortId(n.paymentId)}</Mono></Link> : "—") }]
          : []),
        { title: t("tradeOps.fields.providerTxnId"), dataIndex: "providerTxnId", render: (v: string | null) => (v ? <Mono>{v}</Mono> : "—") },
        { title: t("tradeOps.fields.amount"), dataIndex: "amountFen", width: 120, align: "right" as const, render: (v: number | null) => (v === null ? "—" : <Money fen={v} />) },
        { title: t("tradeOps.fields.detail"), dataIndex: "detail", render: (v: string | null) => v ?? "—" },
      ]}
    />
  );
}

function RefundList() {
  const { t } = useTranslation();
  const { set, pick } = useFilterParams();
  const status = pick<RefundStatus>("status", REFUND_STATUSES);
  const { list, rows } = useCursorList<Refund>(["refunds"], "/admin/refunds", { status }, 50);
  return (
    <div data-testid="trade-refunds-page">
      <Views active="refunds" />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<RefundStatus | "all">
            value={status ?? "all"}
            onChange={(v) => set({ status: v === "all" ? undefined : v })}
            options={[{ value: "all", label: t("tradeOps.orders.all") }, ...REFUND_STATUSES.map((s) => ({ value: s, label: t(`tradeOps.refundStatus.${s}`) }))]}
            data-testid="refund-filter-status"
          />
        </Flex>
        <TradeErrorAlert error={list.error} style={{ marginBottom: 12 }} />
        {list.isPending ? <Skeleton active /> : rows.length ? <RefundTable refunds={rows} testId="refund-table" showOrder /> : emptyState(false, t(status ? "tradeOps.refunds.noneFiltered" : "tradeOps.refunds.empty"), "refund-empty")}
        <LoadMore list={list} count={rows.length} testId="refund-more" />
      </Card>
    </div>
  );
}

/** One payment attempt with its orders, the provider's notifications, refunds and reviews. */
function PaymentDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { can } = useSession();
  const shops = useShopNames();
  const q = useQuery({ queryKey: [...tradeKey, "payment", id], queryFn: ({ signal }) => api<PaymentDetail>(`/admin/payments/${id}`, { signal }) });
  const back = <BackLink to={BASE} label={t("tradeOps.payments.back")} testId="back-to-payments" />;
  if (!q.data) {
    return (
      <div data-testid="payment-detail-page">
        {back}
        <DetailPending query={q} />
      </div>
    );
  }
  const p = q.data;
  const orderLinks = can("order.read.any");
  return (
    <div data-testid="payment-detail" data-status={p.status}>
      {back}
      <Space size={12} align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, fontFamily: "monospace" }} data-testid="payment-no">
          {p.no}
        </Typography.Title>
        <PaymentStatusTag status={p.status} />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card title={t("tradeOps.payment.facts")} size="small">
            <Descriptions column={1} size="small" styles={{ label: { whiteSpace: "nowrap" } }} data-testid="payment-facts">
              <Descriptions.Item label={t("tradeOps.fields.provider")}>{tx(`checkout.provider.${p.provider}`, p.provider)}</Descriptions.Item>
              <Descriptions.Item label={t("tradeOps.fields.amount")}>
                <Money fen={p.amountFen} strong testId="payment-amount" />
              </Descriptions.Item>
              <Descriptions.Item label={t("tradeOps.fields.providerTxnId")}>{p.providerTxnId ? <Mono>{p.providerTxnId}</Mono> : "—"}</Descriptions.Item>
              <Descriptions.Item label={t("tradeOps.fields.buyer")}>{p.buyerId ? <Mono>{shortId(p.buyerId)}</Mono> : "—"}</Descriptions.Item>
              <Descriptions.Item label={t("tradeOps.fields.startedAt")}>{formatDateTime(p.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t("tradeOps.fields.expiresAt")}>{formatDateTime(p.expiresAt)}</Descriptions.Item>
              <Descriptions.Item label={t("tradeOps.fields.paidAt")}>{formatDateTime(p.paidAt)}</Descriptions.Item>
              {p.failureReason ? (
                <Descriptions.Item label={t("tradeOps.fields.failureReason")}>
                  <Typography.Text type="danger">{p.failureReason}</Typography.Text>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card title={t("tradeOps.payment.orders")} size="small">
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={p.orders}
                data-testid="payment-orders"
                columns={[
                  {
                    title: t("tradeOps.fields.orderNo"),
                    dataIndex: "no",
                    render: (no: string, o: PaymentDetail["orders"][number]) => (orderLinks ? <Link to={`/admin/trade/orders/${o.id}`}><Mono>{no}</Mono></Link> : <Mono>{no}</Mono>),
                  },
                  { title: t("tradeOps.fields.shop"), dataIndex: "merchantId", render: (v: string) => shops.name(v) },
                  { title: t("tradeOps.fields.status"), dataIndex: "status", width: 100, render: (s: PaymentDetail["orders"][number]["status"]) => <OrderStatusTag status={s} /> },
                  { title: t("tradeOps.fields.total"), dataIndex: "totalFen", width: 110, align: "right", render: (v: number) => <Money fen={v} /> },
                  { title: t("tradeOps.fields.refunded"), dataIndex: "refundedFen", width: 110, align: "right", render: (v: number) => (v ? <Money fen={v} type="danger" /> : "—") },
                ]}
              />
            </Card>
            <Card title={t("tradeOps.payment.notifications")} size="small">
              {p.notifications.length ? (
                <NotificationTable rows={p.notifications} empty="" />
              ) : (
                <Typography.Text type="secondary">{t("tradeOps.payment.noNotifications")}</Typography.Text>
              )}
            </Card>
            <Card title={t("tradeOps.payment.refunds")} size="small">
              {p.refunds.length ? (
                <RefundTable refunds={p.refunds.map((r) => ({ ...r, orderNo: p.orders.find((o) => o.id === r.orderId)?.no }))} testId="payment-refunds" showOrder={orderLinks} />
              ) : (
                <Typography.Text type="secondary">{t("tradeOps.payment.noRefunds")}</Typography.Text>
              )}
            </Card>
            {p.reviews.length ? (
              <Card title={t("tradeOps.payment.reviews")} size="small" data-testid="payment-reviews">
                <Flex vertical gap={12}>
                  {p.reviews.map((r) => (
                    <div key={r.id}>
                      <Space size={8} wrap>
                        <ReviewKindTag kind={r.kind} />
                        <ReviewStatusTag status={r.status} />
                        <Typography.Text type="secondary">{formatDateTime(r.createdAt)}</Typography.Text>
                      </Space>
                      <div style={{ marginTop: 4 }}>
                        <ReviewDetails details={r.details} />
                      </div>
                      {r.decidedByLabel ? (
                        <Typography.Text type="secondary">
                          {t("tradeOps.reviews.decidedBy", { by: r.decidedByLabel, at: formatDateTime(r.decidedAt), note: r.decisionNote ?? "" })}
                        </Typography.Text>
                      ) : null}
                    </div>
                  ))}
                </Flex>
              </Card>
            ) : null}
          </Flex>
        </Col>
      </Row>
    </div>
  );
}

