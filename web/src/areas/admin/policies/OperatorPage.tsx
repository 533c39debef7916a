import { useState } from "react";
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Skeleton, Space, Tooltip, Typography } from "antd";
import { DeleteOutlined, ExportOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../../api";
import i18n from "../../../i18n";
import { ErrorAlert } from "../../../components/errors";
import { formatDateTime } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { govErrorText, OPERATOR_KEY, useOperator } from "../../shop/governance/queries";
import type { Operator } from "../../shop/governance/queries";
import type { zh } from "../../../i18n/parts/public-governance";

type Profile = Omit<Operator, "updatedAt">;

/** Trimmed, with empty optional fields left out (the server takes no empty e-mail or link). */
function clean(p: Profile): Profile {
  const opt = (s?: string) => (s?.trim() ? s.trim() : undefined);
  const drop = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return {
    companyName: p.companyName.trim(),
    licences: (p.licences ?? []).map((l) => drop({ name: l.name.trim(), number: l.number.trim(), issuer: opt(l.issuer) })),
    filings: (p.filings ?? []).map((f) => drop({ name: f.name.trim(), number: f.number.trim(), url: opt(f.url) })),
    contact: drop({ phone: opt(p.contact?.phone), email: opt(p.contact?.email), address: opt(p.contact?.address), hours: opt(p.contact?.hours) }),
    complaintChannels: (p.complaintChannels ?? []).map((c) => drop({ name: c.name.trim(), contact: c.contact.trim(), hours: opt(c.hours) })),
  };
}

interface Column {
  name: string;
  label: string;
  span: number;
  required?: boolean;
  max: number;
  url?: boolean;
  placeholder?: string;
}

const tooLong = (max: number) => ({ max, message: i18n.t("publicGov.admin.operator.tooLong", { max }) });

/** A card of rows (licences, filings, complaint channels) that may be added to and removed. */
function RowsCard({ title, list, columns, addLabel, testId }: { title: string; list: keyof Profile; columns: Column[]; addLabel: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card title={title}>
      <Form.List name={list}>
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                {t("publicGov.admin.operator.none")}
              </Typography.Paragraph>
            ) : null}
            {fields.map((field, i) => (
              <Row key={field.key} gutter={12} align="top" wrap={false} data-testid={`${testId}-${i}`}>
                <Col flex="auto">
                  <Row gutter={12}>
                    {columns.map((c) => (
                      <Col key={c.name} xs={24} md={c.span}>
                        <Form.Item
                          name={[field.name, c.name]}
                          label={i === 0 ? c.label : undefined}
                          aria-label={c.label}
                          rules={[
                            ...(c.required
                              ? [
                                  { required: true, whitespace: true, message: t("publicGov.admin.operator.required") },
                                  { min: 2, transform: (s?: string) => s?.trim(), message: t("publicGov.admin.operator.tooShort", { min: 2 }) },
                                ]
                              : []),
                            tooLong(c.max),
                            ...(c.url ? [{ pattern: /^https?:\/\/\S+$/i, message: t("publicGov.admin.operator.urlInvalid") }] : []),
                          ]}
                        >
                          <Input placeholder={c.placeholder ?? c.label} data-testid={`${testId}-${i}-${c.name}`} />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </Col>
                <Col flex="none" style={{ paddingTop: i === 0 ? 30 : 0 }}>
                  <Tooltip title={t("publicGov.admin.operator.remove")}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("publicGov.admin.operator.remove")} />
                  </Tooltip>
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid={`${testId}-add`}>
              {addLabel}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

function OperatorForm({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Profile>();
  const [error, setError] = useState<unknown>(null);

  const save = async (p: Profile) => {
    setError(null);
    try {
      const saved = await api<Operator>("/admin/operator", { method: "PUT", body: clean(p) });
      queryClient.setQueryData(OPERATOR_KEY, saved);
      form.setFieldsValue(saved);
      message.success(t("publicGov.admin.operator.saved"));
    } catch (e) {
      setError(e);
    }
  };

  const submit = async () => {
    const values = await form.validateFields();
    modal.confirm({
      title: t("publicGov.admin.operator.confirmTitle"),
      content: t("publicGov.admin.operator.confirmText"),
      okText: t("publicGov.admin.operator.save"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "operator-confirm" } as React.ComponentProps<typeof Button>,
      onOk: () => save(values),
    });
  };

  const o = (k: keyof (typeof zh)["publicGov"]["admin"]["operator"]) => t(`publicGov.admin.operator.${k}`);
  return (
    <Form<Profile> form={form} layout="vertical" requiredMark={false} initialValues={operator} scrollToFirstError data-testid="operator-form">
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <Card title={o("company")}>
          <Row gutter={12}>
            <Col xs={24} md={14}>
              <Form.Item
                name="companyName"
                label={o("companyName")}
                rules={[
                  { required: true, whitespace: true, message: o("companyRequired") },
                  { min: 2, transform: (s?: string) => s?.trim(), message: t("publicGov.admin.operator.tooShort", { min: 2 }) },
                  tooLong(100),
                ]}
              >
                <Input data-testid="operator-company" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name={["contact", "address"]} label={o("address")} rules={[tooLong(200)]}>
                <Input data-testid="operator-address" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <RowsCard
          title={o("licences")}
          list="licences"
          testId="licence"
          addLabel={o("addLicence")}
          columns={[
            { name: "name", label: o("licenceName"), span: 9, required: true, max: 60, placeholder: o("licenceNamePlaceholder") },
            { name: "number", label: o("number"), span: 7, required: true, max: 60 },
            { name: "issuer", label: o("issuer"), span: 8, max: 100 },
          ]}
        />
        <RowsCard
          title={o("filings")}
          list="filings"
          testId="filing"
          addLabel={o("addFiling")}
          columns={[
            { name: "name", label: o("filingName"), span: 7, required: true, max: 60, placeholder: o("filingNamePlaceholder") },
            { name: "number", label: o("number"), span: 8, required: true, max: 60 },
            { name: "url", label: o("url"), span: 9, max: 300, url: true, placeholder: "https://beian.miit.gov.cn/" },
          ]}
        />
        <Card title={o("contact")}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name={["contact", "phone"]} label={o("phone")} rules={[tooLong(30)]}>
                <Input data-testid="operator-phone" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={["contact", "email"]} label={o("email")} rules={[{ type: "email", message: o("emailInvalid") }]}>
                <Input data-testid="operator-email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={["contact", "hours"]} label={o("hours")} rules={[tooLong(100)]}>
                <Input placeholder={o("hoursPlaceholder")} data-testid="operator-hours" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <RowsCard
          title={o("complaints")}
          list="complaintChannels"
          testId="channel"
          addLabel={o("addChannel")}
          columns={[
            { name: "name", label: o("channelName"), span: 8, required: true, max: 60 },
            { name: "contact", label: o("channelContact"), span: 10, required: true, max: 200 },
            { name: "hours", label: o("hours"), span: 6, max: 100, placeholder: o("hoursPlaceholder") },
          ]}
        />
        {error ? <Alert type="error" showIcon title={govErrorText(error)} data-testid="operator-error" /> : null}
        <Flex justify="flex-end">
          <Button type="primary" icon={<SaveOutlined />} onClick={() => void submit().catch(() => undefined)} data-testid="operator-save">
            {o("save")}
          </Button>
        </Flex>
      </Space>
    </Form>
  );
}

/** /admin/operator: the operator's public particulars (G2), shown in the storefront footer and on /about. */
export function OperatorPage() {
  const { t } = useTranslation();
  const operator = useOperator();
  return (
    <div data-testid="admin-operator" style={{ maxWidth: 1100 }}>
      <PageHeader title={t("publicGov.admin.operator.title")}>
        <Link to="/about" target="_blank">
          <Button icon={<ExportOutlined />}>{t("publicGov.admin.operator.viewPublic")}</Button>
        </Link>
      </PageHeader>
      <Typography.Paragraph type="secondary">
        {t("publicGov.admin.operator.intro")}{" "}
        {operator.data ? (
          <Typography.Text type="secondary" data-testid="operator-updated">
            {operator.data.updatedAt ? t("publicGov.admin.operator.updatedAt", { at: formatDateTime(operator.data.updatedAt) }) : t("publicGov.admin.operator.neverSaved")}
          </Typography.Text>
        ) : null}
      </Typography.Paragraph>
      {operator.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : operator.isError ? (
        <ErrorAlert error={operator.error} />
      ) : (
        <OperatorForm operator={operator.data} />
      )}
    </div>
  );
}
