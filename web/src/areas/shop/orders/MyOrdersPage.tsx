import { Button, Card, Flex, Input, Skeleton, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/errors";
import { formatDateTime, formatFen } from "../../../components/format";
import { OrderStatusTag } from "../../../components/orders/StatusTags";
import type { OrderRow, OrderStatus } from "../../../components/orders/types";
import { PRICE_COLOR } from "../catalog/ProductGrid";
import { EmptyCard } from "./kit";
import { useOrderFeed } from "./orders";
import { ConfirmReceiptButton, PayCountdown, UnpaidActions } from "./OrderActions";
import { ShopName } from "./ShopName";

// The tabs a buyer expects, each a set of order states.
const TABS: { key: string; statuses: OrderStatus[] | null }[] = [
  { key: "all", statuses: null },
  { key: "unpaid", statuses: ["pending_payment"] },
  { key: "toShip", statuses: ["paid"] },
  { key: "toReceive", statuses: ["partly_shipped", "shipped", "delivered"] },
  { key: "completed", statuses: ["completed"] },
  { key: "cancelled", statuses: ["cancelled", "closed"] },
];

function OrderCard({ order }: { order: OrderRow }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      styles={{ header: { background: "#fafafa", minHeight: 40 } }}
      title={
        <Flex gap={16} align="center" wrap style={{ fontWeight: 400, fontSize: 13 }}>
          <Typography.Text type="secondary">{formatDateTime(order.createdAt)}</Typography.Text>
          <Typography.Text data-testid="order-no">{t("checkout.orderNo", { no: order.no })}</Typography.Text>
          <ShopName merchantId={order.merchantId} />
        </Flex>
      }
      extra={<OrderStatusTag status={order.status} />}
      data-testid="order-card"
      data-order-no={order.no}
      data-status={order.status}
    >
      <Flex gap={24} align="center" wrap>
        <div style={{ flex: "1 1 280px", minWidth: 0 }}>
          <Link to={`/account/orders/${order.id}`} style={{ color: "inherit" }} data-testid="order-title">
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 15 }}>
              {order.firstTitle}
            </Typography.Paragraph>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("checkout.list.count", { count: order.itemCount })} · {order.regionName}
          </Typography.Text>
        </div>
        <div style={{ width: 150, textAlign: "right" }}>
          <div style={{ color: PRICE_COLOR, fontSize: 18, fontWeight: 600 }} data-testid="order-total">
            {formatFen(order.totalFen)}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {order.shippingFen ? t("checkout.list.withShipping", { shipping: formatFen(order.shippingFen) }) : t("checkout.freeShipping")}
          </Typography.Text>
          {order.refundedFen ? (
            <div style={{ fontSize: 12, color: "#389e0d" }} data-testid="order-refunded">
              {t("checkout.list.refunded", { amount: formatFen(order.refundedFen) })}
            </div>
          ) : null}
        </div>
        <Flex vertical gap={6} align="flex-end" style={{ width: 210 }}>
          {order.status === "pending_payment" ? <PayCountdown deadline={order.payDeadline} /> : null}
          {order.status === "pending_payment" ? <UnpaidActions order={order} size="small" /> : null}
          <ConfirmReceiptButton order={order} size="small" />
          <Link to={`/account/orders/${order.id}`} data-testid="order-open">
            {t("checkout.list.details")}
          </Link>
        </Flex>
      </Flex>
    </Card>
  );
}

/** /account/orders: the buyer's orders by status, newest first (O3). */
export function MyOrdersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x.key === params.get("tab")) ?? TABS[0]!;
  const q = params.get("q") ?? "";
  const feed = useOrderFeed(tab.statuses, q);
  const set = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v && !(k === "tab" && v === "all")) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged, { replace: true });
  };

  return (
    <div style={{ padding: "24px 0 48px" }} data-testid="my-orders">
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("checkout.list.title")}
        </Typography.Title>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          placeholder={t("checkout.list.search")}
          onSearch={(v) => set({ q: v.trim() })}
          style={{ width: 300 }}
          data-testid="orders-search"
        />
      </Flex>
      <Tabs
        activeKey={tab.key}
        onChange={(key) => set({ tab: key })}
        items={TABS.map((x) => ({ key: x.key, label: <span data-testid={`orders-tab-${x.key}`}>{t(`checkout.tabs.${x.key}` as "checkout.tabs.all")}</span> }))}
      />
      <ErrorAlert error={feed.error} style={{ marginBottom: 12 }} />
      {feed.isPending ? (
        <div data-testid="orders-loading">
          {[0, 1, 2].map((i) => (
            <Card key={i} size="small" style={{ marginBottom: 12 }}>
              <Skeleton active paragraph={{ rows: 2 }} />
            </Card>
          ))}
        </div>
      ) : feed.isError ? null : feed.items.length ? (
        <div data-testid="orders-list">
          {feed.items.map((o) => (
            <OrderCard key={o.id} order={o} />
          ))}
          {feed.hasNextPage ? (
            <Flex justify="center">
              <Button onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage} data-testid="orders-more">
                {t("common.loadMore")}
              </Button>
            </Flex>
          ) : null}
        </div>
      ) : (
        <EmptyCard title={q ? t("checkout.list.noMatch", { q }) : t("checkout.list.empty")} testId="orders-empty">
          <Link to="/">
            <Button type="primary">{t("cart.browse")}</Button>
          </Link>
        </EmptyCard>
      )}
    </div>
  );
}
