import { useState } from "react";
import { Alert, App, Button, Card, Col, Flex, Form, Input, Modal, Row, Space, Table, Tag, Typography } from "antd";
import { ArrowLeftOutlined, CheckOutlined, FolderOpenOutlined, RollbackOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, isApiError } from "../../../api";
import { formatDate, formatDateTime } from "../../../components/format";
import { docKindName, hoursSince } from "../../../components/onboarding";
import { AgeingTag } from "../applications/ApplicationsPage";
import { DetailFallback, FilePreview, GovErrorAlert, REASON_MAX, reasonRules, RenewalStatusTag } from "./labels";
import { documentFileUrl, renewalFileUrl, useQualifications, useRefreshGovernance, useRenewal } from "./queries";
import type { Renewal } from "../../../types/governance";

type Fact = "kind" | "number" | "issuer" | "validFrom" | "validUntil";
const FACTS: Fact[] = ["kind", "number", "issuer", "validFrom", "validUntil"];

/** One renewal beside the document it replaces, and the reviewer's decision (M3). */
export function RenewalDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const refresh = useRefreshGovernance();
  const renewal = useRenewal(id);
  const overview = useQualifications(renewal.data?.merchantId);
  const [error, setError] = useState<unknown>(null);
  const [rejecting, setRejecting] = useState(false);

  const back = (
    <Link to="/admin/qualifications/renewals" data-testid="back-to-renewals">
      <ArrowLeftOutlined /> {t("consoleGov.renewal.back")}
    </Link>
  );
  if (renewal.isPending || renewal.isError) return <DetailFallback testId="renewal-detail" back={back} error={renewal.error} rows={10} />;
  const r = renewal.data;
  const merchant = r.merchantName ?? overview.data?.name ?? "";
  const oldDoc = r.replaces ? overview.data?.documents.find((d) => d.id === r.replaces?.id) : undefined;

  const failed = async (e: unknown) => {
    setError(e);
    if (isApiError(e) && (e.code === "INVALID_TRANSITION" || e.code === "DOCUMENT_ALREADY_REPLACED")) await refresh();
  };

  const approve = () =>
    modal.confirm({
      title: t("consoleGov.renewal.approveTitle"),
      content: t("consoleGov.renewal.approveText", { merchant }),
      okText: t("consoleGov.renewal.approve"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "renewal-approve-confirm" } as React.ComponentProps<typeof Button>,
      onOk: async () => {
        setError(null);
        try {
          await api<Renewal>(`/admin/qualification-renewals/${encodeURIComponent(r.id)}/approve`, { method: "POST" });
          await refresh();
          message.success(t("consoleGov.renewal.approved"));
        } catch (e) {
          await failed(e);
        }
      },
    });

  return (
    <div data-testid="renewal-detail" data-status={r.status}>
      <div style={{ marginBottom: 12 }}>{back}</div>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <div>
          <Space size={12} wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t("consoleGov.renewal.title", { kind: docKindName(r.kind) })}
            </Typography.Title>
            <RenewalStatusTag status={r.status} />
            {r.status === "pending" ? <AgeingTag hours={hoursSince(r.submittedAt)} /> : null}
            {r.replaces ? null : <Tag color="cyan">{t("consoleGov.renewal.addition")}</Tag>}
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }} data-testid="renewal-merchant">
            {t("consoleGov.renewal.merchantLine", { merchant, by: r.submittedBy, at: formatDateTime(r.submittedAt) })}
          </Typography.Paragraph>
        </div>
        <Space wrap>
          <Button icon={<FolderOpenOutlined />} onClick={() => navigate(`/admin/merchants/${r.merchantId}/qualifications`)} data-testid="open-qualification-file">
            {t("consoleGov.renewal.viewFile")}
          </Button>
          {r.status === "pending" ? (
            <>
              <Button danger icon={<RollbackOutlined />} onClick={() => setRejecting(true)} data-testid="renewal-reject">
                {t("consoleGov.renewal.reject")}
              </Button>
              <Button type="primary" icon={<CheckOutlined />} onClick={approve} data-testid="renewal-approve">
                {t("consoleGov.renewal.approve")}
              </Button>
            </>
          ) : null}
        </Space>
      </Flex>
      {overview.data?.holdSince && r.status === "pending" ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("consoleGov.renewal.hold", { since: formatDateTime(overview.data.holdSince) })} />
      ) : null}
      {r.status === "approved" ? (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="renewal-decided" title={t("consoleGov.renewal.approvedHint", { at: formatDateTime(r.decidedAt), by: r.decidedBy ?? "" })} />
      ) : null}
      {r.status === "rejected" ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="renewal-decided"
          title={t("consoleGov.renewal.rejectedHint", { at: formatDateTime(r.decidedAt), by: r.decidedBy ?? "" })}
          description={r.reason}
        />
      ) : null}
      <GovErrorAlert error={error} style={{ marginBottom: 16 }} />

      <Card title={t("consoleGov.renewal.compare")} size="small" style={{ marginBottom: 16 }}>
        <CompareTable renewal={r} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={r.status === "approved" ? t("consoleGov.renewal.replacedFile") : t("consoleGov.renewal.oldFile")} size="small" style={{ height: "100%" }}>
            {r.replaces ? (
              <FilePreview url={documentFileUrl(r.replaces.id)} mime={oldDoc?.mime} fileName={oldDoc?.fileName} testId="renewal-old-file" />
            ) : (
              <Typography.Text type="secondary">{t("consoleGov.renewal.addition")}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("consoleGov.renewal.newFile")} size="small" style={{ height: "100%" }}>
            <FilePreview url={renewalFileUrl(r.id)} mime={r.mime} fileName={r.fileName} size={r.size} testId="renewal-new-file" />
          </Card>
        </Col>
      </Row>
      <RejectModal
        renewal={r}
        open={rejecting}
        onClose={() => setRejecting(false)}
        onDone={async () => {
          setRejecting(false);
          await refresh();
          message.success(t("consoleGov.renewal.rejected"));
        }}
        onFailed={failed}
      />
    </div>
  );
}

