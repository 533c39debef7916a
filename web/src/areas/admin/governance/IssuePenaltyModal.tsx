import { useState } from "react";
import { App, Button, Col, DatePicker, Flex, Form, Input, Modal, Radio, Row, Select, Space, Typography } from "antd";
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { api, isApiError, validationIssues } from "../../../api";
import { useMerchants } from "../queries";
import { GovErrorAlert, govErrorText, PenaltyKindTag, penaltyEffect, penaltyKindName } from "./labels";
import { useRefreshGovernance } from "./queries";
import { PENALTY_KINDS } from "./types";
import type { Penalty, PenaltyKind } from "../../../types/governance";

// The server's limits (POST /admin/merchants/:id/penalties), checked here first.
const REASON = { min: 4, max: 500 };
const EVIDENCE = { min: 4, max: 4000 };
const QUICK_DAYS = [7, 15, 30];
const needsEnd = (kind: PenaltyKind | undefined) => kind === "listing_restriction" || kind === "suspension";

interface IssueForm {
  merchantId: string;
  kind: PenaltyKind;
  reason: string;
  evidence: string;
  startsAt: Dayjs;
  endsAt?: Dayjs | null;
}

const FIELDS = ["merchantId", "kind", "reason", "evidence", "startsAt", "endsAt"];

/**
 * Issues a warning, listing restriction, suspension or closure (M6). With `merchant`
 * the penalty is for that merchant; without, a picker chooses one.
 */
