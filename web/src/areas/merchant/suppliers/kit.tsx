import { Alert, Progress, Tag, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { api, isApiError } from "../../../api";
import i18n from "../../../i18n";
import { errorText } from "../../../components/errors";
import { formatDate } from "../../../components/format";
import { DIMENSIONS } from "./types";
import type { Dimension, Scores, Supplier, SupplierDetail, SupplierQualification } from "./types";

// Shared by the merchant's supplier pages (/merchant/suppliers) and the console's ones for the
// platform's own shop (/admin/suppliers): the same API under another base path.

export type SupplierBase = "/merchant/suppliers" | "/admin/suppliers";

export const suppliersKey = (base: SupplierBase) => ["suppliers", base] as const;
export const supplierKey = (base: SupplierBase, id: string) => [...suppliersKey(base), "one", id] as const;

export function useSuppliers(base: SupplierBase, enabled = true) {
  return useQuery({ queryKey: [...suppliersKey(base), "list"], queryFn: () => api<{ items: Supplier[] }>(base).then((r) => r.items), enabled });
}

export function useSupplier(base: SupplierBase, id: string | undefined) {
  return useQuery({ queryKey: supplierKey(base, id ?? ""), queryFn: () => api<SupplierDetail>(`${base}/${encodeURIComponent(id!)}`), enabled: !!id });
}

/** The platform's default weights (rules supplier.weight*), for a preview before any scorecard. */
export const DEFAULT_WEIGHTS: Scores = { quality: 40, price: 20, delivery: 25, service: 15 };

/** The weighted mean, half up to one decimal: the server's formula, for a preview only. */
export function weightedScore(s: Scores, w: Scores): number {
  const total = w.quality + w.price + w.delivery + w.service;
  if (total <= 0) return 0;
  const weighted = s.quality * w.quality + s.price * w.price + s.delivery * w.delivery + s.service * w.service;
  return Math.floor((weighted * 20 + total) / (2 * total)) / 10;
}

export const scoreText = (score: number) => score.toFixed(1);

/** Green from 90, blue from 75, orange from 60, red below. */
export function scoreColor(score: number): string {
  if (score >= 90) return "#389e0d";
  if (score >= 75) return "#1677ff";
  if (score >= 60) return "#d48806";
  return "#cf1322";
}

export function ScoreBar({ score, testId }: { score: number; testId?: string }) {
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 10, minWidth: 150 }} data-testid={testId} data-score={score}>
      <Typography.Text strong style={{ color: scoreColor(score), width: 40, textAlign: "right", fontVariantNumeric: "tabular-nums" }}>
        {scoreText(score)}
      </Typography.Text>
      <Progress percent={score} showInfo={false} strokeColor={scoreColor(score)} size="small" style={{ flex: 1, margin: 0 }} />
    </div>
  );
}

// ---- periods: "2026-Q1", "2026-H1", "2026-03" -------------------------------

export type PeriodKind = "quarter" | "half" | "month";
export const PERIOD_PATTERN = /^(\d{4})-(Q[1-4]|H[12]|\d{2})$/;

/** The period's first month (0-based) and its kind; null for text that is no period. */
export function parsePeriod(period: string): { year: number; kind: PeriodKind; index: number; startMonth: number } | null {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2]!;
  if (part.startsWith("Q")) return { year, kind: "quarter", index: Number(part[1]), startMonth: (Number(part[1]) - 1) * 3 };
  if (part.startsWith("H")) return { year, kind: "half", index: Number(part[1]), startMonth: (Number(part[1]) - 1) * 6 };
  const month = Number(part);
  if (month < 1 || month > 12) return null;
  return { year, kind: "month", index: month, startMonth: month - 1 };
}

/** Chronological order: by first month, then the longer period first. */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (!pa || !pb) return a.localeCompare(b);
  const span = { half: 0, quarter: 1, month: 2 };
  return pa.year * 12 + pa.startMonth - (pb.year * 12 + pb.startMonth) || span[pa.kind] - span[pb.kind];
}

