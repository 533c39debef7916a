import { Alert, InputNumber, Select, Tag, Typography } from "antd";
import type { InputNumberProps, SelectProps } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n";
import { api, isApiError } from "../../api";
import { errorText } from "../../components/errors";
import { formatFen } from "../../components/format";

// ---- Types of the logistics API (L1, L2) ----

export interface AgreementTerms {
  serviceLevels: { provinces: string[]; hours: number }[];
  price: { firstGrams: number; firstFen: number; extraGrams: number; extraFen: number };
  coverage: string[];
  claimLimitFen: number;
}
export type AgreementState = "in_force" | "upcoming" | "expired" | "ended";
export interface Agreement {
  id: string;
  no: string;
  carrierId: string;
  terms: AgreementTerms;
  validFrom: string;
  validUntil: string;
  status: "active" | "ended";
  state: AgreementState;
  note: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
export interface Evaluation {
  shipments: number;
  delivered: number;
  promised: number;
  onTime: number;
  lost: number;
  damaged: number;
  complaints: number;
  onTimeRate: number | null;
  lossRate: number | null;
  damageRate: number | null;
  complaintRate: number | null;
  score: number | null;
}
export interface Carrier {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  trackingPattern: string;
  trackingExample: string;
  tracking: "aggregator" | "manual";
  active: boolean;
  contact: string | null;
  agreement: Agreement | null;
  evaluation: Evaluation;
}
export interface CarrierList {
  from: string;
  to: string;
  days: number;
  items: Carrier[];
}
export interface CarrierDetail extends Carrier {
  from: string;
  to: string;
  agreements: Agreement[];
  monthly: (Evaluation & { month: string })[];
}

export interface ShippingRegion {
  provinces: string[];
  firstGrams: number;
  firstFen: number;
  extraGrams: number;
  extraFen: number;
}
export interface ShippingRules {
  regions: ShippingRegion[];
  freeOverFen: number | null;
  excluded: string[];
}
export interface ShippingTemplate {
  id: string;
  name: string;
  isDefault: boolean;
  rules: ShippingRules;
  createdAt: string;
  updatedAt: string;
}
export interface Quote {
  templateId: string | null;
  templateName: string | null;
  available: boolean;
  shippingFen: number | null;
  free: boolean;
  regionIndex: number | null;
  totalFen: number | null;
}

export const carriersKey = ["logistics", "carriers"] as const;
export const templatesKey = ["logistics", "shipping-templates"] as const;

// ---- Provinces ----

// The address book's provinces, plus Taiwan, Hong Kong and Macau, which agreements and
// templates may name (a shop often excludes them).
const OUTSIDE_MAINLAND: [string, string][] = [["710000", "台湾省"], ["810000", "香港特别行政区"], ["820000", "澳门特别行政区"]];

// Names by code once the list has loaded, for error messages that name a province.
const provinceNameCache = new Map<string, string>(OUTSIDE_MAINLAND);

export function useProvinces() {
  return useQuery({
    queryKey: ["regions"],
    queryFn: () => api<[string, string, unknown[]][]>("/regions"),
    staleTime: Infinity,
    gcTime: Infinity,
    select: (tree) => {
      const list = [...tree.map(([code, name]) => ({ code, name })), ...OUTSIDE_MAINLAND.map(([code, name]) => ({ code, name }))];
      for (const p of list) provinceNameCache.set(p.code, p.name);
      return list;
    },
  });
}

/** "浙江省、上海市" for a list of codes; the names come from the address book. */
export function useProvinceNames() {
  const provinces = useProvinces();
  const map = new Map((provinces.data ?? []).map((p) => [p.code, p.name]));
  return (codes: string[]) => codes.map((c) => map.get(c) ?? c).join(i18n.language.startsWith("zh") ? "、" : ", ");
}

export function ProvinceSelect(props: SelectProps<string[]> & { testId?: string }) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const { testId, ...rest } = props;
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      loading={provinces.isPending}
      placeholder={t("logistics.common.choosePlaces")}
      optionFilterProp="label"
      options={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
      data-testid={testId}
      {...rest}
    />
  );
}

// ---- Money and rates ----

/** An amount in 分, typed in yuan (¥12.50) and kept in 分 in the form. */
export function YuanInput({ value, onChange, ...rest }: Omit<InputNumberProps<number>, "value" | "onChange"> & { value?: number | null; onChange?: (fen: number | null) => void }) {
  return (
    <InputNumber<number>
      prefix="¥"
      min={0}
      precision={2}
      step={1}
      style={{ width: "100%" }}
      value={value === null || value === undefined ? null : value / 100}
      onChange={(v) => onChange?.(v === null || v === undefined ? null : Math.round(v * 100))}
      {...rest}
    />
  );
}

export const percent = (r: number | null | undefined, digits = 1) => (r === null || r === undefined ? "—" : `${(r * 100).toFixed(digits)}%`);

export const scoreColor = (s: number | null) => (s === null ? "default" : s >= 80 ? "green" : s >= 60 ? "gold" : "red");

export function ScoreTag({ score }: { score: number | null }) {
  const { t } = useTranslation();
  if (score === null) return <Typography.Text type="secondary" data-testid="score">{t("logistics.eval.noScore")}</Typography.Text>;
  return (
    <Tag color={scoreColor(score)} style={{ fontWeight: 600, fontVariantNumeric: "tabular-nums" }} data-testid="score" data-value={score}>
      {score.toFixed(1)}
    </Tag>
  );
}

export const stateColor: Record<AgreementState, string> = { in_force: "green", upcoming: "blue", expired: "default", ended: "default" };

/** "首重 1000 g ¥8.00，续重每 500 g ¥3.00" */
export function priceText(p: AgreementTerms["price"] | ShippingRegion) {
  return i18n.t("logistics.common.priceText", { firstGrams: p.firstGrams, first: formatFen(p.firstFen), extraGrams: p.extraGrams, extra: formatFen(p.extraFen) });
}

// ---- Errors ----

/** The section's own translation of an error code when it has one, else the app's. */
export function logisticsErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `logistics.errors.${e.code}`;
    if (i18n.exists(key)) {
      const d = (e.details ?? {}) as Record<string, unknown>;
      const values: Record<string, string | number> = Object.fromEntries(Object.entries(d).filter(([, v]) => typeof v === "string" || typeof v === "number")) as Record<string, string | number>;
      if (typeof d.province === "string") values.province = provinceNameCache.get(d.province) ?? d.province;
      return String(i18n.t(key as never, values as never));
    }
  }
  return errorText(e);
}

export function LogisticsErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={logisticsErrorText(error)} style={style} data-testid="error-alert" />;
}
