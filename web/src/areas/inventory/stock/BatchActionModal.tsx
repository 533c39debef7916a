import { useState } from "react";
import { App, Form, Input, InputNumber, Modal, Radio, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useInventory } from "../context";
import { StockErrorAlert, useStockChanged } from "./kit";
import type { Batch } from "./types";

export type BatchAction = "block" | "unblock" | "scrap";

interface Values {
  quantity: number;
  reason?: "damaged" | "quality";
  note?: string;
}

/** Set units of a batch aside (damaged, failed a check), put them back on sale, or write them off. */
export function BatchActionModal({ batch, action, available, onClose }: { batch: Batch | null; action: BatchAction | null; available: number; onClose: () => void }) {
  const { t } = useTranslation();
  const place = useInventory();
  const { message } = App.useApp();
  const changed = useStockChanged();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = !!batch && !!action;
  // Reserved units stay with their order: only what is free may be set aside.
  const max = !batch || !action ? 1 : action === "block" ? Math.max(0, Math.min(batch.onHand, available)) : batch.blocked;

  const submit = async (v: Values) => {
    if (!batch || !action) return;
    setSaving(true);
    setError(null);
    try {
      const body = action === "block" ? { quantity: v.quantity, reason: v.reason, note: v.note?.trim() || undefined } : { quantity: v.quantity, note: v.note?.trim() || undefined };
      const r = await api<{ documentNo?: string }>(`${place.api}/stock/batches/${encodeURIComponent(batch.id)}/${action}`, { method: "POST", body });
      await changed();
      message.success(t(`invStock.actions.${action}Done`, { count: v.quantity, batch: batch.batchNo, document: r.documentNo ?? "" }));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={action && batch ? t(`invStock.actions.${action}Title`, { batch: batch.batchNo }) : ""}
      okText={action ? t(`invStock.actions.${action}`) : ""}
      okButtonProps={{ danger: action === "scrap", loading: saving, disabled: max <= 0, "data-testid": "batch-action-submit" } as never}
      cancelText={t("invStock.common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="batch-action-modal"
    >
      {action && batch ? (
        <>
          <Typography.Paragraph type="secondary">{t(`invStock.actions.${action}Intro`)}</Typography.Paragraph>
          <StockErrorAlert error={error} style={{ marginBottom: 12 }} />
          {max <= 0 ? <Typography.Paragraph type="warning">{action === "block" ? t("invStock.actions.nothingFree") : t("invStock.actions.nothingAside")}</Typography.Paragraph> : null}
          <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ quantity: Math.min(1, max) || 1, reason: "damaged" }} disabled={saving || max <= 0}>
            <Form.Item
              name="quantity"
              label={t("invStock.actions.quantity")}
              extra={t("invStock.actions.max", { count: max })}
              rules={[{ required: true, message: t("invStock.actions.quantityRequired") }, { type: "integer", min: 1, max, message: t("invStock.actions.quantityRange", { max }) }]}
            >
              <InputNumber min={1} max={max} precision={0} style={{ width: 160 }} data-testid="batch-action-quantity" />
            </Form.Item>
            {action === "block" ? (
              <Form.Item name="reason" label={t("invStock.actions.reason")} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  options={(["damaged", "quality"] as const).map((r) => ({ value: r, label: t(`invStock.reasons.${r}`) }))}
                  data-testid="batch-action-reason"
                />
              </Form.Item>
            ) : null}
            <Form.Item
              name="note"
              label={t("invStock.actions.note")}
              rules={action === "scrap" ? [{ required: true, whitespace: true, min: 2, message: t("invStock.actions.noteRequired") }] : [{ max: 500 }]}
            >
              <Input.TextArea rows={2} maxLength={500} placeholder={t(`invStock.actions.${action}NotePlaceholder`)} data-testid="batch-action-note" />
            </Form.Item>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
