import { useState } from "react";
import { Card, Flex, Input, Segmented, Table, Tag, Tooltip, Typography } from "antd";
import { FileProtectOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { formatDate, formatDateTime } from "../../../components/format";
import { useInventory } from "../context";
import { DocumentLink, FlowErrorAlert, ListEmpty, ListHeader, pagesOf, ReceiptStatusTag, useReceipts, WarehouseSelect } from "./kit";
import { RECEIPT_STATUSES } from "./types";
import type { ReceiptListItem, ReceiptStatus } from "./types";

/** Switches between the receipts and the supplier discrepancy report. */
export function ReceiptViews({ active }: { active: "list" | "discrepancies" }) {
  const { t } = useTranslation();
  const place = useInventory();
  const navigate = useNavigate();
  return (
    <Segmented<"list" | "discrepancies">
      value={active}
      onChange={(v) => navigate(v === "list" ? `${place.route}/receipts` : `${place.route}/receipts/discrepancies`)}
      options={[
        { value: "list", label: <span data-testid="receipts-view-list">{t("invFlow.receipts.viewList")}</span> },
        { value: "discrepancies", label: <span data-testid="receipts-view-discrepancies">{t("invFlow.receipts.viewDiscrepancies")}</span> },
      ]}
      style={{ marginBottom: 16 }}
    />
  );
}

/** Expected lateness of an open receipt, or how late an accepted one arrived. */
export function LateTag({ r }: { r: Pick<ReceiptListItem, "status" | "late" | "lateDays"> }) {
  const { t } = useTranslation();
  if (!r.late) return null;
  return (
    <Tag color={r.status === "accepted" ? "orange" : "red"} style={{ marginInlineEnd: 0 }} data-testid="receipt-late">
      {r.status === "accepted" ? t("invFlow.receipts.arrivedLate", { count: r.lateDays }) : t("invFlow.receipts.overdue", { count: r.lateDays })}
    </Tag>
  );
}

/** I3: the receipts of the warehouses one runs, newest first. */
export function ReceiptList() {
  const { t } = useTranslation();
  const place = useInventory();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ReceiptStatus | "all">("all");
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const [q, setQ] = useState("");
  const list = useReceipts({ status: status === "all" ? undefined : status, warehouseId, q: q.trim() || undefined });
  const rows = list.data?.items ?? [];
  const filtered = status !== "all" || !!warehouseId || !!q.trim();
  const create = () => navigate(`${place.route}/receipts/new`);

  return (
    <div data-testid="inventory-receipts-page">
      <ListHeader list="receipts" testId="receipt-new" onCreate={create} />
      <ReceiptViews active="list" />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<ReceiptStatus | "all">
            value={status}
            onChange={setStatus}
            options={[{ value: "all", label: t("invFlow.receipts.all") }, ...RECEIPT_STATUSES.map((s) => ({ value: s, label: t(`invFlow.receiptStatus.${s}`) }))]}
            data-testid="receipt-filter-status"
          />
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} testId="receipt-filter-warehouse" />
          <Input.Search allowClear placeholder={t("invFlow.receipts.search")} onSearch={setQ} style={{ width: 260 }} data-testid="receipt-search" />
        </Flex>
        <FlowErrorAlert error={list.error} style={{ marginBottom: 16 }} />
        <Table<ReceiptListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={pagesOf(rows)}
          scroll={{ x: 1100 }}
          data-testid="receipt-table"
          onRow={(r) => ({ "data-testid": `receipt-row-${r.number}`, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <ListEmpty list="receipts" pending={list.isPending} filtered={filtered} onCreate={create} testId="receipt-empty" /> }}
          columns={[
            {
              title: t("invFlow.fields.number"),
              dataIndex: "number",
              width: 170,
              render: (v: string, r) => <DocumentLink to={`${place.route}/receipts/${r.id}`} number={v} testId="receipt-link" />,
            },
            {
              title: t("invFlow.fields.supplier"),
              key: "supplier",
              render: (_, r) => (
                <div>
                  <div>{r.supplier?.name ?? "—"}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("invFlow.fields.purchaseRef")}
                    {t("common.labelColon", { label: "" })}
                    {r.purchaseRef}
                    {place.platform ? ` · ${r.merchant.name}` : ""}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t("invFlow.fields.warehouse"), key: "warehouse", width: 200, render: (_, r) => `${r.warehouse.code} · ${r.warehouse.name}` },
            {
              title: t("invFlow.fields.expectedOn"),
              key: "expectedOn",
              width: 150,
              render: (_, r) => (
                <Flex vertical gap={2} align="flex-start">
                  <span>{formatDate(r.expectedOn)}</span>
                  <LateTag r={r} />
                </Flex>
              ),
            },
            {
              title: t("invFlow.receipts.units"),
              key: "units",
              width: 250,
              render: (_, r) =>
                r.status === "accepted" ? (
                  <Typography.Text style={{ fontVariantNumeric: "tabular-nums" }}>
                    {t("invFlow.receipts.unitsAccepted", { expected: r.totals.expected, received: r.totals.received, accepted: r.totals.accepted })}
                    {r.totals.rejected ? (
                      <Typography.Text type="danger" style={{ marginInlineStart: 6 }}>
                        {t("invFlow.receipts.unitsRejected", { count: r.totals.rejected })}
                      </Typography.Text>
                    ) : null}
                  </Typography.Text>
                ) : (
                  <Typography.Text style={{ fontVariantNumeric: "tabular-nums" }}>{t("invFlow.receipts.unitsExpected", { lines: r.totals.lines, expected: r.totals.expected })}</Typography.Text>
                ),
            },
            {
              title: t("invFlow.fields.report"),
              key: "report",
              width: 90,
              align: "center",
              render: (_, r) =>
                r.hasInspectionReport ? (
                  <Tooltip title={t("invFlow.receipts.hasReport")}>
                    <FileProtectOutlined style={{ color: "#389e0d", fontSize: 16 }} aria-label={t("invFlow.receipts.hasReport")} />
                  </Tooltip>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            { title: t("invFlow.fields.status"), dataIndex: "status", width: 100, render: (s: ReceiptStatus) => <ReceiptStatusTag status={s} /> },
            { title: t("invFlow.fields.createdAt"), dataIndex: "createdAt", width: 150, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </div>
  );
}
