import { App, Form, Input, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { api, isApiError } from "../../../api";
import { useInventory } from "../context";
import { QuantityField, StockErrorAlert, stockErrorText, useStockSubmit } from "./kit";
import type { Reservation, StockRow } from "./types";

interface Values {
  referenceId: string;
  quantity: number;
  minutes: number;
}

const DURATIONS = [60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60, 14 * 24 * 60];

/** I2: a hold by hand (samples for a fair, an order being confirmed by phone): all or nothing, until it expires or is given back. */
export function HoldModal({ level, open, onClose }: { level: StockRow; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const place = useInventory();
  const { message } = App.useApp();
  const { saving, error, submit: send } = useStockSubmit();
  const [form] = Form.useForm<Values>();

  const submit = (v: Values) =>
    send(
      () =>
        api<Reservation>(`${place.api}/reservations`, {
          method: "POST",
          body: { referenceType: "manual", referenceId: v.referenceId.trim(), minutes: v.minutes, lines: [{ productId: level.productId, skuCode: level.skuCode, quantity: v.quantity, warehouseId: level.warehouse.id }] },
        }),
      (r) => {
        message.success(t("invStock.holds.created", { count: v.quantity, reference: r.referenceId }));
        onClose();
      },
      (e) => {
        if (!(isApiError(e) && e.code === "RESERVATION_REFERENCE_TAKEN")) return false;
        form.setFields([{ name: "referenceId", errors: [stockErrorText(e)] }]);
        return true;
      },
    );

  return (
    <Modal
      open={open}
      title={t("invStock.holds.newTitle", { sku: level.skuCode })}
      okText={t("invStock.holds.submit")}
      okButtonProps={{ loading: saving, disabled: level.available <= 0, "data-testid": "hold-submit" } as never}
      cancelText={t("invStock.common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="hold-modal"
    >
      <Typography.Paragraph type="secondary">{t("invStock.holds.intro", { available: level.available })}</Typography.Paragraph>
      <StockErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={saving || level.available <= 0}
        initialValues={{ referenceId: `HOLD-${dayjs().format("YYYYMMDD-HHmm")}`, quantity: 1, minutes: 24 * 60 }}
      >
        <Form.Item
          name="referenceId"
          label={t("invStock.holds.reference")}
          extra={t("invStock.holds.referenceExtra")}
          rules={[{ required: true, whitespace: true, message: t("invStock.holds.referenceRequired") }, { max: 100 }]}
        >
          <Input maxLength={100} data-testid="hold-reference" />
        </Form.Item>
        <QuantityField label={t("invStock.holds.quantity")} max={Math.max(1, level.available)} shown={level.available} testId="hold-quantity" />
        <Form.Item name="minutes" label={t("invStock.holds.duration")}>
          <Select style={{ width: 200 }} options={DURATIONS.map((m) => ({ value: m, label: m < 24 * 60 ? t("invStock.holds.hours", { count: m / 60 }) : t("invStock.holds.days", { count: m / (24 * 60) }) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
