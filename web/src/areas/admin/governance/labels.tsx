import { useState } from "react";
import type { FormRule } from "antd";
import { Alert, Card, Flex, Result, Skeleton, Tag, Typography } from "antd";
import { ExportOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../api";
import i18n from "../../../i18n";
import { errorText } from "../../../components/errors";
import { formatDateTime } from "../../../components/format";
import { formatBytes } from "../../../components/onboarding";
import { tx } from "../../../components/tx";
import type { Penalty, PenaltyKind, PenaltyStatus, QualificationDocument, RenewalStatus, ReverificationStatus, StandingStatus } from "../../../types/governance";

// Labels of the governance screens. Server codes the general dictionary words for
// onboarding (INVALID_TRANSITION, REASON_REQUIRED) are said here in governance terms.

export function govErrorText(err: unknown): string {
  if (isApiError(err) && i18n.exists(`consoleGov.errors.${err.code}`)) return tx(`consoleGov.errors.${err.code}`, err.message);
  return errorText(err);
}

export function GovErrorAlert({ error, style, testId = "error-alert" }: { error: unknown; style?: React.CSSProperties; testId?: string }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={govErrorText(error)} style={style} data-testid={testId} data-code={isApiError(error) ? error.code : undefined} />;
}

/** A record's page before the record is there: the way back, then a skeleton, "not found" or the error. */
export function DetailFallback({ testId, back, error, rows }: { testId: string; back: React.ReactNode; error: unknown; rows: number }) {
  useTranslation();
  return (
    <div data-testid={testId}>
      <div style={{ marginBottom: 12 }}>{back}</div>
      {!error ? (
        <Card>
          <Skeleton active paragraph={{ rows }} />
        </Card>
      ) : isApiError(error) && error.status === 404 ? (
        <Result status="404" title={govErrorText(error)} />
      ) : (
        <GovErrorAlert error={error} />
      )}
    </div>
  );
}

export const REASON_MAX = 1000;
const REASON_MIN = 4;

/** The rules of a decision's reason, their messages in the words of the dialog that asks for it. */
export function reasonRules(dialog: "penalty" | "renewal"): FormRule[] {
  return [
    { required: true, whitespace: true, message: i18n.t(`consoleGov.${dialog}.reasonRequired`) },
    { min: REASON_MIN, transform: (v: string) => v?.trim(), message: i18n.t(`consoleGov.${dialog}.reasonMin`, { min: REASON_MIN }) },
    { max: REASON_MAX, message: i18n.t(`consoleGov.${dialog}.reasonMax`, { max: REASON_MAX }) },
  ];
}

const standingColor: Record<StandingStatus, string> = { active: "green", restricted: "gold", suspended: "orange", closed: "default" };

export function StandingTag({ status }: { status: string }) {
  useTranslation();
  return (
    <Tag color={standingColor[status as StandingStatus] ?? "blue"} data-testid="standing-tag" data-status={status}>
      {tx(`consoleGov.standing.status.${status}`, status)}
    </Tag>
  );
}

export const penaltyKindName = (kind: string) => tx(`consoleGov.penaltyKind.${kind}`, kind);
export const penaltyEffect = (kind: string) => tx(`consoleGov.penaltyEffect.${kind}`, "");
export const restrictionName = (kind: string) => tx(`consoleGov.standing.kind.${kind}`, kind);

const kindColor: Record<PenaltyKind, string> = { warning: "gold", listing_restriction: "orange", suspension: "volcano", closure: "red" };

export function PenaltyKindTag({ kind }: { kind: string }) {
  useTranslation();
  return <Tag color={kindColor[kind as PenaltyKind] ?? "default"}>{penaltyKindName(kind)}</Tag>;
}

const penaltyStatusColor: Record<PenaltyStatus, string> = { in_force: "red", appealed: "blue", upheld: "volcano", revoked: "green", lifted: "default" };

export function PenaltyStatusTag({ status }: { status: string }) {
  useTranslation();
  return (
    <Tag color={penaltyStatusColor[status as PenaltyStatus] ?? "default"} data-testid="penalty-status" data-status={status}>
      {tx(`consoleGov.penaltyStatus.${status}`, status)}
    </Tag>
  );
}

const renewalColor: Record<RenewalStatus, string> = { pending: "blue", approved: "green", rejected: "red" };

export function RenewalStatusTag({ status }: { status: string }) {
  useTranslation();
  return (
    <Tag color={renewalColor[status as RenewalStatus] ?? "default"} data-testid="renewal-status" data-status={status}>
      {tx(`consoleGov.renewalStatus.${status}`, status)}
    </Tag>
  );
}

const reverificationColor: Record<ReverificationStatus, string> = { due: "default", submitted: "blue", passed: "green", returned: "orange" };

export function ReverificationStatusTag({ status }: { status: string }) {
  useTranslation();
  return (
    <Tag color={reverificationColor[status as ReverificationStatus] ?? "default"} data-testid="reverification-status" data-status={status}>
      {tx(`consoleGov.reverificationStatus.${status}`, status)}
    </Tag>
  );
}

const docStateColor = { valid: "green", expiring: "orange", expired: "red" } as const;

/** A document's expiry state with the days left (or since it expired). */
export function DocStateTag({ doc }: { doc: Pick<QualificationDocument, "state" | "daysLeft"> }) {
  const { t } = useTranslation();
  const days =
    doc.daysLeft === null || doc.state === "valid"
      ? null
      : doc.daysLeft < 0
        ? t("consoleGov.docState.daysAgo", { count: -doc.daysLeft })
        : t("consoleGov.docState.daysLeft", { count: doc.daysLeft });
  return (
    <Tag color={docStateColor[doc.state]} data-testid="doc-state" data-state={doc.state}>
      {t(`consoleGov.docState.${doc.state}`)}
      {days ? ` · ${days}` : ""}
    </Tag>
  );
}

/** A penalty's period in words. */
export function penaltyPeriod(p: Pick<Penalty, "kind" | "startsAt" | "endsAt">): string {
  const from = formatDateTime(p.startsAt);
  if (p.kind === "warning") return i18n.t("consoleGov.penalty.periodWarning", { from });
  if (!p.endsAt) return i18n.t("consoleGov.penalty.periodOpen", { from });
  return i18n.t("consoleGov.penalty.periodRange", { from, to: formatDateTime(p.endsAt) });
}

/**
 * A private file: images inline, anything else as a card that opens it in a new tab
 * (the server forbids embedding its responses in frames). `mime` may be unknown: the
 * image is tried and the card shown when it does not load.
 */
export function FilePreview({ url, mime, fileName, size, height = 320, testId }: { url: string; mime?: string; fileName?: string; size?: number; height?: number; testId: string }) {
  const { t } = useTranslation();
  const [broken, setBroken] = useState(false);
  const maybeImage = !mime || mime.startsWith("image/");
  if (maybeImage && !broken) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" title={t("consoleGov.renewal.openFile")} data-testid={testId} data-preview="image">
        <img
          src={url}
          alt={fileName ?? ""}
          onError={() => setBroken(true)}
          style={{ display: "block", maxWidth: "100%", maxHeight: height, margin: "0 auto", objectFit: "contain", background: "#fafafa", borderRadius: 4 }}
        />
      </a>
    );
  }
  const isPdf = mime === "application/pdf";
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" style={{ display: "block", color: "inherit" }} data-testid={testId} data-preview={isPdf ? "pdf" : "link"}>
      <Flex
        vertical
        align="center"
        justify="center"
        gap={6}
        style={{ minHeight: Math.min(height, 180), background: "#fafafa", border: "1px dashed #d9d9d9", borderRadius: 6, padding: 16, textAlign: "center" }}
      >
        {isPdf ? (
          <FilePdfOutlined style={{ fontSize: 40, color: "#cf1322" }} />
        ) : mime ? (
          <FileImageOutlined style={{ fontSize: 40, color: "#8c8c8c" }} />
        ) : (
          <FileOutlined style={{ fontSize: 40, color: "#8c8c8c" }} />
        )}
        {fileName ? <Typography.Text style={{ wordBreak: "break-all" }}>{fileName}</Typography.Text> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {isPdf ? t("consoleGov.renewal.pdfHint") : t("consoleGov.renewal.imageBroken")}
          {size !== undefined ? ` · ${formatBytes(size)}` : ""}
        </Typography.Text>
        <span style={{ fontSize: 13, color: "#1677ff" }}>
          <ExportOutlined /> {t("consoleGov.renewal.openFile")}
        </span>
      </Flex>
    </a>
  );
}
