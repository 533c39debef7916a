import { App, Form, Input, Modal, Radio, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useInventory } from "../context";
import { QuantityField, StockErrorAlert, useStockSubmit } from "./kit";
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
  const { saving, error, submit: send } = useStockSubmit();
  const [form] = Form.useForm<Values>();
  const open = !!batch && !!action;
  // Reserved units stay with their order: only what is free may be set aside.
  const max = !batch || !action ? 1 : action === "block" ? Math.max(0, Math.min(batch.onHand, available)) : batch.blocked;

  const submit = async (v: Values) => {
    if (!batch || !action) return;
    const body = action === "block" ? { quantity: v.quantity, reason: v.reason, note: v.note?.trim() || undefined } : { quantity: v.quantity, note: v.note?.trim() || undefined };
    await send(
      () => api<{ documentNo?: string }>(`${place.api}/stock/batches/${encodeURIComponent(batch.id)}/${action}`, { method: "POST", body }),
      (r) => {
        message.success(t(`invStock.actions.${action}Done`, { count: v.quantity, batch: batch.batchNo, document: r.documentNo ?? "" }));
        onClose();
      },
    );
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
            <QuantityField label={t("invStock.actions.quantity")} max={max} testId="batch-action-quantity" />
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
