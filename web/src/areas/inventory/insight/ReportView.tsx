import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Row, Statistic, Table, Tag, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { useInventory } from "../context";
import { apiFileUrl, InsightError, ProductCell, useMonthlyReport, useParam, WarehouseCell, WarehouseFilter } from "./kit";
import { ReportChart } from "./ReportChart";
import type { Ins, MonthlyReport, Outs, ReportRow } from "./types";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const figure = { fontVariantNumeric: "tabular-nums" } as const;
const muted = (v: number) => <span style={{ ...figure, color: v ? undefined : "#bfbfbf" }}>{v}</span>;

type Totals = MonthlyReport["totals"];
type InKey = keyof Ins;
type OutKey = keyof Outs;

function CheckCell({ r }: { r: ReportRow }) {
  const { t } = useTranslation();
  if (r.reconciled) {
    return (
      <span style={{ color: "#389e0d", whiteSpace: "nowrap" }} data-testid="row-check" data-ok="true">
        <CheckCircleFilled /> {t("invAlert.report.ok")}
      </span>
    );
  }
  const now = r.books.onHandNow === null ? "" : t("invAlert.report.mismatchNow", { onHand: r.books.onHandNow });
  return (
    <Tooltip title={t("invAlert.report.mismatchTip", { opening: r.books.opening, closing: r.books.closing, now })}>
      <span style={{ color: "#cf1322", whiteSpace: "nowrap" }} data-testid="row-check" data-ok="false">
        <CloseCircleFilled /> {t("invAlert.report.mismatch")}
      </span>
    </Tooltip>
  );
}

