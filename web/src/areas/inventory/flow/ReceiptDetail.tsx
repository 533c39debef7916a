import { useState } from "react";
import { App, Button, Card, Col, DatePicker, Descriptions, Flex, Input, InputNumber, Row, Space, Statistic, Table, Tooltip, Typography } from "antd";
import { CheckOutlined, FileProtectOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useParams } from "react-router-dom";
import dayjs from "dayjs";
import { api, buildUrl, isApiError, upload } from "../../../api";
import { formatDate, formatDateTime } from "../../../components/format";
import { useInventory } from "../context";
import {
  addDaysToDay, BackLink, CancelDocumentButton, Difference, DocumentPending, DocumentTitle, flowErrorText, FlowErrorAlert, noteItem, ProductCell, receiptsKey, ReceiptStatusTag, Rejected,
  shanghaiToday, useDocumentSaved, useReceipt,
} from "./kit";
import { LateTag } from "./ReceiptList";
import type { Receipt, ReceiptLine } from "./types";
import { ReportFileButton } from "../../../components/ReportFileButton";

interface Draft {
  receivedQty: number | null;
  acceptedQty: number | null;
  qualityNote: string;
  batchNo: string;
  productionDate: string | null;
  expiryDate: string | null;
}
type Field = keyof Draft;
type Problems = Record<string, Partial<Record<Field, string>>>;

const rejectedOf = (d: Draft) => (d.receivedQty ?? 0) - (d.acceptedQty ?? 0);

/** Accepted, refused and missing units of a line as one bar, so that a bad line stands out. */
export function UnitsBar({ expected, received, accepted, rejected }: { expected: number; received: number; accepted: number; rejected: number }) {
  const { t } = useTranslation();
  const whole = Math.max(expected, received, 1);
  const short = Math.max(0, expected - received);
  const parts = [
    { n: accepted, color: "#52c41a", label: t("invFlow.fields.acceptedQty") },
    { n: rejected, color: "#ff4d4f", label: t("invFlow.fields.rejectedQty") },
    { n: short, color: "repeating-linear-gradient(45deg,#d9d9d9 0 4px,#f5f5f5 4px 8px)", label: t("invFlow.receipt.short") },
  ].filter((p) => p.n > 0);
  return (
    <Tooltip title={parts.map((p) => `${p.label} ${p.n}`).join(" · ")}>
      <div style={{ display: "flex", height: 10, borderRadius: 5, overflow: "hidden", background: "#f5f5f5", minWidth: 120 }} data-testid="units-bar">
        {parts.map((p) => (
          <div key={p.label} style={{ width: `${(p.n / whole) * 100}%`, background: p.color }} />
        ))}
      </div>
    </Tooltip>
  );
}

function initialDrafts(r: Receipt): Record<string, Draft> {
  return Object.fromEntries(r.lines.map((l) => [l.id, { receivedQty: l.expectedQty, acceptedQty: l.expectedQty, qualityNote: "", batchNo: "", productionDate: null, expiryDate: null }]));
}

/** What the form can tell before asking the server: the same rules, said at the cell. */
function check(r: Receipt, drafts: Record<string, Draft>, today: string, t: TFunction): Problems {
  const out: Problems = {};
  for (const l of r.lines) {
    const d = drafts[l.id]!;
    const p: Partial<Record<Field, string>> = {};
    if (d.receivedQty === null) p.receivedQty = t("invFlow.accept.receivedRequired");
    if (d.acceptedQty === null) p.acceptedQty = t("invFlow.accept.acceptedRequired");
    else if (d.receivedQty !== null && d.acceptedQty > d.receivedQty) p.acceptedQty = t("invFlow.accept.acceptedTooMany");
    if (rejectedOf(d) > 0 && !d.qualityNote.trim()) p.qualityNote = t("invFlow.accept.noteRequired");
    if ((d.acceptedQty ?? 0) > 0) {
      if (l.requiresProductionDate && !d.productionDate) p.productionDate = t("invFlow.accept.productionRequired");
      if (l.requiresShelfLife && !d.expiryDate) p.expiryDate = t("invFlow.accept.expiryRequired");
      if (d.productionDate && d.productionDate > today) p.productionDate = t("invFlow.accept.productionFuture");
      if (d.productionDate && d.expiryDate && d.expiryDate <= d.productionDate) p.expiryDate = t("invFlow.accept.expiryBeforeProduction");
      else if (d.expiryDate && d.expiryDate <= today) p.expiryDate = t("invFlow.accept.expired");
    }
    if (Object.keys(p).length) out[l.id] = p;
  }
  return out;
}

