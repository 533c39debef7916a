import { useState } from "react";
import {
  Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Radio, Row, Segmented, Select, Space, Steps, Table, Tooltip, Typography,
} from "antd";
import { FileProtectOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import { api, buildUrl, upload } from "../../api";
import { applyFormErrors } from "../../components/errors";
import { formatDate, formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/PageHeader";
import {
  API, BackLink, BlockedTag, DetailPending, ListEmpty, ProductStatusTag, QualityErrorAlert, qualityKey, RecallStatusTag, ROUTE, SAMPLING_STATUSES,
  SamplingStatusTag, useBatchSearch, useSampling, useSamplings, type BatchHit, type Sampling, type SamplingListItem, type SamplingStatus,
} from "./kit";
import { OpenRecallModal } from "./RecallPages";
import { ReportFileButton } from "../../components/ReportFileButton";

// ---- planning ----

/** A batch picked by typing its number or product; the list answers as one types. */
export function BatchSelect({ value, onChange, preset }: { value?: string; onChange?: (v: string) => void; preset?: BatchHit }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const hits = useBatchSearch(q);
  const items = [...(preset && !(hits.data ?? []).some((b) => b.id === preset.id) ? [preset] : []), ...(hits.data ?? [])];
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={hits.isFetching}
      placeholder={t("quality.samplings.create.batchPlaceholder")}
      notFoundContent={hits.isPending ? null : t("quality.trace.empty")}
      options={items.map((b) => ({
        value: b.id,
        label: t("quality.samplings.create.batchOption", { batchNo: b.batchNo, title: b.product.title, sku: b.skuCode, warehouse: b.warehouseCode }),
      }))}
      data-testid="sampling-batch"
    />
  );
}

interface PlanValues { batchId: string; plan: string; standard?: string; plannedOn: Dayjs }

/** P5: a sampling planned for a batch (chosen here, or given by the trace page). */
export function NewSamplingModal({ open, onClose, preset }: { open: boolean; onClose: () => void; preset?: BatchHit }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PlanValues>();
  const [error, setError] = useState<unknown>(null);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: PlanValues) =>
      api<Sampling>(`${API}/samplings`, { method: "POST", body: { batchId: v.batchId, plan: v.plan, standard: v.standard?.trim() || null, plannedOn: v.plannedOn.format("YYYY-MM-DD") } }),
    onSuccess: (s) => {
      void qc.invalidateQueries({ queryKey: qualityKey });
      message.success(t("quality.samplings.create.created", { no: s.no }));
      onClose();
      navigate(`${ROUTE}/samplings/${s.id}`);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e, ["batchId", "plan", "standard", "plannedOn"])) setError(e);
    },
  });
  return (
    <Modal
      open={open}
      title={t("quality.samplings.create.title")}
      onCancel={onClose}
      okText={t("quality.samplings.create.submit")}
      okButtonProps={{ loading: save.isPending, "data-testid": "sampling-create-submit" } as React.ComponentProps<typeof Button>}
      onOk={() => form.submit()}
      destroyOnHidden
      width={620}
    >
      <QualityErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<PlanValues>
        form={form}
        layout="vertical"
        initialValues={{ batchId: preset?.id, plannedOn: dayjs() }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="batchId" label={t("quality.samplings.create.batch")} rules={[{ required: true, message: t("quality.samplings.create.batchRequired") }]}>
          <BatchSelect preset={preset} />
        </Form.Item>
        <Form.Item name="plan" label={t("quality.fields.plan")} rules={[{ required: true, whitespace: true, message: t("quality.samplings.create.planRequired") }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t("quality.samplings.create.planPlaceholder")} data-testid="sampling-plan" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item name="standard" label={t("quality.fields.standard")}>
              <Input maxLength={200} placeholder={t("quality.samplings.create.standardPlaceholder")} data-testid="sampling-standard" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="plannedOn" label={t("quality.fields.plannedOn")} rules={[{ required: true, message: t("quality.samplings.create.dateRequired") }]}>
              <DatePicker format="YYYY-MM-DD" style={{ width: "100%" }} data-testid="sampling-planned-on" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

// ---- the list ----

/** P5: samplings, newest first, with their results. */
export function SamplingListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<SamplingStatus | "all">("all");
  const [q, setQ] = useState("");
  const [creating, setCreating] = useState(false);
  const list = useSamplings({ status: status === "all" ? undefined : status, q: q.trim() || undefined });
  const rows = list.data?.items ?? [];
  const filtered = status !== "all" || !!q.trim();
  return (
    <div data-testid="samplings-page">
      <PageHeader title={t("quality.samplings.title")}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="sampling-new">
          {t("quality.samplings.new")}
        </Button>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("quality.samplings.intro")}
      </Typography.Paragraph>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<SamplingStatus | "all">
            value={status}
            onChange={setStatus}
            options={[
              { value: "all", label: t("quality.common.all") },
              ...SAMPLING_STATUSES.map((s) => ({ value: s, label: `${t(`quality.status.${s}`)}${list.data ? ` ${list.data.counts[s]}` : ""}` })),
            ]}
            data-testid="sampling-filter-status"
          />
          <Input.Search allowClear placeholder={t("quality.common.search")} onSearch={setQ} style={{ width: 280 }} data-testid="sampling-search" />
        </Flex>
        <QualityErrorAlert error={list.error} style={{ marginBottom: 16 }} />
        <Table<SamplingListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 1340 }}
          data-testid="sampling-table"
          onRow={(s) => ({ "data-testid": `sampling-row-${s.no}`, "data-status": s.status }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <ListEmpty pending={list.isPending} text={filtered ? t("quality.samplings.emptyFiltered") : t("quality.samplings.empty")} /> }}
          columns={[
            { title: t("quality.fields.no"), dataIndex: "no", width: 170, render: (v: string, s) => <Link to={`${ROUTE}/samplings/${s.id}`} data-testid="sampling-link">{v}</Link> },
            {
              title: t("quality.fields.product"),
              key: "product",
              width: 260,
              render: (_, s) => (
                <div>
                  <Flex gap={6} align="center" wrap>
                    <span>{s.product.title}</span>
                    {s.product.status === "delisted" ? <ProductStatusTag status={s.product.status} /> : null}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.merchant.name}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t("quality.fields.batch"),
              key: "batch",
              width: 190,
              render: (_, s) => (
                <div>
                  <Link to={`${ROUTE}/trace/${s.batch.id}`}>{s.batch.batchNo}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${s.batch.skuCode} · ${s.batch.warehouseCode}`}</Typography.Text>
                  </div>
                </div>
              ),
            },
            { title: t("quality.fields.plannedOn"), dataIndex: "plannedOn", width: 120, render: (v: string) => formatDate(v) },
            { title: t("quality.fields.sampleSize"), dataIndex: "sampleSize", width: 100, align: "right", render: (v: number | null) => v ?? t("quality.common.none") },
            {
              title: t("quality.fields.findings"),
              dataIndex: "findings",
              width: 220,
              ellipsis: true,
              render: (v: string | null) => (v ? <Tooltip title={v}>{v}</Tooltip> : <Typography.Text type="secondary">{t("quality.common.none")}</Typography.Text>),
            },
            {
              title: t("quality.fields.report"),
              key: "report",
              width: 80,
              align: "center",
              render: (_, s) => (s.hasReport ? <FileProtectOutlined style={{ color: "#389e0d", fontSize: 16 }} aria-label={t("quality.fields.report")} /> : <Typography.Text type="secondary">—</Typography.Text>),
            },
            {
              title: t("quality.fields.recall"),
              key: "recall",
              width: 150,
              render: (_, s) => (s.recall ? <Link to={`${ROUTE}/recalls/${s.recall.id}`}>{s.recall.no}</Link> : <Typography.Text type="secondary">—</Typography.Text>),
            },
            { title: t("quality.fields.result"), dataIndex: "status", width: 100, fixed: "right", render: (v: SamplingStatus) => <SamplingStatusTag status={v} /> },
          ]}
        />
      </Card>
      <NewSamplingModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

// ---- one sampling ----

function useSaved() {
  const qc = useQueryClient();
  return (s: Sampling) => {
    qc.setQueryData([...qualityKey, "sampling", s.id], s);
    void qc.invalidateQueries({ queryKey: qualityKey });
  };
}

function SampleCard({ s }: { s: Sampling }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ sampleSize: number; sampledAt?: Dayjs | null }>();
  const [error, setError] = useState<unknown>(null);
  const saved = useSaved();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { sampleSize: number; sampledAt?: Dayjs | null }) =>
      api<Sampling>(`${API}/samplings/${s.id}/sample`, { method: "POST", body: { sampleSize: v.sampleSize, sampledAt: v.sampledAt ? v.sampledAt.format() : null } }),
    onSuccess: (r) => {
      saved(r);
      message.success(t("quality.sampling.sample.done"));
    },
    onError: (e) => {
      if (!applyFormErrors(form, e, ["sampleSize", "sampledAt"])) setError(e);
    },
  });
  return (
    <Card title={t("quality.sampling.sample.title")} data-testid="sample-card">
      <Typography.Paragraph type="secondary">{t("quality.sampling.sample.intro")}</Typography.Paragraph>
      <QualityErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="sampleSize" label={t("quality.fields.sampleSize")} rules={[{ required: true, message: t("quality.sampling.sample.sizeRequired") }]}>
          <InputNumber min={1} max={s.batch.receivedQty || 1} precision={0} style={{ width: 120 }} data-testid="sample-size" />
        </Form.Item>
        <Form.Item name="sampledAt" label={t("quality.fields.sampledAt")} extra={t("quality.sampling.sample.nowHint")}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), "day")} data-testid="sample-at" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="sample-submit">
            {t("quality.sampling.sample.submit")}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function ReportCard({ s }: { s: Sampling }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const saved = useSaved();
  const { message } = App.useApp();
  const canUpload = s.status === "sampled" || (s.status === "passed" && !s.hasReport);
  const send = async (file: File) => {
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      saved(await upload<Sampling>(`${API}/samplings/${s.id}/report`, form));
      message.success(t("quality.sampling.report.uploaded"));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("quality.sampling.report.title")} style={{ height: "100%" }} data-testid="sampling-report" data-has-report={s.hasReport}>
      {s.hasReport ? (
        <Space orientation="vertical" size={4}>
          <Typography.Text>
            <FileProtectOutlined style={{ color: "#389e0d" }} /> {t("quality.sampling.report.attached", { name: s.reportName ?? "" })}
          </Typography.Text>
          <a href={buildUrl(`${API}/samplings/${s.id}/report`)} target="_blank" rel="noreferrer" data-testid="sampling-report-open">
            {t("quality.common.openReport")}
          </a>
        </Space>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {s.status === "planned" ? t("quality.sampling.report.needSample") : t("quality.sampling.report.missing")}
        </Typography.Paragraph>
      )}
      {canUpload ? (
        <ReportFileButton testId="sampling-report" busy={busy} label={s.hasReport ? t("quality.sampling.report.replace") : t("quality.sampling.report.upload")} hint={t("quality.sampling.report.hint")} onFile={(f) => void send(f)} />
      ) : s.hasReport && s.status !== "sampled" ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t("quality.sampling.report.locked")}
        </Typography.Paragraph>
      ) : null}
      <QualityErrorAlert error={error} style={{ marginTop: 12 }} />
    </Card>
  );
}

interface DecideValues { result: "passed" | "failed"; findings?: string; recall: boolean; reason?: string; instructions?: string }

/** P5: the result; a failure says what it will do before it is sent, and may open a recall at once. */
function DecideCard({ s, onDecided }: { s: Sampling; onDecided: (r: Sampling) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DecideValues>();
  const [error, setError] = useState<unknown>(null);
  const result = Form.useWatch("result", form);
  const withRecall = Form.useWatch("recall", form);
  const saved = useSaved();
  const { message, modal } = App.useApp();
  const decide = useMutation({
    mutationFn: (v: DecideValues) =>
      api<Sampling>(`${API}/samplings/${s.id}/decide`, {
        method: "POST",
        body: {
          result: v.result, findings: v.findings?.trim() || null,
          recall: v.result === "failed" && v.recall ? { reason: v.reason ?? "", instructions: v.instructions ?? "" } : null,
        },
      }),
    onSuccess: (r) => {
      saved(r);
      onDecided(r);
      message.success(t("quality.sampling.decide.done", { result: t(`quality.status.${r.status}`) }));
    },
    onError: (e) => {
      if (!applyFormErrors(form, e, ["findings"])) setError(e);
    },
  });
  const submit = (v: DecideValues) => {
    setError(null);
    if (v.result !== "failed") return decide.mutate(v);
    modal.confirm({
      title: t("quality.sampling.decide.confirmFail"),
      content: t("quality.sampling.decide.confirmFailText"),
      okText: t("quality.sampling.decide.submit"),
      okButtonProps: { danger: true, "data-testid": "decide-confirm" } as React.ComponentProps<typeof Button>,
      cancelText: t("common.cancel"),
      onOk: () => decide.mutateAsync(v).catch(() => undefined),
    });
  };
  const failing = result === "failed";
  return (
    <Card title={t("quality.sampling.decide.title")} data-testid="decide-card">
      <QualityErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<DecideValues>
        form={form}
        layout="vertical"
        initialValues={{ result: "passed", recall: true, reason: t("quality.sampling.decide.reasonDefault", { no: s.no }), instructions: t("quality.sampling.decide.instructionsDefault") }}
        onFinish={submit}
      >
        <Form.Item name="result" label={t("quality.fields.result")}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="decide-result">
            <Radio.Button value="passed">
              <span data-testid="decide-passed">{t("quality.sampling.decide.passed")}</span>
            </Radio.Button>
            <Radio.Button value="failed">
              <span data-testid="decide-failed">{t("quality.sampling.decide.failed")}</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="findings"
          label={t("quality.fields.findings")}
          rules={failing ? [{ required: true, whitespace: true, min: 2, message: t("quality.sampling.decide.findingsRequired") }] : []}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={failing ? t("quality.sampling.decide.findingsPlaceholderFailed") : t("quality.sampling.decide.findingsPlaceholderPassed")}
            data-testid="decide-findings"
          />
        </Form.Item>
        {failing ? (
          <>
            <Alert
              type="warning"
              showIcon
              title={t("quality.sampling.decide.failWarning", { title: s.product.title, batchNo: s.batch.batchNo, shop: s.merchant.name })}
              style={{ marginBottom: 16 }}
              data-testid="decide-warning"
            />
            {!s.hasReport ? <Alert type="error" showIcon title={t("quality.sampling.decide.reportNeeded")} style={{ marginBottom: 16 }} data-testid="decide-report-needed" /> : null}
            <Form.Item name="recall" valuePropName="checked">
              <Checkbox data-testid="decide-recall">{t("quality.sampling.decide.openRecall")}</Checkbox>
            </Form.Item>
            {withRecall ? (
              <div data-testid="decide-recall-form" style={{ paddingInlineStart: 24 }}>
                <Form.Item name="reason" label={t("quality.fields.reason")} rules={[{ required: true, whitespace: true, min: 2, message: t("quality.sampling.decide.reasonRequired") }]}>
                  <Input maxLength={500} data-testid="decide-recall-reason" />
                </Form.Item>
                <Form.Item name="instructions" label={t("quality.fields.instructions")} rules={[{ required: true, whitespace: true, min: 2, message: t("quality.sampling.decide.instructionsRequired") }]}>
                  <Input.TextArea rows={2} maxLength={1000} data-testid="decide-recall-instructions" />
                </Form.Item>
              </div>
            ) : null}
          </>
        ) : null}
        <Button type="primary" danger={failing} htmlType="submit" loading={decide.isPending} data-testid="decide-submit">
          {t("quality.sampling.decide.submit")}
        </Button>
      </Form>
    </Card>
  );
}

function OutcomeCard({ s, effects }: { s: Sampling; effects: Sampling["effects"] }) {
  const { t } = useTranslation();
  const [recalling, setRecalling] = useState(false);
  const failed = s.status === "failed";
  const openRecall = s.recalls.find((r) => r.status === "open");
  return (
    <Card title={t("quality.sampling.outcome.title")} data-testid="sampling-outcome" data-status={s.status}>
      <Alert
        type={failed ? "error" : "success"}
        showIcon
        title={failed ? t("quality.sampling.outcome.failedText") : t("quality.sampling.outcome.passedText")}
        description={s.findings ?? undefined}
        style={{ marginBottom: 16 }}
      />
      <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={{ label: { whiteSpace: "nowrap" } }}>
        <Descriptions.Item label={t("quality.fields.decided")}>{t("quality.common.by", { at: formatDateTime(s.decidedAt), who: s.decidedBy ?? "" })}</Descriptions.Item>
        <Descriptions.Item label={t("quality.sampling.outcome.product")}>
          <ProductStatusTag status={s.product.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t("quality.sampling.outcome.batch")}>
          <Flex gap={6} align="center" wrap>
            <span data-testid="outcome-batch">{t("quality.sampling.outcome.batchState", { onHand: s.batch.onHand, blocked: s.batch.blocked })}</span>
            <BlockedTag reason={s.batch.blockedReason} />
          </Flex>
        </Descriptions.Item>
        {effects ? (
          <Descriptions.Item label={t("quality.sampling.outcome.effectsLabel")}>
            <Flex vertical gap={2} data-testid="outcome-effects">
              <span>{t("quality.sampling.outcome.effects", { blocked: effects.blocked })}</span>
              {effects.heldForOrders ? <Typography.Text type="warning">{t("quality.sampling.outcome.held", { count: effects.heldForOrders })}</Typography.Text> : null}
            </Flex>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {failed ? (
        <div style={{ marginTop: 16 }} data-testid="outcome-recalls">
          <Typography.Text strong>{t("quality.sampling.outcome.recalls")}</Typography.Text>
          {s.recalls.length ? (
            <ul style={{ paddingInlineStart: 20, margin: "8px 0" }}>
              {s.recalls.map((r) => (
                <li key={r.id}>
                  <Space size={8} wrap>
                    <Link to={`${ROUTE}/recalls/${r.id}`} data-testid="outcome-recall-link">
                      {r.no}
                    </Link>
                    <RecallStatusTag status={r.status} />
                    <Typography.Text type="secondary">{`${t("quality.fields.buyers")} ${r.buyersNotified} · ${t("quality.fields.units")} ${r.unitsShipped}`}</Typography.Text>
                  </Space>
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Paragraph type="secondary" style={{ margin: "8px 0" }}>
              {t("quality.sampling.outcome.noRecall")}
            </Typography.Paragraph>
          )}
          {!openRecall ? (
            <Button danger onClick={() => setRecalling(true)} data-testid="outcome-open-recall">
              {t("quality.sampling.outcome.openRecall")}
            </Button>
          ) : null}
          <OpenRecallModal
            open={recalling}
            onClose={() => setRecalling(false)}
            batch={s.batch}
            samplingId={s.id}
            defaults={{ reason: (s.findings ? t("quality.sampling.decide.reasonWithFindings", { no: s.no, findings: s.findings }) : t("quality.sampling.decide.reasonDefault", { no: s.no })).slice(0, 500) }}
          />
        </div>
      ) : null}
    </Card>
  );
}

const stepOf: Record<SamplingStatus, number> = { planned: 0, sampled: 1, passed: 2, failed: 2 };

/** P5: one sampling through its steps: sample, report, result, and what the result did. */
export function SamplingDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const query = useSampling(id);
  const [effects, setEffects] = useState<Sampling["effects"]>(null);
  const s = query.data;
  if (!s) return <DetailPending query={query} back={ROUTE} testId="sampling-detail" />;
  const decided = s.status === "passed" || s.status === "failed";
  return (
    <div data-testid="sampling-detail" data-status={s.status}>
      <BackLink to={ROUTE} />
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <span data-testid="sampling-no">{s.no}</span>
            <SamplingStatusTag status={s.status} />
          </Flex>
        }
      />
      <Steps
        current={stepOf[s.status]}
        status={s.status === "failed" ? "error" : decided ? "finish" : "process"}
        items={[
          { title: t("quality.sampling.steps.planned"), content: formatDate(s.plannedOn) },
          { title: t("quality.sampling.steps.sampled"), content: s.sampledAt ? formatDateTime(s.sampledAt) : undefined },
          { title: decided ? t(`quality.status.${s.status}`) : t("quality.sampling.steps.decided"), content: s.decidedAt ? formatDateTime(s.decidedAt) : undefined },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t("quality.sampling.facts")} style={{ height: "100%" }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={{ label: { whiteSpace: "nowrap" } }} data-testid="sampling-facts">
              <Descriptions.Item label={t("quality.fields.product")}>
                <Flex gap={6} align="center" wrap>
                  {s.product.title} <ProductStatusTag status={s.product.status} />
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.shop")}>{s.merchant.name}</Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.batch")}>
                <Link to={`${ROUTE}/trace/${s.batch.id}`} data-testid="sampling-batch-link">{s.batch.batchNo}</Link>
                <span style={{ marginInlineStart: 6 }}>{`· ${s.batch.skuCode} · ${s.batch.warehouse.code}`}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.expiryDate")}>{`${formatDate(s.batch.productionDate)} → ${formatDate(s.batch.expiryDate)}`}</Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.plan")} span={2}>
                <span style={{ whiteSpace: "pre-wrap" }}>{s.plan}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.standard")}>{s.standard ?? t("quality.common.none")}</Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.sampleSize")}>
                {s.sampleSize ? t("quality.common.units", { count: s.sampleSize }) : t("quality.common.none")}
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.created")}>{t("quality.common.by", { at: formatDateTime(s.createdAt), who: s.createdBy })}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <ReportCard s={s} />
        </Col>
        <Col span={24}>
          {s.status === "planned" ? <SampleCard s={s} /> : null}
          {s.status === "sampled" ? <DecideCard s={s} onDecided={(r) => setEffects(r.effects ?? null)} /> : null}
          {decided ? <OutcomeCard s={s} effects={effects} /> : null}
        </Col>
      </Row>
    </div>
  );
}

