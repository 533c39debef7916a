import { useState } from "react";
import { App, Button, Checkbox, Col, Flex, Form, Input, Radio, Row, Space, Tag, Typography } from "antd";
import { SaveOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import type { Application, OnboardingOptions } from "../../../api";
import { applyFormErrors, ErrorAlert } from "../../../components/errors";
import { creditCodeProblem, isValidPhone, residentIdProblem } from "../../../components/idChecks";
import { categoryName, docKindName, ENTITY_FIELDS } from "../../../components/onboarding";
import { requiredKinds } from "../../../components/onboardingQueries";
import { useSetApplication } from "./queries";

interface EntityForm {
  entityType?: "enterprise" | "individual";
  name?: string;
  creditCode?: string;
  legalRepName?: string;
  legalRepIdNumber?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  address?: string;
  categories?: string[];
}

const MASKED = ["legalRepIdNumber", "contactPhone"] as const;

function initialValues(app: Application | null): EntityForm {
  if (!app) return { entityType: "enterprise", categories: [] };
  return {
    entityType: app.entityType ?? "enterprise",
    name: app.name ?? undefined,
    creditCode: app.creditCode ?? undefined,
    legalRepName: app.legalRepName ?? undefined,
    // Masked values come back masked: the inputs stay empty, the masked value is their placeholder.
    legalRepIdNumber: undefined,
    contactName: app.contactName ?? undefined,
    contactPhone: undefined,
    contactEmail: app.contactEmail ?? undefined,
    address: app.address ?? undefined,
    categories: app.categories,
  };
}

/** Step 1: the entity's data (M1). Saves a new application or changes the draft. */
export function EntityStep({ app, options, locked, onSaved }: { app: Application | null; options: OnboardingOptions; locked: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntityForm>();
  const setApplication = useSetApplication();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const entityType = Form.useWatch("entityType", form);
  const categories = Form.useWatch("categories", form) ?? [];
  const needed = requiredKinds(options.requirements, entityType, categories);

  const onFinish = async (v: EntityForm) => {
    setError(null);
    setSaving(true);
    const body: Record<string, unknown> = {};
    for (const f of ENTITY_FIELDS) {
      const value = v[f];
      if (f === "categories") body.categories = value ?? [];
      else if (typeof value === "string") {
        const s = f === "creditCode" || f === "legalRepIdNumber" ? value.trim().toUpperCase() : value.trim();
        // Empty: unchanged (masked fields are sent only when a new value was typed).
        if (s) body[f] = s;
      }
    }
    try {
      const saved = app
        ? await api<Application>("/onboarding/application", { method: "PATCH", body })
        : await api<Application>("/onboarding/application", { method: "POST", body });
      setApplication(saved);
      form.setFieldsValue({ legalRepIdNumber: undefined, contactPhone: undefined });
      message.success(t("applicant.entity.saved"));
      onSaved();
    } catch (e) {
      if (isApiError(e) && e.code === "APPLICATION_FIELDS_INVALID") {
        const problems = ((e.details as { problems?: { field: string; reason: string }[] } | undefined)?.problems ?? []).filter((p) => p.field);
        form.setFields(problems.map((p) => ({ name: p.field as keyof EntityForm, errors: [invalidText(p.field, v, p.reason)] })));
        if (problems.length === 0) setError(e);
      } else if (!applyFormErrors(form, e, [...ENTITY_FIELDS])) {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  /** The translated reason of a value the server refused (the same checks run here). */
  const invalidText = (field: string, v: EntityForm, fallback: string): string => {
    if (field === "creditCode") return t(`applicant.entity.creditCode_${creditCodeProblem(v.creditCode ?? "") ?? "check"}`);
    if (field === "legalRepIdNumber") return t(`applicant.entity.idNumber_${residentIdProblem(v.legalRepIdNumber ?? "") ?? "check"}`);
    if (field === "contactPhone") return t("applicant.entity.phoneInvalid");
    return fallback;
  };

  const maskedRequired = (field: (typeof MASKED)[number]) => !app?.[field];

  return (
    <div data-testid="entity-step">
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form<EntityForm>
        form={form}
        layout="vertical"
        initialValues={initialValues(app)}
        onFinish={onFinish}
        disabled={locked || saving}
        requiredMark
        scrollToFirstError
      >
        <Form.Item name="entityType" label={t("onboarding.fields.entityType")} rules={[{ required: true, message: t("applicant.entity.entityTypeRequired") }]}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="entity-type">
            <Radio.Button value="enterprise">
              <span data-testid="entity-enterprise">{t("onboarding.entityType.enterprise")}</span>
            </Radio.Button>
            <Radio.Button value="individual">
              <span data-testid="entity-individual">{t("onboarding.entityType.individual")}</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t("onboarding.fields.name")}
              extra={t("applicant.entity.nameExtra")}
              rules={[
                { required: true, whitespace: true, message: t("applicant.entity.nameRequired") },
                { min: 2, message: t("applicant.entity.nameTooShort", { min: 2 }) },
                { max: 100, message: t("applicant.entity.tooLong", { max: 100 }) },
              ]}
            >
              <Input data-testid="entity-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label={t("onboarding.fields.creditCode")}
              extra={t("applicant.entity.creditCodeExtra")}
              rules={[
                { required: true, whitespace: true, message: t("applicant.entity.creditCodeRequired") },
                {
                  validator: async (_r, value: string | undefined) => {
                    if (!value) return;
                    const p = creditCodeProblem(value);
                    if (p) throw new Error(t(`applicant.entity.creditCode_${p}`));
                  },
                },
              ]}
            >
              <Input maxLength={18} style={{ fontFamily: "monospace" }} data-testid="entity-credit-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="legalRepName"
              label={t("onboarding.fields.legalRepName")}
              rules={[
                { required: true, whitespace: true, message: t("applicant.entity.legalRepNameRequired") },
                { max: 50, message: t("applicant.entity.tooLong", { max: 50 }) },
              ]}
            >
              <Input data-testid="entity-legal-rep-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="legalRepIdNumber"
              label={t("onboarding.fields.legalRepIdNumber")}
              extra={app?.legalRepIdNumber ? t("applicant.entity.maskedExtra") : t("applicant.entity.idNumberExtra")}
              rules={[
                { required: maskedRequired("legalRepIdNumber"), whitespace: true, message: t("applicant.entity.idNumberRequired") },
                {
                  validator: async (_r, value: string | undefined) => {
                    if (!value) return;
                    const p = residentIdProblem(value);
                    if (p) throw new Error(t(`applicant.entity.idNumber_${p}`));
                  },
                },
              ]}
            >
              <Input maxLength={18} placeholder={app?.legalRepIdNumber ?? undefined} autoComplete="off" style={{ fontFamily: "monospace" }} data-testid="entity-legal-rep-id" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactName"
              label={t("onboarding.fields.contactName")}
              rules={[
                { required: true, whitespace: true, message: t("applicant.entity.contactNameRequired") },
                { max: 50, message: t("applicant.entity.tooLong", { max: 50 }) },
              ]}
            >
              <Input data-testid="entity-contact-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactPhone"
              label={t("onboarding.fields.contactPhone")}
              extra={app?.contactPhone ? t("applicant.entity.maskedExtra") : t("applicant.entity.phoneExtra")}
              rules={[
                { required: maskedRequired("contactPhone"), whitespace: true, message: t("applicant.entity.phoneRequired") },
                {
                  validator: async (_r, value: string | undefined) => {
                    if (value && !isValidPhone(value)) throw new Error(t("applicant.entity.phoneInvalid"));
                  },
                },
              ]}
            >
              <Input placeholder={app?.contactPhone ?? undefined} inputMode="tel" autoComplete="off" data-testid="entity-contact-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactEmail" label={t("onboarding.fields.contactEmail")} rules={[{ type: "email", message: t("applicant.entity.emailInvalid") }]}>
              <Input inputMode="email" data-testid="entity-contact-email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="address"
              label={t("onboarding.fields.address")}
              rules={[
                { required: true, whitespace: true, message: t("applicant.entity.addressRequired") },
                { min: 4, message: t("applicant.entity.addressTooShort", { min: 4 }) },
                { max: 200, message: t("applicant.entity.tooLong", { max: 200 }) },
              ]}
            >
              <Input data-testid="entity-address" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="categories"
          label={t("onboarding.fields.categories")}
          rules={[{ required: true, type: "array", min: 1, message: t("applicant.entity.categoriesRequired") }]}
        >
          <Checkbox.Group data-testid="entity-categories">
            <Space size={[16, 8]} wrap>
              {options.categories.map((c) => (
                <Checkbox key={c} value={c}>
                  <span data-testid={`category-${c}`}>{categoryName(c)}</span>
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <div style={{ marginBottom: 24 }} data-testid="entity-needed-documents">
          <Typography.Text type="secondary">{t("applicant.entity.neededDocuments")}</Typography.Text>{" "}
          {needed.length ? (
            needed.map((k) => (
              <Tag key={k} color="orange">
                {docKindName(k)}
              </Tag>
            ))
          ) : (
            <Typography.Text type="secondary">{t("applicant.entity.neededDocumentsNone")}</Typography.Text>
          )}
        </div>
        {locked ? null : (
          <Flex justify="flex-end">
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="entity-save">
              {t("applicant.entity.saveAndContinue")}
            </Button>
          </Flex>
        )}
      </Form>
    </div>
  );
}
