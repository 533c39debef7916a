import { Alert, Button, Empty, Result, Skeleton, Tag } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api, isApiError } from "../../api";
import i18n from "../../i18n";
import { errorText } from "../../components/errors";
import type { OrderStatus, ShipmentStatus } from "../../components/orders/types";

// Types, queries, tags and errors shared by the quality screens (P5, P6).

export const ROUTE = "/admin/quality";
export const API = "/admin/quality";

export type SamplingStatus = "planned" | "sampled" | "passed" | "failed";
export type RecallStatus = "open" | "closed";
export type ProductStatus = "draft" | "pending_review" | "listed" | "rejected" | "delisted";
export type BlockedReason = "expired" | "damaged" | "quality" | null;
export const SAMPLING_STATUSES: SamplingStatus[] = ["planned", "sampled", "passed", "failed"];
export const RECALL_STATUSES: RecallStatus[] = ["open", "closed"];

export interface Ref { id: string; name: string }
export interface BatchRef { id: string; batchNo: string; skuCode: string; warehouse: { id: string; code: string; name: string } }

export interface SamplingListItem {
  id: string; no: string; status: SamplingStatus; merchant: Ref; product: { id: string; title: string; status: ProductStatus };
  batch: { id: string; batchNo: string; skuCode: string; warehouseCode: string };
  plan: string; standard: string | null; plannedOn: string; sampleSize: number | null; sampledAt: string | null; findings: string | null;
  hasReport: boolean; decidedAt: string | null; createdAt: string; recall: { id: string; no: string } | null;
}
export interface SamplingList { items: SamplingListItem[]; counts: Record<SamplingStatus, number>; nextCursor: string | null }

export interface Sampling {
  id: string; no: string; status: SamplingStatus; merchant: Ref;
  product: { id: string; title: string; status: ProductStatus; delistKind: string | null; delistReason: string | null };
  batch: BatchRef & { receivedQty: number; onHand: number; blocked: number; blockedReason: BlockedReason; productionDate: string | null; expiryDate: string | null };
  plan: string; standard: string | null; plannedOn: string; sampleSize: number | null; sampledAt: string | null; findings: string | null;
  hasReport: boolean; reportName: string | null; decidedBy: string | null; decidedAt: string | null; createdBy: string; createdAt: string; updatedAt: string;
  recalls: { id: string; no: string; status: RecallStatus; buyersNotified: number; unitsShipped: number; openedAt: string }[];
  effects?: { delisted: boolean; productStatus: ProductStatus; blocked: number; heldForOrders: number; recall: { id: string; no: string; buyersNotified: number; unitsShipped: number } | null } | null;
}

export interface RecallListItem {
  id: string; no: string; status: RecallStatus; merchant: Ref; product: { id: string; title: string };
  batch: { id: string; batchNo: string; skuCode: string; warehouseCode: string }; sampling: { id: string; no: string } | null;
  reason: string; buyersNotified: number; unitsShipped: number; openedAt: string; closedAt: string | null;
}
export interface RecallList { items: RecallListItem[]; counts: Record<RecallStatus, number>; nextCursor: string | null }

export interface MaskedBuyer { name: string; login: string; recipient: string; mobile: string; region: string }

export interface Recall {
  id: string; no: string; status: RecallStatus; merchant: Ref; product: { id: string; title: string; status: ProductStatus }; batch: BatchRef;
  sampling: { id: string; no: string; findings: string | null } | null; reason: string; instructions: string;
  buyersNotified: number; unitsShipped: number; openedBy: string; openedAt: string; closedAt: string | null; closingNote: string | null;
  pending: { orders: number; units: number };
  reached: { orderId: string; orderNo: string; orderStatus: OrderStatus; units: number; notifiedAt: string; buyer: MaskedBuyer | null }[];
}

export interface BatchHit {
  id: string; batchNo: string; skuCode: string; product: { id: string; title: string; status: ProductStatus }; merchant: Ref; warehouseCode: string;
  productionDate: string | null; expiryDate: string | null; receivedQty: number; onHand: number; blocked: number; blockedReason: BlockedReason; shipped: number;
  samplings: number; openRecalls: number; createdAt: string;
}

