import { Alert, Tag, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import i18n from "../../../i18n";
import { errorText } from "../../../components/errors";
import { useInventory } from "../context";
import type {
  DiscrepancyReport, Outbound, OutboundKind, OutboundListItem, OutboundStatus, OutboundStock, Receipt, ReceiptListItem, ReceiptStatus,
  ShippableReservation, SupplierChoice, WarehouseChoice,
} from "./types";

// Shared by the receipt and outbound screens of the console and the merchant portal.

export const flowKey = (api: string) => ["inventory", api, "flow"] as const;
export const receiptsKey = (api: string) => [...flowKey(api), "receipts"] as const;
export const outboundKey = (api: string) => [...flowKey(api), "outbound"] as const;

export function useWarehouses() {
  const place = useInventory();
  return useQuery({
    queryKey: ["inventory", place.api, "warehouses"],
    queryFn: () => api<{ items: WarehouseChoice[] }>(`${place.api}/warehouses`).then((r) => r.items),
  });
}

export function useReceipts(filter: { status?: ReceiptStatus; warehouseId?: string; q?: string }) {
  const place = useInventory();
  return useQuery({
    queryKey: [...receiptsKey(place.api), "list", filter],
    queryFn: () => api<{ items: ReceiptListItem[]; nextCursor: string | null }>(`${place.api}/receipts`, { query: { ...filter, limit: 100 } }),
  });
}

export function useReceipt(id: string | undefined) {
  const place = useInventory();
  return useQuery({ queryKey: [...receiptsKey(place.api), "one", id ?? ""], queryFn: () => api<Receipt>(`${place.api}/receipts/${encodeURIComponent(id!)}`), enabled: !!id });
}

export function useDiscrepancies(filter: { supplierId?: string; from?: string; to?: string }) {
  const place = useInventory();
  return useQuery({
    queryKey: [...receiptsKey(place.api), "discrepancies", filter],
    queryFn: () => api<DiscrepancyReport>(`${place.api}/receipts/discrepancies`, { query: filter }),
  });
}

export function useReceiptSuppliers(merchantId: string | undefined, enabled = true) {
  const place = useInventory();
  return useQuery({
    queryKey: [...receiptsKey(place.api), "suppliers", merchantId ?? ""],
    queryFn: () => api<{ items: SupplierChoice[] }>(`${place.api}/receipts/suppliers`, { query: { merchantId } }).then((r) => r.items),
    enabled,
  });
}

export function useOutboundList(filter: { kind?: OutboundKind; status?: OutboundStatus; warehouseId?: string; q?: string }) {
  const place = useInventory();
  return useQuery({
    queryKey: [...outboundKey(place.api), "list", filter],
    queryFn: () => api<{ items: OutboundListItem[]; nextCursor: string | null }>(`${place.api}/outbound`, { query: { ...filter, limit: 100 } }),
  });
}

export function useOutbound(id: string | undefined) {
  const place = useInventory();
  return useQuery({ queryKey: [...outboundKey(place.api), "one", id ?? ""], queryFn: () => api<Outbound>(`${place.api}/outbound/${encodeURIComponent(id!)}`), enabled: !!id });
}

export function useShippableReservations(enabled: boolean) {
  const place = useInventory();
  return useQuery({
    queryKey: [...outboundKey(place.api), "reservations"],
    queryFn: () => api<{ items: ShippableReservation[] }>(`${place.api}/outbound/reservations`).then((r) => r.items),
    enabled,
  });
}

export function useOutboundStock(warehouseId: string | undefined, supplierId?: string) {
  const place = useInventory();
  return useQuery({
    queryKey: [...outboundKey(place.api), "stock", warehouseId ?? "", supplierId ?? ""],
    queryFn: () => api<OutboundStock>(`${place.api}/outbound/stock`, { query: { warehouseId, supplierId } }),
    enabled: !!warehouseId,
  });
}

const receiptColor: Record<ReceiptStatus, string> = { expected: "processing", accepted: "green", cancelled: "default" };
const outboundColor: Record<OutboundStatus, string> = { open: "processing", done: "green", cancelled: "default" };
const kindColor: Record<OutboundKind, string> = { order: "blue", transfer: "purple", supplier_return: "orange" };

export function ReceiptStatusTag({ status }: { status: ReceiptStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={receiptColor[status]} data-testid="receipt-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`invFlow.receiptStatus.${status}`)}
    </Tag>
  );
}

export function OutboundStatusTag({ status }: { status: OutboundStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={outboundColor[status]} data-testid="outbound-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`invFlow.outboundStatus.${status}`)}
    </Tag>
  );
}

export function KindTag({ kind }: { kind: OutboundKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={kindColor[kind]} style={{ marginInlineEnd: 0 }} data-testid="outbound-kind" data-kind={kind}>
      {t(`invFlow.kind.${kind}`)}
    </Tag>
  );
}

/** A signed difference: "+2", "−3", "0"; red when short, orange when over. */
export function Difference({ value, testId }: { value: number | null; testId?: string }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = value > 0 ? `+${value}` : value < 0 ? `−${-value}` : "0";
  return (
    <Typography.Text strong={value !== 0} type={value < 0 ? "danger" : value > 0 ? "warning" : "secondary"} style={{ fontVariantNumeric: "tabular-nums" }} data-testid={testId} data-value={value}>
      {text}
    </Typography.Text>
  );
}

/** A percentage with a colour: green from 95, orange from 80, red below. */
export function Rate({ value, testId }: { value: number | null; testId?: string }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text strong style={{ color: rateColor(value), fontVariantNumeric: "tabular-nums" }} data-testid={testId} data-value={value}>
      {value}%
    </Typography.Text>
  );
}

export const rateColor = (v: number) => (v >= 95 ? "#389e0d" : v >= 80 ? "#d48806" : "#cf1322");

/** Values for the error texts: what the server put in the details. */
function errorValues(details: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!details || typeof details !== "object") return out;
  for (const [k, v] of Object.entries(details as Record<string, unknown>)) if (typeof v === "number" || typeof v === "string") out[k] = v;
  if (typeof out.status === "string") out.status = i18n.exists(`invFlow.reservationStatus.${out.status}`) ? i18n.t(`invFlow.reservationStatus.${out.status}` as never) : out.status;
  return out;
}

/** The receipt and outbound API's codes are explained here; the rest as everywhere else. */
export function flowErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `invFlow.errors.${e.code}`;
    if (i18n.exists(key)) {
      const values = errorValues(e.details);
      const text = String(i18n.t(key as never, values as never));
      return typeof values.skuCode === "string" && !text.includes(values.skuCode) ? `${values.skuCode}: ${text}` : text;
    }
  }
  return errorText(e);
}

export function FlowErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={flowErrorText(error)} style={style} data-testid="error-alert" />;
}

/** "YYYY-MM-DD" plus whole days, on the calendar (no time zone involved). */
export function addDaysToDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in Shanghai, the calendar batch dates are written in. */
export const shanghaiToday = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
