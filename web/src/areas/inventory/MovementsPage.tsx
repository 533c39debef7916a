import { Button, Card, DatePicker, Empty, Flex, Select, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import dayjs from "dayjs";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/PageHeader";
import { useInventory } from "./context";
import { Delta, documentName, LoadMore, MovementTag, movementsKey, Qty, StockErrorAlert, useCursorList, useFilterParams, WarehouseFilter } from "./stock/kit";
import { useLevel } from "./stock/LevelDrawer";
import { MOVEMENT_TYPES, type Movement, type MovementType } from "./stock/types";

const PAGE = 100;

/** I1: every change of stock, newest first: the trail each level is the sum of. */
export function MovementsPage() {
  const { t } = useTranslation();
  const place = useInventory();
  const { params, set, clear } = useFilterParams();
  const warehouseId = params.get("warehouse") ?? undefined;
  const type = (MOVEMENT_TYPES as readonly string[]).includes(params.get("type") ?? "") ? (params.get("type") as MovementType) : undefined;
  const levelId = params.get("level") ?? undefined;
  const from = params.get("from") ?? undefined;
  const to = params.get("to") ?? undefined;
  const level = useLevel(levelId ?? null);

  // Days are the user's calendar days; the API takes instants.
  const query = {
    warehouseId, type, levelId,
    from: from ? dayjs(from).startOf("day").toISOString() : undefined,
    to: to ? dayjs(to).add(1, "day").startOf("day").toISOString() : undefined,
  };
  const { list, rows } = useCursorList<Movement>([...movementsKey(place.api), query], `${place.api}/movements`, query, PAGE);
  const filtered = !!(warehouseId || type || levelId || from);

  return (
    <div data-testid="inventory-movements-page">
      <PageHeader title={t("invStock.movements.title")} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("invStock.movements.intro")}
      </Typography.Paragraph>
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          {levelId ? (
            <Tag closable onClose={() => set({ level: undefined })} color="blue" data-testid="movements-level-filter" style={{ padding: "4px 8px" }}>
              {level.data ? `${level.data.skuCode} · ${level.data.warehouse.code}` : t("invStock.movements.oneLevel")}
            </Tag>
          ) : (
            <WarehouseFilter value={warehouseId} onChange={(v) => set({ warehouse: v })} testId="movements-filter-warehouse" />
          )}
          <Select<MovementType>
            allowClear
            value={type}
            onChange={(v) => set({ type: v })}
            placeholder={t("invStock.movements.allTypes")}
            style={{ minWidth: 160 }}
            data-testid="movements-filter-type"
            options={MOVEMENT_TYPES.map((m) => ({ value: m, label: t(`invStock.movementTypes.${m}`) }))}
            aria-label={t("invStock.movements.type")}
          />
          <DatePicker.RangePicker
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            onChange={(v) => set({ from: v?.[0]?.format("YYYY-MM-DD"), to: v?.[1]?.format("YYYY-MM-DD") })}
            allowEmpty={[false, false]}
            data-testid="movements-filter-dates"
          />
          {filtered ? <Button onClick={clear}>{t("invStock.common.clearFilters")}</Button> : null}
        </Flex>
        <StockErrorAlert error={list.error} style={{ marginBottom: 12 }} />
        <Table<Movement>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1040 }}
          data-testid="movements-table"
          onRow={(m) => ({ "data-testid": `movement-row`, "data-type": m.type, "data-sku": m.skuCode }) as React.HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: list.isPending ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t("invStock.movements.emptyFiltered") : t("invStock.movements.empty")} data-testid="movements-empty" />,
          }}
          columns={[
            { title: t("invStock.movements.time"), dataIndex: "createdAt", width: 136, render: (v: string) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(v)}</span> },
            { title: t("invStock.movements.type"), dataIndex: "type", width: 100, render: (v: MovementType) => <MovementTag type={v} /> },
            {
              title: t("invStock.fields.product"),
              key: "product",
              render: (_, m) => (
                <div style={{ minWidth: 180 }}>
                  <Link to={`${place.route}?level=${m.levelId}`}>{m.productTitle}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <span style={{ fontFamily: "monospace" }}>{m.skuCode}</span>
                      {m.batchNo ? ` · ${t("invStock.movements.batchOf", { batch: m.batchNo })}` : ""}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            { title: t("invStock.fields.warehouse"), dataIndex: "warehouseCode", width: 76, render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
            { title: t("invStock.fields.onHand"), dataIndex: "onHandDelta", width: 64, align: "right", render: (v: number) => <Delta value={v} /> },
            { title: t("invStock.fields.reserved"), dataIndex: "reservedDelta", width: 64, align: "right", render: (v: number) => <Delta value={v} /> },
            { title: t("invStock.fields.blocked"), dataIndex: "blockedDelta", width: 64, align: "right", render: (v: number) => <Delta value={v} /> },
            {
              title: <Tooltip title={t("invStock.movements.afterHint")}>{t("invStock.movements.after")}</Tooltip>,
              dataIndex: "onHandAfter",
              width: 76,
              align: "right",
              render: (v: number) => <Qty value={v} type="secondary" />,
            },
            {
              title: t("invStock.movements.document"),
              key: "document",
              width: 150,
              render: (_, m) => (
                <div>
                  <div>{documentName(m.documentType)}</div>
                  {m.documentNo ? <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: "monospace" }}>{m.documentNo}</Typography.Text> : null}
                </div>
              ),
            },
            {
              title: t("invStock.movements.actor"),
              key: "actor",
              width: 160,
              render: (_, m) => (
                <div>
                  <div style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", maxWidth: 150 }}>{m.actorLabel}</div>
                  {m.note ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.note}</Typography.Text> : null}
                </div>
              ),
            },
          ]}
        />
        <LoadMore list={list} testId="movements-more">
          <Typography.Text type="secondary">{t("invStock.movements.shown", { count: rows.length })}</Typography.Text>
        </LoadMore>
      </Card>
    </div>
  );
}
