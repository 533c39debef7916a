import { useState } from "react";
import { Alert, Button, Divider, Flex, Form, Input, Modal, Select, Switch, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import type { Application, ApplicationProblem } from "../../../api";
import { applyFormErrors, ErrorAlert } from "../../../components/errors";
import { docKindName, ENTITY_FIELDS, fieldLabel } from "../../../components/onboarding";

interface RejectForm {
  docs?: Record<string, { flag?: boolean; reason?: string }>;
  general?: { field?: string; reason?: string }[];
}

const REASON_MIN = 2;
const REASON_MAX = 500;

/** Sends an application back with a reason per problem: per document, and general ones (M2). */
export function RejectModal({ app, open, onClose, onDone }: { app: Application; open: boolean; onClose: () => void; onDone: (app: Application) => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t("review.reject.title", { name: app.name ?? "" })} onCancel={onClose} footer={null} width={720} destroyOnHidden mask={{ closable: false }}>
      {open ? <RejectForm app={app} onClose={onClose} onDone={onDone} /> : null}
    </Modal>
  );
}

function RejectForm({ app, onClose, onDone }: { app: Application; onClose: () => void; onDone: (app: Application) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RejectForm>();
  const [error, setError] = useState<unknown>(null);
  const [needOne, setNeedOne] = useState(false);
  const [saving, setSaving] = useState(false);
  const active = app.documents.filter((d) => !d.replaced);
  const reasonRules = [
    { required: true, whitespace: true, message: t("review.reject.reasonRequired") },
    { min: REASON_MIN, message: t("review.reject.reasonTooShort", { min: REASON_MIN }) },
    { max: REASON_MAX, message: t("applicant.entity.tooLong", { max: REASON_MAX }) },
  ];

  const onFinish = async (v: RejectForm) => {
    const problems: ApplicationProblem[] = [];
    for (const d of active) {
      const entry = v.docs?.[d.id];
      if (entry?.flag && entry.reason?.trim()) problems.push({ documentId: d.id, reason: entry.reason.trim() });
    }
    for (const g of v.general ?? []) {
      if (g.reason?.trim()) problems.push({ ...(g.field ? { field: g.field } : {}), reason: g.reason.trim() });
    }
    setNeedOne(problems.length === 0);
    if (problems.length === 0) return;
    setError(null);
    setSaving(true);
    try {
      onDone(await api<Application>(`/admin/applications/${encodeURIComponent(app.id)}/reject`, { method: "POST", body: { problems } }));
    } catch (e) {
      if (!applyFormErrors(form, e, [])) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="reject-form">
      <Typography.Paragraph type="secondary">{t("review.reject.intro")}</Typography.Paragraph>
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      {needOne ? <Alert type="error" showIcon title={t("review.reject.needOne")} style={{ marginBottom: 16 }} data-testid="reject-need-one" /> : null}
      <Form<RejectForm> form={form} layout="vertical" onFinish={onFinish} disabled={saving} requiredMark={false}>
        <Typography.Title level={5}>{t("review.reject.documents")}</Typography.Title>
        {active.length === 0 ? <Typography.Text type="secondary">{t("review.noDocuments")}</Typography.Text> : null}
        {active.map((d) => (
          <div key={d.id} style={{ borderBottom: "1px solid #f0f0f0", padding: "8px 0" }} data-testid={`reject-doc-${d.kind}`}>
            <Flex justify="space-between" align="center" gap={12}>
              <div>
                <Typography.Text strong>{docKindName(d.kind)}</Typography.Text>{" "}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.number} · {d.fileName}
                </Typography.Text>
              </div>
              <Flex align="center" gap={8}>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t("review.reject.hasProblem")}
                </Typography.Text>
                <Form.Item name={["docs", d.id, "flag"]} valuePropName="checked" noStyle>
                  <Switch size="small" data-testid={`flag-${d.kind}`} />
                </Form.Item>
              </Flex>
            </Flex>
            <Form.Item noStyle shouldUpdate={(a, b) => a.docs?.[d.id]?.flag !== b.docs?.[d.id]?.flag}>
              {({ getFieldValue }) =>
                getFieldValue(["docs", d.id, "flag"]) ? (
                  <Form.Item name={["docs", d.id, "reason"]} rules={reasonRules} style={{ margin: "8px 0 0" }}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={REASON_MAX} placeholder={t("review.reject.docReasonPlaceholder")} data-testid={`reason-${d.kind}`} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
          </div>
        ))}
        <Divider titlePlacement="start" plain style={{ marginTop: 20 }}>
          {t("review.reject.general")}
        </Divider>
        <Form.List name="general">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start" data-testid={`general-reason-${i}`}>
                  <Form.Item name={[f.name, "field"]} style={{ width: 200, marginBottom: 12 }}>
                    <Select allowClear placeholder={t("review.reject.fieldPlaceholder")} options={ENTITY_FIELDS.map((x) => ({ value: x, label: fieldLabel(x) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, "reason"]} rules={reasonRules} style={{ flex: 1, marginBottom: 12 }}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={REASON_MAX} placeholder={t("review.reject.generalPlaceholder")} data-testid={`general-reason-input-${i}`} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t("review.reject.removeReason")} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="add-general-reason">
                {t("review.reject.addReason")}
              </Button>
            </>
          )}
        </Form.List>
        <Flex justify="flex-end" gap={8} style={{ marginTop: 24 }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" danger htmlType="submit" loading={saving} data-testid="reject-submit">
            {t("review.reject.submit")}
          </Button>
        </Flex>
      </Form>
    </div>
  );
}
