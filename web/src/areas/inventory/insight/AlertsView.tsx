import { Card, Empty, Flex, Table, Tag, Typography } from "antd";
import { CheckCircleTwoTone } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import i18n from "../../../i18n";
import { formatDate } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { useInventory } from "../context";
import { InsightError, ProductCell, useAlerts, useParam, WarehouseCell, WarehouseFilter } from "./kit";
import { ALERT_KINDS, type AlertItem, type AlertKind } from "./types";

export const KIND_COLORS: Record<AlertKind, string> = {
  expired: "#cf1322",
  out: "#d4380d",
  damaged: "#c41d7f",
  expiring: "#d48806",
  low: "#1677ff",
  slow: "#8c8c8c",
};

const isKind = (v: string | undefined): v is AlertKind => !!v && (ALERT_KINDS as readonly string[]).includes(v);

/** One tile per kind of alert: its count, what it means; a click lists only that kind. */
function KindTile({ kind, count, hint, active, onClick }: { kind: AlertKind | "all"; count: number | undefined; hint: string; active: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  const color = kind === "all" ? "#262626" : KIND_COLORS[kind];
  return (
    <Card
      size="small"
      hoverable
      onClick={onClick}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onClick();
        }
      }}
      tabIndex={0}
      role="button"
      aria-pressed={active}
      data-testid={`alert-count-${kind}`}
      data-count={count ?? ""}
      style={{ flex: "1 1 0", minWidth: 118, borderColor: active ? color : undefined, boxShadow: active ? `0 0 0 1px ${color}` : undefined, cursor: "pointer" }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {kind === "all" ? t("invAlert.alerts.all") : t(`invAlert.alerts.kinds.${kind}`)}
      </Typography.Text>
      <div style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.3, color: count ? color : "#bfbfbf", fontVariantNumeric: "tabular-nums" }}>{count ?? "–"}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: hint }}>
        {hint}
      </Typography.Text>
    </Card>
  );
}

