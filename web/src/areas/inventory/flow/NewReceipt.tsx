import { useState } from "react";
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { Dayjs } from "dayjs";
import { api } from "../../../api";
import { applyFormErrors } from "../../../components/errors";
import { useInventory } from "../context";
import { FormFooter, FormHead, LineHint, receiptsKey, RemoveLine, useReceiptSuppliers, useWarehouses } from "./kit";
import type { Receipt, ReceivableProduct } from "./types";

interface Values {
  warehouseId?: string;
  supplierId?: string;
  purchaseRef?: string;
  expectedOn?: Dayjs | null;
  note?: string;
  lines: { productId?: string; skuCode?: string; expectedQty?: number }[];
}

/** Finds a product that may be received into the chosen warehouse, by title or SKU code. */
function ProductPicker({ warehouseId, value, onChange, onPicked, selected, index }: {
  warehouseId?: string; value?: string; onChange?: (v: string) => void; onPicked: (p: ReceivableProduct) => void; selected?: ReceivableProduct; index: number;
}) {
  const { t } = useTranslation();
  const place = useInventory();
  const [q, setQ] = useState("");
  const found = useQuery({
    queryKey: ["inventory", place.api, "flow", "receivable", warehouseId ?? "", q],
    queryFn: () => api<{ items: ReceivableProduct[] }>(`${place.api}/receipts/products`, { query: { warehouseId, q: q || undefined, limit: 20 } }).then((r) => r.items),
    enabled: !!warehouseId,
    placeholderData: (prev) => prev,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      disabled={!warehouseId}
      loading={found.isFetching}
      placeholder={warehouseId ? t("invFlow.newReceipt.productPlaceholder") : t("invFlow.newReceipt.warehouseFirst")}
      notFoundContent={found.isFetching ? t("common.loading") : t("invFlow.newReceipt.noProducts")}
      onChange={(id: string) => {
        const p = found.data?.find((x) => x.id === id);
        if (p) onPicked(p);
        onChange?.(id);
      }}
      options={[...(selected && !found.data?.some((x) => x.id === selected.id) ? [selected] : []), ...(found.data ?? [])].map((p) => ({
        value: p.id, label: place.platform ? `${p.title} · ${p.merchantName}` : p.title,
      }))}
      data-testid={`receipt-line-product-${index}`}
    />
  );
}

/** I3: announce goods from a supplier: where they arrive, what and how many are ordered. */
export function NewReceipt() {
  const { t } = useTranslation();
  const place = useInventory();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<Record<string, ReceivableProduct>>({});
  const [error, setError] = useState<unknown>(null);
  const warehouses = useWarehouses();
  const warehouseId = Form.useWatch("warehouseId", form);
  const lines = Form.useWatch("lines", form) ?? [];
  const owners = [...new Set(lines.map((l) => (l?.productId ? picked[l.productId]?.merchantId : undefined)).filter((x): x is string => !!x))];
  const ownerId = owners[0];
  const suppliers = useReceiptSuppliers(ownerId, !place.platform || !!ownerId);

  const save = useMutation({
    mutationFn: (v: Values) =>
      api<Receipt>(`${place.api}/receipts`, {
        method: "POST",
        body: {
          warehouseId: v.warehouseId, supplierId: v.supplierId, purchaseRef: v.purchaseRef, expectedOn: v.expectedOn ? v.expectedOn.format("YYYY-MM-DD") : null, note: v.note || null,
          lines: v.lines.map((l) => ({ productId: l.productId, skuCode: l.skuCode, expectedQty: l.expectedQty })),
        },
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: receiptsKey(place.api) });
      message.success(t("invFlow.newReceipt.created", { number: r.number }));
      navigate(`${place.route}/receipts/${r.id}`);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e, ["warehouseId", "supplierId", "purchaseRef", "expectedOn"])) setError(e);
    },
  });

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    save.mutate(v);
  };

  return (
    <div data-testid="receipt-new-page">
      <FormHead list="receipts" title={t("invFlow.newReceipt.title")} intro={place.platform ? t("invFlow.newReceipt.introPlatform") : t("invFlow.newReceipt.intro")} />
      <Form form={form} layout="vertical" initialValues={{ lines: [{}] }} data-testid="receipt-form" requiredMark={false}>
        <Card title={t("invFlow.newReceipt.where")} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="warehouseId" label={t("invFlow.fields.warehouse")} rules={[{ required: true, message: t("invFlow.newReceipt.warehouseRequired") }]}>
                <Select
                  loading={warehouses.isPending}
                  placeholder={t("invFlow.newReceipt.warehousePlaceholder")}
                  notFoundContent={warehouses.isPending ? t("common.loading") : t("invFlow.noWarehouses")}
                  options={(warehouses.data ?? []).filter((w) => w.active).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
                  onChange={() => {
                    form.setFieldsValue({ lines: [{}], supplierId: undefined });
                    setPicked({});
                  }}
                  data-testid="receipt-warehouse"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="expectedOn" label={t("invFlow.fields.expectedOn")} extra={t("invFlow.newReceipt.expectedOnHint")}>
                <DatePicker style={{ width: "100%" }} format="YYYY-MM-DD" data-testid="receipt-expected-on" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t("invFlow.newReceipt.what")} style={{ marginBottom: 16 }}>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => {
                  const productId = lines[i]?.productId;
                  const p = productId ? picked[productId] : undefined;
                  return (
                    <Row key={field.key} gutter={12} align="top" data-testid={`receipt-line-${i}`}>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, "productId"]} label={i === 0 ? t("invFlow.fields.product") : undefined} rules={[{ required: true, message: t("invFlow.newReceipt.productRequired") }]}>
                          <ProductPicker
                            warehouseId={warehouseId}
                            selected={p}
                            index={i}
                            onPicked={(prod) => {
                              setPicked((m) => ({ ...m, [prod.id]: prod }));
                              form.setFieldValue(["lines", field.name, "skuCode"], prod.skus.length === 1 ? prod.skus[0] : undefined);
                            }}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item name={[field.name, "skuCode"]} label={i === 0 ? t("invFlow.fields.sku") : undefined} rules={[{ required: true, message: t("invFlow.newReceipt.skuRequired") }]}>
                          <Select disabled={!p} options={(p?.skus ?? []).map((s) => ({ value: s, label: s }))} data-testid={`receipt-line-sku-${i}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={9} md={5}>
                        <Form.Item name={[field.name, "expectedQty"]} label={i === 0 ? t("invFlow.fields.expectedQty") : undefined} rules={[{ required: true, message: t("invFlow.newReceipt.qtyRequired") }]}>
                          <InputNumber min={1} max={1_000_000} precision={0} style={{ width: "100%" }} data-testid={`receipt-line-qty-${i}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={3} md={2}>
                        <RemoveLine first={i === 0} only={fields.length === 1} onRemove={() => remove(field.name)} />
                      </Col>
                      {p && (p.requiresProductionDate || p.requiresShelfLife) ? <LineHint type="secondary">{t("invFlow.newReceipt.datesNeeded")}</LineHint> : null}
                    </Row>
                  );
                })}
                <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={!warehouseId || fields.length >= 100} data-testid="receipt-line-add">
                  {t("invFlow.newReceipt.addLine")}
                </Button>
                {owners.length > 1 ? (
                  <Typography.Paragraph type="danger" style={{ marginTop: 12, marginBottom: 0 }} data-testid="receipt-mixed-owners">
                    {t("invFlow.errors.RECEIPT_MIXED_OWNERS")}
                  </Typography.Paragraph>
                ) : null}
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t("invFlow.newReceipt.from")} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="supplierId"
                label={t("invFlow.fields.supplier")}
                rules={[{ required: true, message: t("invFlow.newReceipt.supplierRequired") }]}
                extra={place.platform ? t("invFlow.newReceipt.supplierHintPlatform") : undefined}
              >
                <Select
                  showSearch={{ optionFilterProp: "label" }}
                  disabled={place.platform && !ownerId}
                  loading={suppliers.isFetching}
                  placeholder={place.platform && !ownerId ? t("invFlow.newReceipt.productFirst") : t("invFlow.newReceipt.supplierPlaceholder")}
                  notFoundContent={t("invFlow.newReceipt.noSuppliers")}
                  options={(suppliers.data ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.platform && place.platform ? `${s.name}${t("invFlow.newReceipt.platformSupplier")}` : s.name }))}
                  data-testid="receipt-supplier"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="purchaseRef" label={t("invFlow.fields.purchaseRef")} rules={[{ required: true, whitespace: true, message: t("invFlow.newReceipt.purchaseRefRequired") }, { max: 60 }]}>
                <Input placeholder="PO-2026-0001" data-testid="receipt-purchase-ref" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="note" label={t("invFlow.fields.note")} rules={[{ max: 1000 }]}>
                <Input.TextArea rows={2} placeholder={t("invFlow.newReceipt.notePlaceholder")} data-testid="receipt-note" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <FormFooter list="receipts" error={error} onSubmit={submit} pending={save.isPending} disabled={owners.length > 1} testId="receipt-save" label={t("invFlow.newReceipt.submit")} />
      </Form>
    </div>
  );
}
