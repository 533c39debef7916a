import { useEffect, useState } from "react";
import { App, Breadcrumb, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Row, Skeleton, Statistic, Table, Tag, Typography } from "antd";
import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api, isApiError } from "../../api";
import { formatDate, formatDateTime, formatFen } from "../../components/format";
import { PageHeader } from "../../components/PageHeader";
import {
  carriersKey, LogisticsErrorAlert, logisticsErrorText, percent, priceText, ProvinceSelect, ScoreTag, stateColor, useProvinceNames, YuanInput,
  type Agreement, type AgreementTerms, type CarrierDetail,
} from "./kit";
import { CarrierModal, ROUTE } from "./LogisticsSection";
import { RateChart } from "./RateChart";

/** L1: one carrier: its evaluation, the monthly chart, and its agreements. */
export function CarrierDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Agreement | null>(null);
  const query = { from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") };
  const detail = useQuery({ queryKey: [...carriersKey, id, query], queryFn: () => api<CarrierDetail>(`/admin/carriers/${id}`, { query }) });
  const c = detail.data;
  const crumbs = (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[{ title: <Link to={ROUTE} data-testid="back-to-carriers">{t("logistics.carriers.title")}</Link> }, { title: c?.name ?? "…" }]}
    />
  );
  if (detail.isPending) return <>{crumbs}<Skeleton active /></>;
  if (!c) return <>{crumbs}<LogisticsErrorAlert error={detail.error} /></>;
  const e = c.evaluation;
  return (
    <div data-testid="carrier-detail" data-code={c.code}>
      {crumbs}
      <PageHeader
        title={
          <Flex align="center" gap={10}>
            <span data-testid="carrier-title">{c.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400 }}>{c.nameEn}</Typography.Text>
            <Tag color={c.active ? "green" : "default"}>{c.active ? t("logistics.carriers.active") : t("logistics.carriers.inactive")}</Tag>
          </Flex>
        }
      >
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="carrier-edit">
          {t("logistics.carrierForm.edit")}
        </Button>
      </PageHeader>
      <LogisticsErrorAlert error={detail.error} style={{ marginBottom: 12 }} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: "code", label: t("logistics.carrierForm.code"), children: <code>{c.code}</code> },
            { key: "pattern", label: t("logistics.carrierForm.pattern"), children: <code>{c.trackingPattern}</code> },
            { key: "example", label: t("logistics.carrierForm.example"), children: <code>{c.trackingExample}</code> },
            { key: "tracking", label: t("logistics.carrierForm.tracking"), children: t(`logistics.tracking.${c.tracking}`) },
            ...(c.contact ? [{ key: "contact", label: t("logistics.carrierForm.contact"), children: c.contact }] : []),
          ]}
        />
      </Card>

      <Card
        title={t("logistics.eval.title")}
        extra={<DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} data-testid="eval-period" />}
        style={{ marginBottom: 16 }}
        data-testid="carrier-evaluation"
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t("logistics.eval.period", { from: c.from, to: c.to })}
        </Typography.Paragraph>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6} xl={3}><Statistic title={t("logistics.eval.shipments")} value={e.shipments} /></Col>
          <Col xs={12} md={6} xl={3}><Statistic title={t("logistics.eval.delivered")} value={e.delivered} /></Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic title={t("logistics.eval.onTimeRate")} value={percent(e.onTimeRate)} styles={{ content: { color: "#1677ff" } }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="detail-on-time">{t("logistics.eval.onTimeOf", { onTime: e.onTime, promised: e.promised })}</Typography.Text>
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Statistic title={t("logistics.eval.lossRate")} value={percent(e.lossRate)} styles={{ content: { color: e.lost ? "#cf1322" : undefined } }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("logistics.eval.count", { count: e.lost })}</Typography.Text>
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Statistic title={t("logistics.eval.damageRate")} value={percent(e.damageRate)} styles={{ content: { color: e.damaged ? "#d48806" : undefined } }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("logistics.eval.count", { count: e.damaged })}</Typography.Text>
          </Col>
          <Col xs={12} md={6} xl={3}><Statistic title={t("logistics.eval.complaints")} value={e.complaints} /></Col>
          <Col xs={12} md={6} xl={5}>
            <div style={{ color: "rgba(0,0,0,0.45)", marginBottom: 4 }}>{t("logistics.eval.score")}</div>
            <div style={{ fontSize: 24 }} data-testid="detail-score"><ScoreTag score={e.score} /></div>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 16, fontSize: 12 }}>{t("logistics.eval.formula")}</Typography.Paragraph>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{t("logistics.chart.title")}</Typography.Title>
        {c.monthly.some((m) => m.shipments) ? <RateChart months={c.monthly} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("logistics.chart.empty")} data-testid="chart-empty" />}
      </Card>

      <Card
        title={t("logistics.agreements.title")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="agreement-new">
            {t("logistics.agreements.add")}
          </Button>
        }
      >
        <AgreementTable agreements={c.agreements} onEnd={setEnding} onAdd={() => setAdding(true)} />
      </Card>
      <CarrierModal carrier={editing ? c : null} onClose={() => setEditing(false)} />
      <AgreementModal carrierId={c.id} carrierName={c.name} open={adding} onClose={() => setAdding(false)} />
      <EndAgreementModal agreement={ending} onClose={() => setEnding(null)} />
    </div>
  );
}

