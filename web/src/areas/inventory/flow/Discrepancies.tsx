import { useState } from "react";
import { Alert, Card, DatePicker, Empty, Flex, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatDate } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { useSession } from "../../../auth/session";
import { useInventory } from "../context";
import { Difference, FlowErrorAlert, pagesOf, ProductCell, Rate, rateColor, Rejected, useDiscrepancies } from "./kit";
import { ReceiptViews } from "./ReceiptList";
import type { DiscrepancyLine, SupplierDiscrepancy } from "./types";

const COLORS = { quality: "#1677ff", delivery: "#722ed1" };

/**
 * The suggested quality and delivery scores side by side, one row per supplier: the weak
 * supplier is seen before the table is read. A small SVG (the app has no chart library).
 */
function ScoreBars({ items, selected, onSelect }: { items: SupplierDiscrepancy[]; selected: string | null; onSelect: (id: string | null) => void }) {
  const { t } = useTranslation();
  const row = 46;
  const left = 220;
  const width = 960;
  const plot = width - left - 60;
  const height = items.length * row + 28;
  const x = (v: number) => left + (plot * v) / 100;
  return (
    <div data-testid="discrepancy-chart" data-suppliers={items.length}>
      <Flex gap={16} style={{ marginBottom: 8 }}>
        {(["quality", "delivery"] as const).map((k) => (
          <span key={k} style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
            <span style={{ width: 14, height: 8, background: COLORS[k], borderRadius: 2, display: "inline-block" }} />
            <Typography.Text style={{ fontSize: 13 }}>{t(`invFlow.discrepancies.suggested_${k}`)}</Typography.Text>
          </span>
        ))}
      </Flex>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={t("invFlow.discrepancies.chartAria", { count: items.length })} style={{ display: "block" }}>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={4} y2={height - 20} stroke="#f0f0f0" />
            <text x={x(v)} y={height - 6} textAnchor="middle" fontSize={11} fill="#8c8c8c">
              {v}
            </text>
          </g>
        ))}
        {items.map((s, i) => {
          const y = 6 + i * row;
          const id = s.supplier.id ?? "none";
          const active = selected === id;
          return (
            <g key={id} onClick={() => onSelect(active ? null : id)} style={{ cursor: "pointer" }} data-testid={`chart-supplier-${id}`}>
              <rect x={0} y={y - 4} width={width} height={row - 4} fill={active ? "#fff7e6" : "transparent"} rx={4} />
              <text x={left - 12} y={y + 17} textAnchor="end" fontSize={13} fill="#262626" fontWeight={active ? 600 : 400}>
                {s.supplier.name.length > 18 ? `${s.supplier.name.slice(0, 17)}…` : s.supplier.name || "—"}
              </text>
              {(["quality", "delivery"] as const).map((k, j) => {
                const v = s.suggested[k];
                const by = y + j * 17;
                return (
                  <g key={k}>
                    <rect x={left} y={by} width={plot} height={13} fill="#fafafa" rx={2} />
                    {v !== null ? <rect x={left} y={by} width={Math.max(2, (plot * v) / 100)} height={13} fill={COLORS[k]} opacity={0.85} rx={2} /> : null}
                    <text x={x(v ?? 0) + 6} y={by + 11} fontSize={12} fontWeight={600} fill={v === null ? "#8c8c8c" : rateColor(v)}>
                      {v === null ? "—" : v}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** I3 → P7: how each supplier delivered, and the scores that suggests for its scorecard. */
export function Discrepancies() {
  const { t } = useTranslation();
  const place = useInventory();
  const canScore = useSession().can("supplier.manage");
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const report = useDiscrepancies({ from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") });
  const items = report.data?.items ?? [];
  const lines = (report.data?.lines ?? []).filter((l) => !selected || (l.supplierId ?? "none") === selected);
  // The scorecard lives with the supplier's owner: the shop's list, or the platform's own.
  const scorecard = (s: SupplierDiscrepancy) => {
    if (!s.supplier.id) return null;
    if (!place.platform) return `/merchant/suppliers/${s.supplier.id}`;
    return s.supplier.platform && canScore ? `/admin/suppliers/${s.supplier.id}` : null;
  };

  return (
    <div data-testid="inventory-discrepancies-page">
      <PageHeader title={t("invFlow.discrepancies.title")} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("invFlow.discrepancies.intro")}
      </Typography.Paragraph>
      <ReceiptViews active="discrepancies" />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Typography.Text>{t("invFlow.discrepancies.period")}</Typography.Text>
          <DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} data-testid="discrepancy-period" />
          {selected ? (
            <Tag closable onClose={() => setSelected(null)} color="orange" data-testid="discrepancy-selected">
              {items.find((i) => (i.supplier.id ?? "none") === selected)?.supplier.name ?? ""}
            </Tag>
          ) : null}
        </Flex>
        <FlowErrorAlert error={report.error} style={{ marginBottom: 16 }} />
        {report.isPending ? null : items.length ? (
          <ScoreBars items={items} selected={selected} onSelect={setSelected} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("invFlow.discrepancies.empty")} data-testid="discrepancy-empty" />
        )}
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title={t("invFlow.discrepancies.formulaTitle")}
          description={
            <div data-testid="discrepancy-formula">
              <div>{t("invFlow.discrepancies.formulaQuality")}</div>
              <div>{t("invFlow.discrepancies.formulaDelivery")}</div>
              <div style={{ marginTop: 4 }}>
                <Typography.Text type="secondary">{t("invFlow.discrepancies.formulaUse")}</Typography.Text>
              </div>
            </div>
          }
        />
      </Card>
      <Card title={t("invFlow.discrepancies.bySupplier")} style={{ marginBottom: 16 }}>
        <Table<SupplierDiscrepancy>
          rowKey={(s) => s.supplier.id ?? "none"}
          loading={report.isPending}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1010 }}
          data-testid="discrepancy-table"
          rowClassName={(s) => ((s.supplier.id ?? "none") === selected ? "ant-table-row-selected" : "")}
          onRow={(s) => ({ "data-testid": `discrepancy-row-${s.supplier.id ?? "none"}`, "data-name": s.supplier.name, onClick: () => setSelected((s.supplier.id ?? "none") === selected ? null : (s.supplier.id ?? "none")), style: { cursor: "pointer" } }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: report.isPending ? " " : t("invFlow.discrepancies.empty") }}
          columns={[
            {
              title: t("invFlow.fields.supplier"),
              key: "supplier",
              fixed: "left",
              width: 190,
              render: (_, s) => {
                const to = scorecard(s);
                return (
                  <div>
                    <div>{s.supplier.name || "—"}</div>
                    {to ? (
                      <Link to={to} onClick={(e) => e.stopPropagation()} style={{ fontSize: 12 }} data-testid="discrepancy-scorecard">
                        {t("invFlow.discrepancies.toScorecard")}
                      </Link>
                    ) : null}
                  </div>
                );
              },
            },
            {
              // Quality is the acceptance rate itself.
              title: t("invFlow.discrepancies.suggested_quality"),
              key: "quality",
              width: 90,
              align: "right",
              render: (_, s) => <Rate value={s.suggested.quality} testId="suggested-quality" />,
            },
            {
              title: t("invFlow.discrepancies.suggested_delivery"),
              key: "delivery",
              width: 150,
              align: "right",
              render: (_, s) => (
                <div>
                  <Rate value={s.suggested.delivery} testId="suggested-delivery" />
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                      {t("invFlow.discrepancies.deliveryParts", { onTime: s.onTimeRate ?? "—", fill: s.fillRate ?? "—" })}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            {
              title: t("invFlow.discrepancies.receipts"),
              key: "receipts",
              width: 90,
              align: "right",
              render: (_, s) => (
                <div>
                  <div>{s.receipts}</div>
                  {s.lateReceipts ? (
                    <Typography.Text type="warning" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                      {t("invFlow.discrepancies.late", { count: s.lateReceipts })}
                    </Typography.Text>
                  ) : null}
                </div>
              ),
            },
            { title: t("invFlow.fields.expectedQty"), dataIndex: "expected", width: 64, align: "right" },
            { title: t("invFlow.fields.receivedQty"), dataIndex: "received", width: 64, align: "right" },
            { title: t("invFlow.fields.acceptedQty"), dataIndex: "accepted", width: 64, align: "right", render: (v: number) => <span data-testid="discrepancy-accepted">{v}</span> },
            {
              title: t("invFlow.fields.rejectedQty"),
              dataIndex: "rejected",
              width: 64,
              align: "right",
              render: (v: number) => <Rejected value={v} testId="discrepancy-rejected" />,
            },
            {
              title: t("invFlow.discrepancies.short"),
              key: "short",
              width: 110,
              align: "right",
              render: (_, s) => (s.shortLines ? <Typography.Text type="danger">{t("invFlow.discrepancies.linesUnits", { lines: s.shortLines, units: s.shortUnits })}</Typography.Text> : "—"),
            },
            {
              title: t("invFlow.discrepancies.over"),
              key: "over",
              width: 110,
              align: "right",
              render: (_, s) => (s.overLines ? <Typography.Text type="warning">{t("invFlow.discrepancies.linesUnits", { lines: s.overLines, units: s.overUnits })}</Typography.Text> : "—"),
            },
          ]}
        />
      </Card>
      <Card title={selected ? t("invFlow.discrepancies.linesOf", { name: items.find((i) => (i.supplier.id ?? "none") === selected)?.supplier.name ?? "" }) : t("invFlow.discrepancies.lines")}>
        <Table<DiscrepancyLine>
          rowKey={(l) => `${l.receiptId}/${l.skuCode}`}
          loading={report.isPending}
          dataSource={lines}
          pagination={pagesOf(lines)}
          scroll={{ x: 980 }}
          data-testid="discrepancy-lines"
          locale={{ emptyText: report.isPending ? " " : t("invFlow.discrepancies.noLines") }}
          columns={[
            {
              title: t("invFlow.discrepancies.receiptAndSupplier"),
              key: "number",
              width: 200,
              render: (_, l) => (
                <div>
                  <Link to={`${place.route}/receipts/${l.receiptId}`} style={{ fontFamily: "monospace" }}>
                    {l.number}
                  </Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {l.supplierName}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            {
              title: t("invFlow.fields.product"),
              key: "product",
              width: 200,
              render: (_, l) => <ProductCell line={l} />,
            },
            { title: t("invFlow.fields.expectedQty"), dataIndex: "expected", width: 60, align: "right" },
            { title: t("invFlow.fields.receivedQty"), dataIndex: "received", width: 60, align: "right" },
            { title: t("invFlow.receipt.difference"), dataIndex: "difference", width: 60, align: "right", render: (v: number) => <Difference value={v} /> },
            { title: t("invFlow.fields.rejectedQty"), dataIndex: "rejected", width: 60, align: "right", render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : "0") },
            { title: t("invFlow.fields.qualityNote"), dataIndex: "qualityNote", render: (v: string | null) => v ?? "—" },
            {
              title: t("invFlow.discrepancies.arrival"),
              key: "arrival",
              width: 160,
              render: (_, l) => (
                <div>
                  <div>{formatDate(l.acceptedOn)}</div>
                  {l.lateDays ? (
                    <Typography.Text type="warning" style={{ fontSize: 12 }}>
                      {t("invFlow.discrepancies.lateDays", { count: l.lateDays, expected: formatDate(l.expectedOn) })}
                    </Typography.Text>
                  ) : null}
                </div>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
