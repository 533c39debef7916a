import { useMemo } from "react";
import { Alert, Button, Card, Empty, Flex, Result, Skeleton, Tag, Typography } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { api, isApiError } from "../../api";
import i18n from "../../i18n";
import { useSession } from "../../auth/session";
import { errorText } from "../../components/errors";
import { formatFen, shortId } from "../../components/format";
import { tx } from "../../components/tx";
import type { NotificationOutcome, Page, RefundStatus, ReviewKind, ReviewStatus } from "./types";

// Pieces every trade screen uses: money, status tags, errors, cursor lists.

export const tradeKey = ["trade"] as const;

/** An amount in 分 shown as ¥ with two decimals, a minus sign before negative ones. */
export function Money({ fen, strong, type, testId }: { fen: number; strong?: boolean; type?: "secondary" | "danger" | "success" | "warning"; testId?: string }) {
  const text = formatFen(fen).replace(/^-/, "−");
  return (
    <Typography.Text strong={strong} type={type} style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }} data-testid={testId} data-fen={fen}>
      {text}
    </Typography.Text>
  );
}

/**
 * Yuan typed by a person ("12", "12.5", "0.05", "1,280.00") as whole 分, or null when it is
 * not an amount. Digits are read as text, never multiplied as a float (0.29 × 100 ≠ 29).
 */
export function yuanToFen(input: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(input.trim().replace(/[,，\s]/g, "").replace(/^¥/, ""));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

// Refused or suspicious notifications stand out; a replay that changed nothing does not.
const outcomeColor: Record<NotificationOutcome, string> = {
  applied: "green", duplicate: "default", ignored: "default", late: "orange", unknown_payment: "orange", failed: "volcano", bad_signature: "red", malformed: "red", amount_mismatch: "red",
};
export function OutcomeTag({ outcome }: { outcome: NotificationOutcome }) {
  useTranslation();
  return (
    <Tag color={outcomeColor[outcome] ?? "default"} data-testid="notification-outcome" data-outcome={outcome} style={{ marginInlineEnd: 0 }}>
      {tx(`tradeOps.outcomes.${outcome}`, outcome)}
    </Tag>
  );
}

const refundColor: Record<RefundStatus, string> = { pending: "processing", succeeded: "green", failed: "red" };
export function RefundStatusTag({ status }: { status: RefundStatus }) {
  useTranslation();
  return (
    <Tag color={refundColor[status] ?? "default"} data-testid="refund-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {tx(`tradeOps.refundStatus.${status}`, status)}
    </Tag>
  );
}

const kindColor: Record<ReviewKind, string> = { amount_mismatch: "red", late_payment: "orange", repeated_failures: "volcano", shared_address: "purple", shared_device: "magenta" };
export function ReviewKindTag({ kind }: { kind: ReviewKind }) {
  useTranslation();
  return (
    <Tag color={kindColor[kind] ?? "default"} data-testid="review-kind" data-kind={kind} style={{ marginInlineEnd: 0 }}>
      {tx(`tradeOps.reviewKinds.${kind}`, kind)}
    </Tag>
  );
}

const reviewColor: Record<ReviewStatus, string> = { open: "processing", cleared: "green", rejected: "red" };
export function ReviewStatusTag({ status }: { status: ReviewStatus }) {
  useTranslation();
  return (
    <Tag color={reviewColor[status]} data-testid="review-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {tx(`tradeOps.reviewStatus.${status}`, status)}
    </Tag>
  );
}

export const Mono = ({ children, testId }: { children: React.ReactNode; testId?: string }) => (
  <span style={{ fontFamily: "monospace", whiteSpace: "nowrap" }} data-testid={testId}>
    {children}
  </span>
);

/** The trade API's codes are explained here; the rest as everywhere else. */
export function tradeErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `tradeOps.errors.${e.code}`;
    if (i18n.exists(key)) {
      const details = (e.details ?? {}) as Record<string, unknown>;
      const refundable = typeof details.refundableFen === "number" ? formatFen(details.refundableFen) : "";
      return String(i18n.t(key as never, { refundable } as never));
    }
  }
  return errorText(e);
}

export function TradeErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={tradeErrorText(error)} style={style} data-testid="error-alert" />;
}

/** A list's filters live in the address, so that a filtered list can be linked and comes back on "back". */
export function useFilterParams() {
  const [params, setParams] = useSearchParams();
  // Read from the address as it is now: two changes in a row must not undo each other.
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  const pick = <T extends string>(name: string, allowed: readonly T[]) => ((allowed as readonly string[]).includes(params.get(name) ?? "") ? (params.get(name) as T) : undefined);
  return { params, set, pick };
}

/** A list read page by page along the API's cursor; `rows` is all that has been read so far. */
export function useCursorList<T>(key: readonly unknown[], path: string, query: Record<string, string | number | undefined>, limit = 20) {
  const list = useInfiniteQuery({
    queryKey: [...tradeKey, ...key, query],
    queryFn: ({ pageParam, signal }) => api<Page<T>>(path, { query: { ...query, cursor: pageParam, limit }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  return { list, rows };
}

/** Under a cursor list: how many rows are shown, and the button for the next page while there is one. */
export function LoadMore({ list, count, testId }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> }; count: number; testId: string }) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">{t("tradeOps.common.shown", { count })}</Typography.Text>
      {list.hasNextPage ? (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid={testId}>
          {t("common.loadMore")}
        </Button>
      ) : null}
    </Flex>
  );
}

/** A table's empty state: blank while loading (nothing must flash), else why it is empty. */
export function emptyState(pending: boolean, text: string, testId: string) {
  return pending ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid={testId} />;
}

/** Shop names for staff who may read merchants; others see the id's end. */
export function useShopNames() {
  const { can } = useSession();
  const allowed = can("merchant.read.any");
  const q = useQuery({
    queryKey: [...tradeKey, "shops"],
    queryFn: () => api<{ items: { id: string; name: string }[] }>("/admin/merchants").then((r) => r.items),
    enabled: allowed,
    staleTime: 5 * 60_000,
  });
  const names = useMemo(() => new Map((q.data ?? []).map((m) => [m.id, m.name])), [q.data]);
  return { shops: q.data ?? [], name: (id: string | null | undefined) => (id ? (names.get(id) ?? shortId(id)) : "—") };
}

/** Back to a list, above one of its items. */
export function BackLink({ to, label, testId }: { to: string; label: string; testId: string }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Link to={to} data-testid={testId}>
        <ArrowLeftOutlined /> {label}
      </Link>
    </div>
  );
}

/** A detail page until its item is there: loading, not found, or what went wrong. */
export function DetailPending({ query }: { query: { isError: boolean; error: unknown } }) {
  if (!query.isError) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  return isApiError(query.error) && query.error.status === 404 ? <Result status="404" title={tradeErrorText(query.error)} data-testid="detail-not-found" /> : <TradeErrorAlert error={query.error} />;
}
