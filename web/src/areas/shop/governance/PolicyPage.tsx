import { Alert, Breadcrumb, Button, Card, Col, Flex, Row, Skeleton, Space, Tag, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { pick } from "../../../i18n";
import { ErrorAlert } from "../../../components/errors";
import { ErrorResult } from "../../../components/Forbidden";
import { formatDate, formatDateTime } from "../../../components/format";
import { Markdown } from "../../../components/Markdown";
import { docPath } from "./RulesIndexPage";
import { daysUntil, isNotFound, usePolicy } from "./queries";
import type { PolicyDocument, PolicySection } from "./queries";

/** A document's sections, each Markdown, numbered as the articles of an agreement. */
export function PolicySections({ sections, testId }: { sections: PolicySection[]; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <div data-testid={testId}>
      {sections.map((s, i) => (
        <Flex key={s.key} gap={10} style={{ marginBottom: i === sections.length - 1 ? 0 : 16 }} data-testid={`section-${s.key}`}>
          <Typography.Text type="secondary" style={{ flex: "none", minWidth: 20, lineHeight: 1.5715 }}>
            {`${i + 1}.`}
          </Typography.Text>
          <Markdown text={pick(s, i18n.language)} style={{ flex: 1, minWidth: 0 }} />
        </Flex>
      ))}
    </div>
  );
}

/** Breadcrumb back to /rules, for a document's pages. */
export function RulesCrumb({ items }: { items: { title: React.ReactNode; to?: string }[] }) {
  const { t } = useTranslation();
  return (
    <Breadcrumb
      style={{ marginBottom: 16 }}
      items={[{ title: <Link to="/rules">{t("publicGov.rules.title")}</Link> }, ...items.map((i) => ({ title: i.to ? <Link to={i.to}>{i.title}</Link> : i.title }))]}
    />
  );
}

type Stage = "inForce" | "announced" | "past";
const stageColor: Record<Stage, string> = { inForce: "green", announced: "gold", past: "default" };
export const stageOf = (h: { inForce: boolean; past: boolean }): Stage => (h.inForce ? "inForce" : h.past ? "past" : "announced");

export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  return <Tag color={stageColor[stage]}>{t(`publicGov.doc.${stage}`)}</Tag>;
}

/** Every version of a document, newest first, each linking to its own page. */
export function VersionTimeline({ doc, selected }: { doc: PolicyDocument; selected?: string }) {
  const { t } = useTranslation();
  const items = [...doc.history].reverse();
  return (
    <div data-testid="policy-history">
      <Timeline
      items={items.map((h) => {
        const stage = stageOf(h);
        return {
          key: h.version,
          color: stage === "inForce" ? "green" : stage === "announced" ? "orange" : "gray",
          content: (
            <div data-testid={`history-${h.version}`}>
              <Space size={6} wrap>
                {h.version === selected ? (
                  <Typography.Text strong>{t("publicGov.doc.versionTag", { version: h.version })}</Typography.Text>
                ) : (
                  <Link to={docPath(doc.documentKey, h.version)}>{t("publicGov.doc.versionTag", { version: h.version })}</Link>
                )}
                <StageTag stage={stage} />
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {stage === "announced" ? t("publicGov.rules.takesEffect", { date: formatDate(h.effectiveFrom) }) : t("publicGov.doc.since", { date: formatDate(h.effectiveFrom) })}
                </Typography.Text>
              </div>
              {h.summary ? (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: h.summary }} style={{ fontSize: 12, margin: 0 }}>
                  {h.summary}
                </Typography.Paragraph>
              ) : null}
            </div>
          ),
        };
      })}
      />
    </div>
  );
}

/** A document's page while it loads, or when it cannot be shown (`title`, `text`: what is not found). */
export function DocumentFallback({ error, title, text }: { error: unknown; title: string; text: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: "32px 0 48px" }}>
      {!error ? (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : isNotFound(error) ? (
        <ErrorResult status="404" title={title} text={text} back={{ to: "/rules", label: t("publicGov.rules.title") }} />
      ) : (
        <ErrorAlert error={error} />
      )}
    </div>
  );
}

/** /rules/:key: the version in force, the announced ones, and the history (G1). */
export function PolicyPage() {
  const { t, i18n } = useTranslation();
  const { key = "" } = useParams();
  const policy = usePolicy(key);
  if (policy.isPending || policy.isError) return <DocumentFallback error={policy.error} title={t("publicGov.doc.notFound")} text={t("publicGov.doc.notFoundText")} />;
  const doc = policy.data;
  const shown = doc.current ?? doc.upcoming[0];
  const title = shown ? pick(shown.title, i18n.language) : key;
  return (
    <div style={{ padding: "24px 0 48px" }} data-testid="policy-page">
      <RulesCrumb items={[{ title }]} />
      <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 8 }}>
        {title}
      </Typography.Title>
      {doc.current ? (
        <Space size={8} wrap style={{ marginBottom: 16 }}>
          <StageTag stage="inForce" />
          <Typography.Text type="secondary">
            {t("publicGov.rules.inForceSince", { version: doc.current.version, date: formatDate(doc.current.effectiveFrom) })}
          </Typography.Text>
        </Space>
      ) : null}
      {doc.upcoming.map((u) => (
        <Alert
          key={u.version}
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid={`announced-${u.version}`}
          title={t("publicGov.doc.announcedBanner", {
            version: u.version,
            date: formatDateTime(u.effectiveFrom),
            days: t("publicGov.rules.daysLeft", { count: daysUntil(u.effectiveFrom) }),
          })}
          description={u.summary || undefined}
          action={
            <Link to={docPath(doc.documentKey, u.version)}>
              <Button size="small">{t("publicGov.rules.comment")}</Button>
            </Link>
          }
        />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            {doc.current ? (
              <PolicySections sections={doc.current.sections} testId="policy-text" />
            ) : (
              <Alert type="info" showIcon title={t("publicGov.doc.noCurrent")} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t("publicGov.doc.history")}>
            <VersionTimeline doc={doc} selected={doc.current?.version} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
