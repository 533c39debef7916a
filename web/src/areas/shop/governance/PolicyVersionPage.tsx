import { useState } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Row, Space, Tag, Typography } from "antd";
import { LoginOutlined, MessageOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router-dom";
import { api, isApiError } from "../../../api";
import { useSession } from "../../../auth/session";
import { pick } from "../../../i18n";
import { formatDateTime } from "../../../components/format";
import { UserKindTag } from "../../../components/labels";
import type { UserKind } from "../../../api";
import { DocumentFallback, PolicySections, RulesCrumb, StageTag, stageOf, VersionTimeline } from "./PolicyPage";
import { docPath } from "./RulesIndexPage";
import { daysUntil, govErrorText, POLICIES_KEY, policyVersionKey, usePolicy, usePolicyVersion } from "./queries";
import type { PolicyComment, PolicyVersion } from "./queries";

const MIN = 2;
const MAX = 2000;

function CommentList({ comments, open }: { comments: PolicyComment[]; open: boolean }) {
  const { t } = useTranslation();
  if (comments.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(open ? "publicGov.comments.emptyOpen" : "publicGov.comments.empty")} style={{ margin: "8px 0 16px" }} />;
  }
  return (
    <div data-testid="comments">
      {comments.map((c) => (
        <div key={c.id} style={{ padding: "12px 0", borderBottom: "1px solid #f0f0f0" }} data-testid="comment">
          <Flex justify="space-between" gap={12} wrap>
            <Space size={6} wrap>
              <Typography.Text strong data-testid="comment-author">
                {c.author}
              </Typography.Text>
              {["staff", "merchant", "buyer"].includes(c.authorKind) ? <UserKindTag kind={c.authorKind as UserKind} /> : null}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(c.createdAt)}
            </Typography.Text>
          </Flex>
          <Typography.Paragraph style={{ margin: "6px 0 0", whiteSpace: "pre-wrap" }} data-testid="comment-body">
            {c.body}
          </Typography.Paragraph>
        </div>
      ))}
    </div>
  );
}

function CommentForm({ v }: { v: PolicyVersion }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ body: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async ({ body }: { body: string }) => {
    setError(null);
    setSaving(true);
    try {
      await api(`/policies/${encodeURIComponent(v.documentKey)}/versions/${encodeURIComponent(v.version)}/comments`, { method: "POST", body: { body: body.trim() } });
      form.resetFields();
      message.success(t("publicGov.comments.posted"));
      await queryClient.invalidateQueries({ queryKey: policyVersionKey(v.documentKey, v.version) });
      await queryClient.invalidateQueries({ queryKey: POLICIES_KEY, exact: true });
    } catch (e) {
      setError(e);
      // The notice period ended meanwhile: show the version as it now is.
      if (isApiError(e) && e.code === "POLICY_COMMENTS_CLOSED") await queryClient.invalidateQueries({ queryKey: policyVersionKey(v.documentKey, v.version) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} style={{ marginTop: 16 }} data-testid="comment-form">
      {error ? <Alert type="error" showIcon title={govErrorText(error)} style={{ marginBottom: 12 }} data-testid="comment-error" /> : null}
      <Form.Item
        name="body"
        label={t("publicGov.comments.label")}
        rules={[
          { required: true, whitespace: true, message: t("publicGov.comments.required") },
          { min: MIN, transform: (s?: string) => s?.trim(), message: t("publicGov.comments.tooShort", { min: MIN }) },
          { max: MAX, message: t("publicGov.comments.tooLong", { max: MAX }) },
        ]}
      >
        <Input.TextArea rows={4} maxLength={MAX} showCount placeholder={t("publicGov.comments.placeholder")} data-testid="comment-input" />
      </Form.Item>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={saving} icon={<MessageOutlined />} data-testid="comment-submit">
          {t("publicGov.comments.submit")}
        </Button>
      </Flex>
    </Form>
  );
}

function CommentsCard({ v }: { v: PolicyVersion }) {
  const { t } = useTranslation();
  const { me, loading } = useSession();
  const location = useLocation();
  return (
    <Card
      title={
        <Space size={8}>
          {t("publicGov.comments.title")}
          <Tag>{t("publicGov.comments.count", { count: v.comments.length })}</Tag>
        </Space>
      }
      data-testid="comments-card"
    >
      <CommentList comments={v.comments} open={v.open} />
      {!v.open ? (
        <Typography.Paragraph type="secondary" style={{ margin: "12px 0 0" }} data-testid="comments-closed">
          {t("publicGov.comments.closed")}
        </Typography.Paragraph>
      ) : loading ? null : me ? (
        <CommentForm v={v} />
      ) : (
        <Flex align="center" gap={12} wrap style={{ marginTop: 16 }}>
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>
            <Button type="primary" icon={<LoginOutlined />} data-testid="comment-login">
              {t("publicGov.comments.login")}
            </Button>
          </Link>
          <Typography.Text type="secondary">{t("publicGov.comments.loginHint")}</Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

/** /rules/:key/:version: one version, its change summary and text, and the comments received (G1). */
export function PolicyVersionPage() {
  const { t, i18n } = useTranslation();
  const { key = "", version = "" } = useParams();
  const query = usePolicyVersion(key, version);
  const doc = usePolicy(key);
  if (query.isPending || query.isError) return <DocumentFallback error={query.error} title={t("publicGov.version.notFound")} text={t("publicGov.version.notFoundText")} />;
  const v = query.data;
  const title = pick(v.title, i18n.language);
  const entry = doc.data?.history.find((h) => h.version === v.version);
  const stage = entry ? stageOf(entry) : v.open ? "announced" : undefined;
  return (
    <div style={{ padding: "24px 0 48px" }} data-testid="policy-version-page">
      <RulesCrumb items={[{ title, to: docPath(key) }, { title: t("publicGov.doc.versionTag", { version: v.version }) }]} />
      <Space size={12} align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Tag color="blue" style={{ fontSize: 14, padding: "2px 8px" }}>
          {t("publicGov.doc.versionTag", { version: v.version })}
        </Tag>
        {stage ? <StageTag stage={stage} /> : null}
      </Space>
      {v.open ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="version-open-banner"
          title={t("publicGov.version.openBanner", { date: formatDateTime(v.effectiveFrom), days: t("publicGov.rules.daysLeft", { count: daysUntil(v.effectiveFrom) }) })}
          description={t("publicGov.version.openBannerText")}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Card title={t("publicGov.version.summary")} size="small" data-testid="version-summary">
              <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>{v.summary}</Typography.Paragraph>
            </Card>
            <Card title={t("publicGov.version.text")}>
              <PolicySections sections={v.sections} testId="version-text" />
            </Card>
            <CommentsCard v={v} />
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Card size="small">
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: "version", label: t("publicGov.version.version"), children: v.version },
                  { key: "published", label: t("publicGov.version.publishedAt"), children: formatDateTime(v.publishedAt) },
                  { key: "effective", label: t("publicGov.version.effectiveFrom"), children: formatDateTime(v.effectiveFrom) },
                ]}
              />
            </Card>
            {doc.data ? (
              <Card title={t("publicGov.version.allVersions")} size="small">
                <VersionTimeline doc={doc.data} selected={v.version} />
              </Card>
            ) : null}
          </Space>
        </Col>
      </Row>
    </div>
  );
}
