import { useState } from "react";
import { Card, Flex, Input, Segmented, Table, Typography } from "antd";
import { SwapRightOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { formatDateTime } from "../../../components/format";
import { useInventory } from "../context";
import { DocumentLink, FlowErrorAlert, KindTag, ListEmpty, ListHeader, OutboundStatusTag, pagesOf, useOutboundList, WarehouseSelect } from "./kit";
import { OUTBOUND_KINDS, OUTBOUND_STATUSES } from "./types";
import type { OutboundKind, OutboundListItem, OutboundStatus } from "./types";

/** Where the goods go: the order, the target warehouse or the supplier. */
export function Destination({ d }: { d: Pick<OutboundListItem, "kind" | "warehouseCode" | "targetWarehouseCode" | "supplierName" | "orderRef"> }) {
  const { t } = useTranslation();
  const to =
    d.kind === "transfer" ? (
      <strong>{d.targetWarehouseCode}</strong>
    ) : d.kind === "supplier_return" ? (
      t("invFlow.outbound.toSupplier", { name: d.supplierName ?? "—" })
    ) : (
      t("invFlow.outbound.forOrder", { ref: d.orderRef ?? "—" })
    );
  return (
    <span>
      {d.warehouseCode} <SwapRightOutlined /> {to}
    </span>
  );
}

/** I4: the outbound documents of the warehouses one runs, newest first. */
export function OutboundList() {
  const { t } = useTranslation();
  const place = useInventory();
  const navigate = useNavigate();
  const [kind, setKind] = useState<OutboundKind | "all">("all");
  const [status, setStatus] = useState<OutboundStatus | "all">("all");
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const [q, setQ] = useState("");
  const list = useOutboundList({ kind: kind === "all" ? undefined : kind, status: status === "all" ? undefined : status, warehouseId, q: q.trim() || undefined });
  const rows = list.data?.items ?? [];
  const filtered = kind !== "all" || status !== "all" || !!warehouseId || !!q.trim();
  const create = () => navigate(`${place.route}/outbound/new`);

  return (
    <div data-testid="inventory-outbound-page">
      <ListHeader list="outbound" testId="outbound-new" onCreate={create} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<OutboundKind | "all">
            value={kind}
            onChange={setKind}
            options={[{ value: "all", label: t("invFlow.outbound.allKinds") }, ...OUTBOUND_KINDS.map((k) => ({ value: k, label: t(`invFlow.kind.${k}`) }))]}
            data-testid="outbound-filter-kind"
          />
          <Segmented<OutboundStatus | "all">
            value={status}
            onChange={setStatus}
            options={[{ value: "all", label: t("invFlow.outbound.allStatuses") }, ...OUTBOUND_STATUSES.map((s) => ({ value: s, label: t(`invFlow.outboundStatus.${s}`) }))]}
            data-testid="outbound-filter-status"
          />
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} testId="outbound-filter-warehouse" />
          <Input.Search allowClear placeholder={t("invFlow.outbound.search")} onSearch={setQ} style={{ width: 240 }} data-testid="outbound-search" />
        </Flex>
        <FlowErrorAlert error={list.error} style={{ marginBottom: 16 }} />
        <Table<OutboundListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={pagesOf(rows)}
          scroll={{ x: 1030 }}
          data-testid="outbound-table"
          onRow={(r) => ({ "data-testid": `outbound-row-${r.number}`, "data-status": r.status, "data-kind": r.kind }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <ListEmpty list="outbound" pending={list.isPending} filtered={filtered} onCreate={create} testId="outbound-empty" /> }}
          columns={[
            {
              title: t("invFlow.fields.number"),
              dataIndex: "number",
              width: 170,
              render: (v: string, r) => <DocumentLink to={`${place.route}/outbound/${r.id}`} number={v} testId="outbound-link" />,
            },
            { title: t("invFlow.fields.kind"), dataIndex: "kind", width: 110, render: (k: OutboundKind) => <KindTag kind={k} /> },
            { title: t("invFlow.outbound.route"), key: "to", width: 220, render: (_, r) => <Destination d={r} /> },
            {
              title: t("invFlow.outbound.quantity"),
              key: "units",
              width: 120,
              align: "right",
              render: (_, r) => <span style={{ fontVariantNumeric: "tabular-nums" }}>{t("invFlow.outbound.linesUnits", { lines: r.lines, units: r.units })}</span>,
            },
            { title: t("invFlow.fields.status"), dataIndex: "status", width: 100, render: (s: OutboundStatus) => <OutboundStatusTag status={s} /> },
            {
              title: t("invFlow.fields.created"),
              key: "created",
              width: 180,
              render: (_, r) => (
                <div>
                  <div>{formatDateTime(r.createdAt)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.createdBy}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t("invFlow.fields.doneAt"), dataIndex: "doneAt", width: 150, render: (v: string | null) => formatDateTime(v) },
          ]}
        />
      </Card>
    </div>
  );
}
