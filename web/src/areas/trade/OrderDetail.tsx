import { Button, Card, Col, Descriptions, Flex, Image, Row, Space, Table, Tag, Typography } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { api } from "../../api";
import { useSession } from "../../auth/session";
import { formatDateTime, formatFen, shortId } from "../../components/format";
import { OrderTimeline } from "../../components/orders/OrderTimeline";
import { OrderStatusTag, PaymentStatusTag } from "../../components/orders/StatusTags";
import { ShipmentTracking } from "../../components/orders/ShipmentTracking";
import { PackingListSheet } from "../fulfilment/PackingList";
import { OverdueTag, ShipByFact } from "../fulfilment/ShipBy";
import { ShipButton, trackedByHand, useCanShip } from "../fulfilment/ShipForm";
import { ManualTrackingButton } from "../fulfilment/TrackingForm";
import { tx } from "../../components/tx";
import { useTrade } from "./context";
import { BackLink, DetailPending, Money, Mono, RefundStatusTag, tradeKey, useShopNames } from "./kit";
import { OrderActions } from "./OrderActions";
import type { OrderDetail as Order, OrderLine, Payment, PaymentDetail, Refund } from "./types";

function useOrder(id: string) {
  const place = useTrade();
  return useQuery({ queryKey: [...tradeKey, place.ordersApi, "one", id], queryFn: ({ signal }) => api<Order>(`${place.ordersApi}/${id}`, { signal }) });
}

/** O3: one order as its shop or the platform sees it: goods, amounts, address and the timeline of every change. */
export function OrderDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const place = useTrade();
  const staff = place.scope === "admin";
  const order = useOrder(id);
  const shops = useShopNames();
  const canShip = useCanShip();
  const [params] = useSearchParams();
  const printing = params.get("print") === "packing-list";

  const back = <BackLink to={place.ordersRoute} label={t("tradeOps.order.back")} testId="back-to-orders" />;
  if (!order.data) {
    return (
      <div data-testid="order-detail-page">
        {back}
        <DetailPending query={order} />
      </div>
    );
  }
  const o = order.data;
  return (
    <div data-testid="order-detail" data-status={o.status}>
      {back}
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space size={12} align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0, fontFamily: "monospace" }} data-testid="order-no">
            {o.no}
          </Typography.Title>
          <OrderStatusTag status={o.status} />
          <OverdueTag order={o} />
          {o.refundedFen ? <Tag color="volcano" data-testid="order-refunded-tag">{t("tradeOps.orders.refunded", { amount: formatFen(o.refundedFen) })}</Tag> : null}
        </Space>
        <Space wrap>
          {canShip && (o.status === "paid" || o.status === "partly_shipped") ? (
            <Link to="?print=packing-list" data-testid="order-packing-list">
              <Button icon={<PrinterOutlined />}>{t("fulfil.packing.button")}</Button>
            </Link>
          ) : null}
          <ShipButton order={o} />
          {staff ? <OrderActions order={o} /> : null}
        </Space>
      </Flex>
      {printing ? <PackingListSheet orderId={o.id} back={`${place.ordersRoute}/${o.id}`} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Lines order={o} />
            {o.shipments?.length ? (
              <Card title={t("fulfil.tracking.title")} size="small" data-testid="order-shipments">
                <ShipmentTracking shipments={o.shipments} audience="shop" actions={canShip ? (s) => (trackedByHand(s) ? <ManualTrackingButton shipment={s} /> : null) : undefined} />
              </Card>
            ) : null}
            {staff ? <Payments order={o} /> : null}
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <Card title={t("tradeOps.order.facts")} size="small">
              <Descriptions column={1} size="small" styles={{ label: { whiteSpace: "nowrap" } }} data-testid="order-facts">
                {staff ? <Descriptions.Item label={t("tradeOps.fields.shop")}>{shops.name(o.merchantId)}</Descriptions.Item> : null}
                {staff ? (
                  <Descriptions.Item label={t("tradeOps.fields.buyer")}>
                    <Mono>{shortId(o.buyerId)}</Mono>
                  </Descriptions.Item>
                ) : null}
                <Descriptions.Item label={t("tradeOps.fields.createdAt")}>{formatDateTime(o.createdAt)}</Descriptions.Item>
                {o.status === "pending_payment" ? <Descriptions.Item label={t("tradeOps.fields.payDeadline")}>{formatDateTime(o.payDeadline)}</Descriptions.Item> : null}
                {o.paidAt ? <Descriptions.Item label={t("tradeOps.fields.paidAt")}>{formatDateTime(o.paidAt)}</Descriptions.Item> : null}
                {o.shipBy ? (
                  <Descriptions.Item label={t("fulfil.shipBy.label")}>
                    <ShipByFact order={o} />
                  </Descriptions.Item>
                ) : null}
                {o.shippedAt ? <Descriptions.Item label={t("tradeOps.fields.shippedAt")}>{formatDateTime(o.shippedAt)}</Descriptions.Item> : null}
                {o.deliveredAt ? <Descriptions.Item label={t("tradeOps.fields.deliveredAt")}>{formatDateTime(o.deliveredAt)}</Descriptions.Item> : null}
                {o.confirmBy && o.status === "delivered" ? (
                  <Descriptions.Item label={t("fulfil.receipt.confirm")}>
                    <span data-testid="order-confirm-by">{t("fulfil.receipt.autoConfirm", { at: formatDateTime(o.confirmBy) })}</span>
                    {o.receiptExtendedAt ? <Tag style={{ marginInlineStart: 6 }}>{t("fulfil.receipt.extended")}</Tag> : null}
                  </Descriptions.Item>
                ) : null}
                {o.completedAt ? <Descriptions.Item label={t("tradeOps.fields.completedAt")}>{formatDateTime(o.completedAt)}</Descriptions.Item> : null}
                {o.endedAt ? <Descriptions.Item label={t("tradeOps.fields.endedAt")}>{formatDateTime(o.endedAt)}</Descriptions.Item> : null}
                {o.retainUntil ? <Descriptions.Item label={t("tradeOps.fields.retainUntil")}>{formatDateTime(o.retainUntil)}</Descriptions.Item> : null}
                {o.buyerNote ? <Descriptions.Item label={t("tradeOps.fields.buyerNote")}>{o.buyerNote}</Descriptions.Item> : null}
              </Descriptions>
            </Card>
            <Card title={t("tradeOps.order.address")} size="small" data-testid="order-address">
              <div>
                <Typography.Text strong>{o.address.recipient}</Typography.Text> <Typography.Text type="secondary">{o.address.mobile}</Typography.Text>
              </div>
              <div>
                {o.address.regionName} {o.address.detail}
              </div>
              {/\*/.test(`${o.address.mobile}${o.address.detail}`) ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="order-address-masked">
                  {t("tradeOps.order.masked")}
                </Typography.Text>
              ) : null}
            </Card>
            <Card title={t("tradeOps.order.timeline")} size="small">
              <OrderTimeline events={o.timeline} />
            </Card>
          </Flex>
        </Col>
      </Row>
    </div>
  );
}

