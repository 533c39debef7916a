import { useEffect, useState } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Modal, Result, Select, Skeleton, Space, Tag, Typography } from "antd";
import type { ButtonProps } from "antd";
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { api, isApiError } from "../../../api";
import i18n from "../../../i18n";
import { errorText } from "../../../components/errors";
import { PageHeader } from "../../../components/PageHeader";
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

// ---- the frame the receipt and outbound screens share -------------------------------------

/** The two document lists; each names its address, its test ids and its texts after itself. */
export type DocumentList = "receipts" | "outbound";

/** Back to a document list, above a document or a new-document form. */
export function BackLink({ list }: { list: DocumentList }) {
  const { t } = useTranslation();
  const place = useInventory();
  return (
    <div style={{ marginBottom: 12 }}>
      <Link to={`${place.route}/${list}`} data-testid={`back-to-${list}`}>
        <ArrowLeftOutlined /> {t(`invFlow.${list}.back`)}
      </Link>
    </div>
  );
}

/** A list page's title with its "new" button and the sentence that says what the list is. */
export function ListHeader({ list, testId, onCreate }: { list: DocumentList; testId: string; onCreate: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`invFlow.${list}.title`)}>
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid={testId}>
          {t(`invFlow.${list}.new`)}
        </Button>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t(`invFlow.${list}.intro`)}
      </Typography.Paragraph>
    </>
  );
}

/** The warehouse filter of a list: only the warehouses one runs. */
export function WarehouseSelect({ value, onChange, testId }: { value: string | undefined; onChange: (id: string | undefined) => void; testId: string }) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  return (
    <Select
      allowClear
      style={{ minWidth: 220 }}
      placeholder={t("invFlow.allWarehouses")}
      value={value}
      onChange={onChange}
      loading={warehouses.isPending}
      options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
      data-testid={testId}
    />
  );
}

/** An empty list: nothing matches the filter, or nothing is there yet (then the way to the first one). */
export function ListEmpty({ list, pending, filtered, onCreate, testId }: { list: DocumentList; pending: boolean; filtered: boolean; onCreate: () => void; testId: string }) {
  const { t } = useTranslation();
  // A blank while loading: "nothing here" must not flash before the rows arrive.
  if (pending) return " ";
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t(`invFlow.${list}.noneFiltered`) : t(`invFlow.${list}.empty`)} data-testid={testId}>
      {filtered ? null : (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
          {t(`invFlow.${list}.newFirst`)}
        </Button>
      )}
    </Empty>
  );
}

/** Long lists page by twenty; a short one shows no pager. */
export const pagesOf = (rows: readonly unknown[]) => (rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false);

/** A document number that opens the document. */
export function DocumentLink({ to, number, testId }: { to: string; number: string; testId: string }) {
  return (
    <Link to={to} data-testid={testId} style={{ fontFamily: "monospace" }}>
      {number}
    </Link>
  );
}

/** A line's SKU code over its product title, with anything the column adds below. */
export function ProductCell({ line, children }: { line: { skuCode: string; productTitle: string }; children?: React.ReactNode }) {
  return (
    <div>
      <div style={{ fontFamily: "monospace" }}>{line.skuCode}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {line.productTitle}
      </Typography.Text>
      {children}
    </div>
  );
}

/** Refused units: red when there are any, so a bad line is seen. */
export function Rejected({ value, testId }: { value: number | null; testId: string }) {
  return value ? (
    <Typography.Text type="danger" strong data-testid={testId}>
      {value}
    </Typography.Text>
  ) : (
    <span data-testid={testId}>{value ?? "—"}</span>
  );
}

// Descriptions reads its items' props directly, so this is a function and not a component.
/** The note of a document across the whole width, its line breaks kept; nothing without one. */
export const noteItem = (label: string, note: string | null) =>
  note ? (
    <Descriptions.Item label={label} span={2}>
      <span style={{ whiteSpace: "pre-wrap" }}>{note}</span>
    </Descriptions.Item>
  ) : null;

/** A document page until its document is there: loading, not found, or the error. */
export function DocumentPending({ list, testId, query }: { list: DocumentList; testId: string; query: { isError: boolean; error: unknown } }) {
  return (
    <div data-testid={testId}>
      <BackLink list={list} />
      {!query.isError ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : isApiError(query.error) && query.error.status === 404 ? (
        <Result status="404" title={flowErrorText(query.error)} />
      ) : (
        <FlowErrorAlert error={query.error} />
      )}
    </div>
  );
}