function Cell({ children, problem }: { children: React.ReactNode; problem?: string }) {
  return (
    <div>
      {children}
      {problem ? (
        <Typography.Text type="danger" style={{ display: "block", fontSize: 12, marginTop: 2, lineHeight: 1.3 }} data-testid="cell-problem">
          {problem}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** I3 acceptance: count, check and split each line; accepted units become a batch. */
function AcceptanceForm({ r }: { r: Receipt }) {
  const { t } = useTranslation();
  const place = useInventory();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => initialDrafts(r));
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState("");
  const today = shanghaiToday();

  const set = (l: ReceiptLine, patch: Partial<Draft>) => {
    setProblems((all) => {
      const left = Object.fromEntries(Object.entries(all[l.id] ?? {}).filter(([k]) => !(k in patch) && !(k === "acceptedQty" && "receivedQty" in patch)));
      return { ...all, [l.id]: left };
    });
    setDrafts((all) => {
      const before = all[l.id]!;
      const next = { ...before, ...patch };
      // A new count takes the accepted figure with it; the checker then lowers it.
      if (patch.receivedQty !== undefined) next.acceptedQty = patch.receivedQty;
      // The package states the production date; the shelf life gives the expiry.
      if (patch.productionDate && !before.expiryDate && l.shelfLifeDays) next.expiryDate = addDaysToDay(patch.productionDate, l.shelfLifeDays);
      return { ...all, [l.id]: next };
    });
  };

  const accept = useMutation({
    mutationFn: () =>
      api<Receipt>(`${place.api}/receipts/${r.id}/accept`, {
        method: "POST",
        body: {
          note: note.trim() || null,
          lines: r.lines.map((l) => {
            const d = drafts[l.id]!;
            return {
              lineId: l.id, receivedQty: d.receivedQty, acceptedQty: d.acceptedQty, rejectedQty: rejectedOf(d), qualityNote: d.qualityNote.trim() || null,
              batchNo: d.batchNo.trim() || null, productionDate: d.productionDate, expiryDate: d.expiryDate,
            };
          }),
        },
      }),
    onSuccess: (done) => {
      qc.setQueryData([...receiptsKey(place.api), "one", r.id], done);
      void qc.invalidateQueries({ queryKey: receiptsKey(place.api) });
      void qc.invalidateQueries({ queryKey: ["inventory", place.api] });
      message.success(t("invFlow.accept.done", { number: done.number, accepted: done.totals.accepted, rejected: done.totals.rejected }));
    },
    onError: (e) => {
      // A problem of one cell goes to that cell; anything else above the table.
      const d = isApiError(e) ? (e.details as { lineId?: string; field?: string } | undefined) : undefined;
      if (d?.lineId && d.field && d.field in drafts[d.lineId]!) {
        setProblems({ [d.lineId]: { [d.field as Field]: flowErrorText(e) } });
        setError(null);
      } else setError(e);
    },
  });

  const submit = () => {
    const found = check(r, drafts, today, t);
    setProblems(found);
    setError(null);
    if (!Object.keys(found).length) accept.mutate();
  };

  const totals = r.lines.reduce(
    (s, l) => {
      const d = drafts[l.id]!;
      return { received: s.received + (d.receivedQty ?? 0), accepted: s.accepted + (d.acceptedQty ?? 0), rejected: s.rejected + Math.max(0, rejectedOf(d)) };
    },
    { received: 0, accepted: 0, rejected: 0 },
  );
  const dateCell = (l: ReceiptLine, field: "productionDate" | "expiryDate", required: boolean) => {
    const d = drafts[l.id]!;
    return (
      <Cell problem={problems[l.id]?.[field]}>
        <DatePicker
          value={d[field] ? dayjs(d[field]) : null}
          onChange={(v) => set(l, { [field]: v ? v.format("YYYY-MM-DD") : null })}
          format="YYYY-MM-DD"
          placeholder={required ? t("invFlow.accept.required") : t("invFlow.accept.optional")}
          status={problems[l.id]?.[field] ? "error" : undefined}
          disabled={(d.acceptedQty ?? 0) === 0}
          style={{ width: 132 }}
          data-testid={`accept-${field === "productionDate" ? "production" : "expiry"}-${l.skuCode}`}
        />
      </Cell>
    );
  };

  return (
    <Card
      title={t("invFlow.accept.title")}
      extra={
        <Typography.Text type="secondary" style={{ fontVariantNumeric: "tabular-nums" }} data-testid="accept-totals">
          {t("invFlow.accept.totals", { received: totals.received, accepted: totals.accepted, rejected: totals.rejected })}
        </Typography.Text>
      }
      data-testid="acceptance-form"
    >
      <Typography.Paragraph type="secondary">{t("invFlow.accept.intro")}</Typography.Paragraph>
      <FlowErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Table<ReceiptLine>
        rowKey="id"
        dataSource={r.lines}
        pagination={false}
        scroll={{ x: 1040 }}
        size="middle"
        onRow={(l) => ({ "data-testid": `accept-row-${l.skuCode}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("invFlow.fields.product"),
            key: "product",
            fixed: "left",
            width: 190,
            render: (_, l) => (
              <ProductCell line={l}>
                <div>
                  <Typography.Text style={{ fontSize: 12 }}>{t("invFlow.accept.expected", { count: l.expectedQty })}</Typography.Text>
                </div>
              </ProductCell>
            ),
          },
          {
            title: t("invFlow.fields.receivedQty"),
            key: "received",
            width: 96,
            render: (_, l) => (
              <Cell problem={problems[l.id]?.receivedQty}>
                <InputNumber min={0} max={1_000_000} precision={0} value={drafts[l.id]!.receivedQty} onChange={(v) => set(l, { receivedQty: v })} style={{ width: 80 }} data-testid={`accept-received-${l.skuCode}`} />
                <div style={{ marginTop: 2 }}>
                  <Difference value={drafts[l.id]!.receivedQty === null ? null : drafts[l.id]!.receivedQty! - l.expectedQty} />
                </div>
              </Cell>
            ),
          },
          {
            title: t("invFlow.fields.acceptedQty"),
            key: "accepted",
            width: 96,
            render: (_, l) => (
              <Cell problem={problems[l.id]?.acceptedQty}>
                <InputNumber min={0} max={1_000_000} precision={0} value={drafts[l.id]!.acceptedQty} onChange={(v) => set(l, { acceptedQty: v })} status={problems[l.id]?.acceptedQty ? "error" : undefined} style={{ width: 80 }} data-testid={`accept-accepted-${l.skuCode}`} />
              </Cell>
            ),
          },
          {
            title: t("invFlow.fields.rejectedQty"),
            key: "rejected",
            width: 56,
            align: "right",
            render: (_, l) => {
              const n = rejectedOf(drafts[l.id]!);
              return (
                <Typography.Text type={n > 0 ? "danger" : "secondary"} strong={n > 0} style={{ fontVariantNumeric: "tabular-nums" }} data-testid={`accept-rejected-${l.skuCode}`}>
                  {n >= 0 ? n : "—"}
                </Typography.Text>
              );
            },
          },
          {
            title: t("invFlow.fields.qualityNote"),
            key: "note",
            width: 180,
            render: (_, l) => (
              <Cell problem={problems[l.id]?.qualityNote}>
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 3 }}
                  maxLength={1000}
                  value={drafts[l.id]!.qualityNote}
                  onChange={(e) => set(l, { qualityNote: e.target.value })}
                  placeholder={rejectedOf(drafts[l.id]!) > 0 ? t("invFlow.accept.notePlaceholderRejected") : t("invFlow.accept.notePlaceholder")}
                  status={problems[l.id]?.qualityNote ? "error" : undefined}
                  data-testid={`accept-note-${l.skuCode}`}
                />
              </Cell>
            ),
          },
          {
            title: t("invFlow.fields.batchNo"),
            key: "batch",
            width: 140,
            render: (_, l) => (
              <Cell problem={problems[l.id]?.batchNo}>
                <Input
                  maxLength={40}
                  value={drafts[l.id]!.batchNo}
                  onChange={(e) => set(l, { batchNo: e.target.value })}
                  placeholder={r.number}
                  disabled={(drafts[l.id]!.acceptedQty ?? 0) === 0}
                  status={problems[l.id]?.batchNo ? "error" : undefined}
                  data-testid={`accept-batch-${l.skuCode}`}
                />
              </Cell>
            ),
          },
          { title: t("invFlow.fields.productionDate"), key: "production", width: 146, render: (_, l) => dateCell(l, "productionDate", l.requiresProductionDate) },
          {
            title: t("invFlow.fields.expiryDate"),
            key: "expiry",
            width: 146,
            render: (_, l) => (
              <div>
                {dateCell(l, "expiryDate", l.requiresShelfLife)}
                {l.shelfLifeDays ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("invFlow.accept.shelfLife", { count: l.shelfLifeDays })}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          },
        ]}
      />
      <Flex gap={12} align="flex-end" wrap style={{ marginTop: 16 }}>
        <Input.TextArea
          rows={1}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t("invFlow.accept.receiptNotePlaceholder")}
          style={{ flex: 1, minWidth: 260 }}
          data-testid="accept-note"
        />
        <Button type="primary" icon={<CheckOutlined />} onClick={submit} loading={accept.isPending} data-testid="receipt-accept">
          {t("invFlow.accept.submit")}
        </Button>
      </Flex>
    </Card>
  );
}

function ResultLines({ r }: { r: Receipt }) {
  const { t } = useTranslation();
  return (
    <Card title={t("invFlow.receipt.lines")} data-testid="receipt-lines">
      <Table<ReceiptLine>
        rowKey="id"
        dataSource={r.lines}
        pagination={false}
        scroll={{ x: 1010 }}
        onRow={(l) => ({ "data-testid": `receipt-line-${l.skuCode}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("invFlow.fields.product"),
            key: "product",
            width: 200,
            render: (_, l) => <ProductCell line={l} />,
          },
          { title: t("invFlow.fields.expectedQty"), dataIndex: "expectedQty", width: 64, align: "right" },
          { title: t("invFlow.fields.receivedQty"), dataIndex: "receivedQty", width: 64, align: "right", render: (v: number | null) => v ?? "—" },
          { title: t("invFlow.receipt.difference"), dataIndex: "difference", width: 64, align: "right", render: (v: number | null) => <Difference value={v} testId="line-difference" /> },
          { title: t("invFlow.fields.acceptedQty"), dataIndex: "acceptedQty", width: 64, align: "right", render: (v: number | null) => <span data-testid="line-accepted">{v ?? "—"}</span> },
          {
            title: t("invFlow.fields.rejectedQty"),
            dataIndex: "rejectedQty",
            width: 64,
            align: "right",
            render: (v: number | null) => <Rejected value={v} testId="line-rejected" />,
          },
          {
            title: t("invFlow.receipt.split"),
            key: "bar",
            width: 130,
            render: (_, l) => (l.receivedQty === null ? null : <UnitsBar expected={l.expectedQty} received={l.receivedQty} accepted={l.acceptedQty ?? 0} rejected={l.rejectedQty ?? 0} />),
          },
          { title: t("invFlow.fields.qualityNote"), dataIndex: "qualityNote", render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
          {
            title: t("invFlow.receipt.batch"),
            key: "batch",
            width: 190,
            render: (_, l) =>
              l.batchNo ? (
                <div>
                  <div style={{ fontFamily: "monospace" }}>{l.batchNo}</div>
                  {l.productionDate || l.expiryDate ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {`${formatDate(l.productionDate)} → ${formatDate(l.expiryDate)}`}
                    </Typography.Text>
                  ) : null}
                </div>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}

function InspectionReport({ r }: { r: Receipt }) {
  const { t } = useTranslation();
  const place = useInventory();
  const saved = useDocumentSaved(receiptsKey);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const href = buildUrl(`${place.api}/receipts/${r.id}/inspection-report`);

  const send = async (file: File) => {
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      saved(await upload<Receipt>(`${place.api}/receipts/${r.id}/inspection-report`, form));
      message.success(t("invFlow.report.uploaded"));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t("invFlow.report.title")} style={{ height: "100%" }} data-testid="inspection-report">
      {r.hasInspectionReport ? (
        <Space orientation="vertical" size={4}>
          <Typography.Text>
            <FileProtectOutlined style={{ color: "#389e0d" }} /> {t("invFlow.report.attached")}
          </Typography.Text>
          <a href={href} target="_blank" rel="noreferrer" data-testid="inspection-report-open">
            {t("invFlow.report.open")}
          </a>
        </Space>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t("invFlow.report.missing")}
        </Typography.Paragraph>
      )}
      {r.status !== "cancelled" ? (
        <ReportFileButton testId="inspection-report" busy={busy} label={r.hasInspectionReport ? t("invFlow.report.replace") : t("invFlow.report.upload")} hint={t("invFlow.report.hint")} onFile={(f) => void send(f)} />
      ) : null}
      <FlowErrorAlert error={error} style={{ marginTop: 12 }} />
    </Card>
  );
}

/** One receipt: its facts, the inspection report, and the acceptance (or its outcome). */
export function ReceiptDetail() {
  const { id } = useParams();
  const { t } = useTranslation();
  const query = useReceipt(id);
  const r = query.data;
  if (query.isError || !r) return <DocumentPending list="receipts" testId="receipt-detail" query={query} />;
  const rate = r.totals.received ? Math.round((r.totals.accepted / r.totals.received) * 1000) / 10 : null;

  return (
    <div data-testid="receipt-detail" data-receipt={r.id} data-status={r.status}>
      <BackLink list="receipts" />
      <DocumentTitle
        number={r.number}
        testId="receipt-number"
        tags={
          <>
            <ReceiptStatusTag status={r.status} />
            <LateTag r={r} />
          </>
        }
      >
        {r.status === "expected" ? <CancelDocumentButton doc={r} path="receipts" queryKey={receiptsKey} i18nPrefix="invFlow.receipt" testIdPrefix="receipt" /> : null}
      </DocumentTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t("invFlow.receipt.facts")} style={{ height: "100%" }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={{ label: { whiteSpace: "nowrap" } }} data-testid="receipt-facts">
              <Descriptions.Item label={t("invFlow.fields.warehouse")}>{`${r.warehouse.code} · ${r.warehouse.name}`}</Descriptions.Item>
              <Descriptions.Item label={t("invFlow.fields.owner")}>{r.merchant.name}</Descriptions.Item>
              <Descriptions.Item label={t("invFlow.fields.supplier")}>{r.supplier?.name ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("invFlow.fields.purchaseRef")}>{r.purchaseRef}</Descriptions.Item>
              <Descriptions.Item label={t("invFlow.fields.expectedOn")}>{formatDate(r.expectedOn)}</Descriptions.Item>
              <Descriptions.Item label={t("invFlow.fields.created")}>{`${formatDateTime(r.createdAt)} · ${r.createdBy}`}</Descriptions.Item>
              {r.acceptedAt ? <Descriptions.Item label={t("invFlow.fields.accepted")}>{`${formatDateTime(r.acceptedAt)} · ${r.acceptedBy ?? ""}`}</Descriptions.Item> : null}
              {noteItem(t("invFlow.fields.note"), r.note)}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <InspectionReport r={r} />
        </Col>
        {r.status === "accepted" ? (
          <Col span={24}>
            <Card data-testid="receipt-summary">
              <Row gutter={16}>
                <Col xs={12} md={5}>
                  <Statistic title={t("invFlow.fields.expectedQty")} value={r.totals.expected} />
                </Col>
                <Col xs={12} md={5}>
                  <Statistic title={t("invFlow.fields.receivedQty")} value={r.totals.received} />
                </Col>
                <Col xs={12} md={5}>
                  <Statistic title={t("invFlow.fields.acceptedQty")} value={r.totals.accepted} styles={{ content: { color: "#389e0d" } }} />
                </Col>
                <Col xs={12} md={5}>
                  <Statistic title={t("invFlow.fields.rejectedQty")} value={r.totals.rejected} styles={{ content: { color: r.totals.rejected ? "#cf1322" : undefined } }} />
                </Col>
                <Col xs={24} md={4}>
                  <Statistic title={t("invFlow.receipt.acceptanceRate")} value={rate ?? "—"} suffix={rate === null ? undefined : "%"} />
                </Col>
              </Row>
            </Card>
          </Col>
        ) : null}
        <Col span={24}>{r.status === "expected" ? <AcceptanceForm r={r} /> : <ResultLines r={r} />}</Col>
      </Row>
    </div>
  );
}