/** The goods of the order and what they came to. */
function Lines({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  const sums: [string, number, string][] = [
    [t("tradeOps.fields.items"), o.itemsFen, "order-items"],
    [t("tradeOps.fields.shipping"), o.shippingFen, "order-shipping"],
    ...(o.discountFen ? [[t("tradeOps.fields.discount"), -o.discountFen, "order-discount"] as [string, number, string]] : []),
  ];
  return (
    <Card title={t("tradeOps.order.lines")} size="small">
      <Table<OrderLine>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={o.lines}
        scroll={{ x: 560 }}
        data-testid="order-lines"
        onRow={(l) => ({ "data-testid": `order-line-${l.skuCode}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("tradeOps.fields.goods"),
            key: "goods",
            render: (_, l) => (
              <Flex gap={10} align="center">
                {l.imageKey ? (
                  <Image src={`/api/v1/images/${l.imageKey}/thumb`} width={44} height={44} preview={false} style={{ objectFit: "cover", borderRadius: 4 }} alt="" />
                ) : null}
                <div>
                  <div>{l.title}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <Mono>{l.skuCode}</Mono>
                    {Object.values(l.options).length ? ` · ${Object.values(l.options).join(" / ")}` : ""}
                  </Typography.Text>
                </div>
              </Flex>
            ),
          },
          { title: t("tradeOps.fields.unitPrice"), dataIndex: "unitPriceFen", width: 110, align: "right", render: (v: number) => <Money fen={v} /> },
          { title: t("tradeOps.fields.quantity"), dataIndex: "quantity", width: 70, align: "right" },
          { title: t("tradeOps.fields.lineTotal"), dataIndex: "lineFen", width: 120, align: "right", render: (v: number) => <Money fen={v} /> },
        ]}
      />
      <Flex vertical align="flex-end" gap={4} style={{ marginTop: 12 }} data-testid="order-amounts">
        {sums.map(([label, fen, testId]) => (
          <Space key={testId} size={16}>
            <Typography.Text type="secondary">{label}</Typography.Text>
            <Money fen={fen} testId={testId} />
          </Space>
        ))}
        <Space size={16}>
          <Typography.Text strong>{t("tradeOps.fields.total")}</Typography.Text>
          <Money fen={o.totalFen} strong testId="order-total" />
        </Space>
        {o.refundedFen ? (
          <Space size={16}>
            <Typography.Text type="danger">{t("tradeOps.fields.refunded")}</Typography.Text>
            <Money fen={-o.refundedFen} type="danger" testId="order-refunded" />
          </Space>
        ) : null}
      </Flex>
    </Card>
  );
}

/** Staff: the payment attempts of the order's checkout and, for finance, the refunds of this order. */
function Payments({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const finance = can("finance.read");
  const payments = o.payments ?? [];
  // Refunds are kept with the payment they go back through.
  const details = useQueries({
    queries: payments
      .filter((p) => p.status === "succeeded")
      .map((p) => ({ queryKey: [...tradeKey, "payment", p.id], queryFn: () => api<PaymentDetail>(`/admin/payments/${p.id}`), enabled: finance })),
  });
  const refunds: Refund[] = details.flatMap((d) => d.data?.refunds ?? []).filter((r) => r.orderId === o.id);
  return (
    <Card title={t("tradeOps.order.payments")} size="small" data-testid="order-payments">
      <Table<Payment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={payments}
        scroll={{ x: 560 }}
        locale={{ emptyText: t("tradeOps.order.noPayments") }}
        columns={[
          {
            title: t("tradeOps.fields.paymentNo"),
            dataIndex: "no",
            render: (no: string, p) => (finance ? <Link to={`/admin/trade/payments/${p.id}`} data-testid="payment-link"><Mono>{no}</Mono></Link> : <Mono>{no}</Mono>),
          },
          { title: t("tradeOps.fields.provider"), dataIndex: "provider", width: 100, render: (v: string) => tx(`checkout.provider.${v}`, v) },
          { title: t("tradeOps.fields.amount"), dataIndex: "amountFen", width: 120, align: "right", render: (v: number) => <Money fen={v} /> },
          { title: t("tradeOps.fields.status"), dataIndex: "status", width: 100, render: (s: Payment["status"]) => <PaymentStatusTag status={s} /> },
          { title: t("tradeOps.fields.paidAt"), dataIndex: "paidAt", width: 150, render: (v: string | null) => formatDateTime(v) },
        ]}
      />
      {finance && refunds.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("tradeOps.order.refunds")}
          </Typography.Title>
          <RefundTable refunds={refunds} testId="order-refund-table" />
        </>
      ) : null}
    </Card>
  );
}

/** Refunds as a table: number, amount, state, why and who asked. */
export function RefundTable({ refunds, testId, showOrder }: { refunds: Refund[]; testId: string; showOrder?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<Refund>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={refunds}
      scroll={{ x: showOrder ? 820 : 650 }}
      data-testid={testId}
      onRow={(r) => ({ "data-testid": `refund-row-${r.no}`, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t("tradeOps.fields.refundNo"), dataIndex: "no", width: 170, render: (v: string) => <Mono>{v}</Mono> },
        ...(showOrder
          ? [{ title: t("tradeOps.fields.orderNo"), key: "order", width: 170, render: (_: unknown, r: Refund) => <Link to={`/admin/trade/orders/${r.orderId}`}><Mono>{r.orderNo ?? shortId(r.orderId)}</Mono></Link> }]
          : []),
        { title: t("tradeOps.fields.amount"), dataIndex: "amountFen", width: 110, align: "right" as const, render: (v: number) => <Money fen={v} testId="refund-amount" /> },
        { title: t("tradeOps.fields.status"), dataIndex: "status", width: 90, render: (s: Refund["status"]) => <RefundStatusTag status={s} /> },
        {
          title: t("tradeOps.fields.reason"),
          key: "reason",
          render: (_: unknown, r: Refund) => (
            <div style={{ minWidth: 200 }}>
              <div>{r.reason}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.requestedByLabel}
              </Typography.Text>
              {r.lastError ? (
                <div>
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {r.lastError}
                  </Typography.Text>
                </div>
              ) : null}
            </div>
          ),
        },
        {
          title: t("tradeOps.fields.requestedAt"),
          key: "at",
          width: 150,
          render: (_: unknown, r: Refund) => (
            <div style={{ whiteSpace: "nowrap" }}>
              <div>{formatDateTime(r.createdAt)}</div>
              {r.completedAt ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("tradeOps.refund.completedAt", { at: formatDateTime(r.completedAt) })}
                </Typography.Text>
              ) : null}
            </div>
          ),
        },
      ]}
    />
  );
}
