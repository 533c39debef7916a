import { useEffect, useState } from "react";
import { Alert, App, AutoComplete, Cascader, Checkbox, Form, Input, Modal, Skeleton } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import { ADDRESSES_KEY, useAddress, useRegionOptions } from "./addresses";
import type { Address, AddressInput } from "./addresses";
import { tradeErrorText } from "./cartStore";

interface Values {
  recipient: string;
  mobile: string;
  region: [string, string, string];
  detail: string;
  label?: string;
  isDefault?: boolean;
}

const MOBILE = /^1[3-9]\d{9}$/;
const normalMobile = (s: string) => s.replace(/[\s-]/g, "").replace(/^(\+?86|0086)(?=1\d{10}$)/, "");
// The server names the field it refuses; the three region codes are one control here.
const FIELD: Record<string, keyof Values> = { recipient: "recipient", mobile: "mobile", provinceCode: "region", cityCode: "region", districtCode: "region", detail: "detail", label: "label" };

/**
 * Adds an address (`editing` null) or changes one: the form shows it in clear, read
 * from the server when the dialog opens. Calls `onSaved` with the saved (masked) address.
 */
export function AddressFormModal({ open, editing, onClose, onSaved }: { open: boolean; editing: string | null; onClose: () => void; onSaved?: (a: Address) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const regions = useRegionOptions();
  const current = useAddress(open ? editing : null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const loading = (!!editing && current.isPending) || regions.isPending;
  const editingDefault = !!editing && current.data?.isDefault === true;

  // The form exists once regions (and the address) are here: fill it then, afresh each time the dialog opens.
  useEffect(() => {
    if (!open || loading) return;
    setError(null);
    form.resetFields();
    const a = current.data;
    if (editing && a) {
      form.setFieldsValue({ recipient: a.recipient, mobile: a.mobile, region: [a.provinceCode, a.cityCode, a.districtCode], detail: a.detail, label: a.label ?? undefined, isDefault: a.isDefault });
    }
  }, [open, loading, editing, current.data, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      // The form shows what is wrong next to each field.
      return;
    }
    setError(null);
    setSaving(true);
    const body: AddressInput = {
      recipient: v.recipient.trim(), mobile: v.mobile.trim(), provinceCode: v.region[0], cityCode: v.region[1], districtCode: v.region[2],
      detail: v.detail.trim(), label: v.label?.trim() || null, isDefault: !!v.isDefault,
    };
    try {
      const saved = await api<Address>(editing ? `/me/addresses/${editing}` : "/me/addresses", { method: editing ? "PUT" : "POST", body });
      message.success(t("cart.address.saved"));
      await queryClient.invalidateQueries({ queryKey: ADDRESSES_KEY });
      onSaved?.(saved);
      onClose();
    } catch (e) {
      const field = isApiError(e) ? (e.details as { field?: string } | undefined)?.field : undefined;
      if (field && FIELD[field]) form.setFields([{ name: FIELD[field], errors: [tradeErrorText(e)] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t("cart.address.edit") : t("cart.address.add")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      okButtonProps={{ disabled: loading, "data-testid": "address-save" } as never}
      width={560}
      destroyOnHidden
      data-testid="address-modal"
    >
      {error ? <Alert type="error" showIcon title={tradeErrorText(error)} style={{ marginBottom: 16 }} data-testid="address-error" /> : null}
      {current.isError ? <Alert type="error" showIcon title={tradeErrorText(current.error)} style={{ marginBottom: 16 }} /> : null}
      {regions.isError ? <Alert type="error" showIcon title={tradeErrorText(regions.error)} style={{ marginBottom: 16 }} /> : null}
      {loading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Form<Values> form={form} layout="vertical" requiredMark={false} disabled={saving} onFinish={() => void submit()} data-testid="address-form">
          <div style={{ display: "flex", gap: 16 }}>
            <Form.Item
              name="recipient"
              label={t("cart.address.recipient")}
              style={{ flex: 1 }}
              rules={[
                { required: true, whitespace: true, message: t("cart.address.recipientRequired") },
                { validator: (_, v?: string) => (!v || Array.from(v.trim()).length <= 25 ? Promise.resolve() : Promise.reject(new Error(t("cart.address.recipientTooLong")))) },
              ]}
            >
              <Input placeholder={t("cart.address.recipientPlaceholder")} autoComplete="name" data-testid="address-recipient" />
            </Form.Item>
            <Form.Item
              name="mobile"
              label={t("cart.address.mobile")}
              style={{ flex: 1 }}
              rules={[
                { required: true, whitespace: true, message: t("cart.address.mobileRequired") },
                { validator: (_, v?: string) => (!v?.trim() || MOBILE.test(normalMobile(v.trim())) ? Promise.resolve() : Promise.reject(new Error(t("cart.address.mobileInvalid")))) },
              ]}
            >
              <Input placeholder={t("cart.address.mobilePlaceholder")} inputMode="tel" autoComplete="tel" maxLength={20} data-testid="address-mobile" />
            </Form.Item>
          </div>
          <Form.Item name="region" label={t("cart.address.region")} rules={[{ required: true, type: "array", len: 3, message: t("cart.address.regionRequired") }]}>
            <Cascader
              options={regions.data ?? []}
              placeholder={t("cart.address.regionPlaceholder")}
              showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input.trim())) }}
              displayRender={(labels) => labels.join(" / ")}
              data-testid="address-region"
            />
          </Form.Item>
          <Form.Item
            name="detail"
            label={t("cart.address.detail")}
            rules={[
              { required: true, whitespace: true, message: t("cart.address.detailRequired") },
              { validator: (_, v?: string) => (!v?.trim() || (Array.from(v.trim()).length >= 5 && Array.from(v.trim()).length <= 120) ? Promise.resolve() : Promise.reject(new Error(t("cart.address.detailLength")))) },
            ]}
          >
            <Input.TextArea placeholder={t("cart.address.detailPlaceholder")} autoSize={{ minRows: 2, maxRows: 4 }} maxLength={120} showCount autoComplete="street-address" data-testid="address-detail" />
          </Form.Item>
          <Form.Item name="label" label={t("cart.address.label")}>
            <AutoComplete
              options={(["home", "company", "school"] as const).map((k) => ({ value: t(`cart.address.labels.${k}`) }))}
              maxLength={10}
              allowClear
              style={{ maxWidth: 200 }}
              data-testid="address-label"
            />
          </Form.Item>
          <Form.Item name="isDefault" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox disabled={editingDefault} data-testid="address-default">
              {t("cart.address.makeDefault")}
            </Checkbox>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
