import { useState } from "react";
import { App, Button, Col, Drawer, Dropdown, Empty, Flex, Form, InputNumber, Popconfirm, Row, Skeleton, Statistic, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { DownOutlined, LockOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../../api";
import { formatDate, formatDateTime } from "../../../components/format";
import { useInventory } from "../context";
import { BatchActionModal, type BatchAction } from "./BatchActionModal";
import { BatchChart } from "./BatchChart";
import { HoldModal } from "./HoldModal";
import { BAR_COLORS, Delta, documentName, ExpiryText, MovementTag, optionsText, Qty, reasonName, StateTag, StockErrorAlert, stockErrorText, stockKey, useStockChanged, WarehouseLabel } from "./kit";
import type { Batch, Hold, LevelDetail, Movement } from "./types";

export const useLevel = (id: string | null) => {
  const place = useInventory();
  return useQuery({ queryKey: [...stockKey(place.api), "one", id], queryFn: () => api<LevelDetail>(`${place.api}/stock/${encodeURIComponent(id!)}`), enabled: !!id });
};

/** One SKU in one warehouse: batches first-expiry-first, holds, latest movements and thresholds. */
export function LevelDrawer({ levelId, onClose }: { levelId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const level = useLevel(levelId);
  const l = level.data;
  return (
    <Drawer
      open={!!levelId}
      onClose={onClose}
      size={1000}
      destroyOnHidden
      title={l ? `${l.productTitle} · ${l.skuCode}` : t("invStock.level.loading")}
      extra={l ? <WarehouseLabel warehouse={l.warehouse} /> : null}
      data-testid="level-drawer"
    >
      <StockErrorAlert error={level.error} />
      {level.isPending && levelId ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {l ? <LevelBody level={l} /> : null}
    </Drawer>
  );
}

function LevelBody({ level }: { level: LevelDetail }) {
  const { t } = useTranslation();
  const place = useInventory();
  const { message } = App.useApp();
  const changed = useStockChanged();
  const [acting, setActing] = useState<{ batch: Batch; action: BatchAction } | null>(null);
  const [holding, setHolding] = useState(false);
  // A merchant sees its goods in platform warehouses, but only whoever runs a warehouse handles the goods in it.
  const handles = level.warehouse.platform === place.platform;
  const options = optionsText(level.skuOptions);

  const release = async (h: Hold) => {
    try {
      await api(`${place.api}/reservations/${encodeURIComponent(h.id)}/release`, { method: "POST" });
      await changed();
      message.success(t("invStock.holds.released", { reference: h.referenceId }));
    } catch (e) {
      message.error(stockErrorText(e));
    }
  };

  return (
    <div data-testid="level-detail" data-level={level.id}>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {[options, place.platform ? level.merchantName : null, level.warehouse.name].filter(Boolean).join(" · ")}
      </Typography.Paragraph>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {(
          [
            ["onHand", level.onHand, undefined],
            ["reserved", level.reserved, BAR_COLORS.reserved],
            ["available", level.available, level.state === "ok" ? BAR_COLORS.available : level.state === "low" ? "#fa8c16" : "#cf1322"],
            ["blocked", level.blocked, level.blocked ? "#8c8c8c" : undefined],
          ] as const
        ).map(([key, value, color]) => (
          <Col span={5} key={key}>
            <Statistic title={t(`invStock.fields.${key}`)} value={value} styles={{ content: { color, fontVariantNumeric: "tabular-nums" } }} data-testid={`level-${key}`} />
          </Col>
        ))}
        <Col span={4}>
          <div style={{ color: "rgba(0,0,0,0.45)", marginBottom: 4 }}>{t("invStock.fields.state")}</div>
          <StateTag state={level.state} />
        </Col>
      </Row>

      <Typography.Title level={5}>{t("invStock.level.batches")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("invStock.level.fefo")}</Typography.Paragraph>
      <BatchChart batches={level.batches} />
      <Table<Batch>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        pagination={false}
        dataSource={level.batches}
        data-testid="batch-table"
        onRow={(b) => ({ "data-testid": `batch-row-${b.batchNo}`, "data-batch": b.batchNo }) as React.HTMLAttributes<HTMLElement>}
        rowClassName={(b) => (b.onHand + b.blocked === 0 ? "batch-empty" : "")}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("invStock.level.noBatches")} /> }}
        scroll={{ x: 900 }}
        columns={[
          { title: "#", key: "order", width: 40, render: (_, _b, i) => <Typography.Text type="secondary">{i + 1}</Typography.Text> },
          { title: t("invStock.batches.batchNo"), dataIndex: "batchNo", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
          { title: t("invStock.fields.onHand"), dataIndex: "onHand", width: 80, align: "right", render: (v: number) => <Qty value={v} type={v ? undefined : "secondary"} /> },
          {
            title: t("invStock.fields.blocked"),
            key: "blocked",
            width: 120,
            render: (_, b) =>
              b.blocked || b.blockedReason ? (
                <Flex gap={4} align="center">
                  <Qty value={b.blocked} type="warning" />
                  {b.blockedReason ? <Tag color={b.blockedReason === "expired" ? "red" : "orange"}>{reasonName(b.blockedReason)}</Tag> : null}
                </Flex>
              ) : (
                <Typography.Text type="secondary">0</Typography.Text>
              ),
          },
          { title: t("invStock.batches.expiry"), key: "expiry", width: 160, render: (_, b) => <ExpiryText date={b.expiryDate} days={b.daysToExpiry} /> },
          { title: t("invStock.batches.produced"), dataIndex: "productionDate", width: 100, render: (v: string | null) => formatDate(v) },
          {
            title: t("invStock.batches.location"),
            key: "location",
            width: 100,
            render: (_, b) => (b.location ? <Tooltip title={b.location.name}><span style={{ fontFamily: "monospace" }}>{b.location.code}</span></Tooltip> : "—"),
          },
          {
            title: t("invStock.batches.source"),
            key: "source",
            render: (_, b) => (
              <div style={{ maxWidth: 190 }}>
                {b.supplier ? (
                  <Typography.Text ellipsis={{ tooltip: b.supplier.name }} style={{ display: "block" }}>
                    {b.supplier.name}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t("invStock.batches.noSupplier")}</Typography.Text>
                )}
                {b.purchaseRef ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.purchaseRef}</Typography.Text> : null}
              </div>
            ),
          },
          {
            title: "",
            key: "actions",
            width: 90,
            fixed: "right",
            render: (_, b) =>
              handles ? (
                <Dropdown
                  trigger={["click"]}
                  menu={{
                    items: [
                      { key: "block", label: t("invStock.actions.block"), disabled: b.onHand === 0 },
                      { key: "unblock", label: t("invStock.actions.unblock"), disabled: b.blocked === 0 || b.expired || b.blockedReason === "expired" },
                      { key: "scrap", label: t("invStock.actions.scrap"), disabled: b.blocked === 0, danger: true },
                    ],
                    onClick: ({ key }) => setActing({ batch: b, action: key as BatchAction }),
                  }}
                >
                  <Button size="small" data-testid={`batch-actions-${b.batchNo}`}>
                    {t("invStock.actions.menu")} <DownOutlined />
                  </Button>
                </Dropdown>
              ) : (
                <Tooltip title={t("invStock.actions.platformRuns")}>
                  <LockOutlined style={{ color: "#bfbfbf" }} />
                </Tooltip>
              ),
          },
        ]}
      />

      <Tabs
        style={{ marginTop: 16 }}
        items={[
          {
            key: "movements",
            label: <span data-testid="level-tab-movements">{t("invStock.level.movements")}</span>,
            children: (
              <>
                <MovementMiniTable movements={level.movements} />
                <Flex justify="flex-end" style={{ marginTop: 8 }}>
                  <Link to={`${place.route}/movements?level=${level.id}`} data-testid="level-all-movements">
                    {t("invStock.level.allMovements")}
                  </Link>
                </Flex>
              </>
            ),
          },
          {
            key: "holds",
            label: <span data-testid="level-tab-holds">{t("invStock.level.holds", { count: level.holds.length })}</span>,
            children: (
              <>
                <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                  <Typography.Text type="secondary">{t("invStock.holds.intro", { available: level.available })}</Typography.Text>
                  <Button onClick={() => setHolding(true)} disabled={level.available <= 0} data-testid="hold-new">
                    {t("invStock.holds.new")}
                  </Button>
                </Flex>
                <Table<Hold>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={level.holds}
                  data-testid="hold-table"
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("invStock.holds.empty")} /> }}
                  columns={[
                    { title: t("invStock.holds.reference"), key: "ref", render: (_, h) => <span><Tag>{t(`invStock.referenceTypes.${h.referenceType}`)}</Tag>{h.referenceId}</span> },
                    { title: t("invStock.holds.quantity"), dataIndex: "quantity", width: 80, align: "right", render: (v: number) => <Qty value={v} /> },
                    { title: t("invStock.holds.expiresAt"), dataIndex: "expiresAt", width: 150, render: (v: string) => formatDateTime(v) },
                    { title: t("invStock.holds.by"), dataIndex: "createdBy", width: 180, ellipsis: true },
                    {
                      title: "",
                      key: "release",
                      width: 90,
                      render: (_, h) =>
                        h.referenceType === "manual" ? (
                          <Popconfirm title={t("invStock.holds.releaseConfirm", { count: h.quantity })} onConfirm={() => release(h)} okText={t("invStock.holds.release")} cancelText={t("invStock.common.cancel")}>
                            <Button size="small" type="link" data-testid={`hold-release-${h.referenceId}`}>
                              {t("invStock.holds.release")}
                            </Button>
                          </Popconfirm>
                        ) : (
                          <Tooltip title={t("invStock.holds.orderHold")}>
                            <Typography.Text type="secondary">—</Typography.Text>
                          </Tooltip>
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
          { key: "settings", label: <span data-testid="level-tab-settings">{t("invStock.level.settings")}</span>, children: <SettingsForm level={level} /> },
        ]}
      />
      <BatchActionModal batch={acting?.batch ?? null} action={acting?.action ?? null} available={level.available} onClose={() => setActing(null)} />
      <HoldModal level={level} open={holding} onClose={() => setHolding(false)} />
    </div>
  );
}

export function MovementMiniTable({ movements }: { movements: Movement[] }) {
  const { t } = useTranslation();
  return (
    <Table<Movement>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={movements}
      data-testid="level-movements"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("invStock.movements.empty")} /> }}
      columns={[
        { title: t("invStock.movements.time"), dataIndex: "createdAt", width: 140, render: (v: string) => formatDateTime(v) },
        { title: t("invStock.movements.type"), dataIndex: "type", width: 100, render: (v: Movement["type"]) => <MovementTag type={v} /> },
        { title: t("invStock.movements.batch"), dataIndex: "batchNo", width: 120, render: (v: string | null) => (v ? <span style={{ fontFamily: "monospace" }}>{v}</span> : "—") },
        { title: t("invStock.fields.onHand"), dataIndex: "onHandDelta", width: 70, align: "right", render: (v: number) => <Delta value={v} /> },
        { title: t("invStock.fields.reserved"), dataIndex: "reservedDelta", width: 70, align: "right", render: (v: number) => <Delta value={v} /> },
        { title: t("invStock.fields.blocked"), dataIndex: "blockedDelta", width: 70, align: "right", render: (v: number) => <Delta value={v} /> },
        { title: t("invStock.movements.after"), dataIndex: "onHandAfter", width: 70, align: "right", render: (v: number) => <Qty value={v} type="secondary" /> },
        { title: t("invStock.movements.document"), key: "doc", render: (_, m) => <span>{documentName(m.documentType)} {m.documentNo ?? ""}</span> },
      ]}
    />
  );
}

