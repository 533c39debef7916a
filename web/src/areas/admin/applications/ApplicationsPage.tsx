import { useMemo, useState } from "react";
import { Button, Card, Flex, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { ClockCircleOutlined } from "@ant-design/icons";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../../api";
import type { ApplicationQueueItem, ApplicationStatus, Page } from "../../../api";
import { ErrorAlert } from "../../../components/errors";
import { formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { ApplicationStatusTag, categoryName, entityTypeName, waitingText } from "../../../components/onboarding";
import { PageHeader } from "../../../components/PageHeader";

export const QUEUE_KEY = ["admin", "applications"] as const;
const PAGE_SIZE = 50;
/** Applicants waiting longer than this are shown in red (M2 ageing). */
export const AGEING_ALERT_HOURS = 24;
const STATUSES: ApplicationStatus[] = ["submitted", "under_review", "rejected", "approved", "draft"];

/** The queue and the table of mandatory documents: two tabs of one menu item. */
export function ReviewTabs({ active }: { active: "queue" | "requirements" }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      activeKey={active}
      onChange={(k) => navigate(k === "queue" ? "/admin/applications" : "/admin/applications/requirements")}
      items={[
        { key: "queue", label: <span data-testid="tab-queue">{t("review.tabs.queue")}</span> },
        { key: "requirements", label: <span data-testid="tab-requirements">{t("review.tabs.requirements")}</span> },
      ]}
      style={{ marginBottom: 8 }}
    />
  );
}

/** How long an applicant has waited: red beyond a day. */
export function AgeingTag({ hours }: { hours: number | null }) {
  const { t } = useTranslation();
  if (hours === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const late = hours > AGEING_ALERT_HOURS;
  return (
    <Tooltip title={late ? t("review.queue.lateHint", { hours: AGEING_ALERT_HOURS }) : undefined}>
      <Tag color={late ? "red" : hours > AGEING_ALERT_HOURS / 2 ? "orange" : "green"} icon={<ClockCircleOutlined />} data-testid="ageing" data-late={late ? "true" : "false"}>
        {waitingText(hours)}
      </Tag>
    </Tooltip>
  );
}

/** The reviewers' queue (M2): waiting applications first, with how long they have waited. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ApplicationStatus | "waiting">("waiting");
  const [q, setQ] = useState("");
  const filters = { status: status === "waiting" ? undefined : status, q: q || undefined };
  const queue = useInfiniteQuery({
    queryKey: [...QUEUE_KEY, "list", filters],
    initialPageParam: "" as string,
    queryFn: ({ pageParam }) => api<Page<ApplicationQueueItem>>("/admin/applications", { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data]);

  return (
    <div data-testid="admin-applications">
      <PageHeader title={t("review.title")} />
      <ReviewTabs active="queue" />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<ApplicationStatus | "waiting">
            value={status}
            onChange={setStatus}
            style={{ width: 260 }}
            popupMatchSelectWidth={false}
            data-testid="queue-status"
            options={[
              { value: "waiting", label: t("review.queue.waiting") },
              ...STATUSES.map((s) => ({ value: s, label: t(`onboarding.status.${s}`) })),
            ]}
          />
          <Input.Search
            allowClear
            placeholder={t("review.queue.searchPlaceholder")}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 300 }}
            enterButton={t("common.search")}
            data-testid="queue-search"
          />
        </Flex>
        {queue.isError ? <ErrorAlert error={queue.error} style={{ marginBottom: 16 }} /> : null}
        <Table<ApplicationQueueItem>
          rowKey="id"
          loading={queue.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="queue-table"
          locale={{ emptyText: emptyText(status === "waiting" && !q ? t("review.queue.emptyWaiting") : t("review.queue.empty")) }}
          onRow={(r) => ({ onClick: () => navigate(`/admin/applications/${r.id}`), style: { cursor: "pointer" }, "data-testid": `queue-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("onboarding.fields.name"),
              dataIndex: "name",
              render: (v: string | null, r) => (
                <Link to={`/admin/applications/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="queue-row-name">
                  {v ?? t("review.queue.unnamed")}
                </Link>
              ),
            },
            { title: t("onboarding.fields.entityType"), dataIndex: "entityType", width: 100, render: (v: string | null) => entityTypeName(v) },
            {
              title: t("onboarding.fields.creditCode"),
              dataIndex: "creditCode",
              width: 200,
              render: (v: string | null) => (v ? <Typography.Text style={{ fontFamily: "monospace", whiteSpace: "nowrap" }}>{v}</Typography.Text> : "—"),
            },
            {
              title: t("onboarding.fields.categories"),
              dataIndex: "categories",
              width: 120,
              render: (v: string[]) => (
                <Space size={[4, 4]} wrap>
                  {v.map((c) => (
                    <Tag key={c}>{categoryName(c)}</Tag>
                  ))}
                </Space>
              ),
            },
            { title: t("review.status"), dataIndex: "status", width: 100, render: (s: string) => <ApplicationStatusTag status={s} /> },
            { title: t("review.submittedAt"), dataIndex: "submittedAt", width: 150, render: (v: string | null) => formatDateTime(v) },
            { title: t("review.queue.waitingFor"), dataIndex: "waitingHours", width: 130, render: (h: number | null) => <AgeingTag hours={h} /> },
          ]}
        />
        {queue.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
              {t("common.loadMore")}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </div>
  );
}
