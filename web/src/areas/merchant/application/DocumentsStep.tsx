import { useState } from "react";
import { Alert, App, Button, Card, Col, Collapse, Empty, Flex, Popconfirm, Row, Space, Tag, Typography } from "antd";
import {
  CheckCircleFilled,
  CloseCircleFilled,
  DeleteOutlined,
  ExclamationCircleFilled,
  ExportOutlined,
  PlusOutlined,
  SwapOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import type { Application, ApplicationDocument, OnboardingOptions } from "../../../api";
import { errorText } from "../../../components/errors";
import { formatDateTime } from "../../../components/format";
import { docKindName, DocumentFacts, formatBytes } from "../../../components/onboarding";
import { ownDocumentUrl } from "../../../components/onboardingQueries";
import { useSetApplication } from "./queries";
import { UploadModal } from "./UploadModal";
import type { UploadTarget } from "./UploadModal";

type KindState = "ok" | "missing" | "flagged" | "expired";

function kindState(app: Application, kind: string): KindState {
  const docs = app.documents.filter((d) => !d.replaced && d.kind === kind);
  if (docs.length === 0) return "missing";
  if (docs.some((d) => d.problem)) return "flagged";
  if (docs.every((d) => d.expired)) return "expired";
  return "ok";
}

const stateIcon: Record<KindState, React.ReactNode> = {
  ok: <CheckCircleFilled style={{ color: "#52c41a" }} />,
  missing: <CloseCircleFilled style={{ color: "#bfbfbf" }} />,
  flagged: <ExclamationCircleFilled style={{ color: "#cf1322" }} />,
  expired: <ExclamationCircleFilled style={{ color: "#fa8c16" }} />,
};

/** Step 2: the documents, which of the mandatory ones are there, the reviewer's flags (M1, M2). */
export function DocumentsStep({ app, options, locked, onNext }: { app: Application; options: OnboardingOptions; locked: boolean; onNext: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setApplication = useSetApplication();
  const [target, setTarget] = useState<UploadTarget | null>(null);
  const active = app.documents.filter((d) => !d.replaced);
  const earlier = app.documents.filter((d) => d.replaced);
  const flagged = active.filter((d) => d.problem);

  const remove = async (doc: ApplicationDocument) => {
    try {
      setApplication(await api<Application>(`/onboarding/application/documents/${encodeURIComponent(doc.id)}`, { method: "DELETE" }));
      message.success(t("applicant.documents.removed"));
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <div data-testid="documents-step">
      <Typography.Paragraph type="secondary">{t("applicant.documents.intro")}</Typography.Paragraph>
      {flagged.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("applicant.documents.flaggedTitle", { count: flagged.length })}
          description={t("applicant.documents.flaggedText")}
          data-testid="documents-flagged"
        />
      ) : null}
      <Card size="small" title={t("applicant.documents.required")} style={{ marginBottom: 16 }} data-testid="required-documents">
        {app.requiredDocuments.length === 0 ? (
          <Typography.Text type="secondary">{t("applicant.documents.requiredUnknown")}</Typography.Text>
        ) : (
          <Space orientation="vertical" style={{ width: "100%" }} size={8}>
            {app.requiredDocuments.map((kind) => {
              const state = kindState(app, kind);
              return (
                <Flex key={kind} align="center" justify="space-between" gap={12} wrap data-testid={`required-${kind}`} data-state={state}>
                  <Space size={8}>
                    {stateIcon[state]}
                    <Typography.Text strong>{docKindName(kind)}</Typography.Text>
                    <Typography.Text type={state === "ok" ? "success" : state === "missing" ? "secondary" : "danger"}>{t(`applicant.documents.state_${state}`)}</Typography.Text>
                  </Space>
                  {locked || state !== "missing" ? null : (
                    <Button size="small" icon={<UploadOutlined />} onClick={() => setTarget({ kind })} data-testid={`upload-${kind}`}>
                      {t("applicant.documents.upload")}
                    </Button>
                  )}
                </Flex>
              );
            })}
          </Space>
        )}
      </Card>

      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t("applicant.documents.uploaded", { count: active.length })}
        </Typography.Title>
        {locked ? null : (
          <Button icon={<PlusOutlined />} onClick={() => setTarget({ kind: app.missingDocuments[0] })} data-testid="doc-add">
            {t("applicant.documents.add")}
          </Button>
        )}
      </Flex>
      {active.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("applicant.documents.none")} style={{ marginBottom: 16 }} />
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {active.map((doc) => (
            <Col xs={24} lg={12} key={doc.id}>
              <DocumentCard doc={doc} locked={locked} onReplace={() => setTarget({ replacing: doc })} onRemove={() => void remove(doc)} />
            </Col>
          ))}
        </Row>
      )}
      {earlier.length ? (
        <Collapse
          size="small"
          style={{ marginBottom: 16 }}
          items={[
            {
              key: "earlier",
              label: t("applicant.documents.earlier", { count: earlier.length }),
              children: (
                <Space orientation="vertical" size={6} style={{ width: "100%" }}>
                  {earlier.map((d) => (
                    <div key={d.id}>
                      <Typography.Text delete type="secondary">
                        {docKindName(d.kind)} · {d.number} · {d.fileName}
                      </Typography.Text>{" "}
                      {d.problem ? <Typography.Text type="danger">{t("common.labelColon", { label: t("applicant.documents.reason") })}{d.problem}</Typography.Text> : null}
                    </div>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      ) : null}
      <Flex justify="flex-end">
        <Button type="primary" onClick={onNext} data-testid="documents-next">
          {t("applicant.next")}
        </Button>
      </Flex>
      <UploadModal target={target} kinds={options.documentKinds} onClose={() => setTarget(null)} />
    </div>
  );
}

function DocumentCard({ doc, locked, onReplace, onRemove }: { doc: ApplicationDocument; locked: boolean; onReplace: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const flagged = !!doc.problem;
  return (
    <Card
      size="small"
      data-testid={`doc-${doc.kind}`}
      data-flagged={flagged ? "true" : "false"}
      style={flagged ? { borderColor: "#ff4d4f", background: "#fff1f0" } : undefined}
      title={
        <Space size={6}>
          {flagged ? <ExclamationCircleFilled style={{ color: "#cf1322" }} /> : <CheckCircleFilled style={{ color: "#52c41a" }} />}
          <span>{docKindName(doc.kind)}</span>
          {flagged ? <Tag color="red">{t("applicant.documents.sentBack")}</Tag> : null}
        </Space>
      }
      extra={
        <Space size={4}>
          <Button size="small" type="text" icon={<ExportOutlined />} href={ownDocumentUrl(doc.id)} target="_blank" rel="noopener noreferrer" title={t("onboarding.openFile")} />
          {locked ? null : (
            <Popconfirm title={t("applicant.documents.removeConfirm")} onConfirm={onRemove} okText={t("common.confirm")} cancelText={t("common.cancel")}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} title={t("applicant.documents.remove")} data-testid={`remove-${doc.kind}`} />
            </Popconfirm>
          )}
        </Space>
      }
    >
      <DocumentFacts doc={doc} />
      <div style={{ marginTop: 6 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: "break-all" }}>
          {doc.fileName} · {formatBytes(doc.size)} · {t("applicant.documents.uploadedAt", { at: formatDateTime(doc.uploadedAt) })}
        </Typography.Text>
      </div>
      {flagged ? (
        <Alert
          type="error"
          style={{ marginTop: 10 }}
          title={
            <span data-testid={`problem-${doc.kind}`}>
              <Typography.Text strong type="danger">
                {t("common.labelColon", { label: t("applicant.documents.reason") })}
              </Typography.Text>
              {doc.problem}
            </span>
          }
          action={
            locked ? null : (
              <Button size="small" danger type="primary" icon={<SwapOutlined />} onClick={onReplace} data-testid={`replace-${doc.kind}`}>
                {t("applicant.documents.replace")}
              </Button>
            )
          }
        />
      ) : locked ? null : (
        <Flex justify="flex-end" style={{ marginTop: 8 }}>
          <Button size="small" type="link" icon={<SwapOutlined />} onClick={onReplace} style={{ paddingInline: 0 }} data-testid={`replace-${doc.kind}`}>
            {t("applicant.documents.replace")}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
