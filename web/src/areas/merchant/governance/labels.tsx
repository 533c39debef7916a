import { Alert, Tag } from "antd";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { isApiError } from "../../../api";
import i18n from "../../../i18n";
import { errorText } from "../../../components/errors";
import { formatDate, formatDateTime } from "../../../components/format";
import { docKindName } from "../../../components/onboarding";
import { tx } from "../../../components/tx";
import type { QualificationDocument, Renewal, Reverification, Task } from "../../../types/governance";
import { inventoryTaskSentence } from "../../inventory/tasks";
import { qualityTaskSentence } from "../../quality/tasks";

/**
 * An error of these pages: codes of the governance API are explained here (the shared
 * dictionary does not know them), the rest as everywhere else.
 */
export function govErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `portalGov.errors.${e.code}`;
    if (i18n.exists(key)) {
      const appealBy = (e.details as { appealBy?: unknown } | undefined)?.appealBy;
      return String(i18n.t(key as never, { appealBy: typeof appealBy === "string" ? formatDateTime(appealBy) : "" } as never));
    }
  }
  return errorText(e);
}

export function GovErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={govErrorText(error)} style={style} data-testid="error-alert" />;
}

/** Whole calendar days from today to a date ("2026-12-14") or instant, in the reader's time zone. */
export function daysUntil(date: string): number {
  return dayjs(date).startOf("day").diff(dayjs().startOf("day"), "day");
}

type RelMode = "expires" | "effective" | "due";

/** "20 天后到期" / "今天截止" / "已逾期 3 天". */
export function relativeText(date: string, mode: RelMode): string {
  const days = daysUntil(date);
  const t = i18n.t.bind(i18n);
  if (mode === "expires") return days > 0 ? t("portalGov.rel.expiresIn", { count: days }) : days === 0 ? t("portalGov.rel.expiresToday") : t("portalGov.rel.expiredAgo", { count: -days });
  if (mode === "effective") return days > 0 ? t("portalGov.rel.effectiveIn", { count: days }) : days === 0 ? t("portalGov.rel.effectiveToday") : t("portalGov.rel.inEffect");
  return days > 0 ? t("portalGov.rel.dueIn", { count: days }) : days === 0 ? t("portalGov.rel.dueToday") : t("portalGov.rel.overdue", { count: -days });
}

/** Red within a week (or past), orange within a month. */
export function urgencyColor(days: number): string {
  return days <= 7 ? "red" : days <= 30 ? "orange" : "blue";
}

export function RelativeTag({ date, mode }: { date: string; mode: RelMode }) {
  useTranslation();
  return (
    <Tag color={urgencyColor(daysUntil(date))} data-testid="relative-due" style={{ marginInlineEnd: 0 }}>
      {relativeText(date, mode)}
    </Tag>
  );
}

export const penaltyKindName = (kind: string) => tx(`portalGov.penaltyKind.${kind}`, kind);
/** The kind inside a sentence: lower case in English ("a suspension"). */
export const penaltyNoun = (kind: string) => tx(`portalGov.penaltyNoun.${kind}`, kind);

const penaltyKindColor: Record<string, string> = { warning: "gold", listing_restriction: "orange", suspension: "volcano", closure: "red", qualification_hold: "volcano" };
const penaltyStatusColor: Record<string, string> = { in_force: "red", appealed: "blue", upheld: "volcano", revoked: "green", lifted: "default" };

export function PenaltyKindTag({ kind }: { kind: string }) {
  useTranslation();
  return (
    <Tag color={penaltyKindColor[kind] ?? "default"} data-testid="penalty-kind" data-kind={kind}>
      {penaltyKindName(kind)}
    </Tag>
  );
}

export function PenaltyStatusTag({ status }: { status: string }) {
  useTranslation();
  return (
    <Tag color={penaltyStatusColor[status] ?? "default"} data-testid="penalty-status" data-status={status}>
      {tx(`portalGov.penaltyStatus.${status}`, status)}
    </Tag>
  );
}

const standingColor: Record<string, string> = { active: "green", restricted: "orange", suspended: "volcano", closed: "red" };

export function StandingTag({ status }: { status: string }) {
  useTranslation();
  return (
    <Tag color={standingColor[status] ?? "default"} data-testid="standing-status" data-status={status}>
      {tx(`portalGov.standing.status.${status}`, status)}
    </Tag>
  );
}

