import { useState } from "react";
import { Button, Card, Empty, Flex, Progress, Segmented, Select, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatDateTime } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { useInventory } from "../context";
import { CountErrorAlert, scopeName, StatusTag, useStartOptions, useStocktakeList } from "./kit";
import { StartCountModal } from "./StartCountModal";
import { STOCKTAKE_STATUSES } from "./types";
import type { StocktakeListItem, StocktakeStatus } from "./types";

/** The counts of the warehouses one runs, newest first, and the way to start one. */
export function CountList() {
  const { t } = useTranslation();
  const place = useInventory();
  const [status, setStatus] = useState<StocktakeStatus | "all">("all");
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const [starting, setStarting] = useState(false);
  const list = useStocktakeList({ status: status === "all" ? undefined : status, warehouseId });
  const warehouses = useStartOptions();
  const rows = list.data?.items ?? [];
  const filtered = status !== "all" || !!warehouseId;

  const start = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setStarting(true)} data-testid="count-new">
      {t("invCount.list.start")}
    </Button>
  );

  return (
    <div data-testid="inventory-stocktakes-page">
      <PageHeader title={t("invCount.list.title")}>{start}</PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("invCount.list.intro")}
      </Typography.Paragraph>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<StocktakeStatus | "all">
            value={status}
            onChange={setStatus}
            options={[{ value: "all", label: t("invCount.list.all") }, ...STOCKTAKE_STATUSES.map((s) => ({ value: s, label: t(`invCount.status.${s}`) }))]}
            data-testid="count-filter-status"
          />
          <Select
            allowClear
            style={{ minWidth: 220 }}
            placeholder={t("invCount.list.allWarehouses")}
            value={warehouseId}
            onChange={setWarehouseId}
            options={(warehouses.data?.warehouses ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
            data-testid="count-filter-warehouse"
          />
        </Flex>
        <CountErrorAlert error={list.error} style={{ marginBottom: 16 }} />
        <Table<StocktakeListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 1180 }}
          data-testid="count-table"
          onRow={(r) => ({ "data-testid": `count-row-${r.number}`, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: list.isPending ? (
              " "
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t("invCount.list.noneFiltered") : t("invCount.list.empty")} data-testid="count-empty">
                {filtered ? null : (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setStarting(true)}>
                    {t("invCount.list.startFirst")}
                  </Button>
                )}
              </Empty>
            ),
          }}
          columns={[
            {
              title: t("invCount.fields.number"),
              dataIndex: "number",
              width: 170,
              render: (v: string, r) => (
                <Link to={`${place.route}/stocktakes/${r.id}`} data-testid="count-link" style={{ fontFamily: "monospace", whiteSpace: "nowrap" }}>
                  {v}
                </Link>
              ),
            },
            { title: t("invCount.fields.warehouse"), key: "warehouse", width: 220, render: (_, r) => `${r.warehouse.code} · ${r.warehouse.name}` },
            { title: t("invCount.fields.scope"), key: "scope", width: 120, render: (_, r) => scopeName(r.category) },
            { title: t("invCount.fields.status"), dataIndex: "status", width: 100, render: (s: StocktakeStatus) => <StatusTag status={s} /> },
            {
              title: t("invCount.list.progress"),
              key: "progress",
              width: 170,
              render: (_, r) => (
                <div>
                  <Progress percent={r.lines ? Math.round((r.counted / r.lines) * 100) : 0} size="small" showInfo={false} style={{ margin: 0 }} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("invCount.list.countedOf", { counted: r.counted, lines: r.lines })}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t("invCount.list.differing"),
              dataIndex: "differing",
              width: 100,
              align: "right",
              render: (v: number) => (v ? <Typography.Text type="warning" strong>{v}</Typography.Text> : <Typography.Text type="secondary">0</Typography.Text>),
            },
            {
              title: t("invCount.fields.started"),
              key: "started",
              width: 190,
              render: (_, r) => (
                <div>
                  <div>{formatDateTime(r.startedAt)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.startedBy}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t("invCount.fields.decided"),
              key: "decided",
              width: 190,
              render: (_, r) =>
                r.decidedAt ? (
                  <div>
                    <div>{formatDateTime(r.decidedAt)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.decidedBy}
                    </Typography.Text>
                  </div>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <StartCountModal open={starting} onClose={() => setStarting(false)} />
    </div>
  );
}
