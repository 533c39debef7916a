import { Button, Card, Empty, Flex, Skeleton, Space, Tag, Typography } from "antd";
import { ClockCircleOutlined, MessageOutlined, RightOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { pick } from "../../../i18n";
import { ErrorAlert } from "../../../components/errors";
import { formatDate, formatDateTime } from "../../../components/format";
import { StoreHeading } from "./AboutPage";
import { daysUntil, usePolicies } from "./queries";
import type { PolicyIndexItem } from "./queries";

export const docPath = (key: string, version?: string) => `/rules/${encodeURIComponent(key)}${version ? `/${encodeURIComponent(version)}` : ""}`;

/** "takes effect on … · N days left" of an announced version. */
export function EffectiveCountdown({ effectiveFrom }: { effectiveFrom: string }) {
  const { t } = useTranslation();
  return (
    <Space size={6} wrap>
      <ClockCircleOutlined style={{ color: "#d46b08" }} />
      <Typography.Text>{t("publicGov.rules.takesEffect", { date: formatDateTime(effectiveFrom) })}</Typography.Text>
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        {t("publicGov.rules.daysLeft", { count: daysUntil(effectiveFrom) })}
      </Tag>
    </Space>
  );
}

function DocumentCard({ doc }: { doc: PolicyIndexItem }) {
  const { t, i18n } = useTranslation();
  const title = pick((doc.current ?? doc.upcoming[0])!.title, i18n.language);
  return (
    <Card data-testid={`policy-${doc.documentKey}`}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
            <Link to={docPath(doc.documentKey)} style={{ color: "inherit" }}>
              {title}
            </Link>
          </Typography.Title>
          {doc.current ? (
            <Space size={8} wrap>
              <Tag color="green">{t("publicGov.rules.inForce")}</Tag>
              <Typography.Text type="secondary" data-testid="policy-current">
                {t("publicGov.rules.inForceSince", { version: doc.current.version, date: formatDate(doc.current.effectiveFrom) })}
              </Typography.Text>
            </Space>
          ) : (
            <Typography.Text type="secondary">{t("publicGov.rules.noneInForce")}</Typography.Text>
          )}
        </div>
        <Link to={docPath(doc.documentKey)}>
          <Button icon={<RightOutlined />} iconPlacement="end" data-testid={`policy-read-${doc.documentKey}`}>
            {t("publicGov.rules.read")}
          </Button>
        </Link>
      </Flex>
      {doc.upcoming.map((u) => (
        <div
          key={u.version}
          style={{ marginTop: 16, padding: "12px 16px", borderRadius: 8, background: "#fff7e6", border: "1px solid #ffd591" }}
          data-testid={`policy-upcoming-${doc.documentKey}-${u.version}`}
        >
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Space size={8} wrap>
              <Tag color="gold">{t("publicGov.rules.announced")}</Tag>
              <Typography.Text strong>{t("publicGov.rules.announcedVersion", { version: u.version })}</Typography.Text>
              <EffectiveCountdown effectiveFrom={u.effectiveFrom} />
            </Space>
            <Space size={12} wrap>
              <Typography.Text type="secondary">
                <MessageOutlined /> {t("publicGov.rules.comments", { count: u.comments })}
              </Typography.Text>
              <Link to={docPath(doc.documentKey, u.version)} data-testid={`policy-comment-${doc.documentKey}-${u.version}`}>
                {t("publicGov.rules.comment")}
              </Link>
            </Space>
          </Flex>
          {u.summary ? <Typography.Paragraph style={{ margin: "8px 0 0", whiteSpace: "pre-wrap" }}>{u.summary}</Typography.Paragraph> : null}
        </div>
      ))}
    </Card>
  );
}

/** /rules: every published document, the version in force and those announced (G1). */
export function RulesIndexPage() {
  const { t } = useTranslation();
  const policies = usePolicies();
  return (
    <div style={{ padding: "32px 0 48px" }} data-testid="rules-page">
      <StoreHeading title={t("publicGov.rules.title")} intro={t("publicGov.rules.intro")} />
      {policies.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : policies.isError ? (
        <ErrorAlert error={policies.error} />
      ) : policies.data.items.length === 0 ? (
        <Card>
          <Empty description={t("publicGov.rules.empty")} />
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          {policies.data.items.map((doc) => (
            <DocumentCard key={doc.documentKey} doc={doc} />
          ))}
        </Space>
      )}
    </div>
  );
}
