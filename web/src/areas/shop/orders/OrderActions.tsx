import { useState } from "react";
import { Alert, App, Button, Form, Input, Modal, Radio, Space } from "antd";
import type { ButtonProps } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { formatFen } from "../../../components/format";
import type { OrderStatus } from "../../../components/orders/types";
import { checkoutErrorText, heldText, ORDERS_KEY, payCheckout, timeLeft, useNow } from "./orders";

const REASONS = ["changedMind", "wrongAddress", "wrongItem", "duplicate", "other"] as const;

/**
 * 取消订单 with a reason (O3). An unpaid order is cancelled and its stock released; a paid
 * one that has not shipped is closed and refunded in full to the original method (F6).
 */
export function CancelOrderButton({ order, size }: { order: { id: string; no: string; status: OrderStatus; totalFen: number; refundedFen: number }; size?: ButtonProps["size"] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
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
    setSaving(true);
    setError(null);
    try {
      await api(`/me/orders/${order.id}/cancel`, { method: "POST", body: { reason } });
      message.success(paid ? t("checkout.cancel.refunded", { amount: formatFen(order.totalFen - order.refundedFen) }) : t("checkout.cancel.cancelled"));
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ORDERS_KEY });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button
        size={size}
        onClick={() => {
          setChoice("changedMind");
          setOther("");
          setMissing(false);
          setError(null);
          setOpen(true);
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
        onCancel={() => setOpen(false)}
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
