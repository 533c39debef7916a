import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import i18n from "../../i18n";
import { errorText } from "../../components/errors";
import { formatDateTime, formatFen } from "../../components/format";
import { duration, fulfilErrorText } from "../../components/orders/fulfil";
import type { ExceptionCase, ExceptionKind, ExceptionStatus, OwnerKind, Resolution } from "./types";

// Pieces of the exception screens: tags, the deadline, errors in words.

export const exceptionsKey = ["exceptions"] as const;

const kindColor: Record<ExceptionKind, string> = { lost: "red", damaged: "volcano", delayed: "orange", returned: "gold", address: "blue", system: "purple", customer: "cyan" };
export function KindTag({ kind }: { kind: ExceptionKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={kindColor[kind] ?? "default"} data-testid="exception-kind" data-kind={kind} style={{ marginInlineEnd: 0 }}>
      {t(`exceptions.kind.${kind}`)}
    </Tag>
  );
}

const statusColor: Record<ExceptionStatus, string> = { open: "processing", resolved: "green", cancelled: "default" };
export function StatusTag({ status }: { status: ExceptionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="exception-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`exceptions.status.${status}`)}
    </Tag>
  );
}

export function OwnerTag({ kind, label }: { kind: OwnerKind; label: string | null }) {
  const { t } = useTranslation();
  return (
    <span data-testid="exception-owner" data-owner={kind}>
      <Tag color={kind === "platform" ? "geekblue" : "default"} style={{ marginInlineEnd: 4 }}>
        {t(`exceptions.owner.${kind}`)}
      </Tag>
      {label ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label}</Typography.Text> : null}
    </span>
  );
}

export function ResolutionTag({ resolution }: { resolution: Resolution }) {
  const { t } = useTranslation();
  return (
    <Tag color="green" data-testid="exception-resolution" data-resolution={resolution} style={{ marginInlineEnd: 0 }}>
      {t(`exceptions.resolution.${resolution}`)}
    </Tag>
  );
}

/**
 * The deadline of a case as a person reads it: time left while open (red once past), and for
 * a settled case when, with the late ones flagged.
 */
export function Deadline({ c, now = Date.now(), settled = "resolvedAt" }: { c: Pick<ExceptionCase, "status" | "deadline" | "overdue" | "resolvedAt">; now?: number; settled?: "resolvedAt" | "deadline" }) {
  const { t } = useTranslation();
  const deadline = new Date(c.deadline).getTime();
  if (c.status === "open") {
    const left = deadline - now;
    const over = left < 0;
    return (
      <div data-testid="exception-deadline" data-overdue={over ? "true" : "false"}>
        <Typography.Text strong={over} type={over ? "danger" : left < 6 * 3600_000 ? "warning" : undefined} style={{ whiteSpace: "nowrap" }}>
          {over ? t("exceptions.over", { duration: duration(-left) }) : t("exceptions.left", { duration: duration(left) })}
        </Typography.Text>
        <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)" }}>{formatDateTime(c.deadline)}</div>
      </div>
    );
  }
  const at = c.resolvedAt ? new Date(c.resolvedAt).getTime() : null;
  return (
    <div data-testid="exception-deadline" data-overdue={c.overdue ? "true" : "false"}>
      {c.overdue && at ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }} title={t("exceptions.lateBy", { duration: duration(at - deadline) })} data-testid="exception-late">
          {t("exceptions.late")}
        </Tag>
      ) : null}
      <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)" }}>{formatDateTime(settled === "deadline" ? c.deadline : c.resolvedAt)}</div>
    </div>
  );
}

const KINDS = new Set<string>(["lost", "damaged", "delayed", "returned", "address", "system", "customer"]);
const RESOLVED = new Set<string>(["reship", "refund", "claim", "no_action"]);

/**
 * A step of a case as the server wrote it ("damaged (SF…): …", "refund ¥10.00 (R…): …",
 * "→ platform (desk)"), its leading word in the reader's language.
 */
export function stepText(event: string, text: string): string {
  const m = /^(→ )?([a-z_]+)(.*)$/s.exec(text);
  if (!m) return text;
  const [, arrow, word, rest] = m as unknown as [string, string | undefined, string, string];
  const key = event === "exception_open" && KINDS.has(word) ? `exceptions.kind.${word}`
    : event === "exception_resolve" && RESOLVED.has(word) ? `exceptions.resolution.${word}`
    : event === "exception_assign" && arrow && (word === "merchant" || word === "platform") ? `exceptions.owner.${word}` : null;
  return key ? `${arrow ?? ""}${String(i18n.t(key as never))}${rest}` : text;
}

/** This area's codes in words, then shipping's (waybill, carrier …), then the server's message. */
export function exceptionErrorText(e: unknown): string {
  if (isApiError(e) && i18n.exists(`exceptions.errors.${e.code}`)) {
    const details = (e.details ?? {}) as Record<string, unknown>;
    const money = (v: unknown) => (typeof v === "number" ? formatFen(v) : "");
    return String(i18n.t(`exceptions.errors.${e.code}` as never, { limit: money(details.limitFen), refundable: money(details.refundableFen) } as never));
  }
  return fulfilErrorText(e, errorText);
}
