import { useMemo, useState } from "react";
import { Alert, App, Button, Card, DatePicker, Drawer, Flex, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag, Tooltip, Typography } from "antd";
import { EditOutlined, HistoryOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import { api, isApiError } from "../../api";
import type { Rule, RuleValue, RuleVersion } from "../../api";
import { useSession } from "../../auth/session";
import { pick } from "../../i18n";
import i18n from "../../i18n";
import { applyFormErrors, ErrorAlert, errorText } from "../../components/errors";
import { formatDateTime, shortId } from "../../components/format";
import { emptyText } from "../../components/labels";
import { tx } from "../../components/tx";
import { RULES_KEY, useRules } from "./queries";

const NOTICE_RULE = "rules.noticePeriodDays";
const DEFAULT_NOTICE_DAYS = 7;

export function formatRuleValue(rule: Pick<Rule, "type" | "unit">, value: RuleValue): string {
  if (rule.type === "boolean" || typeof value === "boolean") return value ? i18n.t("common.yes") : i18n.t("common.no");
  if (!rule.unit) return String(value);
  return tx(`units.${rule.unit}`, `${value} ${rule.unit}`, { count: value });
}

function noticeDays(rules: Rule[] | undefined): number {
  const v = rules?.find((r) => r.key === NOTICE_RULE)?.value;
  return typeof v === "number" ? v : DEFAULT_NOTICE_DAYS;
}

/** The default effective time of a change: after the notice period for public rules, now for internal ones. */
export function defaultEffectiveFrom(rule: Rule, days: number): Dayjs {
  if (rule.notice === "internal") return dayjs().startOf("minute");
  // A few minutes of margin, so that the time the form was opened does not fall short.
  return dayjs().add(days, "day").add(10, "minute").startOf("minute");
}

/** Every platform rule (G1), with current value, default and announced changes. */
export function RulesPage() {
  const { t, i18n: inst } = useTranslation();
  const { can } = useSession();
  const rules = useRules();
  const [editing, setEditing] = useState<Rule | null>(null);
  const [historyOf, setHistoryOf] = useState<Rule | null>(null);
  const days = noticeDays(rules.data?.items);

  return (
    <div data-testid="admin-rules">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("rules.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("rules.intro", { days })}</Typography.Paragraph>
      <Card>
        {rules.isError ? <ErrorAlert error={rules.error} style={{ marginBottom: 16 }} /> : null}
        <Table<Rule>
          rowKey="key"
          size="middle"
          loading={rules.isPending}
          dataSource={rules.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: emptyText(t("rules.empty")) }}
          onRow={(r) => ({ "data-testid": `rule-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("rules.key"),
              dataIndex: "key",
              width: 220,
              render: (k: string, r) => (
                <Space orientation="vertical" size={2}>
                  <Typography.Text code style={{ fontSize: 12, wordBreak: "break-all" }}>
                    {k}
                  </Typography.Text>
                  <Space size={4}>
                    <Tooltip title={t("rules.requirementHint")}>
                      <Tag color="geekblue">{r.requirement}</Tag>
                    </Tooltip>
                    <Tooltip title={r.notice === "public" ? t("rules.publicHint", { days }) : t("rules.internalHint")}>
                      <Tag color={r.notice === "public" ? "volcano" : "default"}>{t(r.notice === "public" ? "rules.public" : "rules.internal")}</Tag>
                    </Tooltip>
                  </Space>
                </Space>
              ),
            },
            { title: t("rules.description"), key: "description", render: (_, r) => pick(r, inst.language) },
            {
              title: t("rules.current"),
              key: "value",
              width: 150,
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong data-testid="rule-value">
                    {formatRuleValue(r, r.value)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.effectiveFrom ? t("rules.versionSince", { version: r.version, date: formatDateTime(r.effectiveFrom) }) : t("rules.builtinDefault")}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t("rules.default"), key: "default", width: 100, render: (_, r) => formatRuleValue(r, r.default) },
            {
              title: t("rules.upcoming"),
              key: "upcoming",
              width: 200,
              render: (_, r) =>
                r.upcoming.length === 0 ? (
                  <Typography.Text type="secondary">{t("rules.noUpcoming")}</Typography.Text>
                ) : (
                  <Space orientation="vertical" size={4} data-testid="rule-upcoming">
                    {r.upcoming.map((u) => (
                      <Tooltip key={u.version} title={u.reason ? t("rules.reasonIs", { reason: u.reason }) : undefined}>
                        <Tag color="gold" style={{ whiteSpace: "normal" }}>
                          {t("rules.upcomingItem", { value: formatRuleValue(r, u.value), date: formatDateTime(u.effectiveFrom) })}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Space>
                ),
            },
            {
              title: t("common.actions"),
              key: "actions",
              width: 100,
              render: (_, r) => (
                <Space orientation="vertical" size={4}>
                  {can("rules.publish") ? (
                    <Button size="small" type="primary" ghost icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`rule-change-${r.key}`}>
                      {t("rules.change")}
                    </Button>
                  ) : null}
                  <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setHistoryOf(r)}>
                    {t("rules.history")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing ? <ChangeRuleModal rule={editing} noticeDays={days} onClose={() => setEditing(null)} /> : null}
      <HistoryDrawer rule={historyOf} onClose={() => setHistoryOf(null)} />
    </div>
  );
}

interface ChangeForm {
  value: number | boolean;
  effectiveFrom: Dayjs | null;
  reason: string;
}

function ChangeRuleModal({ rule, noticeDays: days, onClose }: { rule: Rule; noticeDays: number; onClose: () => void }) {
  const { t, i18n: inst } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ChangeForm>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const initial = useMemo(() => ({ value: rule.value, effectiveFrom: defaultEffectiveFrom(rule, days), reason: "" }), [rule, days]);
  const earliest = isApiError(error) && error.code === "RULE_NOTICE_TOO_SHORT" ? (error.details as { earliest?: string } | undefined)?.earliest : undefined;

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    setSaving(true);
    try {
      const when = v.effectiveFrom;
      // An internal rule set to "now" (or earlier) applies at once: let the server pick the instant.
      const immediate = rule.notice === "internal" && (!when || !when.isAfter(dayjs()));
      await api<RuleVersion>(`/admin/rules/${encodeURIComponent(rule.key)}`, {
        method: "POST",
        body: {
          value: rule.type === "boolean" ? Boolean(v.value) : Number(v.value),
          ...(immediate || !when ? {} : { effectiveFrom: when.toISOString() }),
          reason: v.reason.trim(),
        },
      });
      message.success(t("rules.published"));
      await queryClient.invalidateQueries({ queryKey: RULES_KEY });
      await queryClient.invalidateQueries({ queryKey: ["admin", "rules"] });
      onClose();
    } catch (e) {
      if (!applyFormErrors(form, e, ["value", "effectiveFrom", "reason"])) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t("rules.changeTitle", { key: rule.key })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("rules.publish")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "rule-submit" } as React.ComponentProps<typeof Button>}
      width={560}
    >
      <Typography.Paragraph>{pick(rule, inst.language)}</Typography.Paragraph>
      <Alert
        type={rule.notice === "public" ? "warning" : "info"}
        showIcon
        style={{ marginBottom: 16 }}
        title={rule.notice === "public" ? t("rules.publicHint", { days }) : t("rules.internalHint")}
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="rule-error"
          title={errorText(error)}
          action={
            earliest ? (
              <Button size="small" onClick={() => form.setFieldValue("effectiveFrom", dayjs(earliest).add(1, "minute").startOf("minute"))}>
                {t("rules.useEarliest")}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Form<ChangeForm> form={form} layout="vertical" requiredMark={false} initialValues={initial}>
        <Form.Item label={t("rules.current")}>
          <Typography.Text>{formatRuleValue(rule, rule.value)}</Typography.Text>
        </Form.Item>
        {rule.type === "boolean" ? (
          <Form.Item name="value" label={t("rules.newValue")} valuePropName="checked">
            <Switch checkedChildren={t("common.yes")} unCheckedChildren={t("common.no")} />
          </Form.Item>
        ) : (
          <Form.Item
            name="value"
            label={t("rules.newValue")}
            rules={[
              { required: true, message: t("rules.valueRequired") },
              { type: "integer", message: t("rules.valueInteger") },
            ]}
          >
            <InputNumber
              precision={0}
              style={{ width: 200 }}
              suffix={rule.unit ? tx(`units.${rule.unit}Unit`, rule.unit) : undefined}
              data-testid="rule-new-value"
            />
          </Form.Item>
        )}
        <Form.Item
          name="effectiveFrom"
          label={t("rules.effectiveFrom")}
          extra={rule.notice === "public" ? t("rules.effectiveFromPublic", { days }) : t("rules.effectiveFromInternal")}
          rules={[{ required: rule.notice === "public", message: t("rules.effectiveFromRequired") }]}
        >
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} data-testid="rule-effective" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("rules.reason")}
          rules={[
            { required: true, whitespace: true, message: t("rules.reasonRequired") },
            { max: 500, message: t("rules.reasonTooLong", { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} placeholder={t("rules.reasonPlaceholder")} data-testid="rule-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HistoryDrawer({ rule, onClose }: { rule: Rule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: [...RULES_KEY, "history", rule?.key],
    queryFn: () => api<{ items: RuleVersion[] }>(`/admin/rules/${encodeURIComponent(rule?.key ?? "")}/history`),
    enabled: !!rule,
  });
  return (
    <Drawer open={!!rule} onClose={onClose} title={rule ? t("rules.historyOf", { key: rule.key }) : ""} size={720}>
      {history.isError ? <ErrorAlert error={history.error} style={{ marginBottom: 16 }} /> : null}
      {rule ? (
        <Table<RuleVersion>
          rowKey="version"
          size="small"
          loading={history.isPending}
          dataSource={history.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: emptyText(t("rules.noHistory")) }}
          columns={[
            { title: t("rules.version"), dataIndex: "version", width: 70 },
            { title: t("rules.value"), dataIndex: "value", render: (v: RuleValue) => formatRuleValue(rule, v) },
            { title: t("rules.effectiveFrom"), dataIndex: "effectiveFrom", render: (v: string) => formatDateTime(v) },
            { title: t("rules.publishedAt"), dataIndex: "publishedAt", render: (v?: string) => formatDateTime(v) },
            {
              title: t("rules.publishedBy"),
              dataIndex: "publishedBy",
              render: (v: string | null | undefined, row: RuleVersion) =>
                v ? (
                  <Tooltip title={v}>
                    <Typography.Text>{row.publishedByName ?? shortId(v)}</Typography.Text>
                  </Tooltip>
                ) : (
                  t("rules.system")
                ),
            },
            { title: t("rules.reason"), dataIndex: "reason", render: (v?: string | null) => v || "—" },
          ]}
        />
      ) : null}
      <Flex style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t("rules.historyNote")}</Typography.Text>
      </Flex>
    </Drawer>
  );
}
