import { useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import type { ButtonProps } from "antd";
import { DeleteOutlined, PlusOutlined, SendOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useSession } from "../../auth/session";
import { formatFen } from "../../components/format";
import { carrierName, errorField, fulfilErrorText } from "../../components/orders/fulfil";
import type { Shipment } from "../../components/orders/types";
import { useTrade } from "../trade/context";
import { tradeErrorText, tradeKey } from "../trade/kit";
import type { Carrier, CarrierSuggestions, OrderDetail } from "../trade/types";

/** Who may ship here: the shop's people with order.fulfil.own, platform staff with logistics.manage. */
export function useCanShip() {
  const { can } = useSession();
  const place = useTrade();
  return place.scope === "merchant" ? can("order.fulfil.own") : can("logistics.manage");
}

/** What is left to ship of each order line, after the shipments so far. */
export function leftToShip(order: OrderDetail) {
  const shipped = new Map<string, number>();
  for (const s of order.shipments ?? []) {
    // A reship sends goods again for a case; it does not count against the order.
    if (s.reshipOfCaseId) continue;
    for (const l of s.lines) shipped.set(l.orderLineId, (shipped.get(l.orderLineId) ?? 0) + l.quantity);
  }
  return order.lines.map((l) => ({ line: l, left: Math.max(0, l.quantity - (shipped.get(l.id) ?? 0)) }));
}

export function useCarriers() {
  const place = useTrade();
  return useQuery({
    queryKey: [...tradeKey, "carriers", place.scope],
    queryFn: ({ signal }) => api<{ items: Carrier[] }>(place.scope === "merchant" ? "/merchant/carriers" : "/admin/carriers", { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

interface Values {
  carrierId?: string;
  trackingNo: string;
  parcels: { weightKg?: number | null }[];
  note?: string;
}

/** L2: 发货 — carrier, waybill number, parcels and, for a partial shipment, what goes now. */
export function ShipButton({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const place = useTrade();
  const canShip = useCanShip();
  const [open, setOpen] = useState(false);
  if (!canShip || (order.status !== "paid" && order.status !== "partly_shipped")) return null;
  return (
    <>
      <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen(true)} data-testid="order-ship">
        {t("fulfil.ship.button")}
      </Button>
      {open ? <ShipModal order={order} scope={place.scope} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ShipModal({ order, scope, onClose }: { order: OrderDetail; scope: "merchant" | "admin"; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const carriers = useCarriers();
  const suggestions = useQuery({
    queryKey: [...tradeKey, "carrier-suggestions", order.id],
    queryFn: ({ signal }) => api<CarrierSuggestions>(`/merchant/orders/${order.id}/carrier-suggestions`, { signal }),
    enabled: scope === "merchant",
    retry: false,
  });
  const left = useMemo(() => leftToShip(order), [order]);
  const [quantities, setQuantities] = useState<Record<string, number | null>>(() => Object.fromEntries(left.map((l) => [l.line.id, l.left])));
  const [linesError, setLinesError] = useState<string | null>(null);
  const carrierId = Form.useWatch("carrierId", form);
  const carrier = carriers.data?.find((c) => c.id === carrierId);
  const suggested = new Map((suggestions.data?.items ?? []).map((s) => [s.carrierId, s]));
  const rank = new Map((suggestions.data?.items ?? []).map((s, i) => [s.carrierId, i]));
  const chosen = carrierId ? suggested.get(carrierId) : undefined;

  // The recommended carrier is chosen to begin with, once the suggestions are there.
  useEffect(() => {
    const best = suggestions.data?.items.find((s) => s.recommended && s.covers);
    if (best && !form.getFieldValue("carrierId")) form.setFieldsValue({ carrierId: best.carrierId });
  }, [suggestions.data, form]);

  const ship = useMutation({
    mutationFn: (body: unknown) => api<{ shipment: { trackingNo: string } }>(`/${scope}/orders/${order.id}/shipments`, { method: "POST", body }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: tradeKey });
      message.success(t("fulfil.ship.done", { carrier: carrier ? carrierName(carrier) : "", trackingNo: r.shipment.trackingNo }));
      onClose();
    },
    onError: (e) => {
      // The server names the field it refuses: the message goes on that field.
      const field = errorField(e);
      const text = fulfilErrorText(e, tradeErrorText);
      if (field === "trackingNo" || field === "carrierId" || field === "note") form.setFields([{ name: field, errors: [text] }]);
      else if (field?.startsWith("parcels")) form.setFields([{ name: ["parcels", Number(field.split(".")[1] ?? (e as { details?: { index?: number } }).details?.index ?? 0), "weightKg"], errors: [text] }]);
      else if (field === "lines") setLinesError(text);
    },
  });
  const field = ship.error ? errorField(ship.error) : null;
  const shownOnField = !!field && (["trackingNo", "carrierId", "note", "lines"].includes(field) || field.startsWith("parcels"));

  const submit = async () => {
    setLinesError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const rows = v.parcels ?? [];
    const filled = rows.filter((p) => p.weightKg !== null && p.weightKg !== undefined);
    // One empty row means "one parcel of the goods' weight"; several rows each need a weight.
    if (filled.length && filled.length < rows.length) {
      form.setFields(rows.flatMap((p, i) => (p.weightKg === null || p.weightKg === undefined ? [{ name: ["parcels", i, "weightKg"], errors: [t("fulfil.ship.weightInvalid")] }] : [])));
      return;
    }
    const wanted = left.filter((l) => l.left > 0).map((l) => ({ orderLineId: l.line.id, quantity: quantities[l.line.id] ?? 0 }));
    if (!wanted.some((w) => w.quantity > 0)) {
      setLinesError(t("fulfil.ship.nothingChosen"));
      return;
    }
    const everything = left.every((l) => (quantities[l.line.id] ?? 0) === l.left);
    ship.mutate({
      carrierId: v.carrierId,
      trackingNo: v.trackingNo.trim(),
      ...(filled.length ? { parcels: filled.map((p) => ({ weightGrams: Math.round(Number(p.weightKg) * 1000) })) } : {}),
      ...(everything ? {} : { lines: wanted.filter((w) => w.quantity > 0) }),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    });
  };

  const partial = left.some((l) => l.left > 0 && (quantities[l.line.id] ?? 0) < l.left);
  const ranked = [...(carriers.data ?? [])]
    .filter((c) => c.active)
    .sort((a, b) => (rank.get(a.id) ?? 999) - (rank.get(b.id) ?? 999));

  return (
    <Modal
      open
      width={760}
      title={t("fulfil.ship.title", { no: order.no })}
      okText={t("fulfil.ship.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "ship-submit", disabled: !carriers.data?.length } as ButtonProps}
      confirmLoading={ship.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="ship-modal"
    >
      <Typography.Paragraph type="secondary">{t("fulfil.ship.intro", { region: order.address.regionName })}</Typography.Paragraph>
      {carriers.isError ? <Alert type="error" showIcon title={t("fulfil.ship.loadFailed")} description={tradeErrorText(carriers.error)} style={{ marginBottom: 12 }} /> : null}
      {carriers.data && !carriers.data.length ? <Alert type="warning" showIcon title={t("fulfil.ship.noCarriers")} style={{ marginBottom: 12 }} /> : null}
      {suggestions.isError ? <Alert type="info" showIcon title={t("fulfil.ship.suggestionsFailed")} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ parcels: [{}], trackingNo: "" }} data-testid="ship-form">
        <Form.Item
          name="carrierId"
          label={suggestions.data ? `${t("fulfil.ship.carrier")} · ${t("fulfil.ship.suggestions", { province: suggestions.data.provinceName })}` : t("fulfil.ship.carrier")}
          rules={[{ required: true, message: t("fulfil.ship.carrierRequired") }]}
          extra={
            chosen ? (
              <span data-testid="ship-carrier-terms">
                {[chosen.hours ? t("fulfil.ship.hours", { hours: chosen.hours }) : null, chosen.priceFen !== null ? t("fulfil.ship.price", { price: formatFen(chosen.priceFen) }) : null].filter(Boolean).join(" · ")}
              </span>
            ) : null
          }
        >
          <Select
            loading={carriers.isPending}
            placeholder={t("fulfil.ship.carrierPlaceholder")}
            showSearch={{ optionFilterProp: "search" }}
            onChange={() => form.setFields([{ name: "trackingNo", errors: [] }])}
            // The chosen carrier shows by its name; what it promises is under the field.
            labelRender={({ value }) => {
              const c = carriers.data?.find((x) => x.id === value);
              if (!c) return null;
              return (
                <Space size={6}>
                  <span>{carrierName(c)}</span>
                  {suggested.get(c.id)?.recommended ? (
                    <Tag color="green" style={{ marginInlineEnd: 0 }} data-testid="ship-carrier-recommended">
                      {t("fulfil.ship.recommended")}
                    </Tag>
                  ) : null}
                </Space>
              );
            }}
            data-testid="ship-carrier"
            options={ranked.map((c) => {
              const s = suggested.get(c.id);
              return {
                value: c.id,
                search: `${c.name} ${c.nameEn} ${c.code}`,
                disabled: s?.covers === false,
                label: (
                  <Flex justify="space-between" gap={12} data-testid={`ship-carrier-${c.code}`}>
                    <Space size={6}>
                      <span>{carrierName(c)}</span>
                      {s?.recommended ? (
                        <Tag color="green" style={{ marginInlineEnd: 0 }} data-testid="ship-carrier-recommended">
                          {t("fulfil.ship.recommended")}
                        </Tag>
                      ) : null}
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s?.covers === false
                        ? t("fulfil.ship.notCovering")
                        : [
                            s?.hours ? t("fulfil.ship.hours", { hours: s.hours }) : null,
                            s && s.priceFen !== null ? t("fulfil.ship.price", { price: formatFen(s.priceFen) }) : null,
                            (s ? s.covers === null : !c.agreement) ? t("fulfil.ship.noAgreement") : null,
                            c.tracking === "manual" ? t("fulfil.ship.manualTracking") : null,
                          ]
                            .filter(Boolean)
                            .join(" · ")}
                    </Typography.Text>
                  </Flex>
                ),
              };
            })}
          />
        </Form.Item>
        <Form.Item
          name="trackingNo"
          label={t("fulfil.ship.trackingNo")}
          rules={[{ required: true, whitespace: true, message: t("fulfil.ship.trackingRequired") }]}
          extra={carrier ? t("fulfil.ship.trackingHelp", { example: carrier.trackingExample }) : undefined}
        >
          <Input placeholder={carrier?.trackingExample} style={{ fontFamily: "monospace", maxWidth: 320 }} autoComplete="off" data-testid="ship-tracking-no" />
        </Form.Item>
        <Form.Item label={t("fulfil.ship.lines")} validateStatus={linesError ? "error" : undefined} help={linesError ?? (partial ? t("fulfil.ship.partial") : undefined)}>
          <Table
            size="small"
            rowKey={(r) => r.line.id}
            pagination={false}
            dataSource={left}
            data-testid="ship-lines"
            onRow={(r) => ({ "data-testid": `ship-line-${r.line.skuCode}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t("fulfil.packing.goods"),
                key: "goods",
                render: (_, r) => (
                  <div>
                    <div>{r.line.title}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: "monospace" }}>
                      {r.line.skuCode}
                    </Typography.Text>
                  </div>
                ),
              },
              { title: t("fulfil.packing.ordered"), key: "ordered", width: 80, align: "right", render: (_, r) => r.line.quantity },
              {
                title: t("fulfil.packing.left"),
                key: "qty",
                width: 160,
                render: (_, r) =>
                  r.left ? (
                    <Space size={6}>
                      <InputNumber
                        min={0}
                        max={r.left}
                        precision={0}
                        value={quantities[r.line.id]}
                        onChange={(v) => {
                          setLinesError(null);
                          setQuantities({ ...quantities, [r.line.id]: v });
                        }}
                        style={{ width: 80 }}
                        data-testid="ship-line-quantity"
                      />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        / {r.left}
                      </Typography.Text>
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t("fulfil.ship.allShipped")}</Typography.Text>
                  ),
              },
            ]}
          />
        </Form.Item>
        <Form.Item label={t("fulfil.ship.parcels")} extra={t("fulfil.ship.parcelsHelp")} style={{ marginBottom: 8 }}>
          <Form.List name="parcels">
            {(rows, { add, remove }) => (
              <div data-testid="ship-parcels">
                {rows.map((row, i) => (
                  <Space key={row.key} align="baseline" style={{ display: "flex", marginBottom: 4 }} data-testid="ship-parcel">
                    <Typography.Text style={{ width: 64, display: "inline-block" }}>{t("fulfil.ship.parcel", { seq: i + 1 })}</Typography.Text>
                    <Form.Item
                      name={[row.name, "weightKg"]}
                      style={{ marginBottom: 0 }}
                      rules={[
                        {
                          validator: (_, v: number | null | undefined) =>
                            v === null || v === undefined || (v >= 0.001 && v <= 100) ? Promise.resolve() : Promise.reject(new Error(t("fulfil.ship.weightInvalid"))),
                        },
                      ]}
                    >
                      <InputNumber min={0} max={100} step={0.1} precision={3} placeholder={t("fulfil.ship.weight")} suffix="kg" style={{ width: 160 }} data-testid="ship-parcel-weight" />
                    </Form.Item>
                    {rows.length > 1 ? (
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} data-testid="ship-parcel-remove">
                        {t("fulfil.ship.removeParcel")}
                      </Button>
                    ) : null}
                  </Space>
                ))}
                {rows.length < 20 ? (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} size="small" data-testid="ship-parcel-add">
                    {t("fulfil.ship.addParcel")}
                  </Button>
                ) : null}
              </div>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="note" label={t("fulfil.ship.note")}>
          <Input.TextArea rows={2} maxLength={500} data-testid="ship-note" />
        </Form.Item>
      </Form>
      {ship.error && !shownOnField ? <Alert type="error" showIcon title={fulfilErrorText(ship.error, tradeErrorText)} data-testid="ship-error" /> : null}
    </Modal>
  );
}

/** The shipments of an order that a manual carrier leaves to be tracked by hand. */
export const trackedByHand = (s: Shipment) => s.carrier.tracking === "manual" && s.status === "in_transit";