export interface Trace {
  batch: { id: string; batchNo: string; skuCode: string; productionDate: string | null; expiryDate: string | null; createdAt: string; location: { code: string; name: string } | null; blockedReason: BlockedReason };
  product: { id: string; title: string; status: ProductStatus }; merchant: Ref; warehouse: { id: string; code: string; name: string };
  supplier: Ref | null; purchaseRef: string | null;
  receipt: { id: string; number: string; status: string; purchaseRef: string; acceptedAt: string | null; acceptedBy: string | null; expectedOn: string | null } | null;
  inspectionReport: { url: string } | null;
  quantities: { received: number; onHand: number; blocked: number; shipped: number; orders: number; buyers: number };
  samplings: { id: string; no: string; status: SamplingStatus; plannedOn: string; sampleSize: number | null; sampledAt: string | null; findings: string | null; decidedAt: string | null; hasReport: boolean }[];
  recalls: { id: string; no: string; status: RecallStatus; buyersNotified: number; unitsShipped: number; openedAt: string; closedAt: string | null }[];
  orders: {
    orderId: string; orderNo: string; orderStatus: OrderStatus; buyer: MaskedBuyer; quantity: number; firstShippedAt: string; notified: boolean;
    shipments: { id: string; no: string; carrier: { name: string; nameEn: string }; trackingNo: string; status: ShipmentStatus; shippedAt: string; deliveredAt: string | null; quantity: number }[];
  }[];
}

// ---- queries ----

export const qualityKey = ["quality"] as const;

export function useSamplings(filter: { status?: SamplingStatus; q?: string; batchId?: string }) {
  return useQuery({ queryKey: [...qualityKey, "samplings", filter], queryFn: () => api<SamplingList>(`${API}/samplings`, { query: { ...filter, limit: 100 } }) });
}
export function useSampling(id: string | undefined) {
  return useQuery({ queryKey: [...qualityKey, "sampling", id ?? ""], queryFn: () => api<Sampling>(`${API}/samplings/${encodeURIComponent(id!)}`), enabled: !!id });
}
export function useRecalls(filter: { status?: RecallStatus; q?: string }) {
  return useQuery({ queryKey: [...qualityKey, "recalls", filter], queryFn: () => api<RecallList>(`${API}/recalls`, { query: { ...filter, limit: 100 } }) });
}
export function useRecall(id: string | undefined) {
  return useQuery({ queryKey: [...qualityKey, "recall", id ?? ""], queryFn: () => api<Recall>(`${API}/recalls/${encodeURIComponent(id!)}`), enabled: !!id });
}
export function useBatchSearch(q: string, enabled = true) {
  return useQuery({ queryKey: [...qualityKey, "batches", q], queryFn: () => api<{ items: BatchHit[] }>(`${API}/batches`, { query: { q, limit: 20 } }).then((r) => r.items), enabled });
}
export function useTrace(id: string | undefined) {
  return useQuery({ queryKey: [...qualityKey, "trace", id ?? ""], queryFn: () => api<Trace>(`${API}/batches/${encodeURIComponent(id!)}/trace`), enabled: !!id });
}

// ---- tags ----

const samplingColor: Record<SamplingStatus, string> = { planned: "default", sampled: "processing", passed: "green", failed: "red" };
const recallColor: Record<RecallStatus, string> = { open: "volcano", closed: "default" };
const productColor: Record<ProductStatus, string> = { draft: "default", pending_review: "gold", listed: "green", rejected: "red", delisted: "red" };

export function SamplingStatusTag({ status }: { status: SamplingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={samplingColor[status]} data-testid="sampling-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`quality.status.${status}`)}
    </Tag>
  );
}

export function RecallStatusTag({ status }: { status: RecallStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={recallColor[status]} data-testid="recall-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`quality.status.${status}`)}
    </Tag>
  );
}

export function ProductStatusTag({ status }: { status: ProductStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={productColor[status] ?? "default"} data-testid="product-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`quality.productStatus.${status}`)}
    </Tag>
  );
}

