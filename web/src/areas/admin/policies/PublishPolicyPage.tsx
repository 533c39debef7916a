import { useEffect, useMemo, useRef, useState } from "react";
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Space, Tooltip, Typography } from "antd";
import type { FormInstance } from "antd";
import { ArrowDownOutlined, ArrowLeftOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SendOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import { api, isApiError, validationIssues } from "../../../api";
import { pick } from "../../../i18n";
import { formatDateTime } from "../../../components/format";
import { Markdown } from "../../../components/Markdown";
import { PageHeader } from "../../../components/PageHeader";
import { govErrorText, POLICIES_KEY, usePolicies, usePolicy } from "../../shop/governance/queries";
import type { PolicyFull, PolicySection } from "../../shop/governance/queries";
import { useNoticeDays } from "./PoliciesPage";

const NEW = "__new__";
const MERCHANT_AGREEMENT = "merchant-agreement";
const DOC_KEY = /^[a-z][a-z0-9-]{2,40}$/;
const VERSION = /^[\w.-]{1,40}$/;
const SECTION_KEY = /^[a-z0-9-]{1,40}$/;

interface PublishForm {
  document: string;
  newKey?: string;
  version: string;
  titleZh: string;
  titleEn: string;
  summary: string;
  sections: PolicySection[];
  effectiveFrom: Dayjs | null;
}

/** After the notice period, with a few minutes' margin for the time the form stays open. */
const defaultEffective = (days: number) => dayjs().add(days, "day").add(10, "minute").startOf("minute");

type FieldName = Parameters<FormInstance<PublishForm>["setFields"]>[0][number]["name"];

/** Where a server validation issue belongs in this form. */
function fieldOf(path: string[]): FieldName | null {
  const [head, second, third] = path;
  if (head === "title" && (second === "zh" || second === "en")) return second === "zh" ? "titleZh" : "titleEn";
  if (head === "sections" && second !== undefined && (third === "key" || third === "zh" || third === "en")) return ["sections", Number(second), third];
  if (head === "version" || head === "summary" || head === "effectiveFrom") return head;
  return null;
}

function LanguageRow({ field, lang }: { field: number; lang: "zh" | "en" }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<PublishForm>();
  const text: string = Form.useWatch(["sections", field, lang], form) ?? "";
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={[field, lang]}
          label={t(`publicGov.admin.publish.${lang}`)}
          rules={[
            { required: true, whitespace: true, message: t("publicGov.admin.publish.textRequired") },
            { max: 20_000, message: t("publicGov.admin.operator.tooLong", { max: 20_000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} data-testid={`section-${field}-${lang}`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={t("publicGov.admin.publish.preview")}>
          <div
            style={{ minHeight: 76, padding: "6px 12px", border: "1px dashed #d9d9d9", borderRadius: 6, background: "#fafafa" }}
            data-testid={`section-${field}-${lang}-preview`}
          >
            {text.trim() ? <Markdown text={text} /> : <Typography.Text type="secondary">{t("publicGov.admin.publish.previewEmpty")}</Typography.Text>}
          </div>
        </Form.Item>
      </Col>
    </Row>
  );
}

function SectionsEditor() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<PublishForm>();
  const unusedKey = () => {
    const used = new Set((form.getFieldValue("sections") as PolicySection[] | undefined)?.map((s) => s?.key));
    let n = used.size + 1;
    while (used.has(`section-${n}`)) n++;
    return `section-${n}`;
  };
  return (
    <Form.List
      name="sections"
      rules={[
        {
          validator: async (_, value?: PolicySection[]) => {
            if (!value || value.length === 0) throw new Error(t("publicGov.admin.publish.needSection"));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={t("publicGov.admin.publish.section", { n: i + 1 })}
              data-testid={`section-editor-${i}`}
              extra={
                <Space size={4}>
                  <Tooltip title={t("publicGov.admin.publish.moveUp")}>
                    <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t("publicGov.admin.publish.moveUp")} />
                  </Tooltip>
                  <Tooltip title={t("publicGov.admin.publish.moveDown")}>
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      disabled={i === fields.length - 1}
                      onClick={() => move(i, i + 1)}
                      aria-label={t("publicGov.admin.publish.moveDown")}
                    />
                  </Tooltip>
                  <Tooltip title={t("publicGov.admin.publish.removeSection")}>
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                      aria-label={t("publicGov.admin.publish.removeSection")}
                      data-testid={`section-remove-${i}`}
                    />
                  </Tooltip>
                </Space>
              }
            >
              <Form.Item
                name={[field.name, "key"]}
                label={t("publicGov.admin.publish.sectionKey")}
                rules={[
                  { required: true, message: t("publicGov.admin.publish.sectionKeyRequired") },
                  { pattern: SECTION_KEY, message: t("publicGov.admin.publish.sectionKeyInvalid") },
                  ({ getFieldValue }) => ({
                    validator: async (_, value?: string) => {
                      const keys = ((getFieldValue("sections") as PolicySection[] | undefined) ?? []).map((s) => s?.key);
                      if (value && keys.filter((k) => k === value).length > 1) throw new Error(t("publicGov.admin.publish.sectionKeyDuplicate"));
                    },
                  }),
                ]}
              >
                <Input style={{ maxWidth: 280 }} data-testid={`section-${i}-key`} />
              </Form.Item>
              <LanguageRow field={field.name} lang="zh" />
              <LanguageRow field={field.name} lang="en" />
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ key: unusedKey(), zh: "", en: "" })} data-testid="section-add">
            {t("publicGov.admin.publish.addSection")}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** /admin/policies/publish: a new version of a document, announced for comment before it binds (G1). */
export function PublishPolicyPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<PublishForm>();
  const docs = usePolicies();
  const days = useNoticeDays();
  const chosen: string | undefined = Form.useWatch("document", form);
  const key = chosen && chosen !== NEW ? chosen : undefined;
  const source = usePolicy(key);
  const [prefilledFrom, setPrefilledFrom] = useState<{ key: string; version: string } | null>(null);
  const prefilled = useRef<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const initial = useMemo<Partial<PublishForm>>(
    () => ({ document: params.get("key") ?? NEW, sections: [{ key: "section-1", zh: "", en: "" }], effectiveFrom: defaultEffective(days) }),
    // Only the first render's values matter to the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  // Start from the version in force: a new version usually changes a few sections.
  useEffect(() => {
    const from = source.data?.current ?? source.data?.upcoming.at(-1);
    if (!key || !from || prefilled.current === key) return;
    prefilled.current = key;
    form.setFieldsValue({ titleZh: from.title.zh, titleEn: from.title.en, sections: from.sections.map((s) => ({ key: s.key, zh: s.zh, en: s.en })) });
    setPrefilledFrom({ key, version: from.version });
  }, [key, source.data, form]);

  // A newer version takes effect after the ones already announced (the server insists).
  const lastAnnounced = source.data?.upcoming.at(-1)?.effectiveFrom;
  // The server wants at least a minute after it; the picker shows whole minutes, so round up.
  const afterAnnounced = lastAnnounced ? dayjs(lastAnnounced).add(2, "minute").startOf("minute") : null;
  // The notice period arrives with the rules: move the untouched default along with it.
  // Only a date the user picked stays put (set by Form's onValuesChange, which our own setFieldValue does not fire).
  const picked = useRef(false);
  useEffect(() => {
    if (picked.current) return;
    const byNotice = defaultEffective(days);
    form.setFieldValue("effectiveFrom", afterAnnounced && afterAnnounced.isAfter(byNotice) ? afterAnnounced : byNotice);
  }, [days, form, afterAnnounced?.valueOf()]);

  const usedVersions = source.data?.history.map((h) => h.version) ?? [];
  const knownKeys = docs.data?.items.map((d) => d.documentKey) ?? [];
  const byNotice = dayjs().add(days, "day");
  const earliest = afterAnnounced && afterAnnounced.isAfter(byNotice) ? afterAnnounced : byNotice;
  const noticeError =
    isApiError(error) && (error.code === "POLICY_NOTICE_TOO_SHORT" || error.code === "POLICY_EFFECTIVE_ORDER") ? (error.details as { earliest?: string } | undefined)?.earliest : undefined;

  const send = async (docKey: string, v: PublishForm) => {
    setError(null);
    try {
      const published = await api<PolicyFull>(`/admin/policies/${encodeURIComponent(docKey)}/versions`, {
        method: "POST",
        body: {
          version: v.version.trim(),
          title: { zh: v.titleZh.trim(), en: v.titleEn.trim() },
          summary: v.summary.trim(),
          sections: v.sections.map((s) => ({ key: s.key.trim(), zh: s.zh, en: s.en })),
          ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom.toISOString() } : {}),
        },
      });
      message.success(t("publicGov.admin.publish.published", { date: formatDateTime(published.effectiveFrom) }));
      await queryClient.invalidateQueries({ queryKey: POLICIES_KEY });
      navigate("/admin/policies");
    } catch (e) {
      setError(e);
      // The alert by the button says what went wrong (for a short notice, with the way out);
      // a field the server names is marked as well.
      if (isApiError(e) && e.code === "POLICY_VERSION_EXISTS") form.setFields([{ name: "version", errors: [govErrorText(e)] }]);
      const fields = validationIssues(e).flatMap((i) => {
        const name = fieldOf(i.path);
        return name ? [{ name, errors: [i.message] }] : [];
      });
      if (fields.length) form.setFields(fields);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    const docKey = v.document === NEW ? (v.newKey ?? "").trim() : v.document;
    modal.confirm({
      title: t("publicGov.admin.publish.confirmTitle", { title: pick({ zh: v.titleZh, en: v.titleEn }, i18n.language), version: v.version.trim() }),
      content: (
        <>
          <Typography.Paragraph>{t("publicGov.admin.publish.confirmText", { date: formatDateTime(v.effectiveFrom?.toISOString()) })}</Typography.Paragraph>
          {docKey === MERCHANT_AGREEMENT ? <Typography.Paragraph type="warning">{t("publicGov.admin.publish.confirmAgreement")}</Typography.Paragraph> : null}
        </>
      ),
      okText: t("publicGov.admin.publish.submit"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "publish-confirm" } as React.ComponentProps<typeof Button>,
      onOk: () => send(docKey, v),
    });
  };

  return (
    <div data-testid="admin-policy-publish" style={{ maxWidth: 1200 }}>
      <div style={{ marginBottom: 12 }}>
        <Link to="/admin/policies">
          <ArrowLeftOutlined /> {t("publicGov.admin.publish.back")}
        </Link>
      </div>
      <PageHeader title={t("publicGov.admin.publish.title")} />
      <Form<PublishForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initial}
        scrollToFirstError
        onValuesChange={(changed) => {
          if ("effectiveFrom" in changed) picked.current = true;
        }}
      >
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Card>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="document" label={t("publicGov.admin.publish.document")} rules={[{ required: true, message: t("publicGov.admin.publish.documentRequired") }]}>
                  <Select
                    loading={docs.isPending}
                    data-testid="publish-document"
                    options={[
                      ...(docs.data?.items ?? []).map((d) => ({
                        value: d.documentKey,
                        label: `${pick((d.current ?? d.upcoming[0])!.title, i18n.language)} (${d.documentKey})`,
                      })),
                      { value: NEW, label: t("publicGov.admin.publish.newDocument") },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                {chosen === NEW ? (
                  <Form.Item
                    name="newKey"
                    label={t("publicGov.admin.publish.newKey")}
                    extra={t("publicGov.admin.publish.newKeyExtra")}
                    rules={[
                      { required: true, message: t("publicGov.admin.publish.newKeyRequired") },
                      { pattern: DOC_KEY, message: t("publicGov.admin.publish.newKeyInvalid") },
                      {
                        validator: async (_, value?: string) => {
                          if (value && knownKeys.includes(value.trim())) throw new Error(t("publicGov.admin.publish.newKeyExists"));
                        },
                      },
                    ]}
                  >
                    <Input placeholder="listing-rules" data-testid="publish-new-key" />
                  </Form.Item>
                ) : null}
              </Col>
            </Row>
            {prefilledFrom && prefilledFrom.key === key ? (
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("publicGov.admin.publish.prefilled", { version: prefilledFrom.version })} data-testid="publish-prefilled" />
            ) : null}
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="version"
                  label={t("publicGov.admin.publish.version")}
                  extra={t("publicGov.admin.publish.versionExtra")}
                  dependencies={["document"]}
                  rules={[
                    { required: true, whitespace: true, message: t("publicGov.admin.publish.versionRequired") },
                    { pattern: VERSION, message: t("publicGov.admin.publish.versionInvalid") },
                    {
                      validator: async (_, value?: string) => {
                        if (value && usedVersions.includes(value.trim())) throw new Error(t("publicGov.admin.publish.versionExists", { version: value.trim() }));
                      },
                    },
                  ]}
                >
                  <Input placeholder={earliest.format("YYYY-MM")} data-testid="publish-version" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="titleZh"
                  label={t("publicGov.admin.publish.titleZh")}
                  rules={[
                    { required: true, whitespace: true, message: t("publicGov.admin.publish.titleRequired") },
                    { max: 100, message: t("publicGov.admin.publish.titleTooLong", { max: 100 }) },
                  ]}
                >
                  <Input data-testid="publish-title-zh" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="titleEn"
                  label={t("publicGov.admin.publish.titleEn")}
                  rules={[
                    { required: true, whitespace: true, message: t("publicGov.admin.publish.titleRequired") },
                    { max: 100, message: t("publicGov.admin.publish.titleTooLong", { max: 100 }) },
                  ]}
                >
                  <Input data-testid="publish-title-en" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="summary"
              label={t("publicGov.admin.publish.summary")}
              extra={t("publicGov.admin.publish.summaryExtra")}
              style={{ marginBottom: 0 }}
              rules={[
                { required: true, whitespace: true, message: t("publicGov.admin.publish.summaryRequired") },
                { min: 4, transform: (s?: string) => s?.trim(), message: t("publicGov.admin.publish.summaryTooShort", { min: 4 }) },
                { max: 1000, message: t("publicGov.admin.publish.summaryTooLong", { max: 1000 }) },
              ]}
            >
              <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t("publicGov.admin.publish.summaryPlaceholder")} data-testid="publish-summary" />
            </Form.Item>
          </Card>
          <Card title={t("publicGov.admin.publish.sections")}>
            <Typography.Paragraph type="secondary">{t("publicGov.admin.publish.sectionsExtra")}</Typography.Paragraph>
            <SectionsEditor />
          </Card>
          <Card>
            <Form.Item
              name="effectiveFrom"
              label={t("publicGov.admin.publish.effectiveFrom")}
              extra={t("publicGov.admin.publish.earliest", { date: formatDateTime(earliest.toISOString()), days })}
              rules={[{ required: true, message: t("publicGov.admin.publish.effectiveRequired") }]}
              style={{ marginBottom: 0 }}
            >
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} data-testid="publish-effective" />
            </Form.Item>
          </Card>
          {error ? (
            <Alert
              type="error"
              showIcon
              title={govErrorText(error)}
              data-testid="publish-error"
              action={
                noticeError ? (
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldValue("effectiveFrom", dayjs(noticeError).add(1, "minute").startOf("minute"));
                      setError(null);
                    }}
                    data-testid="publish-use-earliest"
                  >
                    {t("publicGov.admin.publish.useEarliest")}
                  </Button>
                ) : undefined
              }
            />
          ) : null}
          <Flex justify="flex-end" gap={8}>
            <Link to="/admin/policies">
              <Button>{t("common.cancel")}</Button>
            </Link>
            <Button type="primary" icon={<SendOutlined />} onClick={() => void submit().catch(() => undefined)} data-testid="publish-submit">
              {t("publicGov.admin.publish.submit")}
            </Button>
          </Flex>
        </Space>
      </Form>
    </div>
  );
}
