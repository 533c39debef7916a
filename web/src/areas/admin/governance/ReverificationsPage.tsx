import { useState } from "react";
import { App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { CheckOutlined, ClockCircleOutlined, FolderOpenOutlined, RollbackOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api, isApiError } from "../../../api";
import { formatDate, formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { PageHeader } from "../../../components/PageHeader";
import { GovErrorAlert, REASON_MAX, ReverificationStatusTag } from "./labels";
import { useRefreshGovernance, useReverifications } from "./queries";
import { QualificationTabs } from "./RenewalsPage";
import { REVERIFICATION_STATUSES } from "./types";
import type { ReverificationItem } from "./types";
import type { Reverification, ReverificationStatus } from "../../../types/governance";

const OPEN = "open";

/** The periodic re-verifications (M3): merchants confirm their data, a reviewer passes or returns. */
export function ReverificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshGovernance();
  const [status, setStatus] = useState<ReverificationStatus | typeof OPEN>(OPEN);
  const list = useReverifications(status === OPEN ? undefined : status);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState<ReverificationItem | null>(null);

  const decide = async (r: ReverificationItem, decision: "pass" | "return", reason?: string) => {
    setError(null);
    setBusy(r.id);
    try {
      await api<Reverification>(`/admin/reverifications/${encodeURIComponent(r.id)}/decision`, { method: "POST", body: reason ? { decision, reason } : { decision } });
      await refresh();
      message.success(decision === "pass" ? t("consoleGov.reverifications.passed") : t("consoleGov.reverifications.returned"));
      return true;
    } catch (e) {
      setError(e);
      if (isApiError(e) && e.code === "INVALID_TRANSITION") await refresh();
      return false;
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="admin-reverifications">
      <PageHeader title={t("consoleGov.renewals.title")} />
      <QualificationTabs active="reverifications" />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<ReverificationStatus | typeof OPEN>
            value={status}
            onChange={setStatus}
            style={{ width: 200 }}
            data-testid="reverifications-status"
            options={[
              { value: OPEN, label: t("consoleGov.reverifications.statusOpen") },
              ...REVERIFICATION_STATUSES.map((s) => ({ value: s, label: t(`consoleGov.reverificationStatus.${s}`) })),
            ]}
          />
        </Flex>
        <GovErrorAlert error={list.error} style={{ marginBottom: 16 }} />
        {returning ? null : <GovErrorAlert error={error} style={{ marginBottom: 16 }} testId="reverification-error" />}
        <Table<ReverificationItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          data-testid="reverifications-table"
          locale={{ emptyText: emptyText(status === OPEN ? t("consoleGov.reverifications.empty") : t("consoleGov.reverifications.emptyFiltered")) }}
          onRow={(r) => ({ "data-testid": `reverification-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("consoleGov.reverifications.merchant"),
              dataIndex: "merchantName",
              render: (v: string, r) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{v}</Typography.Text>
                  <Link to={`/admin/merchants/${r.merchantId}/qualifications`} style={{ fontSize: 12 }} data-testid="reverification-file">
                    <FolderOpenOutlined /> {t("consoleGov.reverifications.file")}
                  </Link>
                </Space>
              ),
            },
            { title: t("consoleGov.reverifications.status"), dataIndex: "status", width: 130, render: (s: string) => <ReverificationStatusTag status={s} /> },
            {
              title: t("consoleGov.reverifications.dueAt"),
              dataIndex: "dueAt",
              width: 170,
              render: (v: string, r) => (
                <Space size={4} wrap>
                  <Typography.Text type={r.overdue ? "danger" : undefined}>{formatDate(v)}</Typography.Text>
                  {r.overdue ? (
                    <Tag color="red" icon={<ClockCircleOutlined />} data-testid="reverification-overdue">
                      {t("consoleGov.reverifications.overdue")}
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t("consoleGov.reverifications.note"),
              dataIndex: "merchantNote",
              render: (v: string | null, r) => (
                <div style={{ maxWidth: 360 }}>
                  {v ? <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>{v}</Typography.Paragraph> : r.submittedAt ? "—" : null}
                  {r.submittedAt ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("consoleGov.reverifications.submittedAt")} {formatDateTime(r.submittedAt)}
                      {r.submittedBy ? ` · ${r.submittedBy}` : ""}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">{t("consoleGov.reverifications.waitingMerchant")}</Typography.Text>
                  )}
                  {r.status === "returned" && r.reason ? (
                    <div>
                      <Typography.Text type="warning" style={{ fontSize: 12 }}>
                        {t("consoleGov.reverifications.lastReason", { reason: r.reason })}
                      </Typography.Text>
                    </div>
                  ) : null}
                </div>
              ),
            },
            {
              title: t("common.actions"),
              key: "actions",
              width: 190,
              render: (_: unknown, r) =>
                r.status === "submitted" ? (
                  <Space>
                    <Popconfirm
                      title={t("consoleGov.reverifications.passConfirm", { merchant: r.merchantName })}
                      description={t("consoleGov.reverifications.passText")}
                      onConfirm={() => decide(r, "pass")}
                      okText={t("consoleGov.reverifications.pass")}
                      cancelText={t("common.cancel")}
                      okButtonProps={{ "data-testid": "reverification-pass-confirm" } as React.ComponentProps<typeof Button>}
                    >
                      <Button type="primary" size="small" icon={<CheckOutlined />} loading={busy === r.id} data-testid="reverification-pass">
                        {t("consoleGov.reverifications.pass")}
                      </Button>
                    </Popconfirm>
                    <Button size="small" danger icon={<RollbackOutlined />} disabled={busy === r.id} onClick={() => setReturning(r)} data-testid="reverification-return">
                      {t("consoleGov.reverifications.return")}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <ReturnModal
        item={returning}
        error={returning ? error : null}
        onClose={() => {
          setReturning(null);
          setError(null);
        }}
        onReturn={async (reason) => {
          if (returning && (await decide(returning, "return", reason))) setReturning(null);
        }}
      />
    </div>
  );
}

function ReturnModal({ item, error, onClose, onReturn }: { item: ReverificationItem | null; error: unknown; onClose: () => void; onReturn: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await onReturn(v.reason.trim());
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={!!item}
      title={t("consoleGov.reverifications.returnTitle", { merchant: item?.merchantName ?? "" })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("consoleGov.reverifications.return")}
      okButtonProps={{ danger: true, "data-testid": "reverification-return-submit" } as React.ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      afterOpenChange={(visible) => {
        if (!visible) form.resetFields();
      }}
      forceRender
    >
      <GovErrorAlert error={error} style={{ marginBottom: 16 }} testId="reverification-error" />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t("consoleGov.reverifications.returnReason")}
          rules={[
            { required: true, whitespace: true, message: t("consoleGov.reverifications.returnRequired") },
            { max: REASON_MAX, message: t("consoleGov.renewal.reasonMax", { max: REASON_MAX }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={REASON_MAX} placeholder={t("consoleGov.reverifications.returnPlaceholder")} data-testid="reverification-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
