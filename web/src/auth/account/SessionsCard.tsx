import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from "antd";
import { LogoutOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { SessionInfo } from "../../api";
import { useSession } from "../session";
import { errorText, ErrorAlert } from "../../components/errors";
import { describeUserAgent, formatDateTime } from "../../components/format";
import { emptyText } from "../../components/labels";

const SESSIONS_KEY = ["auth", "sessions"] as const;

/** Where the account is signed in; revoke one session or all of them (S1). */
export function SessionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { logoutAll } = useSession();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: () => api<{ items: SessionInfo[] }>("/auth/sessions") });

  const revoke = useMutation({
    mutationFn: (id: string) => api<void>(`/auth/sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: async () => {
      message.success(t("sessions.revoked"));
      await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (e) => message.error(errorText(e)),
  });

  const everywhere = useMutation({
    mutationFn: () => logoutAll("/login"),
    onSuccess: () => {
      message.success(t("sessions.loggedOutEverywhere"));
    },
    onError: (e) => message.error(errorText(e)),
  });

  return (
    <Card
      title={t("sessions.title")}
      data-testid="sessions-card"
      extra={
        <Popconfirm title={t("sessions.logoutAllConfirm")} onConfirm={() => everywhere.mutate()} okText={t("common.confirm")} cancelText={t("common.cancel")}>
          <Button danger icon={<LogoutOutlined />} loading={everywhere.isPending} data-testid="logout-all">
            {t("sessions.logoutAll")}
          </Button>
        </Popconfirm>
      }
    >
      {sessions.isError ? <ErrorAlert error={sessions.error} style={{ marginBottom: 16 }} /> : null}
      <Table<SessionInfo>
        rowKey="id"
        size="small"
        loading={sessions.isPending}
        dataSource={sessions.data?.items ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: emptyText(t("sessions.empty")) }}
        columns={[
          {
            title: t("sessions.device"),
            key: "device",
            render: (_, s) => (
              <Space orientation="vertical" size={0}>
                <Tooltip title={s.userAgent ?? ""}>
                  <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                    {describeUserAgent(s.userAgent) ?? (s.userAgent || t("sessions.unknownDevice"))}
                  </Typography.Text>
                </Tooltip>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.ip || "—"}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t("sessions.createdAt"), dataIndex: "createdAt", render: (v: string) => formatDateTime(v) },
          { title: t("sessions.lastSeenAt"), dataIndex: "lastSeenAt", render: (v: string) => formatDateTime(v) },
          { title: t("sessions.expiresAt"), dataIndex: "expiresAt", render: (v: string) => formatDateTime(v) },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, s) =>
              s.current ? (
                <Tag color="blue" data-testid="session-current">
                  {t("sessions.current")}
                </Tag>
              ) : (
                <Popconfirm title={t("sessions.revokeConfirm")} onConfirm={() => revoke.mutate(s.id)} okText={t("common.confirm")} cancelText={t("common.cancel")}>
                  <Button size="small" danger loading={revoke.isPending && revoke.variables === s.id}>
                    {t("sessions.revoke")}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