/** The facts of the old and the new document in two columns; what changed is marked. */
function CompareTable({ renewal: r }: { renewal: Renewal }) {
  const { t } = useTranslation();
  const old = r.replaces;
  const show = (f: Fact, v: string | null | undefined) => {
    if (f === "kind") return v ? docKindName(v) : "—";
    if (f === "validFrom") return v ? formatDate(v) : "—";
    if (f === "validUntil") return v ? formatDate(v) : t("consoleGov.renewal.validOpen");
    return v ?? "—";
  };
  const rows = FACTS.map((f) => ({ key: f, fact: f, old: old ? show(f, old[f]) : "—", next: show(f, r[f]), changed: !!old && (old[f] ?? null) !== (r[f] ?? null) }));
  const changedCell = { background: "#fffbe6" };
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="compare-table"
      scroll={{ x: 560 }}
      columns={[
        { title: t("consoleGov.renewal.field"), dataIndex: "fact", width: 140, render: (f: Fact) => <Typography.Text type="secondary">{t(`consoleGov.renewal.${f}`)}</Typography.Text> },
        {
          title: !old ? t("consoleGov.renewal.addition") : r.status === "approved" ? t("consoleGov.renewal.replaced") : t("consoleGov.renewal.old"),
          dataIndex: "old",
          onCell: (row) => ({ style: row.changed ? changedCell : undefined, "data-testid": `compare-${row.fact}-old` }) as React.HTMLAttributes<HTMLElement>,
          render: (v: string, row) => (row.changed ? <Typography.Text delete type="secondary">{v}</Typography.Text> : v),
        },
        {
          title: t("consoleGov.renewal.new"),
          dataIndex: "next",
          onCell: (row) => ({ style: row.changed ? changedCell : undefined, "data-testid": `compare-${row.fact}-new`, "data-changed": row.changed ? "true" : "false" }) as React.HTMLAttributes<HTMLElement>,
          render: (v: string, row) =>
            row.changed ? (
              <Space size={6}>
                <Typography.Text strong>{v}</Typography.Text>
                <Tag color="gold">{t("consoleGov.renewal.changed")}</Tag>
              </Space>
            ) : (
              v
            ),
        },
      ]}
    />
  );
}

function RejectModal({ renewal, open, onClose, onDone, onFailed }: { renewal: Renewal; open: boolean; onClose: () => void; onDone: () => Promise<void>; onFailed: (e: unknown) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    setSaving(true);
    try {
      await api<Renewal>(`/admin/qualification-renewals/${encodeURIComponent(renewal.id)}/reject`, { method: "POST", body: { reason: v.reason.trim() } });
      form.resetFields();
      await onDone();
    } catch (e) {
      setError(e);
      if (isApiError(e) && e.code === "INVALID_TRANSITION") await onFailed(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t("consoleGov.renewal.rejectTitle")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("consoleGov.renewal.reject")}
      okButtonProps={{ danger: true, "data-testid": "renewal-reject-submit" } as React.ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t("consoleGov.renewal.rejectIntro")}</Typography.Paragraph>
      <GovErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="reason" label={t("consoleGov.renewal.rejectReason")} rules={reasonRules("renewal")}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={REASON_MAX} placeholder={t("consoleGov.renewal.rejectPlaceholder")} data-testid="renewal-reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
