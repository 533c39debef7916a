import { Alert, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import i18n, { currentLanguage } from "../../i18n";
import { errorText } from "../../components/errors";
import { formatFen } from "../../components/format";
import { tx } from "../../components/tx";
import type { CommissionPart, DifferenceKind, PayoutStatus, RunStatus, StatementStatus } from "./types";

// Pieces the settlement screens share: status tags, commission rates, errors.

export const settleKey = ["settlement"] as const;

/** A download of the API (the session cookie goes along with a plain GET). */
export const fileUrl = (path: string, format: "xlsx" | "csv") => `/api/v1${path}?format=${format}`;

/** 500 bps as "5%", 450 as "4.5%". */
export const rateText = (bps: number) => `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")}%`;

export function categoryName(part: Pick<CommissionPart, "categoryKey" | "categoryName">): string {
  if (!part.categoryName) return part.categoryKey ?? "—";
  return currentLanguage() === "en-US" ? part.categoryName.en : part.categoryName.zh;
}

/** Each category of an order with the rate its commission was taken at. */
export function CommissionTags({ parts }: { parts: CommissionPart[] }) {
  return (
    <>
      {parts.map((p) => (
        <Tooltip key={`${p.categoryKey}-${p.bps}`} title={`${formatFen(p.baseFen)} × ${rateText(p.bps)} = ${formatFen(p.commissionFen)}`}>
          <Tag style={{ marginInlineEnd: 4 }} data-testid="commission-part" data-bps={p.bps}>
            {categoryName(p)} {rateText(p.bps)}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}

const statementColor: Record<StatementStatus, string> = { issued: "processing", paid: "green" };
export function StatementStatusTag({ status }: { status: StatementStatus }) {
  useTranslation();
  return (
    <Tag color={statementColor[status]} data-testid="statement-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {tx(`settle.statementStatus.${status}`, status)}
    </Tag>
  );
}

const payoutColor: Record<PayoutStatus, string> = { pending: "processing", paid: "green", failed: "red" };
export function PayoutStatusTag({ status }: { status: PayoutStatus }) {
  useTranslation();
  return (
    <Tag color={payoutColor[status]} data-testid="payout-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {tx(`settle.payoutStatus.${status}`, status)}
    </Tag>
  );
}

export const runColor: Record<RunStatus, string> = { matched: "green", differences: "orange", failed: "red" };
export function RunStatusTag({ status }: { status: RunStatus }) {
  useTranslation();
  return (
    <Tag color={runColor[status]} data-testid="recon-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {tx(`settle.runStatus.${status}`, status)}
    </Tag>
  );
}

const differenceColor: Record<DifferenceKind, string> = { missing_at_provider: "volcano", missing_in_books: "red", amount_differs: "orange", status_differs: "purple" };
export function DifferenceTag({ kind }: { kind: DifferenceKind }) {
  useTranslation();
  return (
    <Tag color={differenceColor[kind]} data-testid="difference-kind" data-kind={kind} style={{ marginInlineEnd: 0 }}>
      {tx(`settle.differenceKinds.${kind}`, kind)}
    </Tag>
  );
}

/** The settlement API's codes are explained here; the rest as everywhere else. */
export function settleErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `settle.errors.${e.code}`;
    if (i18n.exists(key)) return String(i18n.t(key as never, (e.details ?? {}) as never));
  }
  return errorText(e);
}

export function SettleErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={settleErrorText(error)} style={style} data-testid="error-alert" />;
}