/** Valid (green), expiring in n days (orange/red), expired (red). */
export function DocumentStateTag({ doc }: { doc: QualificationDocument }) {
  const { t } = useTranslation();
  const props = { "data-testid": `doc-state-${doc.kind}`, "data-state": doc.state, style: { marginInlineEnd: 0 } };
  if (doc.state === "expired") return <Tag color="red" {...props}>{t("portalGov.docState.expired")}</Tag>;
  if (doc.state === "expiring" && doc.validUntil) {
    const days = doc.daysLeft ?? daysUntil(doc.validUntil);
    return (
      <Tag color={days <= 7 ? "red" : "orange"} {...props}>
        {days > 0 ? t("portalGov.rel.expiresIn", { count: days }) : t("portalGov.rel.expiresToday")}
      </Tag>
    );
  }
  return <Tag color="green" {...props}>{t("portalGov.docState.valid")}</Tag>;
}

const renewalColor: Record<string, string> = { pending: "blue", approved: "green", rejected: "red" };

export function RenewalStatusTag({ status }: { status: Renewal["status"] }) {
  useTranslation();
  return (
    <Tag color={renewalColor[status] ?? "default"} data-testid="renewal-status" data-status={status}>
      {tx(`portalGov.qualifications.renewalStatus.${status}`, status)}
    </Tag>
  );
}

const reverificationColor: Record<string, string> = { due: "orange", submitted: "blue", passed: "green", returned: "red" };

export function ReverificationStatusTag({ status }: { status: Reverification["status"] }) {
  useTranslation();
  return (
    <Tag color={reverificationColor[status] ?? "default"} data-testid="reverification-status" data-status={status}>
      {tx(`portalGov.reverification.status.${status}`, status)}
    </Tag>
  );
}

/** A penalty notice whose appeal deadline has not passed yet. */
export const appealWindowOpen = (task: Task) => typeof task.params.appealBy === "string" && Date.parse(task.params.appealBy) > Date.now();

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** The sentence of a task, in the reader's language, from its kind and params. */
export function taskText(task: Task): string {
  const p = task.params;
  const t = i18n.t.bind(i18n);
  switch (task.kind) {
    case "document_expiring":
    case "document_expired": {
      // An "expiring" notice still open after the date reads as what it now is.
      const expired = task.kind === "document_expired" || daysUntil(str(p.validUntil)) < 0;
      return t(expired ? "portalGov.tasks.text.document_expired" : "portalGov.tasks.text.document_expiring", {
        kind: docKindName(str(p.documentKind)),
        number: str(p.number),
        date: formatDate(str(p.validUntil)),
      });
    }
    case "agreement_accept":
      return t(daysUntil(str(p.effectiveFrom)) < 0 ? "portalGov.tasks.text.agreement_accept_inForce" : "portalGov.tasks.text.agreement_accept", {
        version: str(p.version),
        date: formatDate(str(p.effectiveFrom)),
      });
    case "penalty_issued":
      return t(appealWindowOpen(task) ? "portalGov.tasks.text.penalty_issued" : "portalGov.tasks.text.penalty_issued_closed", {
        penalty: penaltyNoun(str(p.penaltyKind)),
        reason: str(p.reason),
        date: formatDateTime(str(p.appealBy)),
      });
    case "appeal_decided":
      return t(p.decision === "revoke" ? "portalGov.tasks.text.appeal_decided_revoke" : "portalGov.tasks.text.appeal_decided_uphold", {
        penalty: penaltyNoun(str(p.penaltyKind)),
        reason: str(p.reason),
      });
    case "document_renewal_rejected":
      return t("portalGov.tasks.text.document_renewal_rejected", { kind: docKindName(str(p.documentKind)), reason: str(p.reason) });
    case "reverification_due":
      return t("portalGov.tasks.text.reverification_due", { date: formatDate(str(p.dueAt ?? task.dueAt)) });
    case "reverification_returned":
      return t("portalGov.tasks.text.reverification_returned", { reason: str(p.reason) });
    case "reverification_passed":
      return p.reason ? t("portalGov.tasks.text.reverification_passed_reason", { reason: str(p.reason) }) : t("portalGov.tasks.text.reverification_passed");
    case "ship_overdue":
      return t("portalGov.tasks.text.ship_overdue", { orderNo: str(p.orderNo), hours: str(p.hours), date: formatDateTime(str(p.shipBy)) });
    case "order_exception":
      return t("portalGov.tasks.text.order_exception", { orderNo: str(p.orderNo), caseNo: str(p.caseNo), kind: t(`exceptions.kind.${str(p.kind)}`, str(p.kind)), date: formatDateTime(str(p.deadline)) });
    default:
      return inventoryTaskSentence(task) ?? qualityTaskSentence(task) ?? t("portalGov.tasks.text.other");
  }
}
