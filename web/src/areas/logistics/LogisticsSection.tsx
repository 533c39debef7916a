import { useEffect, useState } from "react";
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes, useNavigate } from "react-router-dom";
import { api, isApiError } from "../../api";
import { applyFormErrors } from "../../components/errors";
import { formatDate } from "../../components/format";
import { NotFound } from "../../components/Forbidden";
import { PageHeader } from "../../components/PageHeader";
import { CarrierDetailPage } from "./CarrierDetail";
import { carriersKey, LogisticsErrorAlert, logisticsErrorText, percent, ScoreTag, type Carrier, type CarrierList } from "./kit";

export const ROUTE = "/admin/logistics";

/** Carriers, their agreements and evaluation (L1), at /admin/logistics/*. */
export function LogisticsSection(_props: Record<string, never>) {
  return (
    <Routes>
      <Route index element={<CarrierListPage />} />
      <Route path="carriers/:id" element={<CarrierDetailPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

const Rate = ({ value, bad, testId }: { value: number | null; bad?: boolean; testId: string }) => (
  <Typography.Text type={value === null ? "secondary" : bad && value > 0 ? "danger" : undefined} style={{ fontVariantNumeric: "tabular-nums" }} data-testid={testId} data-value={value ?? ""}>
    {percent(value)}
  </Typography.Text>
);

function CarrierListPage() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Carrier | "new" | null>(null);
  const list = useQuery({ queryKey: carriersKey, queryFn: () => api<CarrierList>("/admin/carriers") });
  const rows = list.data?.items ?? [];
  return (
    <div data-testid="carriers-page">
      <PageHeader title={t("logistics.carriers.title")}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="carrier-new">
          {t("logistics.carriers.add")}
        </Button>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="carriers-period">
        {list.data ? t("logistics.carriers.intro", { from: list.data.from, to: list.data.to, days: list.data.days }) : t("logistics.carriers.introLoading")}
      </Typography.Paragraph>
      <Card>
        <LogisticsErrorAlert error={list.error} style={{ marginBottom: 12 }} />
        <Table<Carrier>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1040 }}
          data-testid="carrier-table"
          onRow={(c) => ({ "data-testid": `carrier-row-${c.code}`, "data-active": c.active }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: list.isPending ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("logistics.carriers.empty")} data-testid="carriers-empty" /> }}
          columns={[
            {
              title: t("logistics.carriers.carrier"),
              key: "name",
              fixed: "left",
              width: 180,
              render: (_, c) => (
                <div>
                  <Link to={`${ROUTE}/carriers/${c.id}`} style={{ fontWeight: 600 }} data-testid="carrier-link">
                    {c.name}
                  </Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.nameEn} · <code>{c.code}</code>
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            {
              title: t("logistics.carriers.agreement"),
              key: "agreement",
              width: 170,
              render: (_, c) =>
                c.agreement ? (
                  <div data-testid="carrier-agreement">
                    <div style={{ fontFamily: "monospace" }}>{c.agreement.no}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("logistics.carriers.until", { date: formatDate(c.agreement.validUntil) })}
                    </Typography.Text>
                  </div>
                ) : (
                  <Tag data-testid="carrier-agreement">{t("logistics.carriers.noAgreement")}</Tag>
                ),
            },
            { title: t("logistics.eval.shipments"), key: "shipments", width: 80, align: "right", render: (_, c) => <span data-testid="eval-shipments">{c.evaluation.shipments}</span> },
            { title: t("logistics.eval.delivered"), key: "delivered", width: 80, align: "right", render: (_, c) => c.evaluation.delivered },
            { title: t("logistics.eval.onTimeRate"), key: "onTime", width: 100, align: "right", render: (_, c) => <Rate value={c.evaluation.onTimeRate} testId="eval-on-time" /> },
            { title: t("logistics.eval.lossRate"), key: "loss", width: 90, align: "right", render: (_, c) => <Rate value={c.evaluation.lossRate} bad testId="eval-loss" /> },
            { title: t("logistics.eval.damageRate"), key: "damage", width: 90, align: "right", render: (_, c) => <Rate value={c.evaluation.damageRate} bad testId="eval-damage" /> },
            { title: t("logistics.eval.complaints"), key: "complaints", width: 70, align: "right", render: (_, c) => <span data-testid="eval-complaints">{c.evaluation.complaints}</span> },
            { title: t("logistics.eval.score"), key: "score", width: 90, align: "right", render: (_, c) => <ScoreTag score={c.evaluation.score} /> },
            {
              title: t("logistics.carriers.status"),
              key: "active",
              width: 90,
              render: (_, c) => <Tag color={c.active ? "green" : "default"}>{c.active ? t("logistics.carriers.active") : t("logistics.carriers.inactive")}</Tag>,
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }} data-testid="score-formula">
          {t("logistics.eval.formula")}
        </Typography.Paragraph>
      </Card>
      <CarrierModal carrier={editing} onClose={() => setEditing(null)} />
    </div>
  );
}