function BatchCell({ a }: { a: AlertItem }) {
  const { t } = useTranslation();
  if (!a.batch) return <Typography.Text type="secondary">{t("invAlert.alerts.noBatch")}</Typography.Text>;
  const { daysLeft, expiryDate } = a.batch;
  return (
    <div>
      <div style={{ fontFamily: "monospace" }} data-testid="alert-batch">
        {a.batch.batchNo}
      </div>
      {expiryDate ? (
        <Typography.Text type={daysLeft !== null && daysLeft <= 0 ? "danger" : daysLeft !== null && daysLeft <= 30 ? "warning" : "secondary"} style={{ fontSize: 12 }}>
          {t("invAlert.alerts.expires", { date: formatDate(expiryDate) })}
          {" · "}
          {daysLeft === null
            ? null
            : daysLeft > 0
              ? t("invAlert.alerts.daysLeft", { count: daysLeft })
              : daysLeft === 0
                ? t("invAlert.alerts.expiresToday")
                : t("invAlert.alerts.expiredAgo", { count: -daysLeft })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

function StockCell({ a }: { a: AlertItem }) {
  const { t } = useTranslation();
  const lines = a.batch
    ? [t("invAlert.alerts.onHand", { count: a.batch.onHand }), a.batch.blocked ? t("invAlert.alerts.blocked", { count: a.batch.blocked }) : null]
    : [t("invAlert.alerts.available", { count: a.available }), t("invAlert.alerts.onHand", { count: a.onHand }), a.reserved ? t("invAlert.alerts.reserved", { count: a.reserved }) : null];
  return (
    <div style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
      {lines.filter(Boolean).map((l, i) => (
        <div key={i} style={i ? { fontSize: 12, color: "#8c8c8c" } : undefined}>
          {l}
        </div>
      ))}
    </div>
  );
}

/** Why the alert is there, in a sentence with its numbers. */
function detailText(a: AlertItem, windowDays: number): string {
  const t = i18n.t.bind(i18n);
  switch (a.kind) {
    case "out":
      return a.onHand > 0 ? t("invAlert.alerts.detail.out", { onHand: a.onHand }) : t("invAlert.alerts.detail.outEmpty");
    case "low": {
      const parts: string[] = [];
      if (a.low?.byUnits) parts.push(t("invAlert.alerts.detail.lowUnits", { available: a.available, threshold: a.low.lowStockUnits }));
      if (a.low?.byCover) parts.push(t("invAlert.alerts.detail.lowCover", { window: windowDays, sold: a.low.soldInWindow, velocity: a.low.velocity, days: a.low.daysOfCover, cover: a.low.coverDays }));
      return parts.join(" ");
    }
    case "expiring":
      return t("invAlert.alerts.detail.expiring", { onHand: a.batch?.onHand ?? 0 });
    case "expired":
      return [a.batch?.onHand ? t("invAlert.alerts.detail.expiredOnHand", { onHand: a.batch.onHand }) : null, a.batch?.blocked ? t("invAlert.alerts.detail.expiredBlocked", { blocked: a.batch.blocked }) : null]
        .filter(Boolean)
        .join(" ");
    case "damaged":
      return t("invAlert.alerts.detail.damaged", { blocked: a.batch?.blocked ?? 0, reason: t(`invAlert.alerts.reasons.${a.batch?.blockedReason ?? "damaged"}`) });
    case "slow":
      return a.slow?.lastSoldAt
        ? t("invAlert.alerts.detail.slowSince", { days: a.slow.idleDays, date: formatDate(a.slow.lastSoldAt), onHand: a.onHand })
        : t("invAlert.alerts.detail.slowNever", { days: a.slow?.idleDays ?? 0, onHand: a.onHand });
  }
}

/** I6: the alerts of the stock books, counted by kind, listed most urgent first. */
export function AlertsView() {
  const { t } = useTranslation();
  const { platform } = useInventory();
  const [warehouseId, setWarehouseId] = useParam("warehouse");
  const [kindParam, setKind] = useParam("kind");
  const kind = isKind(kindParam) ? kindParam : undefined;
  const alerts = useAlerts({ warehouseId, kind });
  const data = alerts.data;
  const rules = data?.rules;
  const hint = (k: AlertKind) => t(`invAlert.alerts.kindHints.${k}`, { days: k === "expiring" ? rules?.expiryWarningDays : rules?.slowMoverDays });

  return (
    <div data-testid="inventory-alerts-page">
      <PageHeader title={t("invAlert.alerts.title")}>
        <WarehouseFilter value={warehouseId} onChange={setWarehouseId} warehouses={data?.warehouses} loading={alerts.isPending} />
      </PageHeader>
      {rules ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t("invAlert.alerts.intro", { expiryDays: rules.expiryWarningDays, slowDays: rules.slowMoverDays, windowDays: rules.velocityWindowDays })}
        </Typography.Paragraph>
      ) : null}
      <InsightError error={alerts.error} onRetry={() => void alerts.refetch()} />
      <Flex gap={10} wrap style={{ marginBottom: 16 }} data-testid="alert-counts">
        <KindTile kind="all" count={data?.total} hint={t("invAlert.alerts.allHint")} active={!kind} onClick={() => setKind(undefined)} />
        {ALERT_KINDS.map((k) => (
          <KindTile key={k} kind={k} count={data?.counts[k]} hint={hint(k)} active={kind === k} onClick={() => setKind(kind === k ? undefined : k)} />
        ))}
      </Flex>
      <Card>
        {data?.truncated ? <Typography.Paragraph type="warning">{t("invAlert.alerts.truncated", { count: data.items.length })}</Typography.Paragraph> : null}
        <Table<AlertItem>
          rowKey={(a) => `${a.kind}/${a.subjectId}`}
          size="middle"
          loading={alerts.isFetching}
          dataSource={data?.items ?? []}
          pagination={(data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 1000 }}
          data-testid="alerts-table"
          onRow={(a) => ({ "data-testid": "alert-row", "data-kind": a.kind, "data-sku": a.skuCode, "data-batch": a.batch?.batchNo ?? "" }) as React.HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: alerts.isPending ? (
              " "
            ) : (
              <Empty
                image={<CheckCircleTwoTone twoToneColor="#52c41a" style={{ fontSize: 40 }} />}
                styles={{ image: { height: 48 } }}
                description={kind ? t("invAlert.alerts.emptyKind", { kind: t(`invAlert.alerts.kinds.${kind}`) }) : t("invAlert.alerts.empty")}
                data-testid="alerts-empty"
              />
            ),
          }}
          columns={[
            {
              title: t("invAlert.alerts.columns.kind"),
              key: "kind",
              width: 90,
              render: (_, a) => (
                <Tag color={KIND_COLORS[a.kind]} style={{ marginInlineEnd: 0 }}>
                  {t(`invAlert.alerts.kinds.${a.kind}`)}
                </Tag>
              ),
            },
            {
              title: t("invAlert.common.product"),
              key: "product",
              width: 240,
              render: (_, a) => <ProductCell title={a.product.title} skuCode={a.skuCode} owner={platform ? a.merchant.name : null} />,
            },
            { title: t("invAlert.common.warehouse"), key: "warehouse", width: 140, render: (_, a) => <WarehouseCell warehouse={a.warehouse} /> },
            { title: t("invAlert.alerts.columns.batch"), key: "batch", width: 180, render: (_, a) => <BatchCell a={a} /> },
            { title: t("invAlert.alerts.columns.stock"), key: "stock", width: 100, render: (_, a) => <StockCell a={a} /> },
            {
              title: t("invAlert.alerts.columns.detail"),
              key: "detail",
              render: (_, a) => (
                <Typography.Text style={{ fontSize: 13 }} data-testid="alert-detail">
                  {detailText(a, rules?.velocityWindowDays ?? 28)}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
