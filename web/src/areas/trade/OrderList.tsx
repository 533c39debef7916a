import { Alert, Button, Card, Flex, Input, Select, Table, Tabs, Tag, Typography } from "antd";
import { WarningFilled } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime, formatFen } from "../../components/format";
import { OrderStatusTag } from "../../components/orders/StatusTags";
import { duration, useNow } from "../../components/orders/fulfil";
import { api } from "../../api";
import { useTrade } from "./context";
import { emptyState, LoadMore, Money, Mono, TradeErrorAlert, tradeKey, useCursorList, useFilterParams, useShopNames } from "./kit";
import { ORDER_STATUSES, type OrderRow, type OrderStatus, type OverdueOrder } from "./types";

// The "to ship" view: paid orders not yet fully shipped.
const TO_SHIP = "paid,partly_shipped";

/** O5: orders past their ship-by time and not shipped, the most overdue first, in red. */
function OverdueOrders({ merchantId }: { merchantId?: string }) {
  const { t } = useTranslation();
  const place = useTrade();
  const staff = place.scope === "admin";
  const now = useNow();
  const overdue = useQuery({
    queryKey: [...tradeKey, place.ordersApi, "overdue", merchantId ?? ""],
    queryFn: ({ signal }) => api<{ items: OverdueOrder[] }>(`${place.ordersApi}/overdue`, { query: { merchantId }, signal }),
  });
  const items = overdue.data?.items ?? [];
  if (overdue.isError) return <TradeErrorAlert error={overdue.error} style={{ marginBottom: 12 }} />;
  if (!overdue.data) return null;
  if (!items.length) {
    return <Alert type="success" showIcon title={t("fulfil.toShip.overdueNone")} style={{ marginBottom: 16 }} data-testid="overdue-none" />;
  }
  return (
    <Card
      size="small"
      title={
        <span style={{ color: "#cf1322" }}>
          <WarningFilled /> {t("fulfil.toShip.overdueTitle", { count: items.length })}
        </span>
      }
      style={{ marginBottom: 16, borderColor: "#ffa39e", background: "#fff1f0" }}
      data-testid="overdue-orders"
    >
      <Table<OverdueOrder>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: 760 }}
        onRow={(o) => ({ "data-testid": `overdue-row-${o.no}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("tradeOps.fields.orderNo"),
            dataIndex: "no",
            width: 180,
            render: (no: string, o) => (
              <Link to={`${place.ordersRoute}/${o.id}`} data-testid="overdue-link">
                <Mono>{no}</Mono>
              </Link>
            ),
          },
          ...(staff ? [{ title: t("tradeOps.fields.shop"), dataIndex: "merchantName", key: "shop", width: 200 }] : []),
          { title: t("tradeOps.fields.status"), dataIndex: "status", width: 110, render: (s: OrderStatus) => <OrderStatusTag status={s} /> },
          { title: t("fulfil.toShip.shipBy"), dataIndex: "shipBy", width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t("fulfil.shipBy.overdue"),
            key: "late",
            width: 150,
            render: (_, o) => (
              <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="overdue-for">
                {t("fulfil.toShip.overdueFor", { duration: duration(now - new Date(o.shipBy).getTime()) })}
              </Tag>
            ),
          },
          { title: t("tradeOps.fields.total"), dataIndex: "totalFen", width: 120, align: "right", render: (v: number) => <Money fen={v} /> },
          ...(staff
            ? []
            : [
                {
                  title: "",
                  key: "ship",
                  width: 100,
                  render: (_: unknown, o: OverdueOrder) => (
                    <Link to={`${place.ordersRoute}/${o.id}`}>
                      <Button size="small" type="primary" danger data-testid="overdue-ship">
                        {t("fulfil.toShip.ship")}
                      </Button>
                    </Link>
                  ),
                },
              ]),
        ]}
      />
    </Card>
  );
}

/** O3: the orders of a shop (merchant portal) or of every shop (console), newest first. */
export function OrderList() {
  const { t } = useTranslation();
  const place = useTrade();
  const staff = place.scope === "admin";
  const shops = useShopNames();
  const { params, set, pick } = useFilterParams();
  const toShip = params.get("view") === "toShip";
  const status = toShip ? undefined : pick<OrderStatus>("status", ORDER_STATUSES);
  const q = params.get("q") ?? "";
  const merchantId = staff ? (params.get("shop") ?? undefined) : undefined;
  const { list, rows } = useCursorList<OrderRow>([place.ordersApi], place.ordersApi, { status: toShip ? TO_SHIP : status, q: q || undefined, merchantId });
  const filtered = !!(status || q || merchantId || toShip);

  return (
    <div data-testid="trade-orders-page">
      <PageHeader title={t(staff ? "tradeOps.orders.titleAll" : "tradeOps.orders.title")} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t(staff ? "tradeOps.orders.introAll" : "tradeOps.orders.intro")}
      </Typography.Paragraph>
      <Card>
        <Tabs
          size="small"
          activeKey={toShip ? "toShip" : (status ?? "all")}
          onChange={(k) => set(k === "toShip" ? { view: "toShip", status: undefined } : { view: undefined, status: k === "all" ? undefined : k })}
          items={[
            { key: "all", label: <span data-testid="order-filter-all">{t("tradeOps.orders.all")}</span> },
            { key: "toShip", label: <span data-testid="order-filter-toShip">{t("fulfil.toShip.tab")}</span> },
            ...ORDER_STATUSES.map((s) => ({ key: s, label: <span data-testid={`order-filter-${s}`}>{t(`checkout.status.${s}`)}</span> }))]}
          style={{ marginTop: -8 }}
        />
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={`q:${q}`}
            allowClear
            defaultValue={q}
            placeholder={t("tradeOps.orders.search")}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 300 }}
            data-testid="order-search"
          />
          {staff ? (
            shops.shops.length ? (
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                value={merchantId}
                onChange={(v?: string) => set({ shop: v })}
                placeholder={t("tradeOps.orders.allShops")}
                options={shops.shops.map((m) => ({ value: m.id, label: m.name }))}
                style={{ minWidth: 240 }}
                data-testid="order-filter-shop"
              />
            ) : (
              <Input.Search
                key={`shop:${merchantId ?? ""}`}
                allowClear
                defaultValue={merchantId}
                placeholder={t("tradeOps.orders.shopId")}
                onSearch={(v) => set({ shop: /^[0-9a-f-]{36}$/i.test(v.trim()) ? v.trim() : undefined })}
                style={{ width: 320 }}
                data-testid="order-filter-shop"
              />
            )
          ) : null}
        </Flex>
        {toShip ? <OverdueOrders merchantId={merchantId} /> : null}
        <TradeErrorAlert error={list.error} style={{ marginBottom: 12 }} />
        <Table<OrderRow>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 980 }}
          data-testid="order-table"
          onRow={(o) => ({ "data-testid": `order-row-${o.no}`, "data-status": o.status }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: emptyState(list.isPending, t(filtered ? "tradeOps.orders.noneFiltered" : staff ? "tradeOps.orders.emptyAll" : "tradeOps.orders.empty"), "order-empty") }}
          columns={[
            {
              title: t("tradeOps.fields.orderNo"),
              dataIndex: "no",
              width: 180,
              render: (no: string, o) => (
                <Link to={`${place.ordersRoute}/${o.id}`} data-testid="order-link">
                  <Mono>{no}</Mono>
                </Link>
              ),
            },
            {
              title: t("tradeOps.fields.goods"),
              key: "goods",
              render: (_, o) => (
                <div style={{ minWidth: 180 }}>
                  <div>{o.firstTitle ?? "—"}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("tradeOps.orders.units", { count: o.itemCount })} · {o.regionName}
                  </Typography.Text>
                </div>
              ),
            },
            ...(staff ? [{ title: t("tradeOps.fields.shop"), key: "shop", width: 200, render: (_: unknown, o: OrderRow) => shops.name(o.merchantId) }] : []),
            { title: t("tradeOps.fields.status"), dataIndex: "status", width: 110, render: (s: OrderStatus) => <OrderStatusTag status={s} /> },
            {
              title: t("tradeOps.fields.total"),
              key: "total",
              width: 140,
              align: "right",
              render: (_, o) => (
                <div>
                  <Money fen={o.totalFen} strong testId="order-total" />
                  {o.refundedFen ? (
                    <div>
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {t("tradeOps.orders.refunded", { amount: formatFen(o.refundedFen) })}
                      </Typography.Text>
                    </div>
                  ) : null}
                </div>
              ),
            },
            { title: t("tradeOps.fields.createdAt"), dataIndex: "createdAt", width: 150, render: (v: string) => formatDateTime(v) },
            { title: t("tradeOps.fields.paidAt"), dataIndex: "paidAt", width: 150, render: (v: string | null) => formatDateTime(v) },
          ]}
        />
        <LoadMore list={list} count={rows.length} testId="order-more" />
      </Card>
    </div>
  );
}