/** The part of a year: "第 3 季度" / "Q3", "上半年" / "H1 (Jan–Jun)", "3 月" / "March". */
export function partLabel(kind: PeriodKind, index: number): string {
  if (kind === "month") return i18n.t("supplierUi.period.part_month", { n: index, month: dayjs("2000-01-15").month(index - 1).format("MMMM") });
  if (kind === "half") return i18n.t(index === 1 ? "supplierUi.period.part_half_1" : "supplierUi.period.part_half_2");
  return i18n.t("supplierUi.period.part_quarter", { n: index });
}

/** "2026 年第 1 季度" / "Q1 2026"; text that is no period as is. */
export function periodLabel(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  return i18n.t(`supplierUi.period.label_${p.kind}`, { year: p.year, n: p.index, part: partLabel(p.kind, p.index), month: dayjs("2000-01-15").month(p.index - 1).format("MMM") });
}

/** Whether the period has begun (a scorecard for a future period makes no sense). */
export function periodStarted(period: string, now = dayjs()): boolean {
  const p = parsePeriod(period);
  return !!p && p.year * 12 + p.startMonth <= now.year() * 12 + now.month();
}

/** The last quarter that has ended: the usual one to score. */
export function lastQuarter(now = dayjs()): string {
  const q = Math.floor(now.month() / 3);
  return q === 0 ? `${now.year() - 1}-Q4` : `${now.year()}-Q${q}`;
}

// ---- qualifications ------------------------------------------------------------

export type ValidityState = "expired" | "soon" | "valid" | "open";
const SOON_DAYS = 30;

export function validityState(validUntil: string | null, now = dayjs()): ValidityState {
  if (!validUntil) return "open";
  const end = dayjs(validUntil);
  if (end.isBefore(now, "day")) return "expired";
  if (end.diff(now, "day") <= SOON_DAYS) return "soon";
  return "valid";
}

/** The qualification that ends first (open-ended ones last). */
export function nearestExpiry(list: SupplierQualification[]): SupplierQualification | null {
  const dated = list.filter((q) => q.validUntil).sort((a, b) => a.validUntil!.localeCompare(b.validUntil!));
  return dated[0] ?? null;
}

export function ValidUntil({ validUntil }: { validUntil: string | null }) {
  const { t } = useTranslation();
  const state = validityState(validUntil);
  if (state === "open") return <Typography.Text type="secondary">{t("supplierUi.qualifications.noEnd")}</Typography.Text>;
  return (
    <span style={{ whiteSpace: "nowrap" }} data-testid="valid-until" data-state={state}>
      <Typography.Text type={state === "expired" ? "danger" : state === "soon" ? "warning" : undefined}>{formatDate(validUntil)}</Typography.Text>
      {state === "expired" ? (
        <Tag color="red" style={{ marginInlineStart: 6 }}>
          {t("supplierUi.qualifications.expired")}
        </Tag>
      ) : state === "soon" ? (
        <Tag color="orange" style={{ marginInlineStart: 6 }}>
          {t("supplierUi.qualifications.soon")}
        </Tag>
      ) : null}
    </span>
  );
}

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={active ? "green" : "default"} data-testid="supplier-active" style={{ marginInlineEnd: 0 }}>
      {active ? t("supplierUi.status.active") : t("supplierUi.status.inactive")}
    </Tag>
  );
}

export const dimensionName = (d: Dimension) => i18n.t(`supplierUi.dimension.${d}`);

/** "质量 40% · 价格 20% · …". */
export function weightsText(w: Scores): string {
  return DIMENSIONS.map((d) => `${dimensionName(d)} ${w[d]}%`).join(" · ");
}

// ---- contacts -------------------------------------------------------------------

/** A mobile, a landline (0571-88888888) or a 400 number: what the server accepts. */
export function isSupplierPhone(p: string): boolean {
  const s = p.trim();
  return /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})$/.test(s);
}

// ---- errors ---------------------------------------------------------------------

/** The supplier API's codes are explained here; the rest as everywhere else. */
export function supplierErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `supplierUi.errors.${e.code}`;
    if (i18n.exists(key)) return String(i18n.t(key as never));
  }
  return errorText(e);
}

export function SupplierErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={supplierErrorText(error)} style={style} data-testid="error-alert" />;
}
