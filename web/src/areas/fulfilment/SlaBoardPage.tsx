import { Alert, Card, Col, DatePicker, Empty, Flex, Progress, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from "antd";
import { WarningFilled } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import { api } from "../../api";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime } from "../../components/format";
import { duration, fulfilErrorText, useNow } from "../../components/orders/fulfil";
import { OrderStatusTag } from "../../components/orders/StatusTags";
import { emptyState, Money, Mono, tradeErrorText, tradeKey, useFilterParams, useShopNames } from "../trade/kit";
import type { Compliance, OrderStatus, OverdueOrder } from "../trade/types";

const ON_TIME = "#52c41a";
const MISSED = "#ff4d4f";
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const rateColor = (rate: number | null) => (rate === null ? undefined : rate >= 0.95 ? "#389e0d" : rate >= 0.85 ? "#d48806" : "#cf1322");

/** The days of [from, to] (inclusive), each with its counts; days without due orders are zero. */
function everyDay(from: string, to: string, daily: Compliance["daily"]) {
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const days: Compliance["daily"] = [];
  for (let d = dayjs(from); !d.isAfter(dayjs(to), "day") && days.length < 400; d = d.add(1, "day")) {
    const key = d.format("YYYY-MM-DD");
    days.push(byDay.get(key) ?? { day: key, onTime: 0, missed: 0 });
  }
  return days;
}

