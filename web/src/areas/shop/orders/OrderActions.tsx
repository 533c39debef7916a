import { useState } from "react";
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space, Typography } from "antd";
import type { ButtonProps } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { formatDateTime, formatFen } from "../../../components/format";
import { carrierName, fulfilErrorText } from "../../../components/orders/fulfil";
import type { OrderStatus } from "../../../components/orders/types";
import { checkoutErrorText, heldText, ORDERS_KEY, payCheckout, timeLeft, useNow } from "./orders";

const REASONS = ["changedMind", "wrongAddress", "wrongItem", "duplicate", "other"] as const;

/** An order action's dialog: open, sending, its error; `run` sends, closes and refreshes the orders. */
function useOrderDialog() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (send: () => Promise<void>) => {
    setSaving(true);
    setError(null);
    try {
      await send();
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ORDERS_KEY });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const show = () => {
    setError(null);
    setOpen(true);
  };
  return { open, saving, error, run, show, hide: () => setOpen(false) };
}

/**
 * 取消订单 with a reason (O3). An unpaid order is cancelled and its stock released; a paid
 * one that has not shipped is closed and refunded in full to the original method (F6).
 */
export function CancelOrderButton({ order, size }: { order: { id: string; no: string; status: OrderStatus; totalFen: number; refundedFen: number }; size?: ButtonProps["size"] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { open, saving, error, run, show, hide } = useOrderDialog();
  const [choice, setChoice] = useState<(typeof REASONS)[number]>("changedMind");
  const [other, setOther] = useState("");
  const [missing, setMissing] = useState(false);
  const paid = order.status === "paid";
  if (order.status !== "pending_payment" && !paid) return null;

  const submit = async () => {
    const reason = choice === "other" ? other.trim() : t(`checkout.cancel.reasons.${choice}`);
    if (reason.length < 2) {
      setMissing(true);
      return;
    }
    await run(async () => {
      await api(`/me/orders/${order.id}/cancel`, { method: "POST", body: { reason } });
      message.success(paid ? t("checkout.cancel.refunded", { amount: formatFen(order.totalFen - order.refundedFen) }) : t("checkout.cancel.cancelled"));
    });
  };

  return (
    <>
      <Button
        size={size}
        onClick={() => {
          setChoice("changedMind");
          setOther("");
          setMissing(false);
          show();
        }}
        data-testid="order-cancel"
      >
        {t("checkout.cancel.action")}
      </Button>
      <Modal
        open={open}
        title={t("checkout.cancel.title", { no: order.no })}
        okText={paid ? t("checkout.cancel.confirmRefund") : t("checkout.cancel.confirm")}
        cancelText={t("checkout.cancel.keep")}
        okButtonProps={{ danger: true, loading: saving, "data-testid": "order-cancel-confirm" } as ButtonProps}
        onOk={() => void submit()}
        onCancel={hide}
        destroyOnHidden
        data-testid="order-cancel-modal"
      >
        <Alert
          type={paid ? "warning" : "info"}
          showIcon
          title={paid ? t("checkout.cancel.paidNote", { amount: formatFen(order.totalFen - order.refundedFen) }) : t("checkout.cancel.unpaidNote")}
          style={{ marginBottom: 16 }}
        />
        {error ? <Alert type="error" showIcon title={checkoutErrorText(error)} style={{ marginBottom: 16 }} data-testid="order-cancel-error" /> : null}
        <Form layout="vertical" disabled={saving}>
          <Form.Item label={t("checkout.cancel.reason")}>
            <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as (typeof REASONS)[number])}>
              <Space orientation="vertical">
                {REASONS.map((r) => (
                  <Radio key={r} value={r} data-testid={`cancel-reason-${r}`}>
                    {t(`checkout.cancel.reasons.${r}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          {choice === "other" ? (
            <Form.Item validateStatus={missing ? "error" : undefined} help={missing ? t("checkout.cancel.otherRequired") : undefined}>
              <Input.TextArea
                rows={3}
                maxLength={500}
                showCount
                value={other}
                onChange={(e) => {
                  setOther(e.target.value);
                  setMissing(false);
                }}
                placeholder={t("checkout.cancel.otherPlaceholder")}
                data-testid="cancel-reason-text"
              />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}

/** 去支付: pays every unpaid order of the order's checkout at the gateway. */
export function PayButton({ checkoutId, size }: { checkoutId: string; size?: ButtonProps["size"] }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const pay = async () => {
    setBusy(true);
    try {
      const p = await payCheckout(checkoutId);
      if (p.status === "pending" && p.payUrl) return;
      modal.warning({ title: t("checkout.placed.reviewTitle"), content: heldText(p), okText: t("common.close") });
      await queryClient.invalidateQueries({ queryKey: ORDERS_KEY });
    } catch (e) {
      message.error(checkoutErrorText(e));
      await queryClient.invalidateQueries({ queryKey: ORDERS_KEY });
    }
    setBusy(false);
  };
  return (
    <Button type="primary" size={size} loading={busy} onClick={() => void pay()} data-testid="order-pay">
      {t("checkout.pay")}
    </Button>
  );
}

/** What is left of the time to pay (O4): the order cancels itself when it runs out. */
export function PayCountdown({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const left = timeLeft(deadline, useNow());
  return (
    <span style={{ color: left ? "#c2410c" : "rgba(0,0,0,0.45)", fontSize: 13 }} data-testid="order-countdown">
      {left ? t("checkout.countdown", { left }) : t("checkout.countdownOver")}
    </span>
  );
}

/** 去支付 while there is time to pay, and 取消订单. */
export function UnpaidActions({ order, size, canPay = true }: { order: { id: string; no: string; status: OrderStatus; totalFen: number; refundedFen: number; checkoutId: string; payDeadline: string }; size?: ButtonProps["size"]; canPay?: boolean }) {
  const open = timeLeft(order.payDeadline, useNow()) !== null;
  return (
    <Space size={8}>
      {open && canPay ? <PayButton checkoutId={order.checkoutId} size={size} /> : null}
      <CancelOrderButton order={order} size={size} />
    </Space>
  );
}

// ---- Receipt (O6), an overdue order (O5) and problems (L4) ----

type ReceiptOrder = { id: string; no: string; status: OrderStatus; confirmBy?: string | null; receiptExtendedAt?: string | null };

/** 确认收货: the goods arrived; the order completes and the shop is paid. Asks first. */
export function ConfirmReceiptButton({ order, size, primary = true }: { order: ReceiptOrder; size?: ButtonProps["size"]; primary?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { open, saving, error, run, show, hide } = useOrderDialog();
  if (order.status !== "shipped" && order.status !== "delivered") return null;
  const submit = () =>
    run(async () => {
      await api(`/me/orders/${order.id}/confirm-receipt`, { method: "POST" });
      message.success(t("fulfil.receipt.done"));
    });
  return (
    <>
      <Button
        type={primary ? "primary" : "default"}
        size={size}
        onClick={show}
        data-testid="order-confirm-receipt"
      >
        {t("fulfil.receipt.confirm")}
      </Button>
      <Modal
        open={open}
        title={t("fulfil.receipt.confirmTitle", { no: order.no })}
        okText={t("fulfil.receipt.confirmOk")}
        cancelText={t("common.cancel")}
        okButtonProps={{ loading: saving, "data-testid": "receipt-confirm-ok" } as ButtonProps}
        onOk={() => void submit()}
        onCancel={hide}
        destroyOnHidden
        data-testid="receipt-confirm-modal"
      >
        <Typography.Paragraph>{t("fulfil.receipt.confirmText")}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={fulfilErrorText(error, checkoutErrorText)} data-testid="receipt-error" /> : null}
      </Modal>
    </>
  );
}

/** 延长收货, once, while a delivered order waits for the automatic confirmation. */
export function ExtendReceiptButton({ order, size }: { order: ReceiptOrder; size?: ButtonProps["size"] }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  if (order.status !== "delivered" || !order.confirmBy || order.receiptExtendedAt) return null;
  const ask = () =>
    modal.confirm({
      title: t("fulfil.receipt.extendTitle", { no: order.no }),
      content: t("fulfil.receipt.extendText", { at: formatDateTime(order.confirmBy) }),
      okText: t("fulfil.receipt.extendOk"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "receipt-extend-ok" } as ButtonProps,
      onOk: async () => {
        try {
          const after = await api<{ confirmBy: string | null }>(`/me/orders/${order.id}/extend-receipt`, { method: "POST" });
          message.success(t("fulfil.receipt.extendDone", { at: formatDateTime(after.confirmBy) }));
        } catch (e) {
          message.error(fulfilErrorText(e, checkoutErrorText));
        }
        await queryClient.invalidateQueries({ queryKey: ORDERS_KEY });
      },
    });
  return (
    <Button size={size} onClick={ask} data-testid="order-extend-receipt">
      {t("fulfil.receipt.extend")}
    </Button>
  );
}

/**
 * O5: the shop let the ship-by time pass; the buyer may end the order and get everything
 * back (a paid order that has not shipped at all: cancelOrder refunds it in full).
 */
export function OverdueCancelButton({ order }: { order: { id: string; no: string; status: OrderStatus; totalFen: number; refundedFen: number } }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  if (order.status !== "paid") return null;
  const amount = formatFen(order.totalFen - order.refundedFen);
  const ask = () =>
    modal.confirm({
      title: t("checkout.cancel.title", { no: order.no }),
      content: t("checkout.cancel.paidNote", { amount }),
      okText: t("checkout.cancel.confirmRefund"),
      cancelText: t("checkout.cancel.keep"),
      okButtonProps: { danger: true, "data-testid": "overdue-cancel-ok" } as ButtonProps,
      onOk: async () => {
        try {
          await api(`/me/orders/${order.id}/cancel`, { method: "POST", body: { reason: t("fulfil.overdue.reason") } });
          message.success(t("checkout.cancel.refunded", { amount }));
        } catch (e) {
          message.error(checkoutErrorText(e));
        }
        await queryClient.invalidateQueries({ queryKey: ORDERS_KEY });
      },
    });
  return (
    <Button danger onClick={ask} data-testid="order-overdue-cancel">
      {t("fulfil.overdue.cancel")}
    </Button>
  );
}

const PROBLEMS = ["damaged", "lost", "address", "customer"] as const;

/** 反馈问题: opens an exception case on the order (L4, O7), optionally about one waybill. */
export function ReportProblemButton({ order, shipments, shipmentId, size }: { order: { id: string; no: string }; shipments: { id: string; trackingNo: string; carrier: { name: string; nameEn: string } }[]; shipmentId?: string; size?: ButtonProps["size"] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: (typeof PROBLEMS)[number]; shipmentId: string; description: string }>();
  const { open, saving, error, run, show, hide } = useOrderDialog();
  const submit = async () => {
    let v: { kind: (typeof PROBLEMS)[number]; shipmentId: string; description: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      const made = await api<{ no?: string }>(`/me/orders/${order.id}/exceptions`, {
        method: "POST",
        body: { kind: v.kind, description: v.description.trim(), ...(v.shipmentId ? { shipmentId: v.shipmentId } : {}) },
      });
      message.success(t("fulfil.problem.done", { no: made?.no ?? "" }));
    });
  };
  return (
    <>
      <Button
        size={size}
        onClick={show}
        data-testid="order-report-problem"
      >
        {t("fulfil.problem.button")}
      </Button>
      <Modal
        open={open}
        title={t("fulfil.problem.title", { no: order.no })}
        okText={t("fulfil.problem.submit")}
        cancelText={t("common.cancel")}
        okButtonProps={{ loading: saving, "data-testid": "problem-submit" } as ButtonProps}
        onOk={() => void submit()}
        onCancel={hide}
        destroyOnHidden
        data-testid="problem-modal"
      >
        <Typography.Paragraph type="secondary">{t("fulfil.problem.intro")}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false} disabled={saving} initialValues={{ kind: "damaged", shipmentId: shipmentId ?? "", description: "" }}>
          <Form.Item name="kind" label={t("fulfil.problem.kind")}>
            <Radio.Group>
              <Space orientation="vertical">
                {PROBLEMS.map((k) => (
                  <Radio key={k} value={k} data-testid={`problem-kind-${k}`}>
                    {t(`fulfil.problem.kinds.${k}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          {shipments.length ? (
            <Form.Item name="shipmentId" label={t("fulfil.problem.shipment")}>
              <Select
                options={[{ value: "", label: t("fulfil.problem.shipmentAll") }, ...shipments.map((s) => ({ value: s.id, label: `${carrierName(s.carrier)} ${s.trackingNo}` }))]}
                data-testid="problem-shipment"
              />
            </Form.Item>
          ) : null}
          <Form.Item name="description" label={t("fulfil.problem.description")} rules={[{ required: true, whitespace: true, min: 5, message: t("fulfil.problem.descriptionRequired") }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t("fulfil.problem.descriptionPlaceholder")} data-testid="problem-description" />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={fulfilErrorText(error, checkoutErrorText)} data-testid="problem-error" /> : null}
      </Modal>
    </>
  );
}
