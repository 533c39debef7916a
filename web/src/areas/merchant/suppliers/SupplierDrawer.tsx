import { useState } from "react";
import { App, AutoComplete, Button, Col, DatePicker, Divider, Drawer, Empty, Flex, Form, Input, Row, Switch, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import { api, isApiError } from "../../../api";
import { applyFormErrors } from "../../../components/errors";
import { creditCodeProblem } from "../../../components/idChecks";
import { isSupplierPhone, supplierErrorText, supplierKey, suppliersKey, SupplierErrorAlert } from "./kit";
import type { SupplierBase } from "./kit";
import type { Supplier, SupplierInput } from "./types";

interface FormValues {
  name: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  address?: string;
  active: boolean;
  qualifications: { kind?: string; number?: string; validUntil?: Dayjs | null }[];
}

const KIND_SUGGESTIONS = ["food_production", "food_business", "iso9001", "organic", "quality_report", "trademark"] as const;

function toForm(s: Supplier | null): FormValues {
  if (!s) return { name: "", creditCode: "", contactName: "", contactPhone: "", address: "", active: true, qualifications: [] };
  return {
    name: s.name,
    creditCode: s.creditCode,
    contactName: s.contactName,
    contactPhone: s.contactPhone,
    address: s.address ?? "",
    active: s.active,
    qualifications: s.qualifications.map((q) => ({ kind: q.kind, number: q.number, validUntil: q.validUntil ? dayjs(q.validUntil) : null })),
  };
}

function toInput(v: FormValues): SupplierInput {
  return {
    name: v.name.trim(),
    creditCode: v.creditCode.trim().toUpperCase(),
    contactName: v.contactName.trim(),
    contactPhone: v.contactPhone.trim(),
    address: v.address?.trim() || null,
    active: v.active,
    qualifications: (v.qualifications ?? []).map((q) => ({ kind: (q.kind ?? "").trim(), number: (q.number ?? "").trim(), validUntil: q.validUntil ? q.validUntil.format("YYYY-MM-DD") : null })),
  };
}

/** Adds a supplier or changes one: facts, contact and qualification list (P7). */
export function SupplierDrawer({ base, editing, onClose }: { base: SupplierBase; editing: Supplier | "new" | null; onClose: () => void }) {
  const { t } = useTranslation();
  // Kept while the drawer closes, so that its title does not change on the way out.
  const [shown, setShown] = useState(editing);
  if (editing && editing !== shown) setShown(editing);
  return (
    <Drawer
      open={!!editing}
      title={shown === "new" ? t("supplierUi.form.newTitle") : t("supplierUi.form.editTitle", { name: shown?.name ?? "" })}
      size={640}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="supplier-drawer"
    >
      {editing ? <SupplierForm base={base} supplier={editing === "new" ? null : editing} onDone={onClose} /> : null}
    </Drawer>
  );
}

function SupplierForm({ base, supplier, onDone }: { base: SupplierBase; supplier: Supplier | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (v: FormValues) => {
    setSaving(true);
    setError(null);
    try {
      const body = toInput(v);
      const saved = supplier
        ? await api<Supplier>(`${base}/${encodeURIComponent(supplier.id)}`, { method: "PUT", body })
        : await api<Supplier>(base, { method: "POST", body });
      await queryClient.invalidateQueries({ queryKey: suppliersKey(base) });
      if (supplier) void queryClient.invalidateQueries({ queryKey: supplierKey(base, supplier.id) });
      message.success(supplier ? t("supplierUi.form.saved", { name: saved.name }) : t("supplierUi.form.created", { name: saved.name }));
      onDone();
    } catch (e) {
      if (isApiError(e) && (e.code === "CREDIT_CODE_INVALID" || e.code === "SUPPLIER_EXISTS")) form.setFields([{ name: "creditCode", errors: [supplierErrorText(e)] }]);
      else if (!applyFormErrors(form, e, ["name", "creditCode", "contactName", "contactPhone", "address"])) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={toForm(supplier)} onFinish={submit} disabled={saving} data-testid="supplier-form">
      <SupplierErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form.Item
        name="name"
        label={t("supplierUi.fields.name")}
        rules={[
          { required: true, whitespace: true, message: t("supplierUi.form.nameRequired") },
          { min: 2, max: 100, message: t("supplierUi.form.nameLength") },
        ]}
      >
        <Input maxLength={100} placeholder={t("supplierUi.form.namePlaceholder")} data-testid="supplier-name-input" />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label={t("supplierUi.fields.creditCode")}
        extra={t("supplierUi.form.creditCodeExtra")}
        normalize={(v: string) => v.toUpperCase().replace(/\s/g, "")}
        validateDebounce={300}
        rules={[
          { required: true, message: t("supplierUi.form.creditCodeRequired") },
          {
            validator: async (_r, v: string | undefined) => {
              if (!v) return;
              const problem = creditCodeProblem(v);
              if (problem) throw new Error(t(`supplierUi.form.creditCode_${problem}`));
            },
          },
        ]}
      >
        <Input maxLength={18} style={{ fontFamily: "monospace" }} placeholder="91350100M000100Y43" data-testid="supplier-credit-code" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="contactName"
            label={t("supplierUi.fields.contactName")}
            rules={[
              { required: true, whitespace: true, message: t("supplierUi.form.contactNameRequired") },
              { max: 50, message: t("supplierUi.form.tooLong", { max: 50 }) },
            ]}
          >
            <Input maxLength={50} data-testid="supplier-contact-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="contactPhone"
            label={t("supplierUi.fields.contactPhone")}
            validateDebounce={300}
            rules={[
              { required: true, whitespace: true, message: t("supplierUi.form.phoneRequired") },
              {
                validator: async (_r, v: string | undefined) => {
                  if (v && !isSupplierPhone(v)) throw new Error(t("supplierUi.form.phoneInvalid"));
                },
              },
            ]}
          >
            <Input maxLength={20} placeholder={t("supplierUi.form.phonePlaceholder")} data-testid="supplier-contact-phone" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t("supplierUi.fields.address")} rules={[{ max: 200, message: t("supplierUi.form.tooLong", { max: 200 }) }]}>
        <Input maxLength={200} placeholder={t("supplierUi.form.optional")} data-testid="supplier-address" />
      </Form.Item>
      <Form.Item name="active" label={t("supplierUi.fields.active")} valuePropName="checked" extra={t("supplierUi.form.activeExtra")}>
        <Switch checkedChildren={t("supplierUi.status.active")} unCheckedChildren={t("supplierUi.status.inactive")} data-testid="supplier-active-switch" />
      </Form.Item>

      <Divider titlePlacement="start" style={{ marginTop: 8 }}>
        {t("supplierUi.qualifications.title")}
      </Divider>
      <Form.List name="qualifications">
        {(fields, { add, remove }) => (
          <div data-testid="qualification-list">
            {fields.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supplierUi.qualifications.noneYet")} style={{ margin: "8px 0 16px" }} />
            ) : null}
            {fields.map((field, i) => (
              <Row gutter={8} key={field.key} align="top" data-testid={`qualification-${i}`} wrap={false}>
                <Col flex="1 1 34%">
                  <Form.Item
                    name={[field.name, "kind"]}
                    label={i === 0 ? t("supplierUi.qualifications.kind") : undefined}
                    rules={[
                      { required: true, whitespace: true, message: t("supplierUi.qualifications.kindRequired") },
                      { min: 2, max: 60, message: t("supplierUi.qualifications.kindLength") },
                    ]}
                  >
                    <AutoComplete
                      options={KIND_SUGGESTIONS.map((k) => ({ value: t(`supplierUi.qualifications.suggest.${k}`) }))}
                      placeholder={t("supplierUi.qualifications.kindPlaceholder")}
                      filterOption={(input, o) => String(o?.value ?? "").toLowerCase().includes(input.toLowerCase())}
                      data-testid="qualification-kind"
                    />
                  </Form.Item>
                </Col>
                <Col flex="1 1 30%">
                  <Form.Item
                    name={[field.name, "number"]}
                    label={i === 0 ? t("supplierUi.qualifications.number") : undefined}
                    rules={[
                      { required: true, whitespace: true, message: t("supplierUi.qualifications.numberRequired") },
                      { max: 60, message: t("supplierUi.form.tooLong", { max: 60 }) },
                    ]}
                  >
                    <Input maxLength={60} data-testid="qualification-number" />
                  </Form.Item>
                </Col>
                <Col flex="0 0 150px">
                  <Form.Item name={[field.name, "validUntil"]} label={i === 0 ? t("supplierUi.qualifications.validUntil") : undefined}>
                    <DatePicker style={{ width: "100%" }} format="YYYY-MM-DD" placeholder={t("supplierUi.qualifications.noEnd")} data-testid="qualification-valid-until" />
                  </Form.Item>
                </Col>
                <Col flex="0 0 32px" style={{ paddingTop: i === 0 ? 30 : 0 }}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("supplierUi.qualifications.remove")} data-testid="qualification-remove" />
                </Col>
              </Row>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ kind: "", number: "", validUntil: null })} disabled={fields.length >= 20} data-testid="qualification-add">
              {t("supplierUi.qualifications.add")}
            </Button>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
              {t("supplierUi.qualifications.hint")}
            </Typography.Paragraph>
          </div>
        )}
      </Form.List>

      {/* Saved by the button only: Enter confirms a date or a suggestion, not the whole form. */}
      <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
        <Button onClick={onDone} disabled={saving}>
          {t("common.cancel")}
        </Button>
        <Button type="primary" onClick={() => form.submit()} loading={saving} data-testid="supplier-save">
          {supplier ? t("common.save") : t("supplierUi.form.create")}
        </Button>
      </Flex>
    </Form>
  );
}
