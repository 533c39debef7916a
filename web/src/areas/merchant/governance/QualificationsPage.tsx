import { useState } from "react";
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Popconfirm, Skeleton, Space, Table, Tag, Typography } from "antd";
import { ExportOutlined, PlusOutlined, SafetyCertificateOutlined, SyncOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { upload } from "../../../api";
import { useSession } from "../../../auth/session";
import { formatDate, formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { docKindName } from "../../../components/onboarding";
import { PageHeader } from "../../../components/PageHeader";
import { DocumentUploadForm } from "../application/UploadModal";
import { DocumentStateTag, govErrorText, GovErrorAlert, RelativeTag, RenewalStatusTag, ReverificationStatusTag } from "./labels";
import { renewalFileUrl, useAfterRenewal, useConfirmReverification, useQualifications } from "./queries";
import type { QualificationDocument, QualificationOverview, Renewal, Reverification } from "../../../types/governance";

/** What the upload dialog is for: the renewal of a document in force, or a missing mandatory kind. */
type RenewTarget = { kind: string; replacing?: QualificationDocument };

const validity = (d: { validFrom: string; validUntil: string | null }, longTerm: string) => `${formatDate(d.validFrom)} ~ ${d.validUntil ? formatDate(d.validUntil) : longTerm}`;

/** The shop's documents, their expiry and renewals, and the periodic re-verification (M3). */
export function QualificationsPage() {
  const { t } = useTranslation();
  const overview = useQualifications();
  return (
    <div data-testid="qualifications-page">
      <PageHeader title={t("portalGov.qualifications.title")} />
      {overview.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : overview.isError ? (
        <GovErrorAlert error={overview.error} />
      ) : overview.data === null ? (
        <Card>
          <Empty description={t("portalGov.qualifications.noFile")} data-testid="qualifications-no-file" />
        </Card>
      ) : (
        <Qualifications data={overview.data} />
      )}
    </div>
  );
}

function Qualifications({ data }: { data: QualificationOverview }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const canManage = can("shop.manage");
  const [target, setTarget] = useState<RenewTarget | null>(null);
  const pendingFor = (docId: string) => data.renewals.some((r) => r.status === "pending" && r.replacesDocumentId === docId);

  return (
    <>
      <Typography.Paragraph type="secondary">{t("portalGov.qualifications.intro", { days: data.warningDays })}</Typography.Paragraph>
      {data.holdSince ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("portalGov.qualifications.holdTitle", { since: formatDateTime(data.holdSince) })}
          description={t("portalGov.qualifications.holdText")}
          data-testid="hold-banner"
        />
      ) : null}
      {data.missingMandatory.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("portalGov.qualifications.missingTitle")}
          data-testid="missing-mandatory"
          description={
            <>
              <div style={{ marginBottom: 8 }}>{t("portalGov.qualifications.missingText")}</div>
              <Space wrap>
                {data.missingMandatory.map((kind) =>
                  canManage ? (
                    <Button key={kind} size="small" icon={<PlusOutlined />} onClick={() => setTarget({ kind })} data-testid={`add-${kind}`}>
                      {t("portalGov.qualifications.add", { kind: docKindName(kind) })}
                    </Button>
                  ) : (
                    <Tag key={kind}>{docKindName(kind)}</Tag>
                  ),
                )}
              </Space>
            </>
          }
        />
      ) : null}

      <Card title={t("portalGov.qualifications.documents")} style={{ marginBottom: 16 }} data-testid="documents-card">
        <Table<QualificationDocument>
          rowKey="id"
          dataSource={data.documents}
          pagination={false}
          size="middle"
          scroll={{ x: 860 }}
          locale={{ emptyText: emptyText(t("portalGov.qualifications.noDocuments")) }}
          onRow={(d) => ({ "data-testid": `doc-row-${d.kind}`, "data-state": d.state }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("onboarding.doc.kind"),
              dataIndex: "kind",
              render: (kind: string, d) => (
                <Space size={6} wrap>
                  <Typography.Text strong>{docKindName(kind)}</Typography.Text>
                  {d.mandatory ? <Tag color="purple">{t("portalGov.qualifications.mandatory")}</Tag> : null}
                </Space>
              ),
            },
            { title: t("onboarding.doc.number"), dataIndex: "number", render: (v: string) => <Typography.Text style={{ wordBreak: "break-all" }}>{v}</Typography.Text> },
            { title: t("onboarding.doc.issuer"), dataIndex: "issuer" },
            {
              title: t("onboarding.doc.validUntil"),
              dataIndex: "validUntil",
              width: 130,
              render: (v: string | null) => (v ? formatDate(v) : <Typography.Text type="secondary">{t("portalGov.qualifications.longTerm")}</Typography.Text>),
            },
            {
              title: t("portalGov.qualifications.state"),
              dataIndex: "state",
              width: 170,
              render: (_: string, d) => (
                <Space size={4} wrap>
                  <DocumentStateTag doc={d} />
                  {pendingFor(d.id) ? (
                    <Tag color="blue" icon={<SyncOutlined />} data-testid={`doc-pending-${d.kind}`}>
                      {t("portalGov.qualifications.renewPending")}
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            ...(canManage
              ? [
                  {
                    title: t("common.actions"),
                    key: "actions",
                    width: 100,
                    render: (_: unknown, d: QualificationDocument) => (
                      <Button size="small" type={d.state === "valid" ? "default" : "primary"} icon={<UploadOutlined />} onClick={() => setTarget({ kind: d.kind, replacing: d })} data-testid={`renew-${d.kind}`}>
                        {t("portalGov.qualifications.renew")}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <RenewalsCard renewals={data.renewals} />
      <ReverificationCard reverifications={data.reverifications} canManage={canManage} />
      <RenewModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}

function RenewalsCard({ renewals }: { renewals: Renewal[] }) {
  const { t } = useTranslation();
  const rows = [...renewals].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  return (
    <Card title={t("portalGov.qualifications.renewals")} style={{ marginBottom: 16 }} data-testid="renewals-card">
      <Table<Renewal>
        rowKey="id"
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        size="middle"
        scroll={{ x: 960 }}
        locale={{ emptyText: emptyText(t("portalGov.qualifications.noRenewals")) }}
        onRow={(r) => ({ "data-testid": `renewal-row-${r.kind}`, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("onboarding.doc.kind"),
            dataIndex: "kind",
            width: 170,
            render: (k: string, r) => (
              <div>
                <Typography.Text strong>{docKindName(k)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(r.replacesDocumentId ? "portalGov.qualifications.renewalTypes.renewal" : "portalGov.qualifications.renewalTypes.addition")}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { title: t("onboarding.doc.number"), dataIndex: "number", width: 190, render: (v: string) => <Typography.Text style={{ wordBreak: "break-all" }}>{v}</Typography.Text> },
          { title: t("onboarding.doc.validity"), key: "validity", width: 200, render: (_: unknown, r) => validity(r, t("portalGov.qualifications.longTerm")) },
          { title: t("portalGov.qualifications.submittedAt"), dataIndex: "submittedAt", width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t("portalGov.qualifications.result"),
            dataIndex: "status",
            width: 180,
            render: (_: string, r) => (
              <div>
                <RenewalStatusTag status={r.status} />
                {r.decidedAt ? (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("portalGov.qualifications.decidedAt", { at: formatDateTime(r.decidedAt) })}
                    </Typography.Text>
                  </div>
                ) : null}
                {r.status === "rejected" && r.reason ? (
                  <div>
                    <Typography.Text type="danger" data-testid="renewal-reason">
                      {t("portalGov.qualifications.reason", { reason: r.reason })}
                    </Typography.Text>
                  </div>
                ) : null}
              </div>
            ),
          },
          {
            title: t("portalGov.qualifications.file"),
            key: "file",
            render: (_: unknown, r) => (
              <Typography.Link href={renewalFileUrl(r.id)} target="_blank" rel="noopener noreferrer" title={t("onboarding.openFile")} ellipsis style={{ maxWidth: 200 }} data-testid="renewal-file">
                <ExportOutlined /> {r.fileName}
              </Typography.Link>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The upload of a renewed (or missing) document, reviewed by the platform before it counts. */
function RenewModal({ target, onClose }: { target: RenewTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const afterRenewal = useAfterRenewal();
  const replacing = target?.replacing;
  return (
    <Modal
      open={!!target}
      title={target ? t(replacing ? "portalGov.qualifications.renewTitle" : "portalGov.qualifications.addTitle", { kind: docKindName(target.kind) }) : null}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {target ? (
        <DocumentUploadForm
          kinds={[target.kind]}
          kindFixed
          initial={replacing ? { kind: target.kind, number: replacing.number, issuer: replacing.issuer } : { kind: target.kind }}
          extraFields={replacing ? { replaces: replacing.id } : undefined}
          submitLabel={t("portalGov.qualifications.submitRenewal")}
          notice={
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t("portalGov.qualifications.renewIntro")}
              description={
                replacing
                  ? t("portalGov.qualifications.renewCurrent", {
                      number: replacing.number,
                      until: replacing.validUntil ? formatDate(replacing.validUntil) : t("portalGov.qualifications.longTerm"),
                    })
                  : undefined
              }
            />
          }
          describeError={govErrorText}
          send={async (body, onProgress) => {
            await upload<Renewal>("/merchant/qualifications/renewals", body, onProgress);
            await afterRenewal();
            message.success(t("portalGov.qualifications.submitted", { kind: docKindName(target.kind) }));
          }}
          onDone={onClose}
        />
      ) : null}
    </Modal>
  );
}

/** The current (or last) re-verification; while it waits for the merchant, the confirmation form. */
function ReverificationCard({ reverifications, canManage }: { reverifications: Reverification[]; canManage: boolean }) {
  const { t } = useTranslation();
  const current = [...reverifications].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const open = current && (current.status === "due" || current.status === "returned");
  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t("portalGov.reverification.title")}
        </Space>
      }
      data-testid="reverification-card"
      data-status={current?.status ?? "none"}
    >
      {!current ? (
        <Typography.Text type="secondary">{t("portalGov.reverification.none")}</Typography.Text>
      ) : (
        <>
          {current.status === "returned" && current.reason ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t("portalGov.reverification.returnedTitle")}
              description={<span data-testid="reverification-reason">{current.reason}</span>}
            />
          ) : null}
          <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: open ? 16 : 0 }}>
            <Descriptions.Item label={t("portalGov.reverification.statusLabel")}>
              <ReverificationStatusTag status={current.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t("portalGov.reverification.dueAt")}>
              <Space size={8} wrap>
                {formatDate(current.dueAt)}
                {open ? <RelativeTag date={current.dueAt} mode="due" /> : null}
              </Space>
            </Descriptions.Item>
            {current.submittedAt ? (
              <Descriptions.Item label={t("portalGov.reverification.submittedAt")}>
                {formatDateTime(current.submittedAt)}
                {current.submittedBy ? ` · ${current.submittedBy}` : ""}
              </Descriptions.Item>
            ) : null}
            {current.merchantNote ? <Descriptions.Item label={t("portalGov.reverification.yourNote")}>{current.merchantNote}</Descriptions.Item> : null}
            {current.decidedAt ? <Descriptions.Item label={t("portalGov.reverification.decidedAt")}>{formatDateTime(current.decidedAt)}</Descriptions.Item> : null}
            {current.reason && current.status !== "returned" ? (
              <Descriptions.Item label={t("portalGov.reverification.reviewerNote")}>{current.reason}</Descriptions.Item>
            ) : null}
          </Descriptions>
          {open ? canManage ? <ConfirmForm /> : <Typography.Text type="secondary">{t("portalGov.noManage")}</Typography.Text> : null}
        </>
      )}
    </Card>
  );
}

const NOTE_MAX = 1000;

function ConfirmForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const confirm = useConfirmReverification();

  const submit = async () => {
    const { note } = await form.validateFields();
    confirm.mutate(note?.trim() ?? "", { onSuccess: () => void message.success(t("portalGov.reverification.confirmed")) });
  };

  return (
    <div data-testid="reverification-form">
      <Typography.Paragraph type="secondary">{t("portalGov.reverification.intro")}</Typography.Paragraph>
      <GovErrorAlert error={confirm.error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" disabled={confirm.isPending}>
        <Form.Item name="note" label={t("portalGov.reverification.note")} rules={[{ max: NOTE_MAX, message: t("portalGov.reverification.noteTooLong", { max: NOTE_MAX }) }]}>
          <Input.TextArea rows={3} showCount maxLength={NOTE_MAX} placeholder={t("portalGov.reverification.notePlaceholder")} data-testid="reverification-note" />
        </Form.Item>
        <Flex justify="flex-end">
          <Popconfirm
            title={t("portalGov.reverification.confirmTitle")}
            description={t("portalGov.reverification.confirmText")}
            okText={t("common.confirm")}
            cancelText={t("common.cancel")}
            onConfirm={() => void submit()}
          >
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={confirm.isPending} data-testid="reverification-confirm">
              {t("portalGov.reverification.confirm")}
            </Button>
          </Popconfirm>
        </Flex>
      </Form>
    </div>
  );
}