/** I7: opening, in, out and closing per SKU for a month, checked against the movement trail. */
export function ReportView() {
  const { t } = useTranslation();
  const place = useInventory();
  const [warehouseId, setWarehouseId] = useParam("warehouse");
  const [monthParam, setMonth] = useParam("month");
  const month = monthParam && MONTH.test(monthParam) ? monthParam : undefined;
  const report = useMonthlyReport({ warehouseId, month });
  const data = report.data;
  const totals = data?.totals;
  // Kinds that never happened this month are left out, to keep the table readable.
  const used = <K extends string>(kinds: readonly K[], side: Record<K, number> | undefined, always: K[]) => kinds.filter((k) => always.includes(k) || (side?.[k] ?? 0) !== 0);
  const inCols = used<InKey>(["receive", "transferIn", "adjust", "unblock", "other"], totals?.in, ["receive"]);
  const outCols = used<OutKey>(["commit", "transferOut", "supplierReturn", "adjust", "blockExpired", "blockDamaged", "other"], totals?.out, ["commit"]);
  const inLabel: Record<Exclude<InKey, "total">, string> = {
    receive: t("invAlert.report.columns.receive"), transferIn: t("invAlert.report.columns.transferIn"), adjust: t("invAlert.report.columns.adjustIn"),
    unblock: t("invAlert.report.columns.unblock"), other: t("invAlert.report.columns.otherIn"),
  };
  const outLabel: Record<Exclude<OutKey, "total">, string> = {
    commit: t("invAlert.report.columns.commit"), transferOut: t("invAlert.report.columns.transferOut"), supplierReturn: t("invAlert.report.columns.supplierReturn"),
    adjust: t("invAlert.report.columns.adjustOut"), blockExpired: t("invAlert.report.columns.blockExpired"), blockDamaged: t("invAlert.report.columns.blockDamaged"), other: t("invAlert.report.columns.otherOut"),
  };
  const mismatches = data?.rows.filter((r) => !r.reconciled).length ?? 0;

  const columns: TableColumnsType<ReportRow> = [
    {
      title: t("invAlert.common.product"),
      key: "product",
      fixed: "left",
      width: 220,
      render: (_, r) => <ProductCell title={r.product.title} skuCode={r.skuCode} owner={place.platform ? r.merchant.name : null} />,
    },
    { title: t("invAlert.common.warehouse"), key: "warehouse", width: 120, render: (_, r) => <WarehouseCell warehouse={r.warehouse} /> },
    { title: t("invAlert.report.columns.opening"), dataIndex: "opening", width: 80, align: "right", render: (v: number) => <span style={figure}>{v}</span> },
    {
      title: t("invAlert.report.columns.in"),
      children: [
        ...inCols.map((k) => ({ title: inLabel[k as Exclude<InKey, "total">], key: `in-${k}`, width: 64, align: "right" as const, render: (_: unknown, r: ReportRow) => muted(r.in[k]) })),
        { title: t("invAlert.report.columns.total"), key: "in-total", width: 76, align: "right" as const, render: (_: unknown, r: ReportRow) => <strong style={{ ...figure, color: "#389e0d" }}>{r.in.total}</strong> },
      ],
    },
    {
      title: t("invAlert.report.columns.out"),
      children: [
        ...outCols.map((k) => ({ title: outLabel[k as Exclude<OutKey, "total">], key: `out-${k}`, width: k.startsWith("block") ? 84 : 68, align: "right" as const, render: (_: unknown, r: ReportRow) => muted(r.out[k]) })),
        { title: t("invAlert.report.columns.total"), key: "out-total", width: 76, align: "right" as const, render: (_: unknown, r: ReportRow) => <strong style={{ ...figure, color: "#d46b08" }}>{r.out.total}</strong> },
      ],
    },
    { title: t("invAlert.report.columns.closing"), dataIndex: "closing", width: 80, align: "right", render: (v: number) => <strong style={figure} data-testid="row-closing">{v}</strong> },
    { title: t("invAlert.report.columns.books"), key: "books", width: 90, align: "right", render: (_, r) => <span style={figure}>{r.books.closing}</span> },
    { title: t("invAlert.report.columns.check"), key: "check", width: 90, render: (_, r) => <CheckCell r={r} /> },
  ];

  const summaryCells = (tot: Totals) => [
    tot.opening,
    ...inCols.map((k) => tot.in[k]),
    tot.in.total,
    ...outCols.map((k) => tot.out[k]),
    tot.out.total,
    tot.closing,
  ];

  return (
    <div data-testid="inventory-report-page">
      <PageHeader title={t("invAlert.report.title")}>
        <Flex gap={12} wrap align="center">
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month ?? data?.month ?? dayjs().format("YYYY-MM")}-01`)}
            onChange={(d) => setMonth(d ? d.format("YYYY-MM") : undefined)}
            disabledDate={(d) => (data ? d.format("YYYY-MM") > data.today.slice(0, 7) : false)}
            aria-label={t("invAlert.report.month")}
            data-testid="report-month"
          />
          <WarehouseFilter value={warehouseId} onChange={setWarehouseId} warehouses={data?.warehouses} loading={report.isPending} />
          <Button icon={<DownloadOutlined />} href={apiFileUrl(`${place.api}/reports/monthly.xlsx`, { warehouseId, month: month ?? data?.month })} download data-testid="report-download">
            {t("invAlert.report.download")}
          </Button>
        </Flex>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("invAlert.report.intro")}
        {data?.current ? ` ${t("invAlert.report.running", { date: formatDate(data.today) })}` : null}
      </Typography.Paragraph>
      <InsightError error={report.error} onRetry={() => void report.refetch()} />
      {data && data.rows.length ? (
        <Alert
          type={data.totals.reconciled ? "success" : "error"}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="report-reconciled"
          data-ok={String(data.totals.reconciled)}
          title={
            data.totals.reconciled
              ? t("invAlert.report.reconciled", { now: data.current ? t("invAlert.report.reconciledNow") : "" })
              : t("invAlert.report.notReconciled", { count: mismatches })
          }
        />
      ) : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(["opening", "in", "out", "closing"] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small" loading={report.isPending}>
              <Statistic
                title={t(`invAlert.report.summary.${k}`)}
                value={totals ? (k === "in" ? totals.in.total : k === "out" ? totals.out.total : totals[k]) : 0}
                styles={{ content: { color: k === "in" ? "#389e0d" : k === "out" ? "#d46b08" : undefined, fontVariantNumeric: "tabular-nums" } }}
                prefix={k === "in" ? "+" : k === "out" ? "−" : undefined}
                data-testid={`report-total-${k}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t("invAlert.report.chart.title")} style={{ marginBottom: 16 }} loading={report.isPending}>
        {data ? <ReportChart days={data.days} month={data.month} /> : null}
      </Card>
      {data && !warehouseId && data.byWarehouse.length > 1 ? (
        <Card title={t("invAlert.report.byWarehouse")} size="small" style={{ marginBottom: 16 }}>
          <Flex gap={24} wrap>
            {data.byWarehouse.map((w) => (
              <div key={w.warehouse.id} data-testid="report-warehouse-total">
                <Typography.Text strong>{w.warehouse.code}</Typography.Text>{" "}
                <Typography.Text type="secondary" style={figure}>
                  {w.opening} + {w.in} − {w.out} = {w.closing}
                </Typography.Text>{" "}
                {w.reconciled ? null : <Tag color="red">{t("invAlert.report.mismatch")}</Tag>}
              </div>
            ))}
          </Flex>
        </Card>
      ) : null}
      <Card>
        <Table<ReportRow>
          rowKey="levelId"
          size="small"
          bordered
          loading={report.isFetching}
          dataSource={data?.rows ?? []}
          columns={columns}
          pagination={(data?.rows.length ?? 0) > 100 ? { pageSize: 100, showSizeChanger: false } : false}
          scroll={{ x: "max-content" }}
          data-testid="report-table"
          onRow={(r) =>
            ({ "data-testid": "report-row", "data-sku": r.skuCode, "data-warehouse": r.warehouse.code, "data-closing": r.closing, style: r.reconciled ? undefined : { background: "#fff1f0" } }) as React.HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: report.isPending ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("invAlert.report.empty")} data-testid="report-empty" /> }}
          summary={() =>
            totals && data?.rows.length ? (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ background: "#fafafa", fontWeight: 600 }} data-testid="report-totals">
                  <Table.Summary.Cell index={0} colSpan={2}>
                    {t("invAlert.report.total")}
                  </Table.Summary.Cell>
                  {summaryCells(totals).map((v, i) => (
                    <Table.Summary.Cell key={i} index={i + 2} align="right">
                      <span style={figure}>{v}</span>
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={summaryCells(totals).length + 2} />
                  <Table.Summary.Cell index={summaryCells(totals).length + 3}>
                    {totals.reconciled ? <CheckCircleFilled style={{ color: "#389e0d" }} /> : <CloseCircleFilled style={{ color: "#cf1322" }} />}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
    </div>
  );
}