/** O5: orders whose ship-by day fell on each day, on time (green) under missed (red). */
function DailyChart({ days }: { days: Compliance["daily"] }) {
  const { t } = useTranslation();
  const width = 920;
  const height = 220;
  const pad = { left: 36, right: 8, top: 12, bottom: 28 };
  const max = Math.max(1, ...days.map((d) => d.onTime + d.missed));
  // Whole-number steps on the axis: 1, 2, 5, 10 … so that about four lines fit.
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((s) => max / s <= 4) ?? Math.ceil(max / 4);
  const top = Math.ceil(max / step) * step;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / Math.max(1, days.length);
  const bar = Math.max(2, Math.min(24, slot * 0.7));
  const y = (n: number) => pad.top + plotH - (n / top) * plotH;
  const labelEvery = Math.ceil(days.length / 10);
  if (!days.some((d) => d.onTime + d.missed)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("fulfil.sla.chart.empty")} data-testid="sla-chart-empty" />;
  return (
    <div>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={t("fulfil.sla.chart.title")} data-testid="sla-chart" style={{ display: "block" }}>
        {Array.from({ length: top / step + 1 }, (_, i) => i * step).map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#f0f0f0" />
            <text x={pad.left - 6} y={y(v) + 4} fontSize={11} textAnchor="end" fill="rgba(0,0,0,0.45)">
              {v}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = pad.left + i * slot + (slot - bar) / 2;
          return (
            <g key={d.day} data-testid="sla-chart-day" data-day={d.day} data-on-time={d.onTime} data-missed={d.missed}>
              <title>{t("fulfil.sla.chart.day", { day: d.day, onTime: d.onTime, missed: d.missed })}</title>
              {d.onTime ? <rect x={x} y={y(d.onTime)} width={bar} height={y(0) - y(d.onTime)} fill={ON_TIME} rx={1} /> : null}
              {d.missed ? <rect x={x} y={y(d.onTime + d.missed)} width={bar} height={y(d.onTime) - y(d.onTime + d.missed)} fill={MISSED} rx={1} /> : null}
              {i % labelEvery === 0 ? (
                <text x={x + bar / 2} y={height - 10} fontSize={11} textAnchor="middle" fill="rgba(0,0,0,0.45)">
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} stroke="#d9d9d9" />
      </svg>
      <Space size={16} style={{ fontSize: 12 }}>
        <span>
          <span style={{ display: "inline-block", width: 10, height: 10, background: ON_TIME, marginInlineEnd: 6, borderRadius: 2 }} />
          {t("fulfil.sla.chart.onTime")}
        </span>
        <span>
          <span style={{ display: "inline-block", width: 10, height: 10, background: MISSED, marginInlineEnd: 6, borderRadius: 2 }} />
          {t("fulfil.sla.chart.missed")}
        </span>
      </Space>
    </div>
  );
}

function Overdue({ merchantId }: { merchantId?: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const overdue = useQuery({
    queryKey: [...tradeKey, "sla", "overdue", merchantId ?? ""],
    queryFn: ({ signal }) => api<{ items: OverdueOrder[] }>("/admin/orders/overdue", { query: { merchantId }, signal }),
  });
  return (
    <Card
      size="small"
      title={
        <span>
          <WarningFilled style={{ color: MISSED }} /> {t("fulfil.sla.overdue.title")}
        </span>
      }
      data-testid="sla-overdue"
    >
      {overdue.isError ? <Alert type="error" showIcon title={tradeErrorText(overdue.error)} style={{ marginBottom: 12 }} /> : null}
      <Table<OverdueOrder>
        rowKey="id"
        size="small"
        loading={overdue.isPending}
        dataSource={overdue.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 820 }}
        onRow={(o) => ({ "data-testid": `sla-overdue-row-${o.no}` }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: emptyState(overdue.isPending, t("fulfil.sla.overdue.empty"), "sla-overdue-empty") }}
        columns={[
          {
            title: t("tradeOps.fields.orderNo"),
            dataIndex: "no",
            width: 180,
            render: (no: string, o) => (
              <Link to={`/admin/trade/orders/${o.id}`} data-testid="sla-overdue-link">
                <Mono>{no}</Mono>
              </Link>
            ),
          },
          { title: t("fulfil.sla.shop"), dataIndex: "merchantName", width: 220 },
          { title: t("tradeOps.fields.status"), dataIndex: "status", width: 100, render: (s: OrderStatus) => <OrderStatusTag status={s} /> },
          { title: t("fulfil.toShip.shipBy"), dataIndex: "shipBy", width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t("fulfil.shipBy.overdue"),
            key: "late",
            width: 140,
            render: (_, o) => (
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                {t("fulfil.sla.overdue.overdueFor", { duration: duration(now - new Date(o.shipBy).getTime()) })}
              </Tag>
            ),
          },
          { title: t("tradeOps.fields.total"), dataIndex: "totalFen", width: 110, align: "right", render: (v: number) => <Money fen={v} /> },
        ]}
      />
    </Card>
  );
}

/** /admin/trade/sla: ship-by compliance (O5) over a period — totals, shops worst first, per day, and what is overdue now. */
export function SlaBoardPage(_props: Record<string, never>) {
  const { t } = useTranslation();
  const shops = useShopNames();
  const { params, set } = useFilterParams();
  const today = dayjs().format("YYYY-MM-DD");
  const from = DAY.test(params.get("from") ?? "") ? params.get("from")! : dayjs().subtract(29, "day").format("YYYY-MM-DD");
  const to = DAY.test(params.get("to") ?? "") ? params.get("to")! : today;
  const merchantId = params.get("shop") ?? undefined;
  const sla = useQuery({
    queryKey: [...tradeKey, "sla", from, to, merchantId ?? ""],
    // The API's period ends before its `to` day: the last day chosen is included.
    queryFn: ({ signal }) => api<Compliance>("/admin/sla/shipping", { query: { from, to: dayjs(to).add(1, "day").format("YYYY-MM-DD"), merchantId }, signal }),
  });
  const d = sla.data;
  const worstFirst = [...(d?.shops ?? [])].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || b.overdueOpen - a.overdueOpen || b.late - a.late || a.merchantName.localeCompare(b.merchantName));
  const days = d ? everyDay(from, dayjs(to).isAfter(today) ? today : to, d.daily) : [];

  return (
    <div data-testid="sla-board">
      <PageHeader title={t("fulfil.sla.title")} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("fulfil.sla.intro", { hours: d?.shipByHours ?? 72 })}
      </Typography.Paragraph>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t("fulfil.sla.period")}</Typography.Text>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          disabledDate={(day: Dayjs) => day.isAfter(dayjs(), "day")}
          onChange={(v) => {
            if (v?.[0] && v[1]) set({ from: v[0].format("YYYY-MM-DD"), to: v[1].format("YYYY-MM-DD") });
          }}
          data-testid="sla-period"
        />
        {shops.shops.length ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            value={merchantId}
            onChange={(v?: string) => set({ shop: v })}
            placeholder={t("fulfil.sla.allShops")}
            options={shops.shops.map((m) => ({ value: m.id, label: m.name }))}
            style={{ minWidth: 240 }}
            data-testid="sla-shop"
          />
        ) : null}
      </Flex>
      {sla.isError ? <Alert type="error" showIcon title={fulfilErrorText(sla.error, tradeErrorText)} style={{ marginBottom: 16 }} data-testid="error-alert" /> : null}
      {sla.isPending ? (
        <Card data-testid="sla-loading">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : d ? (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]} data-testid="sla-totals">
            {(
              [
                ["paid", d.totals.paid, undefined],
                ["onTime", d.totals.onTime, "#389e0d"],
                ["late", d.totals.late, d.totals.late ? "#d46b08" : undefined],
                ["overdueOpen", d.totals.overdueOpen, d.totals.overdueOpen ? "#cf1322" : undefined],
                ["waiting", d.totals.waiting, undefined],
              ] as const
            ).map(([key, value, color]) => (
              <Col key={key} xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={t(`fulfil.sla.totals.${key}`)} value={value} styles={{ content: { color } }} data-testid={`sla-total-${key}`} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={4}>
              <Card size="small">
                <Statistic
                  title={t("fulfil.sla.totals.rate")}
                  value={percent(d.totals.rate) ?? t("fulfil.sla.noRate")}
                  suffix={d.totals.rate === null ? undefined : "%"}
                  styles={{ content: { color: rateColor(d.totals.rate) } }}
                  data-testid="sla-total-rate"
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t("fulfil.sla.chart.title")}>
            <DailyChart days={days} />
          </Card>
          <Card size="small" title={t("fulfil.sla.shops")}>
            <Table
              rowKey="merchantId"
              size="small"
              pagination={false}
              dataSource={worstFirst}
              scroll={{ x: 820 }}
              data-testid="sla-shops"
              onRow={(s) => ({ "data-testid": "sla-shop-row", "data-merchant": s.merchantName }) as React.HTMLAttributes<HTMLElement>}
              locale={{ emptyText: emptyState(false, t("fulfil.sla.noShops"), "sla-shops-empty") }}
              columns={[
                { title: t("fulfil.sla.shop"), dataIndex: "merchantName", render: (v: string, s) => <a onClick={() => set({ shop: s.merchantId })}>{v}</a> },
                { title: t("fulfil.sla.totals.paid"), dataIndex: "paid", width: 100, align: "right" },
                { title: t("fulfil.sla.totals.onTime"), dataIndex: "onTime", width: 100, align: "right" },
                { title: t("fulfil.sla.totals.late"), dataIndex: "late", width: 110, align: "right", render: (v: number) => (v ? <Typography.Text style={{ color: "#d46b08" }}>{v}</Typography.Text> : v) },
                { title: t("fulfil.sla.totals.overdueOpen"), dataIndex: "overdueOpen", width: 110, align: "right", render: (v: number) => (v ? <Typography.Text type="danger" strong>{v}</Typography.Text> : v) },
                { title: t("fulfil.sla.totals.waiting"), dataIndex: "waiting", width: 100, align: "right" },
                {
                  title: t("fulfil.sla.totals.rate"),
                  dataIndex: "rate",
                  width: 200,
                  render: (rate: number | null) =>
                    rate === null ? (
                      <Typography.Text type="secondary">{t("fulfil.sla.noRate")}</Typography.Text>
                    ) : (
                      <Progress percent={percent(rate)!} size="small" strokeColor={rateColor(rate)} format={(p) => `${p}%`} data-testid="sla-shop-rate" />
                    ),
                },
              ]}
            />
          </Card>
          <Overdue merchantId={merchantId} />
        </Flex>
      ) : null}
    </div>
  );
}
