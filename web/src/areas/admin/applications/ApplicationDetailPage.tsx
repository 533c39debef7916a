import { useState } from "react";
import { Alert, App, Button, Card, Col, Collapse, Descriptions, Empty, Flex, Form, Input, Modal, Result, Row, Skeleton, Space, Tag, Typography } from "antd";
import { ArrowLeftOutlined, CheckCircleFilled, CheckOutlined, CloseCircleFilled, ExclamationCircleFilled, ExportOutlined, PlayCircleOutlined, RollbackOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api, isApiError } from "../../../api";
import type { Application, ApplicationDocument, ApplicationProblem } from "../../../api";
import { ErrorAlert } from "../../../components/errors";
import { formatDateTime } from "../../../components/format";
import {
  ApplicationStatusTag,
  ApplicationTimeline,
  categoryName,
  completenessText,
  docKindName,
  DocumentFacts,
  DocumentPreview,
  entityTypeName,
  formatBytes,
  hoursSince,
  lastRejection,
  ReasonList,
} from "../../../components/onboarding";
import { reviewDocumentUrl } from "../../../components/onboardingQueries";
import { AgeingTag, QUEUE_KEY } from "./ApplicationsPage";
import { RejectModal } from "./RejectModal";

const detailKey = (id: string) => [...QUEUE_KEY, "detail", id] as const;

