import { App, Badge, Button, Card, Empty, Flex, Skeleton, Typography } from "antd";
import { AuditOutlined, BellOutlined, CheckOutlined, FileProtectOutlined, RightOutlined, SafetyCertificateOutlined, WarningOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useSession } from "../../../auth/session";
import { appealWindowOpen, govErrorText, GovErrorAlert, RelativeTag, taskText } from "./labels";
import { useAcknowledgeTask, useOpenTasks } from "./queries";
import { ACKNOWLEDGEABLE } from "./types";
import type { Task } from "../../../types/governance";
import { inventoryTaskLink } from "../../inventory/tasks";

type Action = "renew" | "resubmit" | "confirm" | "view" | "appeal" | "agreement";

/** Where a task is handled, and what the link says. */
function handledAt(kind: string): { to: string; action: Action; icon: React.ReactNode } {
  const docs = <FileProtectOutlined />;
  switch (kind) {
    case "document_expiring":
    case "document_expired":
      return { to: "/merchant/qualifications", action: "renew", icon: docs };
    case "document_renewal_rejected":
      return { to: "/merchant/qualifications", action: "resubmit", icon: docs };
    case "reverification_due":
    case "reverification_returned":
      return { to: "/merchant/qualifications", action: "confirm", icon: <SafetyCertificateOutlined /> };
    case "reverification_passed":
      return { to: "/merchant/qualifications", action: "view", icon: <SafetyCertificateOutlined /> };
    case "penalty_issued":
      return { to: "/merchant/penalties", action: "appeal", icon: <WarningOutlined /> };
    case "appeal_decided":
      return { to: "/merchant/penalties", action: "view", icon: <WarningOutlined /> };
    case "agreement_accept":
      return { to: "/merchant/agreements", action: "agreement", icon: <AuditOutlined /> };
    case "ship_overdue":
      return { to: "/merchant/orders", action: "view", icon: <WarningOutlined /> };
    case "order_exception":
      return { to: "/merchant/orders/exceptions", action: "view", icon: <WarningOutlined /> };
    case "quality_failed":
    case "recall_opened":
      return { to: "/merchant/products", action: "view", icon: <WarningOutlined /> };
    default:
      return { to: inventoryTaskLink(kind, "/merchant") ?? "/merchant", action: "view", icon: <BellOutlined /> };
  }
}

/** The date a task's urgency is told by: a document's expiry, the agreement's start, the deadline. */
function relativeOf(task: Task): { date: string; mode: "expires" | "effective" | "due" } | null {
  const p = task.params;
  if ((task.kind === "document_expiring" || task.kind === "document_expired") && typeof p.validUntil === "string") return { date: p.validUntil, mode: "expires" };
  if (task.kind === "agreement_accept" && typeof p.effectiveFrom === "string") return { date: p.effectiveFrom, mode: "effective" };
  if (task.kind === "penalty_issued") return appealWindowOpen(task) ? { date: String(p.appealBy), mode: "due" } : null;
  return task.dueAt ? { date: task.dueAt, mode: "due" } : null;
}

/** Once a document has expired, the earlier "expiring" notice of it says nothing more. */
function withoutSuperseded(tasks: Task[]): Task[] {
  const expired = new Set(tasks.filter((x) => x.kind === "document_expired").map((x) => x.subjectId));
  return tasks.filter((x) => !(x.kind === "document_expiring" && expired.has(x.subjectId)));
}

function TaskRow({ task, canManage, last }: { task: Task; canManage: boolean; last: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ack = useAcknowledgeTask();
  const at = handledAt(task.kind);
  if (task.kind === "penalty_issued" && !appealWindowOpen(task)) at.action = "view";
  const rel = relativeOf(task);
  const mandatory = (task.kind === "document_expiring" || task.kind === "document_expired") && Number(task.params.mandatory) === 1;

  const acknowledge = () =>
    ack.mutate(task.id, {
      onSuccess: () => void message.success(t("portalGov.tasks.markedRead")),
      onError: (e) => void message.error(govErrorText(e)),
    });

  return (
    <Flex gap={12} align="flex-start" style={{ padding: "12px 0", borderBottom: last ? undefined : "1px solid #f0f0f0" }} data-testid={`task-${task.kind}`} data-task-id={task.id}>
      <span style={{ fontSize: 18, color: "#c2410c", lineHeight: "22px" }}>{at.icon}</span>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text data-testid="task-text">{taskText(task)}</Typography.Text>
        {mandatory ? (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("portalGov.tasks.mandatoryHint")}
            </Typography.Text>
          </div>
        ) : null}
        <Flex gap={8} wrap align="center" style={{ marginTop: 6 }}>
          {rel ? <RelativeTag date={rel.date} mode={rel.mode} /> : null}
          <Link to={at.to} data-testid="task-link">
            {t(`portalGov.tasks.action.${at.action}`)} <RightOutlined style={{ fontSize: 10 }} />
          </Link>
        </Flex>
      </div>
      {canManage && ACKNOWLEDGEABLE.includes(task.kind) ? (
        <Button size="small" icon={<CheckOutlined />} loading={ack.isPending} onClick={acknowledge} data-testid="task-ack">
          {t("portalGov.tasks.markRead")}
        </Button>
      ) : null}
    </Flex>
  );
}

/** The shop's open tasks and notices (M3, M6, G1): what to do, by when, and where. */
export function TasksCard() {
  const { t } = useTranslation();
  const { can } = useSession();
  const tasks = useOpenTasks();
  const items = tasks.data ? withoutSuperseded(tasks.data) : [];
  const count = items.length;
  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <BellOutlined />
          <span>{t("portalGov.tasks.title")}</span>
          {count ? <Badge count={count} color="#c2410c" /> : null}
        </Flex>
      }
      styles={{ body: { paddingTop: 4, paddingBottom: 4 } }}
      data-testid="tasks-card"
    >
      {tasks.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} style={{ padding: "12px 0" }} />
      ) : tasks.isError ? (
        <GovErrorAlert error={tasks.error} style={{ margin: "12px 0" }} />
      ) : count === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("portalGov.tasks.empty")} data-testid="tasks-empty" style={{ margin: "16px 0" }} />
      ) : (
        <div>
          {items.map((task, i) => (
            <TaskRow key={task.id} task={task} canManage={can("shop.manage")} last={i === count - 1} />
          ))}
        </div>
      )}
    </Card>
  );
}
