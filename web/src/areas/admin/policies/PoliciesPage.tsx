import { Alert, Button, Card, Space, Table, Tag, Typography } from "antd";
import { EditOutlined, ExportOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useSession } from "../../../auth/session";
import { pick } from "../../../i18n";
import { ErrorAlert } from "../../../components/errors";
import { formatDate, formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { PageHeader } from "../../../components/PageHeader";
import { usePolicies } from "../../shop/governance/queries";
import type { PolicyIndexItem } from "../../shop/governance/queries";
import { docPath } from "../../shop/governance/RulesIndexPage";
import { useRules } from "../queries";

export const NOTICE_RULE = "rules.noticePeriodDays";
const DEFAULT_NOTICE_DAYS = 7;

/** The notice period of published documents, from the platform rules (G1). */
export function useNoticeDays(): number {
  const rules = useRules();
  const v = rules.data?.items.find((r) => r.key === NOTICE_RULE)?.value;
  return typeof v === "number" ? v : DEFAULT_NOTICE_DAYS;
}

export const publishPath = (key?: string) => `/admin/policies/publish${key ? `?key=${encodeURIComponent(key)}` : ""}`;

/** The published documents (G1): the version in force and those announced, and who may publish. */
export function PoliciesPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const policies = usePolicies();
  const days = useNoticeDays();
  const canPublish = can("rules.publish");
  return (
    <div data-testid="admin-policies">
      <PageHeader title={t("publicGov.admin.policies.title")}>
        {canPublish ? (
          <Link to={publishPath()}>
            <Button type="primary" icon={<PlusOutlined />} data-testid="policy-new">
              {t("publicGov.admin.policies.publish")}
            </Button>
          </Link>
        ) : null}
      </PageHeader>
      <Typography.Paragraph type="secondary">{t("publicGov.admin.policies.intro", { days })}</Typography.Paragraph>
      {canPublish ? null : <Alert type="info" showIcon title={t("publicGov.admin.policies.readOnly")} style={{ marginBottom: 16 }} />}
      <Card>
        {policies.isError ? <ErrorAlert error={policies.error} style={{ marginBottom: 16 }} /> : null}
        <Table<PolicyIndexItem>
          rowKey="documentKey"
          loading={policies.isPending}
          dataSource={policies.data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: emptyText(t("publicGov.admin.policies.empty")) }}
          onRow={(d) => ({ "data-testid": `admin-policy-${d.documentKey}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("publicGov.admin.policies.document"),
              key: "document",
              render: (_, d) => (
                <Space orientation="vertical" size={2}>
                  <Typography.Text strong>{pick((d.current ?? d.upcoming[0])!.title, i18n.language)}</Typography.Text>
                  <Typography.Text code style={{ fontSize: 12 }}>
                    {d.documentKey}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t("publicGov.admin.policies.inForce"),
              key: "current",
              width: 180,
              render: (_, d) =>
                d.current ? (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text>{d.current.version}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("publicGov.admin.policies.since", { date: formatDate(d.current.effectiveFrom) })}
                    </Typography.Text>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t("publicGov.admin.policies.none")}</Typography.Text>
                ),
            },
            {
              title: t("publicGov.admin.policies.announced"),
              key: "upcoming",
              render: (_, d) =>
                d.upcoming.length === 0 ? (
                  <Typography.Text type="secondary">{t("publicGov.admin.policies.none")}</Typography.Text>
                ) : (
                  <Space orientation="vertical" size={4} data-testid="admin-policy-upcoming">
                    {d.upcoming.map((u) => (
                      <Space key={u.version} size={6} wrap>
                        <Link to={docPath(d.documentKey, u.version)} target="_blank">
                          <Tag color="gold" style={{ cursor: "pointer", marginInlineEnd: 0 }}>
                            {t("publicGov.admin.policies.upcomingItem", { version: u.version, date: formatDateTime(u.effectiveFrom) })}
                          </Tag>
                        </Link>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t("publicGov.rules.comments", { count: u.comments })}
                        </Typography.Text>
                      </Space>
                    ))}
                  </Space>
                ),
            },
            {
              title: t("common.actions"),
              key: "actions",
              width: 150,
              render: (_, d) => (
                <Space orientation="vertical" size={4}>
                  {canPublish ? (
                    <Link to={publishPath(d.documentKey)}>
                      <Button size="small" type="primary" ghost icon={<EditOutlined />} data-testid={`policy-publish-${d.documentKey}`}>
                        {t("publicGov.admin.policies.publishVersion")}
                      </Button>
                    </Link>
                  ) : null}
                  <Link to={docPath(d.documentKey)} target="_blank">
                    <Button size="small" type="link" icon={<ExportOutlined />}>
                      {t("publicGov.admin.policies.view")}
                    </Button>
                  </Link>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