export function BlockedTag({ reason }: { reason: BlockedReason }) {
  const { t } = useTranslation();
  if (!reason) return null;
  return (
    <Tag color={reason === "quality" ? "red" : "orange"} data-testid="batch-blocked" data-reason={reason} style={{ marginInlineEnd: 0 }}>
      {t(`quality.blocked.${reason}`)}
    </Tag>
  );
}

// ---- errors and page states ----

/** The section's own words for an error code when it has them, else the app's. */
export function qualityErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `quality.errors.${e.code}`;
    if (i18n.exists(key)) {
      const d = (e.details ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(Object.entries(d).filter(([, v]) => typeof v === "string" || typeof v === "number"));
      return String(i18n.t(key as never, values as never));
    }
  }
  return errorText(e);
}

export function QualityErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={qualityErrorText(error)} style={style} data-testid="error-alert" />;
}

export function BackLink({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} style={{ display: "inline-block", marginBottom: 12 }} data-testid="back-link">
      <ArrowLeftOutlined /> {t("quality.common.back")}
    </Link>
  );
}

/** A detail page still loading, or failed to load (not found, no access, offline). */
export function DetailPending({ query, back, testId }: { query: { isError: boolean; error: unknown; refetch: () => unknown }; back: string; testId: string }) {
  const { t } = useTranslation();
  if (!query.isError) return <Skeleton active paragraph={{ rows: 8 }} data-testid={`${testId}-loading`} />;
  return (
    <Result
      status={isApiError(query.error) && query.error.status === 404 ? "404" : "error"}
      title={qualityErrorText(query.error)}
      extra={[
        <Button key="retry" onClick={() => void query.refetch()}>
          {t("quality.common.retry")}
        </Button>,
        <Link key="back" to={back}>
          {t("quality.common.back")}
        </Link>,
      ]}
      data-testid={`${testId}-error`}
    />
  );
}

export const ListEmpty = ({ pending, text }: { pending: boolean; text: string }) =>
  pending ? <span> </span> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid="list-empty" />;

/** The quantity of a batch in one bar: shipped, on hand, set aside and whatever left otherwise. */
export function BatchBar({ received, shipped, onHand, blocked }: { received: number; shipped: number; onHand: number; blocked: number }) {
  const { t } = useTranslation();
  const other = Math.max(0, received - shipped - onHand - blocked);
  const whole = Math.max(received, shipped + onHand + blocked, 1);
  const parts = [
    { key: "shipped", n: shipped, color: "#1677ff" },
    { key: "onHand", n: onHand, color: "#52c41a" },
    { key: "blocked", n: blocked, color: "#ff4d4f" },
    { key: "other", n: other, color: "#bfbfbf" },
  ] as const;
  return (
    <div data-testid="batch-bar">
      <svg width="100%" height="12" viewBox={`0 0 ${whole} 12`} preserveAspectRatio="none" role="img" aria-label={parts.map((p) => t(`quality.trace.quantityLegend.${p.key}`, { count: p.n })).join(", ")} style={{ display: "block", borderRadius: 6, background: "#f5f5f5" }}>
        {parts.reduce<{ x: number; els: React.ReactNode[] }>(
          (acc, p) => {
            if (p.n > 0) acc.els.push(<rect key={p.key} x={acc.x} y={0} width={p.n} height={12} fill={p.color} />);
            return { x: acc.x + p.n, els: acc.els };
          },
          { x: 0, els: [] },
        ).els}
      </svg>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12, marginTop: 6, fontSize: 12 }}>
        {parts.filter((p) => p.n > 0 || p.key !== "other").map((p) => (
          <span key={p.key} data-testid={`bar-${p.key}`} data-count={p.n}>
            <span style={{ display: "inline-block", width: 8, height: 8, borderRadius: 2, background: p.color, marginInlineEnd: 4 }} />
            {t(`quality.trace.quantityLegend.${p.key}`, { count: p.n })}
          </span>
        ))}
      </div>
    </div>
  );
}