/** One application under review (M2): the data beside the documents, the decision. */
export function ApplicationDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const app = useQuery({ queryKey: detailKey(id), queryFn: () => api<Application>(`/admin/applications/${encodeURIComponent(id)}`) });
  const [busy, setBusy] = useState<"start" | "approve" | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [approving, setApproving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [incomplete, setIncomplete] = useState<ApplicationProblem[] | null>(null);

  const back = (
    <Link to="/admin/applications" data-testid="back-to-queue">
      <ArrowLeftOutlined /> {t("review.backToQueue")}
    </Link>
  );
  if (app.isPending) {
    return (
      <div data-testid="application-detail">
        <div style={{ marginBottom: 12 }}>{back}</div>
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </div>
    );
  }
  if (app.isError) {
    return (
      <div data-testid="application-detail">
        <div style={{ marginBottom: 12 }}>{back}</div>
        {isApiError(app.error) && app.error.status === 404 ? (
          <Result status="404" title={t("errors.APPLICATION_NOT_FOUND")} />
        ) : (
          <ErrorAlert error={app.error} />
        )}
      </div>
    );
  }
  const a = app.data;
  const active = a.documents.filter((d) => !d.replaced);
  const earlier = a.documents.filter((d) => d.replaced);

  const decided = async (next: Application, text: string) => {
    queryClient.setQueryData(detailKey(id), next);
    await queryClient.invalidateQueries({ queryKey: [...QUEUE_KEY, "list"] });
    message.success(text);
  };

  /** A failed action: the application may have moved on meanwhile (another reviewer): read it again. */
  const failed = async (e: unknown) => {
    const problems = isApiError(e) && e.code === "APPLICATION_INCOMPLETE" ? (e.details as { problems?: ApplicationProblem[] } | undefined)?.problems : undefined;
    if (problems?.length) setIncomplete(problems);
    else setError(e);
    if (isApiError(e) && e.code === "INVALID_TRANSITION") await app.refetch();
  };

  const startReview = async () => {
    setError(null);
    setBusy("start");
    try {
      await decided(await api<Application>(`/admin/applications/${encodeURIComponent(id)}/start-review`, { method: "POST" }), t("review.started"));
    } catch (e) {
      await failed(e);
    } finally {
      setBusy(null);
    }
  };

  const approve = async (note: string) => {
    setError(null);
    setIncomplete(null);
    setBusy("approve");
    try {
      await decided(
        await api<Application>(`/admin/applications/${encodeURIComponent(id)}/approve`, { method: "POST", body: note.trim() ? { note: note.trim() } : {} }),
        t("review.approved", { name: a.name ?? "" }),
      );
      setApproving(false);
    } catch (e) {
      setApproving(false);
      await failed(e);
    } finally {
      setBusy(null);
    }
  };

  const last = a.status === "rejected" ? lastRejection(a) : null;
  return (
    <div data-testid="application-detail" data-status={a.status}>
      <div style={{ marginBottom: 12 }}>{back}</div>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space size={12} wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="detail-name">
            {a.name ?? t("review.queue.unnamed")}
          </Typography.Title>
          <ApplicationStatusTag status={a.status} />
          {a.status === "submitted" || a.status === "under_review" ? <AgeingTag hours={hoursSince(a.submittedAt)} /> : null}
        </Space>
        <Space wrap>
          {a.status === "submitted" ? (
            <Button type="primary" icon={<PlayCircleOutlined />} loading={busy === "start"} onClick={() => void startReview()} data-testid="review-start">
              {t("review.start")}
            </Button>
          ) : null}
          {a.status === "under_review" ? (
            <>
              <Button danger icon={<RollbackOutlined />} onClick={() => setRejecting(true)} data-testid="review-reject">
                {t("review.reject.open")}
              </Button>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setApproving(true)} data-testid="review-approve">
                {t("review.approve")}
              </Button>
            </>
          ) : null}
        </Space>
      </Flex>
      {a.status === "submitted" ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("review.submittedHint")} /> : null}
      {a.status === "approved" ? (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t("review.approvedHint", { at: formatDateTime(a.decidedAt) })} data-testid="detail-approved" />
      ) : null}
      {last ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("review.rejectedHint", { at: formatDateTime(last.at) })}
          description={<ReasonList problems={last.problems} documents={a.documents} />}
        />
      ) : null}
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      {incomplete ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setIncomplete(null) }}
          style={{ marginBottom: 16 }}
          title={t("review.cannotApprove")}
          data-testid="approve-problems"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {incomplete.map((p, i) => (
                <li key={i}>{completenessText(p, a)}</li>
              ))}
            </ul>
          }
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t("review.data")} size="small" style={{ marginBottom: 16 }} data-testid="detail-data">
            <Descriptions column={1} size="small" bordered styles={{ label: { width: 140 } }}>
              <Descriptions.Item label={t("onboarding.fields.entityType")}>{entityTypeName(a.entityType)}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.fields.name")}>{a.name ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.fields.creditCode")}>
                {a.creditCode ? (
                  <Typography.Text copyable style={{ fontFamily: "monospace" }} data-testid="detail-credit-code">
                    {a.creditCode}
                  </Typography.Text>
                ) : (
                  "—"
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t("onboarding.fields.legalRepName")}>{a.legalRepName ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.fields.legalRepIdNumber")}>{a.legalRepIdNumber ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.fields.contactName")}>{a.contactName ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.fields.contactPhone")}>{a.contactPhone ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.fields.contactEmail")}>{a.contactEmail ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.fields.address")}>{a.address ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("onboarding.fields.categories")}>
                {a.categories.length ? a.categories.map((c) => <Tag key={c}>{categoryName(c)}</Tag>) : "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("review.agreement")}>
                {a.agreementVersion ? (
                  <span>
                    {t("review.agreementAccepted", { version: a.agreementVersion, at: formatDateTime(a.agreementAcceptedAt) })}
                    {a.agreementVersion !== a.currentAgreementVersion ? <Tag color="orange" style={{ marginLeft: 6 }}>{t("review.agreementOutdated")}</Tag> : null}
                  </span>
                ) : (
                  <Typography.Text type="danger">{t("review.agreementMissing")}</Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t("review.submittedAt")}>{formatDateTime(a.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={t("review.createdAt")}>{formatDateTime(a.createdAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t("review.history")} size="small">
            <ApplicationTimeline app={a} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t("review.documents")} size="small" data-testid="detail-documents">
            <RequiredChecklist app={a} />
            {active.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("review.noDocuments")} /> : null}
            <Space orientation="vertical" size={16} style={{ width: "100%" }}>
              {active.map((d) => (
                <ReviewDocument key={d.id} doc={d} />
              ))}
            </Space>
            {earlier.length ? (
              <Collapse
                size="small"
                style={{ marginTop: 16 }}
                items={[
                  {
                    key: "earlier",
                    label: t("review.earlierDocuments", { count: earlier.length }),
                    children: (
                      <Space orientation="vertical" size={6} style={{ width: "100%" }}>
                        {earlier.map((d) => (
                          <div key={d.id}>
                            <Typography.Link href={reviewDocumentUrl(d.id)} target="_blank" rel="noopener noreferrer">
                              {docKindName(d.kind)} · {d.number} · {d.fileName}
                            </Typography.Link>{" "}
                            {d.problem ? <Typography.Text type="danger">{t("common.labelColon", { label: t("review.flaggedReason") })}{d.problem}</Typography.Text> : null}
                          </div>
                        ))}
                      </Space>
                    ),
                  },
                ]}
              />
            ) : null}
          </Card>
        </Col>
      </Row>
      <RejectModal
        app={a}
        open={rejecting}
        onClose={() => setRejecting(false)}
        onDone={(next) => {
          setRejecting(false);
          void decided(next, t("review.reject.done"));
        }}
      />
      <ApproveModal open={approving} name={a.name ?? ""} loading={busy === "approve"} onCancel={() => setApproving(false)} onApprove={(note) => void approve(note)} />
    </div>
  );
}

/** Which mandatory documents are there. */
function RequiredChecklist({ app }: { app: Application }) {
  const { t } = useTranslation();
  if (app.requiredDocuments.length === 0) return null;
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="detail-required">
      <Typography.Text type="secondary">{t("review.required")}</Typography.Text>
      {app.requiredDocuments.map((k) => {
        const missing = app.missingDocuments.includes(k);
        return (
          <Tag key={k} color={missing ? "red" : "green"} icon={missing ? <CloseCircleFilled /> : <CheckCircleFilled />}>
            {docKindName(k)}
          </Tag>
        );
      })}
    </Flex>
  );
}

/** One document: its facts, and the file beside them. */
function ReviewDocument({ doc }: { doc: ApplicationDocument }) {
  const { t } = useTranslation();
  const url = reviewDocumentUrl(doc.id);
  return (
    <div
      style={{ border: `1px solid ${doc.problem ? "#ffa39e" : "#f0f0f0"}`, borderRadius: 8, padding: 12, background: doc.problem ? "#fff1f0" : "#fff" }}
      data-testid={`review-doc-${doc.kind}`}
    >
      <Row gutter={[12, 12]}>
        <Col xs={24} md={11}>
          <Space size={6} style={{ marginBottom: 6 }}>
            {doc.problem ? <ExclamationCircleFilled style={{ color: "#cf1322" }} /> : null}
            <Typography.Text strong>{docKindName(doc.kind)}</Typography.Text>
          </Space>
          <DocumentFacts doc={doc} />
          <div style={{ marginTop: 6 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: "break-all" }}>
              {doc.fileName} · {formatBytes(doc.size)} · {formatDateTime(doc.uploadedAt)}
            </Typography.Text>
          </div>
          {doc.problem ? (
            <Typography.Paragraph type="danger" style={{ margin: "6px 0 0" }}>
              {t("common.labelColon", { label: t("review.flaggedReason") })}
              {doc.problem}
            </Typography.Paragraph>
          ) : null}
          <Button size="small" icon={<ExportOutlined />} href={url} target="_blank" rel="noopener noreferrer" style={{ marginTop: 8 }} data-testid={`open-${doc.kind}`}>
            {t("onboarding.openFile")}
          </Button>
        </Col>
        <Col xs={24} md={13}>
          <DocumentPreview doc={doc} url={url} height={220} />
        </Col>
      </Row>
    </div>
  );
}

function ApproveModal({ open, name, loading, onCancel, onApprove }: { open: boolean; name: string; loading: boolean; onCancel: () => void; onApprove: (note: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  return (
    <Modal
      open={open}
      title={t("review.approveTitle", { name })}
      onCancel={onCancel}
      onOk={() => onApprove((form.getFieldValue("note") as string | undefined) ?? "")}
      okText={t("review.approve")}
      okButtonProps={{ "data-testid": "approve-confirm" } as React.ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      confirmLoading={loading}
      afterOpenChange={(visible) => {
        if (!visible) form.resetFields();
      }}
      forceRender
    >
      <Typography.Paragraph>{t("review.approveText")}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t("review.approveNote")} rules={[{ max: 500, message: t("applicant.entity.tooLong", { max: 500 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} placeholder={t("review.approveNotePlaceholder")} data-testid="approve-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