function AgreementTable({ agreements, onEnd, onAdd }: { agreements: Agreement[]; onEnd: (a: Agreement) => void; onAdd: () => void }) {
  const { t } = useTranslation();
  const names = useProvinceNames();
  const levels = (terms: AgreementTerms) =>
    terms.serviceLevels.map((l, i) => (
      <div key={i}>
        {l.provinces.length ? names(l.provinces) : t("logistics.common.elsewhere")}
        {t("common.labelColon", { label: "" })}
        <b>{t("logistics.common.hours", { count: l.hours })}</b>
      </div>
    ));
  return (
    <Table<Agreement>
      rowKey="id"
      dataSource={agreements}
      pagination={false}
      scroll={{ x: 1380 }}
      data-testid="agreement-table"
      onRow={(a) => ({ "data-testid": `agreement-row-${a.no}`, "data-state": a.state }) as React.HTMLAttributes<HTMLElement>}
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("logistics.agreements.empty")} data-testid="agreements-empty">
            <Button type="primary" icon={<PlusOutlined />} onClick={onAdd}>{t("logistics.agreements.addFirst")}</Button>
          </Empty>
        ),
      }}
      columns={[
        {
          title: t("logistics.agreements.no"),
          key: "no",
          width: 170,
          render: (_, a) => (
            <div>
              <div style={{ fontFamily: "monospace" }} data-testid="agreement-no">{a.no}</div>
              <Tag color={stateColor[a.state]} data-testid="agreement-state">{t(`logistics.agreements.state.${a.state}`)}</Tag>
            </div>
          ),
        },
        { title: t("logistics.agreements.period"), key: "period", width: 190, render: (_, a) => `${formatDate(a.validFrom)} – ${formatDate(a.validUntil)}` },
        { title: t("logistics.agreements.levels"), key: "levels", width: 260, render: (_, a) => <div style={{ minWidth: 200 }} data-testid="agreement-levels">{levels(a.terms)}</div> },
        { title: t("logistics.agreements.price"), key: "price", width: 220, render: (_, a) => <span data-testid="agreement-price">{priceText(a.terms.price)}</span> },
        { title: t("logistics.agreements.coverage"), key: "coverage", width: 160, render: (_, a) => (a.terms.coverage.length ? names(a.terms.coverage) : t("logistics.common.nationwide")) },
        { title: t("logistics.agreements.claimLimit"), key: "claim", width: 110, align: "right", render: (_, a) => formatFen(a.terms.claimLimitFen) },
        {
          title: t("logistics.agreements.recorded"),
          key: "by",
          width: 180,
          render: (_, a) => (
            <div>
              <div style={{ fontSize: 12 }}>{a.createdBy}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(a.createdAt)}</Typography.Text>
              {a.note ? <div style={{ fontSize: 12, whiteSpace: "pre-line" }}>{a.note}</div> : null}
            </div>
          ),
        },
        {
          title: "",
          key: "actions",
          width: 90,
          fixed: "right",
          render: (_, a) =>
            a.status === "active" && a.state !== "expired" ? (
              <Button size="small" danger icon={<DeleteOutlined />} onClick={() => onEnd(a)} data-testid="agreement-end">
                {t("logistics.agreements.end")}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

interface AgreementValues {
  period: [Dayjs, Dayjs];
  levels: { provinces?: string[]; hours: number }[];
  coverage?: string[];
  firstGrams: number;
  firstFen: number;
  extraGrams: number;
  extraFen: number;
  claimLimitFen: number;
  note?: string;
}

// The server names a field by its place in the terms ("terms.serviceLevels.0.hours"); the form by its own.
function formField(path: string): (string | number)[] | null {
  const p = path.split(".");
  if (p[0] === "validFrom" || p[0] === "validUntil") return ["period"];
  if (p[0] !== "terms") return null;
  if (p[1] === "serviceLevels") return p.length >= 4 ? ["levels", Number(p[2]), p[3]!] : null;
  if (p[1] === "price") return p[2] ? [p[2]] : null;
  if (p[1] === "coverage") return ["coverage"];
  if (p[1] === "claimLimitFen") return ["claimLimitFen"];
  return null;
}

function AgreementModal({ carrierId, carrierName, open, onClose }: { carrierId: string; carrierName: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AgreementValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Each opening starts from the defaults, not from what the last agreement left behind.
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);
  const submit = async (v: AgreementValues) => {
    setSaving(true);
    setError(null);
    try {
      const body = {
        validFrom: v.period[0].format("YYYY-MM-DD"),
        validUntil: v.period[1].format("YYYY-MM-DD"),
        note: v.note?.trim() || null,
        terms: {
          serviceLevels: v.levels.map((l) => ({ provinces: l.provinces ?? [], hours: l.hours })),
          price: { firstGrams: v.firstGrams, firstFen: v.firstFen, extraGrams: v.extraGrams, extraFen: v.extraFen },
          coverage: v.coverage ?? [],
          claimLimitFen: v.claimLimitFen,
        },
      };
      const a = await api<Agreement>(`/admin/carriers/${carrierId}/agreements`, { method: "POST", body });
      await queryClient.invalidateQueries({ queryKey: carriersKey });
      message.success(t("logistics.agreements.created", { no: a.no }));
      onClose();
    } catch (e) {
      const field = isApiError(e) ? (e.details as { field?: unknown } | undefined)?.field : undefined;
      const name = typeof field === "string" ? formField(field) : null;
      if (name) form.setFields([{ name: name as never, errors: [logisticsErrorText(e)] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };
  const today = dayjs();
  return (
    <Modal
      open={open}
      title={t("logistics.agreementForm.title", { name: carrierName })}
      okText={t("logistics.agreementForm.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "agreement-save" } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={760}
    >
      <LogisticsErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<AgreementValues>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => void submit(v)}
        data-testid="agreement-form"
        initialValues={{
          period: [today, today.add(1, "year").subtract(1, "day")],
          levels: [{ provinces: [], hours: 72 }],
          firstGrams: 1000, firstFen: 800, extraGrams: 1000, extraFen: 400, claimLimitFen: 30000,
        }}
      >
        <Form.Item name="period" label={t("logistics.agreementForm.period")} rules={[{ required: true, message: t("logistics.agreementForm.periodRequired") }]}>
          <DatePicker.RangePicker style={{ width: 320 }} data-testid="agreement-period" />
        </Form.Item>
        <Typography.Text strong>{t("logistics.agreementForm.levels")}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t("logistics.agreementForm.levelsHint")}</Typography.Paragraph>
        <Form.List name="levels">
          {(fields, { add, remove }) => (
            <div data-testid="agreement-levels-form">
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item name={[f.name, "provinces"]} style={{ flex: 1, marginBottom: 8 }}>
                    <ProvinceSelect placeholder={t("logistics.common.elsewhere")} testId={`level-provinces-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, "hours"]} style={{ width: 150, marginBottom: 8 }} rules={[{ required: true, message: t("logistics.agreementForm.hoursRequired") }]}>
                    <InputNumber<number> min={1} max={720} precision={0} suffix={t("logistics.common.hourUnit")} style={{ width: "100%" }} data-testid={`level-hours-${i}`} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(f.name)} aria-label={t("logistics.agreementForm.removeLevel")} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ provinces: [], hours: 48 }, 0)} style={{ marginBottom: 16 }} data-testid="level-add">
                {t("logistics.agreementForm.addLevel")}
              </Button>
            </div>
          )}
        </Form.List>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="firstGrams" label={t("logistics.common.firstGrams")} rules={[{ required: true }]}>
              <InputNumber<number> min={0} precision={0} suffix="g" style={{ width: "100%" }} data-testid="price-first-grams" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="firstFen" label={t("logistics.common.firstFee")} rules={[{ required: true }]}>
              <YuanInput data-testid="price-first-fen" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="extraGrams" label={t("logistics.common.extraGrams")} rules={[{ required: true }]}>
              <InputNumber<number> min={0} precision={0} suffix="g" style={{ width: "100%" }} data-testid="price-extra-grams" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="extraFen" label={t("logistics.common.extraFee")} rules={[{ required: true }]}>
              <YuanInput data-testid="price-extra-fen" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="coverage" label={t("logistics.agreementForm.coverage")} extra={t("logistics.agreementForm.coverageHint")}>
              <ProvinceSelect placeholder={t("logistics.common.nationwide")} testId="agreement-coverage" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="claimLimitFen" label={t("logistics.agreementForm.claimLimit")} extra={t("logistics.agreementForm.claimLimitHint")} rules={[{ required: true }]}>
              <YuanInput data-testid="agreement-claim-limit" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t("logistics.agreementForm.note")}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="agreement-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndAgreementModal({ agreement, onClose }: { agreement: Agreement | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (agreement) {
      form.resetFields();
      setError(null);
    }
  }, [agreement, form]);
  const submit = async ({ reason }: { reason: string }) => {
    if (!agreement) return;
    setSaving(true);
    setError(null);
    try {
      await api(`/admin/carrier-agreements/${agreement.id}/end`, { method: "POST", body: { reason } });
      await queryClient.invalidateQueries({ queryKey: carriersKey });
      message.success(t("logistics.agreements.ended", { no: agreement.no }));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={agreement !== null}
      title={t("logistics.agreements.endTitle", { no: agreement?.no ?? "" })}
      okText={t("logistics.agreements.end")}
      okButtonProps={{ danger: true, loading: saving, "data-testid": "agreement-end-confirm" } as never}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("logistics.agreements.endIntro")}</Typography.Paragraph>
      <LogisticsErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t("logistics.agreements.reason")} rules={[{ required: true, whitespace: true, min: 2, message: t("logistics.agreements.reasonRequired") }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} data-testid="agreement-end-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
