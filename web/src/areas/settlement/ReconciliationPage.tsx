import { useMemo, useState } from "react";
import { Alert, App, Button, Card, Col, DatePicker, Form, Row, Select, Space, Table, Typography } from "antd";
import { SyncOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import dayjs, { type Dayjs } from "dayjs";
import { api } from "../../api";
import { useSession } from "../../auth/session";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime, formatFen } from "../../components/format";
import { tx } from "../../components/tx";
import { emptyState, Mono, Money, useFilterParams } from "../trade/kit";
import { DifferenceTag, RunStatusTag, settleKey, SettleErrorAlert } from "./kit";
import type { Difference, ReconciliationRun, RunDetail } from "./types";

const providerName = (p: string) => tx(`checkout.provider.${p}`, p);

/** Daily reconciliation of provider statements (F3). */
export function ReconciliationPage(_props: Record<string, never>) {
  const { t } = useTranslation();
  const { params, set } = useFilterParams();
  const provider = params.get("provider") ?? undefined;
  const selected = params.get("run") ?? undefined;
  const runs = useQuery({
    queryKey: [...settleKey, "reconciliation", { provider }],
    queryFn: ({ signal }) => api<{ items: ReconciliationRun[]; providers: string[] }>("/admin/reconciliation", { query: { provider }, signal }),
  });
  const rows = runs.data?.items ?? [];
  return (
    <div data-testid="reconciliation-page">
      <PageHeader title={t("settle.recon.title")} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("settle.recon.intro")}
      </Typography.Paragraph>
      <SettleErrorAlert error={runs.error} style={{ marginBottom: 16 }} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={9}>
          <RunForm providers={runs.data?.providers ?? ["sandbox"]} onRan={(r) => set({ run: r.id })} />
        </Col>
        <Col xs={24} xl={15}>
          <Card title={t("settle.recon.chart")} size="small" style={{ height: "100%" }}>
            <RunChart runs={rows} selected={selected} onSelect={(id) => set({ run: id })} />
          </Card>
        </Col>
      </Row>
      <Card
        title={t("settle.recon.runs")}
        size="small"
        style={{ marginBottom: 16 }}
        extra={
          <Select
            allowClear
            value={provider}
            onChange={(v?: string) => set({ provider: v })}
            placeholder={t("settle.recon.allProviders")}
            options={(runs.data?.providers ?? []).map((p) => ({ value: p, label: providerName(p) }))}
            style={{ minWidth: 160 }}
            data-testid="recon-filter-provider"
          />
        }
      >
        <Table<ReconciliationRun>
          rowKey="id"
          size="small"
          loading={runs.isPending}
          dataSource={rows}
          pagination={rows.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
          scroll={{ x: 1100 }}
          data-testid="recon-runs"
          rowClassName={(r) => (r.id === selected ? "ant-table-row-selected" : "")}
          onRow={(r) => ({ onClick: () => set({ run: r.id }), style: { cursor: "pointer" }, "data-testid": `recon-run-${r.provider}-${r.day}`, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: emptyState(runs.isPending, t("settle.recon.noRuns"), "recon-runs-empty") }}
          columns={[
            { title: t("settle.recon.day"), dataIndex: "day", width: 110 },
            { title: t("settle.recon.provider"), dataIndex: "provider", width: 110, render: (v: string) => providerName(v) },
            { title: t("settle.fields.status"), dataIndex: "status", width: 100, render: (v: ReconciliationRun["status"]) => <RunStatusTag status={v} /> },
            { title: t("settle.recon.providerLines"), dataIndex: "providerLines", width: 90, align: "right" },
            { title: t("settle.recon.ourLines"), dataIndex: "ourLines", width: 90, align: "right" },
            { title: t("settle.recon.matched"), dataIndex: "matched", width: 80, align: "right" },
            { title: t("settle.recon.differences"), dataIndex: "differences", width: 80, align: "right", render: (v: number) => (v ? <Typography.Text type="danger" strong>{v}</Typography.Text> : v) },
            { title: t("settle.recon.providerTotal"), dataIndex: "providerTotalFen", width: 120, align: "right", render: (v: number) => <Money fen={v} /> },
            { title: t("settle.recon.ourTotal"), dataIndex: "ourTotalFen", width: 120, align: "right", render: (v: number) => <Money fen={v} /> },
            { title: t("settle.recon.fee"), dataIndex: "feeFen", width: 100, align: "right", render: (v: number) => <Money fen={v} type="secondary" /> },
            {
              title: t("settle.recon.ranAt"),
              key: "ran",
              width: 200,
              render: (_, r) => (
                <div>
                  <div>{formatDateTime(r.ranAt)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.ranByLabel}
                  </Typography.Text>
                </div>
              ),
            },
          ]}
        />
      </Card>
      {selected ? <Differences id={selected} /> : null}
    </div>
  );
}

function RunForm({ providers, onRan }: { providers: string[]; onRan: (r: ReconciliationRun) => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ provider: string; day: Dayjs }>();
  const [submitted, setSubmitted] = useState(false);
  const today = dayjs().startOf("day");
  const run = useMutation({
    mutationFn: (v: { provider: string; day: string }) => api<ReconciliationRun>("/admin/reconciliation/run", { method: "POST", body: v }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: [...settleKey, "reconciliation"] });
      const text = t(`settle.recon.ran.${r.status}`, { day: r.day, count: r.differences });
      if (r.status === "matched") message.success(text);
      else if (r.status === "differences") message.warning(text);
      else message.error(text);
      onRan(r);
    },
  });
  if (!can("finance.settle")) {
    return (
      <Card title={t("settle.recon.runNow")} size="small" style={{ height: "100%" }}>
        <Typography.Text type="secondary">{t("settle.recon.readOnly")}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card title={t("settle.recon.runNow")} size="small" style={{ height: "100%" }}>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ provider: providers[0] ?? "sandbox", day: today.subtract(1, "day") }}
        onFinish={(v) => {
          setSubmitted(true);
          run.mutate({ provider: v.provider, day: v.day.format("YYYY-MM-DD") });
        }}
        data-testid="recon-form"
      >
        <Form.Item name="provider" label={t("settle.recon.provider")} rules={[{ required: true, message: t("settle.recon.chooseProvider") }]}>
          <Select options={providers.map((p) => ({ value: p, label: providerName(p) }))} data-testid="recon-provider" />
        </Form.Item>
        <Form.Item name="day" label={t("settle.recon.day")} rules={[{ required: true, message: t("settle.recon.chooseDay") }]} extra={t("settle.recon.dayHint")}>
          <DatePicker allowClear={false} disabledDate={(d) => !d.isBefore(today)} style={{ width: "100%" }} data-testid="recon-day" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SyncOutlined />} loading={run.isPending} data-testid="recon-run">
          {t("settle.recon.run")}
        </Button>
        {submitted ? <SettleErrorAlert error={run.error} style={{ marginTop: 12 }} /> : null}
      </Form>
    </Card>
  );
}