/** A document's number and tags, its actions on the right. */
export function DocumentTitle({ number, testId, tags, children }: { number: string; testId: string; tags: React.ReactNode; children?: React.ReactNode }) {
  return (
    <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
      <Space size={12} align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0, fontFamily: "monospace" }} data-testid={testId}>
          {number}
        </Typography.Title>
        {tags}
      </Space>
      {children}
    </Flex>
  );
}

/** A changed document: its own page shows it at once, the lists fetch again. */
export function useDocumentSaved(key: (api: string) => readonly unknown[]) {
  const place = useInventory();
  const qc = useQueryClient();
  return (doc: { id: string }) => {
    qc.setQueryData([...key(place.api), "one", doc.id], doc);
    void qc.invalidateQueries({ queryKey: [...key(place.api), "list"] });
  };
}

/** Calls a document off; the reason is asked for because the document stays on record. */
export function CancelDocumentButton({ doc, path, queryKey, i18nPrefix, testIdPrefix }: {
  doc: { id: string; number: string };
  path: DocumentList;
  queryKey: (api: string) => readonly unknown[];
  i18nPrefix: "invFlow.receipt" | "invFlow.outbound";
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  const place = useInventory();
  const saved = useDocumentSaved(queryKey);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const cancel = useMutation({
    mutationFn: () => api<{ id: string; number: string }>(`${place.api}/${path}/${doc.id}/cancel`, { method: "POST", body: { reason } }),
    onSuccess: (next) => {
      saved(next);
      message.success(t(`${i18nPrefix}.cancelled`, { number: next.number }));
      setOpen(false);
    },
  });
  useEffect(() => {
    if (!open) {
      setReason("");
      cancel.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid={`${testIdPrefix}-cancel`}>
        {t(`${i18nPrefix}.cancel`)}
      </Button>
      <Modal
        open={open}
        title={t(`${i18nPrefix}.cancelTitle`, { number: doc.number })}
        okText={t(`${i18nPrefix}.cancelConfirm`)}
        cancelText={t("common.close")}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, "data-testid": `${testIdPrefix}-cancel-confirm` } as ButtonProps}
        confirmLoading={cancel.isPending}
        onOk={() => cancel.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">{t(`${i18nPrefix}.cancelIntro`)}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("invFlow.receipt.cancelReason")} data-testid={`${testIdPrefix}-cancel-reason`} />
        <FlowErrorAlert error={cancel.error} style={{ marginTop: 12 }} />
      </Modal>
    </>
  );
}

/** The heading of a new-document form, under the way back to its list. */
export function FormHead({ list, title, intro }: { list: DocumentList; title: string; intro: string }) {
  return (
    <>
      <BackLink list={list} />
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
    </>
  );
}

/** The end of a new-document form: what went wrong, then leave or save. */
export function FormFooter({ list, error, onSubmit, pending, disabled, testId, label }: {
  list: DocumentList; error: unknown; onSubmit: () => void; pending: boolean; disabled?: boolean; testId: string; label: string;
}) {
  const { t } = useTranslation();
  const place = useInventory();
  const navigate = useNavigate();
  return (
    <>
      <FlowErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Flex justify="flex-end">
        <Space>
          <Button onClick={() => navigate(`${place.route}/${list}`)}>{t("common.cancel")}</Button>
          <Button type="primary" onClick={onSubmit} loading={pending} disabled={disabled} data-testid={testId}>
            {label}
          </Button>
        </Space>
      </Flex>
    </>
  );
}

/** Removes a form line; the last one stays. Only the first row carries the (blank) label, to line up. */
export function RemoveLine({ first, only, onRemove }: { first: boolean; only: boolean; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={first ? " " : undefined}>
      <Button icon={<DeleteOutlined />} disabled={only} onClick={onRemove} aria-label={t("invFlow.newReceipt.removeLine")} />
    </Form.Item>
  );
}

/** A remark under a form line, pulled up to the line it speaks of. */
export function LineHint({ type, children }: { type: "secondary" | "warning"; children: React.ReactNode }) {
  return (
    <Col span={24} style={{ marginTop: -16, marginBottom: 8 }}>
      <Typography.Text type={type} style={{ fontSize: 12 }}>
        {children}
      </Typography.Text>
    </Col>
  );
}
