import { Card, Flex, Input, Select, Table, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime, formatFen } from "../../components/format";
import { OrderStatusTag } from "../../components/orders/StatusTags";
import { useTrade } from "./context";
import { emptyState, LoadMore, Money, Mono, TradeErrorAlert, useCursorList, useFilterParams, useShopNames } from "./kit";
import { ORDER_STATUSES, type OrderRow, type OrderStatus } from "./types";

/** O3: the orders of a shop (merchant portal) or of every shop (console), newest first. */
export function OrderList() {
  const { t } = useTranslation();
  const place = useTrade();
  const staff = place.scope === "admin";
  const shops = useShopNames();
  const { params, set, pick } = useFilterParams();
  const status = pick<OrderStatus>("status", ORDER_STATUSES);
  const q = params.get("q") ?? "";
  const merchantId = staff ? (params.get("shop") ?? undefined) : undefined;
  const { list, rows } = useCursorList<OrderRow>([place.ordersApi], place.ordersApi, { status, q: q || undefined, merchantId });
  const filtered = !!(status || q || merchantId);

  return (
    <div data-testid="trade-orders-page">
      <PageHeader title={t(staff ? "tradeOps.orders.titleAll" : "tradeOps.orders.title")} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t(staff ? "tradeOps.orders.introAll" : "tradeOps.orders.intro")}
      </Typography.Paragraph>
      <Card>
        <Tabs
          size="small"
          activeKey={status ?? "all"}
          onChange={(k) => set({ status: k === "all" ? undefined : k })}
          items={[{ key: "all", label: <span data-testid="order-filter-all">{t("tradeOps.orders.all")}</span> }, ...ORDER_STATUSES.map((s) => ({ key: s, label: <span data-testid={`order-filter-${s}`}>{t(`checkout.status.${s}`)}</span> }))]}
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
