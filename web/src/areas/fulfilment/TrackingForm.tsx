import { useState } from "react";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Typography } from "antd";
import type { ButtonProps } from "antd";
import { EditOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Dayjs } from "dayjs";
import { api } from "../../api";
import { carrierName, errorField, fulfilErrorText } from "../../components/orders/fulfil";
import { TRACKING_KINDS, type Shipment, type TrackingKind } from "../../components/orders/types";
import { useTrade } from "../trade/context";
import { tradeErrorText, tradeKey } from "../trade/kit";

interface Values {
  kind: TrackingKind;
  text: string;
  location?: string;
  at?: Dayjs | null;
}

/** L3: the manual adapter — a carrier without push is tracked by typing in what the courier says. */
export function ManualTrackingButton({ shipment }: { shipment: Shipment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const place = useTrade();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const add = useMutation({
    mutationFn: (body: unknown) => api(`/${place.scope}/shipments/${shipment.id}/tracking`, { method: "POST", body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: tradeKey });
      message.success(t("fulfil.manual.done"));
      setOpen(false);
    },
    onError: (e) => {
      const field = errorField(e);
      if (field === "kind" || field === "text" || field === "at" || field === "location") form.setFields([{ name: field, errors: [fulfilErrorText(e, tradeErrorText)] }]);
    },
  });
  const onField = !!add.error && ["kind", "text", "at", "location"].includes(errorField(add.error) ?? "");
  const submit = () =>
    form.validateFields().then(
      (v) => add.mutate({ kind: v.kind, text: v.text.trim(), ...(v.location?.trim() ? { location: v.location.trim() } : {}), ...(v.at ? { at: v.at.toISOString() } : {}) }),
      () => undefined,
    );
  return (
    <>
      <Button
        size="small"
        icon={<EditOutlined />}
        onClick={() => {
          add.reset();
          form.resetFields();
          setOpen(true);
        }}
        data-testid="shipment-add-tracking"
      >
        {t("fulfil.manual.button")}
      </Button>
      <Modal
        open={open}
        title={t("fulfil.manual.title", { no: shipment.trackingNo })}
        okText={t("fulfil.manual.submit")}
        cancelText={t("common.cancel")}
        okButtonProps={{ "data-testid": "tracking-submit" } as ButtonProps}
        confirmLoading={add.isPending}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        data-testid="tracking-modal"
      >
        <Typography.Paragraph type="secondary">{t("fulfil.manual.intro", { carrier: carrierName(shipment.carrier) })}</Typography.Paragraph>
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ kind: shipment.events.length ? "in_transit" : "collected", text: "" }}>
          <Form.Item name="kind" label={t("fulfil.manual.kind")}>
            <Select options={TRACKING_KINDS.map((k) => ({ value: k, label: t(`fulfil.trackingKind.${k}`) }))} style={{ maxWidth: 240 }} data-testid="tracking-kind" />
          </Form.Item>
          <Form.Item name="text" label={t("fulfil.manual.text")} rules={[{ required: true, whitespace: true, message: t("fulfil.manual.textRequired") }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t("fulfil.manual.textPlaceholder")} data-testid="tracking-text-input" />
          </Form.Item>
          <Form.Item name="location" label={t("fulfil.manual.location")}>
            <Input maxLength={100} style={{ maxWidth: 320 }} data-testid="tracking-location" />
          </Form.Item>
          <Form.Item name="at" label={t("fulfil.manual.at")}>
            <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" data-testid="tracking-at" />
          </Form.Item>
        </Form>
        {add.error && !onField ? <Alert type="error" showIcon title={fulfilErrorText(add.error, tradeErrorText)} /> : null}
      </Modal>
    </>
  );
}
