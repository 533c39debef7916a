import { useMemo, useState } from "react";
import { Alert, Button, Flex, Form, InputNumber, Select, Tag, Tooltip, Typography } from "antd";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import dayjs from "dayjs";
import { api, isApiError } from "../../../api";
import i18n from "../../../i18n";
import { errorText } from "../../../components/errors";
import { formatDate } from "../../../components/format";
import { useInventory } from "../context";
import type { Batch, BlockReason, DocumentType, MovementType, Page, StockRow, StockState, Warehouse, WarehouseRef } from "./types";

// Shared by the stock list, the level drawer, the movements and the warehouses pages.

export const inventoryKey = (api: string) => ["inventory", api] as const;
export const stockKey = (api: string) => [...inventoryKey(api), "stock"] as const;
export const movementsKey = (api: string) => [...inventoryKey(api), "movements"] as const;
export const warehousesKey = (api: string) => [...inventoryKey(api), "warehouses"] as const;

/** Stock changed: every inventory view of this place (levels, movements, alerts, reports) may be stale. */
export function useStockChanged() {
  const place = useInventory();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: inventoryKey(place.api) });
}

/** The warehouses holding the actor's stock (a merchant's goods may sit in platform warehouses). */
export function useStockWarehouses() {
  const place = useInventory();
  return useQuery({
    queryKey: [...stockKey(place.api), "warehouses"],
    queryFn: () => api<{ items: WarehouseRef[] }>(`${place.api}/stock/warehouses`).then((r) => r.items),
  });
}

/** The warehouses the actor runs. */
export function useWarehouses() {
  const place = useInventory();
  return useQuery({ queryKey: [...warehousesKey(place.api), "list"], queryFn: () => api<{ items: Warehouse[] }>(`${place.api}/warehouses`).then((r) => r.items) });
}

export function WarehouseFilter({ value, onChange, testId }: { value: string | undefined; onChange: (id: string | undefined) => void; testId?: string }) {
  const { t } = useTranslation();
  const list = useStockWarehouses();
  return (
    <Select
      allowClear
      value={value}
      onChange={(v) => onChange(v || undefined)}
      placeholder={t("invStock.common.allWarehouses")}
      loading={list.isPending}
      style={{ minWidth: 200 }}
      data-testid={testId}
      options={(list.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
      aria-label={t("invStock.common.warehouse")}
    />
  );
}

export function WarehouseLabel({ warehouse }: { warehouse: WarehouseRef }) {
  const { t } = useTranslation();
  return (
    <span style={{ whiteSpace: "nowrap" }}>
      <Typography.Text strong style={{ fontFamily: "monospace" }}>
        {warehouse.code}
      </Typography.Text>{" "}
      <Tooltip title={warehouse.name}>
        <Tag color={warehouse.platform ? "blue" : "green"} style={{ marginInlineEnd: 0 }}>
          {warehouse.platform ? t("invStock.common.platform") : t("invStock.common.own")}
        </Tag>
      </Tooltip>
    </span>
  );
}

export const optionsText = (o: Record<string, string>) => Object.values(o).join(" / ");

export const Qty = ({ value, strong, type, testId }: { value: number; strong?: boolean; type?: "secondary" | "danger" | "warning" | "success"; testId?: string }) => (
  <Typography.Text strong={strong} type={type} style={{ fontVariantNumeric: "tabular-nums" }} data-testid={testId} data-value={value}>
    {value.toLocaleString()}
  </Typography.Text>
);

/** A signed change: "+2", "−3"; nothing for zero. */
export function Delta({ value }: { value: number }) {
  if (value === 0) return <Typography.Text type="secondary">·</Typography.Text>;
  return (
    <Typography.Text type={value < 0 ? "danger" : "success"} style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
      {value > 0 ? `+${value.toLocaleString()}` : `−${(-value).toLocaleString()}`}
    </Typography.Text>
  );
}

const stateColor: Record<StockState, string> = { ok: "green", low: "orange", out: "red" };
export function StateTag({ state }: { state: StockState }) {
  const { t } = useTranslation();
  return (
    <Tag color={stateColor[state]} data-testid="stock-state" data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`invStock.states.${state}`)}
    </Tag>
  );
}

const typeColor: Record<MovementType, string> = {
  receive: "green", reserve: "blue", release: "cyan", expire: "default", commit: "purple", transfer_out: "magenta", transfer_in: "geekblue",
  supplier_return: "volcano", adjust: "gold", block: "orange", unblock: "lime", scrap: "red",
};
export function MovementTag({ type }: { type: MovementType }) {
  const { t } = useTranslation();
  return (
    <Tag color={typeColor[type]} data-testid="movement-type" data-type={type} style={{ marginInlineEnd: 0 }}>
      {t(`invStock.movementTypes.${type}`)}
    </Tag>
  );
}

export const documentName = (type: DocumentType) => i18n.t(`invStock.documentTypes.${type}`);
export const reasonName = (reason: BlockReason) => i18n.t(`invStock.reasons.${reason}`);

/** Within this many days an expiry is shown as near (the alerts' default window). */
export const SOON_DAYS = 30;

export function daysUntil(date: string) {
  return dayjs(date).startOf("day").diff(dayjs().startOf("day"), "day");
}

