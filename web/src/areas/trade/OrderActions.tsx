import { useState } from "react";
import { App, Button, Form, Input, Modal, Space, Typography } from "antd";
import type { ButtonProps } from "antd";
import { RollbackOutlined, StopOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useSession } from "../../auth/session";
import { formatFen } from "../../components/format";
import { TradeErrorAlert, tradeKey, yuanToFen } from "./kit";
import type { OrderDetail, Refund } from "./types";

/** A key for one refund request: a retried submit of the same form is the same refund. */
function newRequestKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `refund-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Staff actions on an order: a refund of part or all of it (F6), or cancelling it for the buyer. */
export function OrderActions({ order }: { order: OrderDetail }) {
  const { can } = useSession();
  if (!can("order.manage.any")) return null;
  return (
    <Space wrap>
      <RefundButton order={order} />
      <CancelButton order={order} />
    </Space>
  );
}

function RefundButton({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ amount: string; reason: string }>();
  const [requestKey, setRequestKey] = useState<string | null>(null);
  const refundable = order.totalFen - order.refundedFen;
  const refund = useMutation({
    mutationFn: (body: { amountFen: number; reason: string; requestKey: string }) => api<Refund>(`/admin/orders/${order.id}/refunds`, { method: "POST", body }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: tradeKey });
      message.success(t(r.status === "succeeded" ? "tradeOps.refund.done" : "tradeOps.refund.requested", { no: r.no, amount: formatFen(r.amountFen) }));
      setRequestKey(null);
    },
  });
  const open = () => {
    refund.reset();
    setRequestKey(newRequestKey());
  };
  // The form shows what is wrong with its fields itself; nothing is sent then.
  const submit = () =>
    form.validateFields().then(
      (v) => refund.mutate({ amountFen: yuanToFen(v.amount)!, reason: v.reason.trim(), requestKey: requestKey! }),
      () => undefined,
    );
  if (!order.paidAt || refundable <= 0) return null;
  return (
    <>
      <Button icon={<RollbackOutlined />} onClick={open} data-testid="order-refund">
        {t("tradeOps.refund.button")}
      </Button>
      <Modal
        open={requestKey !== null}
        title={t("tradeOps.refund.title", { no: order.no })}
        okText={t("tradeOps.refund.confirm")}
        cancelText={t("common.close")}
        okButtonProps={{ "data-testid": "refund-confirm" } as ButtonProps}
        confirmLoading={refund.isPending}
        onOk={() => void submit()}
        onCancel={() => setRequestKey(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("tradeOps.refund.intro", { refundable: formatFen(refundable) })}</Typography.Paragraph>
        <Form form={form} layout="vertical" requiredMark={false} preserve={false} data-testid="refund-form">
          <Form.Item
            name="amount"
            label={t("tradeOps.refund.amount")}
            extra={
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => form.setFieldsValue({ amount: (refundable / 100).toFixed(2) })} data-testid="refund-all">
                {t("tradeOps.refund.all", { amount: formatFen(refundable) })}
              </Button>
            }
            rules={[
              {
                validator: (_, v: string | undefined) => {
                  const fen = yuanToFen(v ?? "");
                  if (fen === null) return Promise.reject(new Error(t("tradeOps.refund.amountInvalid")));
                  if (fen < 1) return Promise.reject(new Error(t("tradeOps.refund.amountMin")));
                  if (fen > refundable) return Promise.reject(new Error(t("tradeOps.refund.amountMax", { amount: formatFen(refundable) })));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input prefix="¥" inputMode="decimal" placeholder="0.00" style={{ width: 200 }} data-testid="refund-amount-input" autoComplete="off" />
          </Form.Item>
          <Form.Item name="reason" label={t("tradeOps.refund.reason")} rules={[{ required: true, whitespace: true, min: 2, message: t("tradeOps.common.reasonRequired") }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="refund-reason" />
          </Form.Item>
        </Form>
        <TradeErrorAlert error={refund.error} />
      </Modal>
    </>
  );
}

function CancelButton({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const cancel = useMutation({
    mutationFn: () => api<{ no: string; status: string }>(`/admin/orders/${order.id}/cancel`, { method: "POST", body: { reason: reason.trim() } }),
    onSuccess: (o) => {
      void qc.invalidateQueries({ queryKey: tradeKey });
      message.success(t(o.status === "closed" ? "tradeOps.cancel.closed" : "tradeOps.cancel.done", { no: o.no }));
      setOpen(false);
    },
  });
  if (order.status !== "pending_payment" && order.status !== "paid") return null;
  const paid = order.status === "paid";
  return (
    <>
      <Button
        danger
        icon={<StopOutlined />}
        onClick={() => {
          setReason("");
          cancel.reset();
          setOpen(true);
        }}
        data-testid="order-cancel"
      >
        {t("tradeOps.cancel.button")}
      </Button>
      <Modal
        open={open}
        title={t("tradeOps.cancel.title", { no: order.no })}
        okText={t(paid ? "tradeOps.cancel.confirmPaid" : "tradeOps.cancel.confirm")}
        cancelText={t("common.close")}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, "data-testid": "cancel-confirm" } as ButtonProps}
        confirmLoading={cancel.isPending}
        onOk={() => cancel.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">{t(paid ? "tradeOps.cancel.introPaid" : "tradeOps.cancel.intro", { amount: formatFen(order.totalFen - order.refundedFen) })}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("tradeOps.cancel.reason")} data-testid="cancel-reason" />
        <TradeErrorAlert error={cancel.error} style={{ marginTop: 12 }} />
      </Modal>
    </>
  );
}
