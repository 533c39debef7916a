import { useState } from "react";
import { App, Badge, Button, Card, Flex, Segmented, Skeleton, Space, Typography } from "antd";
import { AlertOutlined, CarOutlined, NotificationOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert, errorText } from "../../../components/errors";
import { formatDateTime } from "../../../components/format";
import { EmptyCard } from "../orders/kit";
import { noticeText, useMarkRead, useNotices } from "./notices";
import type { Notice } from "./notices";

const ICON: Record<string, React.ReactNode> = {
  recall: <AlertOutlined style={{ color: "#cf1322" }} />,
  order_ship_overdue: <CarOutlined style={{ color: "#d46b08" }} />,
};

function NoticeCard({ notice, markRead }: { notice: Notice; markRead: (ids: string[]) => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const { title, text, extra } = noticeText(notice);
  const unread = !notice.readAt;
  const read = async () => {
    setBusy(true);
    try {
      await markRead([notice.id]);
    } catch (e) {
      message.error(errorText(e));
    }
    setBusy(false);
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 12, borderColor: unread ? "#ffd591" : undefined, background: unread ? "#fffbf5" : undefined }}
      data-testid="notice"
      data-kind={notice.kind}
      data-read={unread ? "false" : "true"}
    >
      <Flex gap={14} align="flex-start">
        <span style={{ fontSize: 22, lineHeight: 1, marginTop: 2 }}>{ICON[notice.kind] ?? <NotificationOutlined />}</span>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Space size={8}>
            {unread ? <Badge status="error" /> : null}
            <Typography.Text strong={unread} style={{ fontSize: 15 }} data-testid="notice-title">
              {title}
            </Typography.Text>
          </Space>
          <Typography.Paragraph style={{ margin: "4px 0 0" }} data-testid="notice-text">
            {text}
          </Typography.Paragraph>
          {extra ? (
            <Typography.Paragraph strong style={{ margin: "4px 0 0" }} data-testid="notice-extra">
              {extra}
            </Typography.Paragraph>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(notice.createdAt)}
            {notice.readAt ? ` · ${t("fulfil.notices.read")}` : ""}
          </Typography.Text>
        </div>
        <Space orientation="vertical" align="end" size={4} style={{ flex: "none" }}>
          {notice.subjectType === "order" ? (
            <Link to={`/account/orders/${notice.subjectId}`} onClick={() => (unread ? void markRead([notice.id]).catch(() => undefined) : undefined)} data-testid="notice-open-order">
              {t("fulfil.notices.openOrder")}
            </Link>
          ) : null}
          {unread ? (
            <Button size="small" loading={busy} onClick={() => void read()} data-testid="notice-mark-read">
              {t("fulfil.notices.markRead")}
            </Button>
          ) : null}
        </Space>
      </Flex>
    </Card>
  );
}

/** /account/notices: recalls and order reminders for the buyer, unread first in mind (O5, P5). */
export function NoticesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [only, setOnly] = useState<"all" | "unread">("all");
  const notices = useNotices(only === "unread");
  const markRead = useMarkRead();
  const [busy, setBusy] = useState(false);
  const items = notices.data?.items ?? [];
  const unread = notices.data?.unread ?? 0;
  const readAll = async () => {
    setBusy(true);
    try {
      await markRead(items.filter((n) => !n.readAt).map((n) => n.id));
    } catch (e) {
      message.error(errorText(e));
    }
    setBusy(false);
  };
  return (
    <div style={{ padding: "24px 0 48px", maxWidth: 860 }} data-testid="notices-page">
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 8 }}>
        <Space size={12} align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("fulfil.notices.title")}
          </Typography.Title>
          {unread ? (
            <Typography.Text type="danger" data-testid="notices-unread">
              {t("fulfil.notices.unread", { count: unread })}
            </Typography.Text>
          ) : null}
        </Space>
        <Space>
          <Segmented
            value={only}
            onChange={(v) => setOnly(v as "all" | "unread")}
            options={[
              { value: "all", label: <span data-testid="notices-filter-all">{t("fulfil.notices.all")}</span> },
              { value: "unread", label: <span data-testid="notices-filter-unread">{t("fulfil.notices.unreadOnly")}</span> },
            ]}
          />
          <Button disabled={!items.some((n) => !n.readAt)} loading={busy} onClick={() => void readAll()} data-testid="notices-mark-all">
            {t("fulfil.notices.markAll")}
          </Button>
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">{t("fulfil.notices.intro")}</Typography.Paragraph>
      <ErrorAlert error={notices.error} style={{ marginBottom: 12 }} />
      {notices.isPending ? (
        <Card data-testid="notices-loading">
          <Skeleton active paragraph={{ rows: 3 }} />
        </Card>
      ) : notices.isError ? null : items.length ? (
        <div data-testid="notices-list">
          {items.map((n) => (
            <NoticeCard key={n.id} notice={n} markRead={markRead} />
          ))}
        </div>
      ) : (
        <EmptyCard title={t("fulfil.notices.empty")} testId="notices-empty">
          <Link to="/account/orders">
            <Button>{t("checkout.placed.toOrders")}</Button>
          </Link>
        </EmptyCard>
      )}
    </div>
  );
}
