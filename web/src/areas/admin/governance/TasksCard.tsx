import { Card, Space, Table, Tag, Typography } from "antd";
import { ClockCircleOutlined, ScheduleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import i18n from "../../../i18n";
import { formatDate } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { docKindName } from "../../../components/onboarding";
import { GovErrorAlert, penaltyKindName } from "./labels";
import { usePlatformTasks } from "./queries";
import type { PlatformTask } from "./types";
import { inventoryTaskLink, inventoryTaskSentence } from "../../inventory/tasks";

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** The sentence of a task, in the reader's language, from its kind and facts. */
export function taskSentence(task: PlatformTask): string {
  const p = task.params;
  const merchant = task.merchantName ?? "";
  switch (task.kind) {
    case "document_expiring":
    case "document_expired":
      return i18n.t(`consoleGov.tasks.sentence.${task.kind}`, { merchant, kind: docKindName(str(p.documentKind)), number: str(p.number), date: formatDate(str(p.validUntil)) });
    case "reverification":
      return i18n.t("consoleGov.tasks.sentence.reverification", { merchant, date: formatDate(task.dueAt) });
    case "renewal_review":
      return i18n.t("consoleGov.tasks.sentence.renewal_review", { merchant, kind: docKindName(str(p.documentKind)) });
    case "appeal_review":
      return i18n.t("consoleGov.tasks.sentence.appeal_review", { merchant, penaltyKind: penaltyKindName(str(p.penaltyKind)) });
    default: {
      const stock = inventoryTaskSentence(task);
      return stock ? (merchant ? `${merchant}：${stock}` : stock) : i18n.t("consoleGov.tasks.sentence.other", { merchant, kind: task.kind });
    }
  }
}

/** The screen where a task is handled. */
export function taskLink(task: PlatformTask): string {
  switch (task.kind) {
    case "document_expiring":
    case "document_expired":
      return task.merchantId ? `/admin/merchants/${task.merchantId}/qualifications` : "/admin/merchants";
    case "reverification":
      return "/admin/qualifications/reverifications";
    case "renewal_review":
      return `/admin/qualifications/renewals/${task.subjectId}`;
    case "appeal_review":
      return `/admin/penalties/${task.subjectId}`;
    default:
      return inventoryTaskLink(task.kind, "/admin") ?? "/admin/merchants";
  }
}

/** A document's task is due on its last valid day (a calendar day), the others at an instant. */
const dueDay = (task: PlatformTask) => (task.kind.startsWith("document_") && task.params.validUntil ? str(task.params.validUntil) : task.dueAt);

/** The dashboard's card of open platform tasks the user can work on. */
export function PlatformTasksCard() {
  const { t } = useTranslation();
  const tasks = usePlatformTasks();
  const now = Date.now();
  const items = tasks.data?.items ?? [];
  return (
    <Card
      style={{ marginTop: 16 }}
      data-testid="platform-tasks"
      title={
        <span>
          <ScheduleOutlined style={{ marginRight: 8 }} />
          {t("consoleGov.tasks.title")}
          {items.length ? (
            <Tag style={{ marginLeft: 8 }} color="orange">
              {t("consoleGov.tasks.count", { count: items.length })}
            </Tag>
          ) : null}
        </span>
      }
    >
      <GovErrorAlert error={tasks.error} style={{ marginBottom: 12 }} />
      <Table<PlatformTask>
        rowKey="id"
        size="small"
        showHeader={false}
        loading={tasks.isPending}
        dataSource={items}
        pagination={{ pageSize: 8, hideOnSinglePage: true, size: "small" }}
        locale={{ emptyText: emptyText(t("consoleGov.tasks.empty")) }}
        onRow={(task) => ({ "data-testid": `task-${task.kind}`, "data-overdue": task.dueAt && new Date(task.dueAt).getTime() < now ? "true" : "false" }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: "text",
            render: (_: unknown, task) => (
              <Space size={6} wrap>
                <Link to={taskLink(task)} data-testid="task-link">
                  {taskSentence(task)}
                </Link>
                {task.kind === "document_expired" && task.params.mandatory === 1 ? <Tag color="red">{t("consoleGov.tasks.held")}</Tag> : null}
                {task.kind === "document_expiring" && task.params.mandatory === 1 ? <Tag color="orange">{t("consoleGov.tasks.mandatory")}</Tag> : null}
              </Space>
            ),
          },
          {
            key: "due",
            width: 200,
            align: "right",
            render: (_: unknown, task) => {
              const day = dueDay(task);
              if (!day) return null;
              const overdue = !!task.dueAt && new Date(task.dueAt).getTime() < now;
              return (
                <Space size={4}>
                  <Typography.Text type={overdue ? "danger" : "secondary"} style={{ whiteSpace: "nowrap" }}>
                    {t("consoleGov.tasks.due", { date: formatDate(day) })}
                  </Typography.Text>
                  {overdue ? (
                    <Tag color="red" icon={<ClockCircleOutlined />}>
                      {t("consoleGov.tasks.overdue")}
                    </Tag>
                  ) : null}
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