export function IssuePenaltyModal({ open, merchant, onClose, onIssued }: { open: boolean; merchant?: { id: string; name: string }; onClose: () => void; onIssued?: (p: Penalty) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useRefreshGovernance();
  const merchants = useMerchants();
  const [form] = Form.useForm<IssueForm>();
  const kind = Form.useWatch("kind", form);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const merchantName = (id: string) => merchant?.name ?? merchants.data?.items.find((m) => m.id === id)?.name ?? "";

  const send = async (v: IssueForm) => {
    setError(null);
    setSaving(true);
    try {
      const p = await api<Penalty>(`/admin/merchants/${encodeURIComponent(v.merchantId)}/penalties`, {
        method: "POST",
        body: { kind: v.kind, reason: v.reason.trim(), evidence: v.evidence.trim(), startsAt: v.startsAt.toISOString(), ...(needsEnd(v.kind) && v.endsAt ? { endsAt: v.endsAt.toISOString() } : {}) },
      });
      message.success(t("consoleGov.issue.issued"));
      await refresh();
      form.resetFields();
      onClose();
      onIssued?.(p);
    } catch (e) {
      // Errors about one field (PENALTY_END_REQUIRED …) go to it; validation issues to theirs.
      const field = isApiError(e) ? (e.details as { field?: unknown } | undefined)?.field : undefined;
      const issues = validationIssues(e).filter((i) => i.path[0] && FIELDS.includes(i.path[0]));
      if (typeof field === "string" && FIELDS.includes(field)) form.setFields([{ name: field as keyof IssueForm, errors: [govErrorText(e)] }]);
      else if (issues.length) form.setFields(issues.map((i) => ({ name: i.path[0] as keyof IssueForm, errors: [i.message || govErrorText(e)] })));
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    const id = merchant?.id ?? v.merchantId;
    modal.confirm({
      title: t("consoleGov.issue.confirmTitle", { merchant: merchantName(id), kind: penaltyKindName(v.kind) }),
      content: t("consoleGov.issue.confirmText", { effect: penaltyEffect(v.kind) }),
      okText: t("consoleGov.issue.submit"),
      okButtonProps: { danger: v.kind !== "warning", "data-testid": "issue-confirm" } as React.ComponentProps<typeof Button>,
      cancelText: t("common.cancel"),
      onOk: () => send({ ...v, merchantId: id }),
    });
  };

  const setEnd = (days: number) => {
    const start = (form.getFieldValue("startsAt") as Dayjs | undefined) ?? dayjs();
    form.setFieldValue("endsAt", start.add(days, "day"));
    void form.validateFields(["endsAt"]).catch(() => undefined);
  };

  const text = (min: number, max: number, required: string) => [
    { required: true, whitespace: true, message: required },
    { min, transform: (x: string) => x?.trim(), message: t("consoleGov.issue.min", { min }) },
    { max, message: t("consoleGov.issue.max", { max }) },
  ];

  return (
    <Modal
      open={open}
      title={merchant ? t("consoleGov.issue.titleFor", { merchant: merchant.name }) : t("consoleGov.issue.title")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("consoleGov.issue.submit")}
      okButtonProps={{ "data-testid": "issue-submit" } as React.ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) form.setFieldValue("startsAt", dayjs());
        else setError(null);
      }}
    >
      <GovErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form<IssueForm> form={form} layout="vertical" requiredMark={false} disabled={saving} initialValues={{ startsAt: dayjs() }} data-testid="issue-form">
        {merchant ? null : (
          <Form.Item name="merchantId" label={t("consoleGov.issue.merchant")} rules={[{ required: true, message: t("consoleGov.issue.merchantRequired") }]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              loading={merchants.isPending}
              placeholder={t("consoleGov.issue.merchantPlaceholder")}
              options={(merchants.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
              data-testid="issue-merchant"
            />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t("consoleGov.issue.kind")} rules={[{ required: true, message: t("consoleGov.issue.kindRequired") }]}>
          <Radio.Group style={{ width: "100%" }}>
            <Space orientation="vertical" size={6} style={{ width: "100%" }}>
              {PENALTY_KINDS.map((k) => (
                <Radio key={k} value={k} data-testid={`issue-kind-${k}`}>
                  <Space size={8} wrap>
                    <PenaltyKindTag kind={k} />
                    <Typography.Text type="secondary">{penaltyEffect(k)}</Typography.Text>
                  </Space>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t("consoleGov.issue.reason")} rules={text(REASON.min, REASON.max, t("consoleGov.issue.reasonRequired"))}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={REASON.max} showCount placeholder={t("consoleGov.issue.reasonPlaceholder")} data-testid="issue-reason" />
        </Form.Item>
        <Form.Item name="evidence" label={t("consoleGov.issue.evidence")} rules={text(EVIDENCE.min, EVIDENCE.max, t("consoleGov.issue.evidenceRequired"))}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={EVIDENCE.max} placeholder={t("consoleGov.issue.evidencePlaceholder")} data-testid="issue-evidence" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="startsAt" label={t("consoleGov.issue.startsAt")} extra={t("consoleGov.issue.startsAtExtra")} rules={[{ required: true, message: t("consoleGov.issue.startsAt") }]}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" allowClear={false} style={{ width: "100%" }} data-testid="issue-starts" />
            </Form.Item>
          </Col>
          {needsEnd(kind) ? (
            <Col xs={24} sm={12}>
              <Form.Item
                name="endsAt"
                label={t("consoleGov.issue.endsAt")}
                dependencies={["startsAt"]}
                extra={
                  <Flex gap={4} wrap align="center" style={{ marginTop: 4 }}>
                    <span style={{ marginRight: 4 }}>{t("consoleGov.issue.endsAtExtra")}</span>
                    {QUICK_DAYS.map((d) => (
                      <Button key={d} size="small" onClick={() => setEnd(d)} data-testid={`issue-ends-${d}`}>
                        +{t("consoleGov.issue.plusDays", { count: d })}
                      </Button>
                    ))}
                  </Flex>
                }
                rules={[
                  { required: true, message: t("consoleGov.issue.endsAtRequired") },
                  ({ getFieldValue }) => ({
                    validator: (_: unknown, end: Dayjs | null | undefined) => {
                      const start = getFieldValue("startsAt") as Dayjs | undefined;
                      return !end || !start || end.isAfter(start) ? Promise.resolve() : Promise.reject(new Error(t("consoleGov.issue.endAfterStart")));
                    },
                  }),
                ]}
              >
                <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} data-testid="issue-ends" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
