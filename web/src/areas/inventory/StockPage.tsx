import { useMemo } from "react";
import { Button, Card, Col, Empty, Flex, Input, Row, Segmented, Statistic, Table, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { PageHeader } from "../../components/PageHeader";
import { useInventory } from "./context";
import {
  BAR_COLORS, ExpiryText, LoadMore, optionsText, Qty, StateTag, StockBar, StockErrorAlert, stockKey, useCursorList, useFilterParams, WarehouseFilter, WarehouseLabel,
} from "./stock/kit";
import { LevelDrawer } from "./stock/LevelDrawer";
import { STOCK_FILTERS, type StockFilter, type StockRow, type StockSummary } from "./stock/types";

const PAGE = 50;

/** I1: stock per SKU per warehouse, with filters; a row opens the level (batches, holds, movements). */
export function StockPage() {
  const { t } = useTranslation();
  const place = useInventory();
  const { params, set, clear } = useFilterParams();
  const warehouseId = params.get("warehouse") ?? undefined;
  const q = params.get("q") ?? "";
  const state = (STOCK_FILTERS as string[]).includes(params.get("state") ?? "") ? (params.get("state") as StockFilter) : "all";
  const levelId = params.get("level");

  const summary = useQuery({
    queryKey: [...stockKey(place.api), "summary", warehouseId ?? null],
    queryFn: () => api<StockSummary>(`${place.api}/stock/summary`, { query: { warehouseId } }),
  });
  const { list, rows } = useCursorList<StockRow>([...stockKey(place.api), "list", { warehouseId, q, state }], `${place.api}/stock`, { warehouseId, q: q || undefined, state }, PAGE);
  const scale = useMemo(() => Math.max(1, ...rows.map((r) => Math.max(r.onHand + r.blocked, r.lowStockUnits ?? 0))), [rows]);
  const filtered = !!(warehouseId || q || state !== "all");
  const s = summary.data;

  const figure = (key: "onHand" | "available" | "reserved", color?: string) => (
    <Col xs={12} sm={8} lg={4} key={key}>
      <Card size="small">
        <Statistic title={t(`invStock.summary.${key}`)} value={s ? s[key] : "—"} loading={summary.isPending} styles={{ content: { color, fontVariantNumeric: "tabular-nums" } }} />
      </Card>
    </Col>
  );
  const attention = (key: "low" | "out" | "blockedLevels", filter: StockFilter, color: string) => (
    <Col xs={12} sm={8} lg={4} key={key}>
      <Card
        size="small"
        hoverable
        onClick={() => set({ state: state === filter ? undefined : filter })}
        style={{ borderColor: state === filter ? color : undefined }}
        data-testid={`stock-summary-${filter}`}
        data-count={s ? s[key] : undefined}
      >
        <Statistic title={t(`invStock.summary.${key}`)} value={s ? s[key] : "—"} loading={summary.isPending} styles={{ content: { color: s && s[key] > 0 ? color : undefined } }} />
      </Card>
    </Col>
  );

  return (
    <div data-testid="inventory-stock-page">
      <PageHeader title={t("invStock.stock.title")} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {place.platform ? t("invStock.stock.introPlatform") : t("invStock.stock.introMerchant")}
      </Typography.Paragraph>
      <StockErrorAlert error={summary.error} style={{ marginBottom: 12 }} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {figure("onHand")}
        {figure("available", BAR_COLORS.available)}
        {figure("reserved", BAR_COLORS.reserved)}
        {attention("blockedLevels", "blocked", "#8c8c8c")}
        {attention("low", "low", "#fa8c16")}
        {attention("out", "out", "#cf1322")}
      </Row>
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <WarehouseFilter value={warehouseId} onChange={(v) => set({ warehouse: v })} testId="stock-filter-warehouse" />
          <Input.Search
            allowClear
            defaultValue={q}
            key={q}
            placeholder={t("invStock.stock.searchPlaceholder")}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 280 }}
            data-testid="stock-search"
          />
          <Segmented<StockFilter>
            value={state}
            onChange={(v) => set({ state: v === "all" ? undefined : v })}
            options={STOCK_FILTERS.map((f) => ({ value: f, label: <span data-testid={`stock-state-${f}`}>{t(`invStock.filters.${f}`)}</span> }))}
          />
          <Flex gap={12} style={{ marginInlineStart: "auto", fontSize: 12 }} wrap>
            {(["available", "reserved", "blocked", "threshold"] as const).map((k) => (
              <span key={k} style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
                <span style={{ width: k === "threshold" ? 2 : 10, height: 10, background: BAR_COLORS[k], display: "inline-block", borderRadius: 2 }} />
                <Typography.Text type="secondary">{t(`invStock.legend.${k}`)}</Typography.Text>
              </span>
            ))}
          </Flex>
        </Flex>
        <StockErrorAlert error={list.error} style={{ marginBottom: 12 }} />
        <Table<StockRow>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1040 }}
          data-testid="stock-table"
          onRow={(r) => ({ onClick: () => set({ level: r.id }), style: { cursor: "pointer" }, "data-testid": `stock-row-${r.skuCode}-${r.warehouse.code}`, "data-level": r.id }) as React.HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: list.isPending ? " " : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t("invStock.stock.emptyFiltered") : t("invStock.stock.empty")} data-testid="stock-empty">
                {filtered ? <Button onClick={clear}>{t("invStock.common.clearFilters")}</Button> : null}
              </Empty>
            ),
          }}
          columns={[
            {
              title: t("invStock.fields.product"),
              key: "product",
              render: (_, r) => (
                <div style={{ minWidth: 200 }}>
                  <div>{r.productTitle}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <span style={{ fontFamily: "monospace" }}>{r.skuCode}</span>
                    {optionsText(r.skuOptions) ? ` · ${optionsText(r.skuOptions)}` : ""}
                    {place.platform ? ` · ${r.merchantName}` : ""}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t("invStock.fields.warehouse"), key: "warehouse", width: 120, render: (_, r) => <WarehouseLabel warehouse={r.warehouse} /> },
            { title: t("invStock.fields.onHand"), dataIndex: "onHand", width: 72, align: "right", render: (v: number) => <Qty value={v} testId="on-hand" /> },
            { title: t("invStock.fields.reserved"), dataIndex: "reserved", width: 72, align: "right", render: (v: number) => <Qty value={v} type={v ? undefined : "secondary"} testId="reserved" /> },
            {
              title: t("invStock.fields.available"),
              dataIndex: "available",
              width: 72,
              align: "right",
              render: (v: number, r) => <Qty value={v} strong type={r.state === "out" ? "danger" : r.state === "low" ? "warning" : undefined} testId="available" />,
            },
            { title: t("invStock.fields.blocked"), dataIndex: "blocked", width: 72, align: "right", render: (v: number) => <Qty value={v} type={v ? "warning" : "secondary"} testId="blocked" /> },
            { title: "", key: "bar", width: 140, render: (_, r) => <StockBar row={r} max={scale} width={124} /> },
            { title: t("invStock.fields.nextExpiry"), dataIndex: "nextExpiry", width: 160, render: (v: string | null) => <ExpiryText date={v} /> },
            {
              title: t("invStock.fields.state"),
              key: "state",
              width: 112,
              render: (_, r) => (
                <div>
                  <StateTag state={r.state} />
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.lowStockUnits !== null ? t("invStock.stock.threshold", { count: r.lowStockUnits }) : t("invStock.stock.noThreshold")}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
          ]}
        />
        <LoadMore list={list} testId="stock-more">
          <Typography.Text type="secondary" data-testid="stock-count">
            {s && !filtered ? t("invStock.stock.count", { count: s.levels, blocked: s.blocked }) : t("invStock.stock.shown", { count: rows.length })}
          </Typography.Text>
        </LoadMore>
      </Card>
      <LevelDrawer levelId={levelId} onClose={() => set({ level: undefined })} />
    </div>
  );
}
