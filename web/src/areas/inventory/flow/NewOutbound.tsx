import { useMemo, useState } from "react";
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Radio, Row, Select, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { api } from "../../../api";
import { formatDate, formatDateTime } from "../../../components/format";
import { useInventory } from "../context";
import { FormFooter, FormHead, LineHint, outboundKey, RemoveLine, useOutboundStock, useShippableReservations, useWarehouses } from "./kit";
import { OUTBOUND_KINDS } from "./types";
import type { Outbound, OutboundKind, ShippableReservation, StockBatch, StockItem } from "./types";

interface Values {
  kind: OutboundKind;
  orderRef?: string;
  warehouseId?: string;
  targetWarehouseId?: string;
  supplierId?: string;
  note?: string;
  lines: { levelId?: string; batchId?: string; quantity?: number }[];
}

/** I4: a document first, then goods: an order's reservation, a transfer or a return to the supplier. */
export function NewOutbound() {
  const { t } = useTranslation();
  const place = useInventory();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [reservationId, setReservationId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const kind = Form.useWatch("kind", form) ?? "order";
  const warehouseId = Form.useWatch("warehouseId", form);
  const supplierId = Form.useWatch("supplierId", form);
  const lines = Form.useWatch("lines", form) ?? [];
  const warehouses = useWarehouses();
  const reservations = useShippableReservations(kind === "order");
  const stock = useOutboundStock(kind === "order" ? undefined : warehouseId);
  const items = stock.data?.items ?? [];

  // The suppliers whose goods are in this warehouse: returns go back to where goods came from.
  const suppliers = useMemo(() => {
    const seen = new Map<string, string>();
    for (const i of items) for (const b of i.batches) if (b.supplierId) seen.set(b.supplierId, b.supplierName ?? "");
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [items]);
  const returnable = useMemo(
    () => items.flatMap((i) => i.batches.filter((b) => b.supplierId === supplierId).map((b) => ({ item: i, batch: b }))),
    [items, supplierId],
  );
  const levelOf = (id?: string): StockItem | undefined => items.find((i) => i.levelId === id);
  const batchOf = (id?: string): { item: StockItem; batch: StockBatch } | undefined => returnable.find((x) => x.batch.id === id);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body =
        v.kind === "order"
          ? { kind: "order", reservationId, orderRef: v.orderRef?.trim() || null, note: v.note || null }
          : v.kind === "transfer"
            ? {
                kind: "transfer", warehouseId: v.warehouseId, targetWarehouseId: v.targetWarehouseId, note: v.note || null,
                lines: v.lines.map((l) => ({ productId: levelOf(l.levelId)!.productId, skuCode: levelOf(l.levelId)!.skuCode, quantity: l.quantity })),
              }
            : { kind: "supplier_return", warehouseId: v.warehouseId, supplierId: v.supplierId, note: v.note || null, lines: v.lines.map((l) => ({ batchId: l.batchId, quantity: l.quantity })) };
      return api<Outbound>(`${place.api}/outbound`, { method: "POST", body });
    },
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: outboundKey(place.api) });
      message.success(t("invFlow.newOutbound.created", { number: d.number }));
      navigate(`${place.route}/outbound/${d.id}`);
    },
    onError: (e) => setError(e),
  });

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    if (v.kind === "order" && !reservationId) {
      setError(new Error(t("invFlow.newOutbound.reservationRequired")));
      return;
    }
    save.mutate(v);
  };

  const warehouseOptions = (warehouses.data ?? []).filter((w) => w.active).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }));

  return (
    <div data-testid="outbound-new-page">
      <FormHead list="outbound" title={t("invFlow.newOutbound.title")} intro={t("invFlow.newOutbound.intro")} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: "order", lines: [{}] }}
        onValuesChange={(changed: Partial<Values>) => {
          if ("kind" in changed || "warehouseId" in changed || "supplierId" in changed) form.setFieldValue("lines", [{}]);
          if ("kind" in changed) setError(null);
        }}
        data-testid="outbound-form"
      >
        <Card style={{ marginBottom: 16 }}>
          <Form.Item name="kind" label={t("invFlow.fields.kind")} style={{ marginBottom: 8 }}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="outbound-kind">
              {OUTBOUND_KINDS.map((k) => (
                <Radio.Button key={k} value={k}>
                  <span data-testid={`outbound-kind-${k}`}>{t(`invFlow.kind.${k}`)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Typography.Text type="secondary">{t(`invFlow.newOutbound.kindHint.${kind}`)}</Typography.Text>
        </Card>

        {kind === "order" ? (
          <Card title={t("invFlow.newOutbound.reservations")} style={{ marginBottom: 16 }}>
            <Table<ShippableReservation>
              rowKey="id"
              loading={reservations.isPending}
              dataSource={reservations.data ?? []}
              pagination={false}
              size="middle"
              rowSelection={{ type: "radio", selectedRowKeys: reservationId ? [reservationId] : [], onChange: (keys) => setReservationId(String(keys[0] ?? "")) }}
              onRow={(r) => ({ onClick: () => setReservationId(r.id), "data-testid": `reservation-row-${r.referenceId}`, style: { cursor: "pointer" } }) as React.HTMLAttributes<HTMLElement>}
              locale={{ emptyText: reservations.isPending ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("invFlow.newOutbound.noReservations")} /> }}
              columns={[
                {
                  title: t("invFlow.newOutbound.reference"),
                  key: "ref",
                  render: (_, r) => (
                    <div>
                      <Tag>{t(`invFlow.referenceType.${r.referenceType}`, { defaultValue: r.referenceType })}</Tag>
                      <span style={{ fontFamily: "monospace" }}>{r.referenceId}</span>
                    </div>
                  ),
                },
                { title: t("invFlow.fields.warehouse"), key: "w", width: 120, render: (_, r) => r.warehouseCodes.join(", ") },
                { title: t("invFlow.newOutbound.goods"), key: "lines", render: (_, r) => r.lines.map((l) => `${l.skuCode} × ${l.quantity}`).join("，") },
                { title: t("invFlow.newOutbound.heldUntil"), dataIndex: "expiresAt", width: 160, render: (v: string) => formatDateTime(v) },
              ]}
            />
            <Form.Item name="orderRef" label={t("invFlow.fields.orderRef")} extra={t("invFlow.newOutbound.orderRefHint")} style={{ marginTop: 16, marginBottom: 0 }} rules={[{ max: 60 }]}>
              <Input style={{ maxWidth: 320 }} data-testid="outbound-order-ref" />
            </Form.Item>
          </Card>
        ) : (
          <Card title={t("invFlow.newOutbound.where")} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="warehouseId" label={t("invFlow.newOutbound.source")} rules={[{ required: true, message: t("invFlow.newOutbound.sourceRequired") }]}>
                  <Select options={warehouseOptions} loading={warehouses.isPending} placeholder={t("invFlow.newReceipt.warehousePlaceholder")} data-testid="outbound-warehouse" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                {kind === "transfer" ? (
                  <Form.Item name="targetWarehouseId" label={t("invFlow.newOutbound.target")} rules={[{ required: true, message: t("invFlow.newOutbound.targetRequired") }]}>
                    <Select options={warehouseOptions.filter((o) => o.value !== warehouseId)} placeholder={t("invFlow.newReceipt.warehousePlaceholder")} data-testid="outbound-target" />
                  </Form.Item>
                ) : (
                  <Form.Item name="supplierId" label={t("invFlow.fields.supplier")} rules={[{ required: true, message: t("invFlow.newReceipt.supplierRequired") }]} extra={t("invFlow.newOutbound.supplierHint")}>
                    <Select
                      disabled={!warehouseId}
                      loading={stock.isFetching}
                      options={suppliers.map((s) => ({ value: s.id, label: s.name }))}
                      notFoundContent={t("invFlow.newOutbound.noSuppliers")}
                      data-testid="outbound-supplier"
                    />
                  </Form.Item>
                )}
              </Col>
            </Row>
          </Card>
        )}

        {kind !== "order" ? (
          <Card title={t("invFlow.newOutbound.what")} style={{ marginBottom: 16 }}>
            <Form.List name="lines">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => {
                    const level = levelOf(lines[i]?.levelId);
                    const chosen = batchOf(lines[i]?.batchId);
                    const max = kind === "transfer" ? level?.available : chosen ? chosen.batch.onHand + chosen.batch.blocked : undefined;
                    return (
                      <Row key={field.key} gutter={12} data-testid={`outbound-line-${i}`}>
                        <Col xs={24} md={16}>
                          {kind === "transfer" ? (
                            <Form.Item name={[field.name, "levelId"]} label={i === 0 ? t("invFlow.fields.product") : undefined} rules={[{ required: true, message: t("invFlow.newReceipt.productRequired") }]}>
                              <Select
                                showSearch={{ optionFilterProp: "label" }}
                                disabled={!warehouseId}
                                loading={stock.isFetching}
                                notFoundContent={t("invFlow.newOutbound.noStock")}
                                options={items.filter((x) => x.available > 0).map((x) => ({ value: x.levelId, label: t("invFlow.newOutbound.levelOption", { title: x.productTitle, sku: x.skuCode, available: x.available }) }))}
                                data-testid={`outbound-line-level-${i}`}
                              />
                            </Form.Item>
                          ) : (
                            <Form.Item name={[field.name, "batchId"]} label={i === 0 ? t("invFlow.fields.batchNo") : undefined} rules={[{ required: true, message: t("invFlow.newOutbound.batchRequired") }]}>
                              <Select
                                showSearch={{ optionFilterProp: "label" }}
                                disabled={!supplierId}
                                notFoundContent={t("invFlow.newOutbound.noBatches")}
                                options={returnable.map(({ item, batch }) => ({
                                  value: batch.id,
                                  label: t("invFlow.newOutbound.batchOption", { sku: item.skuCode, batch: batch.batchNo, expiry: formatDate(batch.expiryDate), onHand: batch.onHand, blocked: batch.blocked }),
                                }))}
                                data-testid={`outbound-line-batch-${i}`}
                              />
                            </Form.Item>
                          )}
                        </Col>
                        <Col xs={18} md={6}>
                          <Form.Item
                            name={[field.name, "quantity"]}
                            label={i === 0 ? t("invFlow.outbound.quantity") : undefined}
                            rules={[{ required: true, message: t("invFlow.newReceipt.qtyRequired") }]}
                            extra={max !== undefined ? t("invFlow.newOutbound.atMost", { count: max }) : undefined}
                          >
                            <InputNumber min={1} max={max ?? 1_000_000} precision={0} style={{ width: "100%" }} data-testid={`outbound-line-qty-${i}`} />
                          </Form.Item>
                        </Col>
                        <Col xs={6} md={2}>
                          <RemoveLine first={i === 0} only={fields.length === 1} onRemove={() => remove(field.name)} />
                        </Col>
                        {chosen?.batch.expired || chosen?.batch.blocked ? <LineHint type="warning">{t("invFlow.newOutbound.blockedFirst")}</LineHint> : null}
                      </Row>
                    );
                  })}
                  <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={!warehouseId} data-testid="outbound-line-add">
                    {t("invFlow.newReceipt.addLine")}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
        ) : null}

        <Card style={{ marginBottom: 16 }}>
          <Form.Item name="note" label={t("invFlow.fields.note")} rules={[{ max: 1000 }]} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={2} data-testid="outbound-note" />
          </Form.Item>
        </Card>
        <FormFooter list="outbound" error={error ?? stock.error ?? reservations.error} onSubmit={submit} pending={save.isPending} testId="outbound-save" label={t("invFlow.newOutbound.submit")} />
      </Form>
    </div>
  );
}