interface CarrierValues {
  code: string;
  name: string;
  nameEn: string;
  trackingPattern: string;
  trackingExample: string;
  tracking: "aggregator" | "manual";
  contact?: string;
  active: boolean;
}

const FIELDS = ["code", "name", "nameEn", "trackingPattern", "trackingExample", "tracking", "contact", "active"];

/** Adds a carrier, or changes one (`carrier` given). */
export function CarrierModal({ carrier, onClose }: { carrier: Carrier | "new" | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CarrierValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const existing = carrier && carrier !== "new" ? carrier : null;
  useEffect(() => {
    if (carrier !== null) {
      form.resetFields();
      setError(null);
    }
  }, [carrier, form]);
  const submit = async (v: CarrierValues) => {
    setSaving(true);
    setError(null);
    try {
      const body = { ...v, contact: v.contact?.trim() || null };
      const saved = existing
        ? await api<Carrier>(`/admin/carriers/${existing.id}`, { method: "PATCH", body })
        : await api<Carrier>("/admin/carriers", { method: "POST", body });
      await queryClient.invalidateQueries({ queryKey: carriersKey });
      message.success(t(existing ? "logistics.carrierForm.saved" : "logistics.carrierForm.created", { name: saved.name }));
      onClose();
      if (!existing) navigate(`${ROUTE}/carriers/${saved.id}`);
    } catch (e) {
      const field = isApiError(e) ? (e.details as { field?: unknown } | undefined)?.field : undefined;
      if (typeof field === "string" && FIELDS.includes(field)) form.setFields([{ name: field as keyof CarrierValues, errors: [logisticsErrorText(e)] }]);
      else if (!applyFormErrors(form, e, FIELDS)) setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={carrier !== null}
      title={existing ? t("logistics.carrierForm.editTitle", { name: existing.name }) : t("logistics.carrierForm.newTitle")}
      okText={existing ? t("common.save") : t("common.create")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "carrier-save" } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <LogisticsErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<CarrierValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        preserve={false}
        initialValues={existing ? { ...existing, contact: existing.contact ?? "" } : { tracking: "aggregator", active: true }}
        data-testid="carrier-form"
      >
        <Space size={12} style={{ display: "flex" }} align="start">
          <Form.Item name="name" label={t("logistics.carrierForm.name")} rules={[{ required: true, whitespace: true, message: t("logistics.carrierForm.nameRequired") }]} style={{ flex: 1 }}>
            <Input maxLength={60} data-testid="carrier-name" />
          </Form.Item>
          <Form.Item name="nameEn" label={t("logistics.carrierForm.nameEn")} rules={[{ required: true, whitespace: true, message: t("logistics.carrierForm.nameRequired") }]} style={{ flex: 1 }}>
            <Input maxLength={60} data-testid="carrier-name-en" />
          </Form.Item>
        </Space>
        <Form.Item name="code" label={t("logistics.carrierForm.code")} extra={t("logistics.carrierForm.codeHint")} rules={[{ required: true, message: t("logistics.carrierForm.codeRequired") }]}>
          <Input maxLength={32} style={{ fontFamily: "monospace" }} data-testid="carrier-code" />
        </Form.Item>
        <Form.Item name="trackingPattern" label={t("logistics.carrierForm.pattern")} extra={t("logistics.carrierForm.patternHint")} rules={[{ required: true, message: t("logistics.carrierForm.patternRequired") }]}>
          <Input maxLength={200} style={{ fontFamily: "monospace" }} data-testid="carrier-pattern" />
        </Form.Item>
        <Form.Item name="trackingExample" label={t("logistics.carrierForm.example")} rules={[{ required: true, message: t("logistics.carrierForm.exampleRequired") }]}>
          <Input maxLength={40} style={{ fontFamily: "monospace" }} data-testid="carrier-example" />
        </Form.Item>
        <Space size={12} style={{ display: "flex" }} align="start">
          <Form.Item name="tracking" label={t("logistics.carrierForm.tracking")} style={{ width: 220 }}>
            <Select
              options={(["aggregator", "manual"] as const).map((k) => ({ value: k, label: t(`logistics.tracking.${k}`) }))}
              data-testid="carrier-tracking"
            />
          </Form.Item>
          <Form.Item name="active" label={t("logistics.carrierForm.active")} valuePropName="checked">
            <Switch data-testid="carrier-active" />
          </Form.Item>
        </Space>
        <Form.Item name="contact" label={t("logistics.carrierForm.contact")}>
          <Input maxLength={200} data-testid="carrier-contact" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