const COLORS = { matched: "#52c41a", differences: "#fa541c", failed: "#bfbfbf" };

/** Per day (oldest left): matched lines as a green bar, differences stacked on it in red; a failed run as a grey stub. */
function RunChart({ runs, selected, onSelect }: { runs: ReconciliationRun[]; selected?: string; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const days = useMemo(() => [...runs].sort((a, b) => a.day.localeCompare(b.day) || a.provider.localeCompare(b.provider)).slice(-30), [runs]);
  if (!days.length) return emptyState(false, t("settle.recon.noRuns"), "recon-chart-empty");
  const width = 640;
  const height = 200;
  const left = 36;
  const bottom = 36;
  const top = 12;
  const plot = height - bottom - top;
  const max = Math.max(1, ...days.map((r) => r.matched + r.differences));
  const step = (width - left - 8) / days.length;
  const bar = Math.min(28, step * 0.7);
  const y = (v: number) => top + plot - (v / max) * plot;
  const ticks = [0, Math.ceil(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  return (
    <div>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={t("settle.recon.chart")} data-testid="recon-chart" style={{ display: "block", maxWidth: width }}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={width - 4} y1={y(v)} y2={y(v)} stroke="#f0f0f0" />
            <text x={left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill="#8c8c8c">
              {v}
            </text>
          </g>
        ))}
        {days.map((r, i) => {
          const x = left + i * step + (step - bar) / 2;
          const matchedH = (r.matched / max) * plot;
          const diffH = (r.differences / max) * plot;
          const label = r.day.slice(5);
          return (
            <g key={r.id} onClick={() => onSelect(r.id)} style={{ cursor: "pointer" }} data-testid={`recon-bar-${r.provider}-${r.day}`} data-matched={r.matched} data-differences={r.differences}>
              <title>{`${r.day} ${providerName(r.provider)} · ${t("settle.recon.matched")} ${r.matched} · ${t("settle.recon.differences")} ${r.differences}${r.error ? ` · ${r.error}` : ""}`}</title>
              {r.id === selected ? <rect x={x - 3} y={top - 4} width={bar + 6} height={plot + 8} fill="#e6f4ff" /> : null}
              {r.status === "failed" ? (
                <rect x={x} y={top + plot - 4} width={bar} height={4} fill={COLORS.failed} />
              ) : (
                <>
                  <rect x={x} y={top + plot - matchedH} width={bar} height={matchedH} fill={COLORS.matched} rx={1} />
                  <rect x={x} y={top + plot - matchedH - diffH} width={bar} height={diffH} fill={COLORS.differences} rx={1} />
                </>
              )}
              {days.length <= 16 || i % Math.ceil(days.length / 16) === 0 ? (
                <text x={x + bar / 2} y={height - bottom + 14} textAnchor="middle" fontSize={10} fill="#595959">
                  {label}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={left} x2={width - 4} y1={top + plot} y2={top + plot} stroke="#bfbfbf" />
        <g transform={`translate(${left}, ${height - 8})`}>
          <rect width={10} height={10} y={-9} fill={COLORS.matched} />
          <text x={14} fontSize={11} fill="#595959">
            {t("settle.recon.matched")}
          </text>
          <rect x={90} width={10} height={10} y={-9} fill={COLORS.differences} />
          <text x={104} fontSize={11} fill="#595959">
            {t("settle.recon.differences")}
          </text>
          <rect x={180} width={10} height={10} y={-9} fill={COLORS.failed} />
          <text x={194} fontSize={11} fill="#595959">
            {t("settle.runStatus.failed")}
          </text>
        </g>
      </svg>
    </div>
  );
}

function Differences({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [...settleKey, "reconciliation", "run", id], queryFn: ({ signal }) => api<RunDetail>(`/admin/reconciliation/${id}`, { signal }) });
  const r = q.data;
  return (
    <Card
      size="small"
      title={r ? t("settle.recon.differencesOf", { day: r.day, provider: providerName(r.provider) }) : t("settle.recon.differences")}
      extra={r ? <Space><RunStatusTag status={r.status} /></Space> : null}
      data-testid="recon-differences"
    >
      <SettleErrorAlert error={q.error} style={{ marginBottom: 12 }} />
      {r?.error ? <Alert type="error" showIcon title={t("settle.recon.providerError")} description={r.error} style={{ marginBottom: 12 }} data-testid="recon-error" /> : null}
      <Table<Difference>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={r?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(d) => ({ "data-testid": `difference-${d.no}`, "data-kind": d.kind }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: emptyState(q.isPending, r?.status === "failed" ? t("settle.recon.failedNoLines") : t("settle.recon.noDifferences"), "recon-differences-empty") }}
        columns={[
          { title: t("settle.recon.kind"), dataIndex: "kind", width: 140, render: (v: Difference["kind"]) => <DifferenceTag kind={v} /> },
          { title: t("settle.recon.lineKind"), dataIndex: "lineKind", width: 80, render: (v: Difference["lineKind"]) => t(`settle.recon.lineKinds.${v}`) },
          { title: t("settle.recon.no"), dataIndex: "no", width: 190, render: (v: string) => <Mono>{v}</Mono> },
          { title: t("settle.recon.providerTxnId"), dataIndex: "providerTxnId", width: 210, render: (v: string | null) => (v ? <Mono>{v}</Mono> : "—") },
          { title: t("settle.recon.ourFen"), dataIndex: "ourFen", width: 110, align: "right", render: (v: number | null) => (v === null ? "—" : <Money fen={v} />) },
          { title: t("settle.recon.providerFen"), dataIndex: "providerFen", width: 110, align: "right", render: (v: number | null) => (v === null ? "—" : <Money fen={v} />) },
          {
            title: t("settle.recon.note"),
            key: "note",
            render: (_, d) => (
              <Typography.Text type="secondary" title={d.note ?? undefined}>
                {t(`settle.recon.notes.${d.kind}`, { our: d.ourFen === null ? "—" : formatFen(d.ourFen), provider: d.providerFen === null ? "—" : formatFen(d.providerFen) })}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