interface SettingsValues {
  lowStockUnits: number | null;
  coverDays: number | null;
  safetyStock: number;
  leadTimeDays: number;
}

function SettingsForm({ level }: { level: LevelDetail }) {
  const { t } = useTranslation();
  const place = useInventory();
  const { message } = App.useApp();
  const changed = useStockChanged();
  const [form] = Form.useForm<SettingsValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: SettingsValues) => {
    setSaving(true);
    setError(null);
    try {
      await api(`${place.api}/stock/${encodeURIComponent(level.id)}/settings`, { method: "PUT", body: { lowStockUnits: v.lowStockUnits ?? null, coverDays: v.coverDays ?? null, safetyStock: v.safetyStock ?? 0, leadTimeDays: v.leadTimeDays ?? 0 } });
      await changed();
      message.success(t("invStock.settings.saved"));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={saving}
      initialValues={{ lowStockUnits: level.lowStockUnits, coverDays: level.coverDays, safetyStock: level.safetyStock, leadTimeDays: level.leadTimeDays }}
      data-testid="level-settings"
    >
      <Typography.Paragraph type="secondary">{t("invStock.settings.intro")}</Typography.Paragraph>
      <StockErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="lowStockUnits" label={t("invStock.settings.lowStockUnits")} extra={t("invStock.settings.lowStockUnitsExtra")}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} placeholder={t("invStock.settings.none")} data-testid="settings-low" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="coverDays" label={t("invStock.settings.coverDays")} extra={t("invStock.settings.coverDaysExtra")}>
            <InputNumber min={1} max={365} precision={0} style={{ width: "100%" }} placeholder={t("invStock.settings.none")} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="safetyStock" label={t("invStock.settings.safetyStock")} extra={t("invStock.settings.safetyStockExtra")} rules={[{ required: true, message: t("invStock.settings.required") }]}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="leadTimeDays" label={t("invStock.settings.leadTimeDays")} extra={t("invStock.settings.leadTimeDaysExtra")} rules={[{ required: true, message: t("invStock.settings.required") }]}>
            <InputNumber min={0} max={3650} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
        {t("invStock.settings.save")}
      </Button>
    </Form>
  );
}
