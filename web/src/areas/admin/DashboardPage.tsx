import { Card, Col, Row, Statistic, Table, Typography } from "antd";
import { AuditOutlined, ControlOutlined, ShopOutlined, SolutionOutlined, TeamOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../api";
import type { ApplicationQueueItem, AuditEntry, Page, Rule, User } from "../../api";
import { useSession } from "../../auth/session";
import { ErrorAlert } from "../../components/errors";
import { formatDateTime, formatSummary } from "../../components/format";
import { emptyText, RoleTags } from "../../components/labels";
import { useMerchants } from "./queries";
import { PlatformTasksCard } from "./governance/TasksCard";

const COUNT_LIMIT = 100;

export function AdminDashboard() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  const users = useQuery({
    queryKey: ["admin", "users", "count"],
    queryFn: () => api<Page<User>>("/admin/users", { query: { limit: COUNT_LIMIT } }),
    enabled: can("user.read.any"),
  });
  const merchants = useMerchants();
  const rules = useQuery({ queryKey: ["admin", "rules"], queryFn: () => api<{ items: Rule[] }>("/admin/rules"), enabled: can("rules.read") });
  const applications = useQuery({
    queryKey: ["admin", "applications", "list", "count"],
    queryFn: () => api<Page<ApplicationQueueItem>>("/admin/applications", { query: { limit: COUNT_LIMIT } }),
    enabled: can("merchant.review"),
  });
  const audit = useQuery({
    queryKey: ["admin", "audit", "recent"],
    queryFn: () => api<Page<AuditEntry>>("/admin/audit", { query: { limit: 5 } }),
    enabled: can("audit.read"),
  });

  const cards: { key: string; title: string; icon: React.ReactNode; to: string; value: number | string; loading: boolean; error: unknown }[] = [];
  if (can("user.read.any"))
    cards.push({
      key: "users",
      title: t("admin.dashboard.users"),
      icon: <TeamOutlined />,
      to: "/admin/users",
      value: users.data ? `${users.data.items.length}${users.data.nextCursor ? "+" : ""}` : 0,
      loading: users.isPending,
      error: users.error,
    });
  if (can("merchant.read.any"))
    cards.push({ key: "merchants", title: t("admin.dashboard.merchants"), icon: <ShopOutlined />, to: "/admin/merchants", value: merchants.data?.items.length ?? 0, loading: merchants.isPending, error: merchants.error });
  if (can("merchant.review"))
    cards.push({
      key: "applications",
      title: t("admin.dashboard.applications"),
      icon: <SolutionOutlined />,
      to: "/admin/applications",
      value: applications.data ? `${applications.data.items.length}${applications.data.nextCursor ? "+" : ""}` : 0,
      loading: applications.isPending,
      error: applications.error,
    });
  if (can("rules.read")) {
    cards.push({ key: "rules", title: t("admin.dashboard.rules"), icon: <ControlOutlined />, to: "/admin/rules", value: rules.data?.items.length ?? 0, loading: rules.isPending, error: rules.error });
    cards.push({
      key: "upcoming",
      title: t("admin.dashboard.upcoming"),
      icon: <ControlOutlined />,
      to: "/admin/rules",
      value: rules.data?.items.reduce((n, r) => n + r.upcoming.length, 0) ?? 0,
      loading: rules.isPending,
      error: null,
    });
  }

  return (
    <div data-testid="admin-dashboard">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("admin.dashboard.welcome", { name: me?.user.displayName ?? "" })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t("admin.dashboard.yourRoles")} <RoleTags roles={me?.user.roles ?? []} />
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {cards.map((c) => (
          <Col xs={24} sm={12} xl={6} key={c.key}>
            <Link to={c.to}>
              <Card hoverable data-testid={`stat-${c.key}`}>
                {c.error ? <ErrorAlert error={c.error} /> : <Statistic title={c.title} value={c.value} loading={c.loading} prefix={c.icon} />}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <PlatformTasksCard />
      {can("audit.read") ? (
        <Card
          style={{ marginTop: 16 }}
          title={
            <span>
              <AuditOutlined style={{ marginRight: 8 }} />
              {t("admin.dashboard.recentAudit")}
            </span>
          }
          extra={<Link to="/admin/audit">{t("admin.dashboard.viewAll")}</Link>}
        >
          {audit.isError ? <ErrorAlert error={audit.error} /> : null}
          <Table<AuditEntry>
            rowKey="seq"
            size="small"
            loading={audit.isPending}
            dataSource={audit.data?.items ?? []}
            pagination={false}
            scroll={{ x: 640 }}
            locale={{ emptyText: emptyText(t("audit.empty")) }}
            columns={[
              { title: t("audit.seq"), dataIndex: "seq", width: 70 },
              { title: t("audit.at"), dataIndex: "at", render: (v: string) => formatDateTime(v), width: 150 },
              { title: t("audit.actor"), dataIndex: "actorLabel", render: (v: string | null) => v ?? t("audit.system") },
              { title: t("audit.action"), dataIndex: "action", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
              { title: t("audit.summary"), dataIndex: "summary", ellipsis: true, render: (v: unknown) => formatSummary(v) },
            ]}
          />
        </Card>
      ) : null}
      {cards.length === 0 && !can("audit.read") ? (
        <Card style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t("admin.dashboard.nothingYet")}</Typography.Text>
        </Card>
      ) : null}
    </div>
  );
}
