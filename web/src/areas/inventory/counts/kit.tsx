import { Alert, Tag, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import i18n, { pick } from "../../../i18n";
import { errorText } from "../../../components/errors";
import { useInventory } from "../context";
import type { Bilingual, CountMovement, StartOptions, Stocktake, StocktakeLine, StocktakeListItem, StocktakeStatus } from "./types";

// Shared by the count list, the count page, the phone screen and the printable sheet.

export const countsKey = (api: string) => ["inventory", api, "stocktakes"] as const;
export const countKey = (api: string, id: string) => [...countsKey(api), "one", id] as const;

export function useStocktake(id: string | undefined) {
  const place = useInventory();
  return useQuery({
    queryKey: countKey(place.api, id ?? ""),
    queryFn: () => api<Stocktake>(`${place.api}/stocktakes/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export function useStocktakeList(filter: { warehouseId?: string; status?: StocktakeStatus }) {
  const place = useInventory();
  return useQuery({
    queryKey: [...countsKey(place.api), "list", filter],
    queryFn: () => api<{ items: StocktakeListItem[]; nextCursor: string | null }>(`${place.api}/stocktakes`, { query: { ...filter, limit: 100 } }),
  });
}

export function useStartOptions(enabled = true) {
  const place = useInventory();
  return useQuery({ queryKey: [...countsKey(place.api), "start-options"], queryFn: () => api<StartOptions>(`${place.api}/stocktakes/start-options`), enabled });
}

export function useCountMovements(id: string, enabled: boolean) {
  const place = useInventory();
  return useQuery({
    queryKey: [...countKey(place.api, id), "movements"],
    queryFn: () => api<{ items: CountMovement[] }>(`${place.api}/stocktakes/${encodeURIComponent(id)}/movements`).then((r) => r.items),
    enabled,
  });
}

const statusColor: Record<StocktakeStatus, string> = { counting: "processing", submitted: "gold", approved: "green", rejected: "red", cancelled: "default" };

export function StatusTag({ status }: { status: StocktakeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="count-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`invCount.status.${status}`)}
    </Tag>
  );
}

/** A signed quantity: "+2", "−3", "0"; green for surplus, red for shortage. */
export function Signed({ value, strong, testId }: { value: number | null; strong?: boolean; testId?: string }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = value > 0 ? `+${value}` : value < 0 ? `−${-value}` : "0";
  return (
    <Typography.Text strong={strong && value !== 0} type={value < 0 ? "danger" : value > 0 ? "success" : "secondary"} style={{ fontVariantNumeric: "tabular-nums" }} data-testid={testId} data-value={value}>
      {text}
    </Typography.Text>
  );
}

export const scopeName = (category: { name: Bilingual | null } | null) => (category?.name ? pick(category.name) : i18n.t("invCount.scope.full"));

/** "250g 罐装" from a SKU's options, or nothing. */
export const optionsText = (o: Record<string, string>) => Object.values(o).join(" / ");

export const lineLabel = (l: Pick<StocktakeLine, "skuCode" | "batchNo">) => (l.batchNo ? `${l.skuCode} · ${l.batchNo}` : l.skuCode);

/** The line a scanned code names: SKU code (any case) or barcode. */
export const matchesCode = (l: StocktakeLine, code: string) => {
  const c = code.trim();
  return !!c && (l.skuCode.toLowerCase() === c.toLowerCase() || l.barcode === c);
};

/** Values for the error texts: what the server put in the details, plus a few derived ones. */
function errorValues(details: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!details || typeof details !== "object") return out;
  for (const [k, v] of Object.entries(details as Record<string, unknown>)) {
    if (typeof v === "number" || typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === "string").join(", ");
  }
  if (typeof out.difference === "number") out.short = -out.difference;
  if (typeof out.status === "string") out.status = i18n.t(`invCount.status.${out.status as StocktakeStatus}`);
  return out;
}

/** The stocktake API's codes are explained here; the rest as everywhere else. */
export function countErrorText(e: unknown): string {
  if (isApiError(e)) {
    const values = errorValues(e.details);
    // A refused adjustment has a cause of its own (reserved stock, or a batch that moved on).
    const keys = [typeof values.cause === "string" ? `invCount.errors.${e.code}_${values.cause}` : null, `invCount.errors.${e.code}`];
    const key = keys.find((k): k is string => !!k && i18n.exists(k));
    if (key) return String(i18n.t(key as never, values as never));
  }
  return errorText(e);
}

export function CountErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={countErrorText(error)} style={style} data-testid="error-alert" />;
}