/** An expiry date with how far away it is: red when past, orange when near. */
export function ExpiryText({ date, days }: { date: string | null; days?: number | null }) {
  const { t } = useTranslation();
  if (!date) return <Typography.Text type="secondary">{t("invStock.batches.noExpiry")}</Typography.Text>;
  const left = days ?? daysUntil(date);
  const type = left <= 0 ? "danger" : left <= SOON_DAYS ? "warning" : undefined;
  return (
    <span style={{ whiteSpace: "nowrap" }} data-testid="expiry" data-days={left}>
      <Typography.Text type={type}>{formatDate(date)}</Typography.Text>{" "}
      <Typography.Text type={type ?? "secondary"} style={{ fontSize: 12 }}>
        {left <= 0 ? t("invStock.batches.expired") : t("invStock.batches.daysLeft", { count: left })}
      </Typography.Text>
    </span>
  );
}

export const batchSellable = (b: Batch) => b.onHand > 0 && !b.expired;

export const BAR_COLORS = { available: "#52c41a", reserved: "#1677ff", blocked: "#bfbfbf", threshold: "#fa8c16" };

/**
 * On hand split into available and reserved, with the units set aside after them; the
 * orange tick is the low-stock threshold. All rows share one scale when `max` is given.
 */
export function StockBar({ row, max, width = 140 }: { row: Pick<StockRow, "available" | "reserved" | "blocked" | "lowStockUnits">; max: number; width?: number }) {
  const { t } = useTranslation();
  const scale = Math.max(1, max);
  const w = (n: number) => (Math.max(0, n) / scale) * width;
  const a = w(row.available);
  const r = w(row.reserved);
  const b = w(row.blocked);
  const tick = row.lowStockUnits !== null ? Math.min(width, w(row.lowStockUnits)) : null;
  const label = t("invStock.stock.barAria", { available: row.available, reserved: row.reserved, blocked: row.blocked });
  return (
    <Tooltip title={label}>
      <svg width={width} height={14} role="img" aria-label={label} data-testid="stock-bar" style={{ display: "block" }}>
        <rect x={0} y={3} width={width} height={8} rx={2} fill="#f0f0f0" />
        <rect x={0} y={3} width={a} height={8} fill={BAR_COLORS.available} />
        <rect x={a} y={3} width={r} height={8} fill={BAR_COLORS.reserved} />
        <rect x={a + r} y={3} width={b} height={8} fill={BAR_COLORS.blocked} />
        {tick !== null ? <rect x={Math.max(0, tick - 1)} y={0} width={2} height={14} fill={BAR_COLORS.threshold} /> : null}
      </svg>
    </Tooltip>
  );
}

/** Values for the error texts: what the server put in the details. */
function errorValues(details: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!details || typeof details !== "object") return out;
  for (const [k, v] of Object.entries(details as Record<string, unknown>)) if (typeof v === "number" || typeof v === "string") out[k] = v;
  return out;
}

/** The stock API's codes are explained here; the rest as everywhere else. */
export function stockErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `invStock.errors.${e.code}`;
    if (i18n.exists(key)) return String(i18n.t(key as never, errorValues(e.details) as never));
  }
  return errorText(e);
}

export function StockErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={stockErrorText(error)} style={style} data-testid="error-alert" />;
}

/** A page's filters live in the address, so that a filtered view can be linked and reloaded. */
export function useFilterParams() {
  const [params, setParams] = useSearchParams();
  // Navigations commit in a transition: a second change right after the first must start
  // from the address as it is now, not from the last render's copy of it.
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    setParams(next);
  };
  return { params, set, clear: () => setParams({}) };
}

/** A list read page by page along the API's cursor; `rows` is all that has been read so far. */
export function useCursorList<T>(queryKey: readonly unknown[], path: string, query: Record<string, unknown>, limit: number) {
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => api<Page<T>>(path, { query: { ...query, cursor: pageParam, limit } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  return { list, rows };
}

/** Under a cursor list: how much is shown, and the button for the next page while there is one. */
export function LoadMore({ list, testId, children }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> }; testId: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
      {children}
      {list.hasNextPage ? (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid={testId}>
          {t("invStock.common.loadMore")}
        </Button>
      ) : null}
    </Flex>
  );
}

/** A stock change sent from a modal: busy while it runs, its error kept for the alert, every stock view refreshed after. */
export function useStockSubmit() {
  const changed = useStockChanged();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // `onError` may place the error at a field itself; it answers true when it did.
  const submit = async <T,>(send: () => Promise<T>, done: (result: T) => void, onError?: (e: unknown) => boolean) => {
    setSaving(true);
    setError(null);
    try {
      const result = await send();
      await changed();
      done(result);
    } catch (e) {
      if (!onError?.(e)) setError(e);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, submit };
}

/** How many units: a whole number from one up to `max` (the texts say `shown`, when that differs). */
export function QuantityField({ label, max, shown = max, testId }: { label: string; max: number; shown?: number; testId: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="quantity"
      label={label}
      extra={t("invStock.actions.max", { count: shown })}
      rules={[{ required: true, message: t("invStock.actions.quantityRequired") }, { type: "integer", min: 1, max, message: t("invStock.actions.quantityRange", { max: shown }) }]}
    >
      <InputNumber min={1} max={max} precision={0} style={{ width: 160 }} data-testid={testId} />
    </Form.Item>
  );
}
