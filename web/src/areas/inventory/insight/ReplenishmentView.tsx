import { useState } from "react";
import { Alert, Button, Card, Empty, Flex, Switch, Table, Typography } from "antd";
import { CalculatorOutlined, DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../../components/PageHeader";
import { useInventory } from "../context";
import { apiFileUrl, InsightError, num, ProductCell, useParam, useReplenishment, WarehouseCell, WarehouseFilter } from "./kit";
import type { Suggestion } from "./types";

const secondary = { fontSize: 12, color: "#8c8c8c" } as const;

/** The arithmetic behind one suggestion, with the SKU's own numbers. */
function Working({ s, windowDays }: { s: Suggestion; windowDays: number }) {
  const { t } = useTranslation();
  // The server's formula, unrounded, so that the shown steps add up.
  const target = (s.soldInWindow * (s.leadTimeDays + s.coverTargetDays)) / windowDays + s.safetyStock;
  return (
    <Typography.Text style={secondary} data-testid="replenishment-working">
      <CalculatorOutlined style={{ marginInlineEnd: 4 }} />
      {t("invAlert.replenishment.working", {
        sold: s.soldInWindow,
        window: windowDays,
        lead: s.leadTimeDays,
        cover: s.coverTargetDays,
        safety: s.safetyStock,
        target: num(target),
        available: s.available,
        inbound: s.inbound,
        raw: num(target - s.available - s.inbound),
      })}
    </Typography.Text>
  );
}

/** I6: what to buy per SKU, every number beside its inputs, and the purchase plan to download. */
export function ReplenishmentView() {
  const { t } = useTranslation();
  const place = useInventory();
  const [warehouseId, setWarehouseId] = useParam("warehouse");
  const [onlyNeeded, setOnlyNeeded] = useState(true);
  const plan = useReplenishment({ warehouseId });
  const items = plan.data?.items ?? [];
  const needed = items.filter((i) => i.suggestedQty > 0);
  const shown = onlyNeeded ? needed : items;
  const rules = plan.data?.rules;
  const units = needed.reduce((n, i) => n + i.suggestedQty, 0);

  return (
    <div data-testid="inventory-replenishment-page">
      <PageHeader title={t("invAlert.replenishment.title")}>
        <Flex gap={12} wrap align="center">
          <WarehouseFilter value={warehouseId} onChange={setWarehouseId} warehouses={plan.data?.warehouses} loading={plan.isPending} />
          <Button type="primary" icon={<DownloadOutlined />} href={apiFileUrl(`${place.api}/replenishment.xlsx`, { warehouseId })} download data-testid="replenishment-download">
            {t("invAlert.replenishment.download")}
          </Button>
        </Flex>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("invAlert.replenishment.intro")}
      </Typography.Paragraph>
      {rules ? (
        <Alert
          type="info"
          showIcon
          icon={<CalculatorOutlined />}
          style={{ marginBottom: 16 }}
          data-testid="replenishment-formula"
          title={t("invAlert.replenishment.formula", { cover: rules.coverTargetDays, window: rules.velocityWindowDays })}
          description={t("invAlert.replenishment.formulaNote")}
        />
      ) : null}
      <InsightError error={plan.error} onRetry={() => void plan.refetch()} />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
          <Typography.Text strong data-testid="replenishment-summary" data-skus={needed.length} data-units={units}>
            {plan.data ? (needed.length ? t("invAlert.replenishment.summary", { skus: needed.length, units }) : t("invAlert.replenishment.summaryNone")) : " "}
          </Typography.Text>
          <label style={{ display: "inline-flex", gap: 8, alignItems: "center", cursor: "pointer" }}>
            <Switch size="small" checked={onlyNeeded} onChange={setOnlyNeeded} data-testid="replenishment-only-needed" />
            {t("invAlert.replenishment.onlyNeeded")}
          </label>
        </Flex>
        <Table<Suggestion>
          rowKey="levelId"
          loading={plan.isFetching}
          dataSource={shown}
          size="middle"
          pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 1080 }}
          data-testid="replenishment-table"
          onRow={(s) => ({ "data-testid": "replenishment-row", "data-sku": s.skuCode, "data-warehouse": s.warehouse.code, "data-suggested": s.suggestedQty }) as React.HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: plan.isPending ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={items.length ? t("invAlert.replenishment.empty") : t("invAlert.replenishment.emptyAll")} data-testid="replenishment-empty" />,
          }}
          columns={[
            {
              title: t("invAlert.common.product"),
              key: "product",
              width: 250,
              render: (_, s) => <ProductCell title={s.product.title} skuCode={s.skuCode} owner={place.platform ? s.merchant.name : null} />,
            },
            { title: t("invAlert.common.warehouse"), key: "warehouse", width: 140, render: (_, s) => <WarehouseCell warehouse={s.warehouse} /> },
            {
              title: t("invAlert.replenishment.columns.supplier"),
              key: "supplier",
              width: 170,
              render: (_, s) =>
                s.supplier ? (
                  <div>
                    <div>{s.supplier.name}</div>
                    <div style={secondary}>
                      {s.supplier.contactName} {s.supplier.contactPhone}
                    </div>
                  </div>
                ) : (
                  <Typography.Text type="secondary">{t("invAlert.replenishment.noSupplier")}</Typography.Text>
                ),
            },
            {
              title: t("invAlert.replenishment.columns.suggested"),
              key: "suggested",
              width: 120,
              render: (_, s) =>
                s.suggestedQty > 0 ? (
                  <Typography.Text strong style={{ fontSize: 18, color: "#c2410c", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }} data-testid="suggested-qty">
                    {t("invAlert.common.units", { count: s.suggestedQty })}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary" data-testid="suggested-qty">
                    {t("invAlert.replenishment.noNeed")}
                  </Typography.Text>
                ),
            },
            {
              title: t("invAlert.replenishment.columns.inputs"),
              key: "inputs",
              render: (_, s) => (
                <div style={{ fontVariantNumeric: "tabular-nums" }} data-testid="replenishment-inputs">
                  <div>
                    {t("invAlert.replenishment.columns.velocity")} <strong>{t("invAlert.common.perDay", { value: num(s.velocity) })}</strong>
                    <span style={secondary}> ({t("invAlert.replenishment.sold", { window: rules?.velocityWindowDays ?? 0, sold: s.soldInWindow })})</span>
                  </div>
                  <div>
                    {t("invAlert.replenishment.columns.leadTime")} <strong>{t("invAlert.common.days", { count: s.leadTimeDays })}</strong>
                    {" · "}
                    {t("invAlert.replenishment.columns.safety")} <strong>{s.safetyStock}</strong>
                    {" · "}
                    {t("invAlert.replenishment.columns.target")} <strong>{num(s.target)}</strong>
                  </div>
                  <div>
                    {t("invAlert.replenishment.columns.stock")} <strong>{s.onHand} / {s.reserved}</strong>
                    {" · "}
                    {t("invAlert.replenishment.columns.inbound")} <strong>{s.inbound}</strong>
                  </div>
                  <Working s={s} windowDays={rules?.velocityWindowDays ?? 28} />
                </div>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
