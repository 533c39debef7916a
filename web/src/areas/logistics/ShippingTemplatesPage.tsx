import { useEffect, useRef, useState } from "react";
import { Alert, App, Breadcrumb, Button, Card, Checkbox, Col, Descriptions, Empty, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Skeleton, Space, Switch, Tag, Typography } from "antd";
import { DeleteOutlined, EditOutlined, PlusOutlined, StarOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes, useNavigate, useParams } from "react-router-dom";
import { api, isApiError } from "../../api";
import { formatDateTime, formatFen } from "../../components/format";
import { NotFound } from "../../components/Forbidden";
import { PageHeader } from "../../components/PageHeader";
import {
  LogisticsErrorAlert, logisticsErrorText, priceText, ProvinceSelect, templatesKey, useProvinceNames, useProvinces, YuanInput,
  type Quote, type ShippingRules, type ShippingTemplate,
} from "./kit";

const ROUTE = "/merchant/orders/shipping";

interface TemplateList {
  items: ShippingTemplate[];
  platformDefault: ShippingRules;
  limit: number;
}

const useTemplates = () => useQuery({ queryKey: templatesKey, queryFn: () => api<TemplateList>("/merchant/shipping-templates") });

/** The shop's shipping templates (L2): the default one is what checkout charges. */
export function ShippingTemplatesPage(_props: Record<string, never>) {
  return (
    <Routes>
      <Route index element={<TemplateListPage />} />
      <Route path="new" element={<TemplateEditor />} />
      <Route path=":id" element={<TemplateEditor />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function RulesSummary({ rules, testId }: { rules: ShippingRules; testId?: string }) {
  const { t } = useTranslation();
  const names = useProvinceNames();
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid={testId}
      styles={{ label: { width: 140 } }}
      items={[
        ...rules.regions.map((r, i) => ({ key: `r${i}`, label: r.provinces.length ? names(r.provinces) : t("logistics.common.elsewhere"), children: <span data-testid={`region-${i}`}>{priceText(r)}</span> })),
        {
          key: "free",
          label: t("logistics.templates.freeOver"),
          children: <span data-testid="free-over">{rules.freeOverFen === null ? t("logistics.templates.noFree") : t("logistics.templates.freeOverText", { amount: formatFen(rules.freeOverFen) })}</span>,
        },
        { key: "excluded", label: t("logistics.templates.excluded"), children: rules.excluded.length ? names(rules.excluded) : t("common.none") },
      ]}
    />
  );
}

function TemplateListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useTemplates();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const items = list.data?.items ?? [];
  const act = async (id: string, run: () => Promise<string>) => {
    setBusy(id);
    setError(null);
    try {
      message.success(await run());
      await queryClient.invalidateQueries({ queryKey: templatesKey });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const makeDefault = (tpl: ShippingTemplate) =>
    act(tpl.id, async () => {
      await api(`/merchant/shipping-templates/${tpl.id}/default`, { method: "POST" });
      return t("logistics.templates.madeDefault", { name: tpl.name });
    });
  const remove = (tpl: ShippingTemplate) =>
    act(tpl.id, async () => {
      const r = await api<{ newDefault: ShippingTemplate | null }>(`/merchant/shipping-templates/${tpl.id}`, { method: "DELETE" });
      return r.newDefault ? t("logistics.templates.deletedNewDefault", { name: tpl.name, next: r.newDefault.name }) : t("logistics.templates.deleted", { name: tpl.name });
    });
  const add = (
    <Link to={`${ROUTE}/new`}>
      <Button type="primary" icon={<PlusOutlined />} disabled={!!list.data && items.length >= list.data.limit} data-testid="template-new">
        {t("logistics.templates.add")}
      </Button>
    </Link>
  );
  return (
    <div data-testid="templates-page">
      <PageHeader title={t("logistics.templates.title")}>{add}</PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t("logistics.templates.intro")}</Typography.Paragraph>
      <LogisticsErrorAlert error={list.error ?? error} style={{ marginBottom: 12 }} />
      {list.isPending ? <Skeleton active /> : null}
      {list.data && !items.length ? (
        <Card data-testid="templates-empty">
          <Alert type="info" showIcon title={t("logistics.templates.emptyTitle")} description={t("logistics.templates.emptyText")} style={{ marginBottom: 16 }} />
          <RulesSummary rules={list.data.platformDefault} testId="platform-default" />
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        {items.map((tpl) => (
          <Col key={tpl.id} xs={24} lg={12}>
            <Card
              data-testid={`template-card-${tpl.name}`}
              data-default={tpl.isDefault}
              title={
                <Flex align="center" gap={8}>
                  <span>{tpl.name}</span>
                  {tpl.isDefault ? <Tag color="orange" data-testid="template-default">{t("logistics.templates.default")}</Tag> : null}
                </Flex>
              }
              extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("logistics.templates.updated", { at: formatDateTime(tpl.updatedAt) })}</Typography.Text>}
              actions={[
                <Link key="edit" to={`${ROUTE}/${tpl.id}`} data-testid="template-edit"><EditOutlined /> {t("logistics.templates.edit")}</Link>,
                tpl.isDefault ? (
                  <Typography.Text key="default" type="secondary">{t("logistics.templates.usedAtCheckout")}</Typography.Text>
                ) : (
                  <Button key="default" type="link" size="small" icon={<StarOutlined />} loading={busy === tpl.id} onClick={() => void makeDefault(tpl)} data-testid="template-make-default">
                    {t("logistics.templates.makeDefault")}
                  </Button>
                ),
                <Popconfirm
                  key="delete"
                  title={t("logistics.templates.deleteConfirm", { name: tpl.name })}
                  description={tpl.isDefault ? t("logistics.templates.deleteDefaultHint") : undefined}
                  okText={t("logistics.templates.delete")}
                  cancelText={t("common.cancel")}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(tpl)}
                  disabled={tpl.isDefault && items.length === 1}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled={tpl.isDefault && items.length === 1} title={tpl.isDefault && items.length === 1 ? t("logistics.templates.onlyDefault") : undefined} data-testid="template-delete">
                    {t("logistics.templates.delete")}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <RulesSummary rules={tpl.rules} />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}

interface EditorValues {
  name: string;
  regions: { provinces?: string[]; firstGrams: number; firstFen: number; extraGrams: number; extraFen: number }[];
  free: boolean;
  freeOverFen: number | null;
  excluded?: string[];
  isDefault?: boolean;
}

const toRules = (v: Partial<EditorValues>): ShippingRules => ({
  regions: (v.regions ?? []).map((r) => ({ provinces: r?.provinces ?? [], firstGrams: r?.firstGrams ?? 0, firstFen: r?.firstFen ?? 0, extraGrams: r?.extraGrams ?? 0, extraFen: r?.extraFen ?? 0 })),
  freeOverFen: v.free ? (v.freeOverFen ?? 0) : null,
  excluded: v.excluded ?? [],
});

const fromRules = (name: string, r: ShippingRules): EditorValues => ({
  name,
  regions: r.regions.map((g) => ({ ...g })),
  free: r.freeOverFen !== null,
  freeOverFen: r.freeOverFen,
  excluded: r.excluded,
});

// "regions.0.firstFen" from the server is ["regions", 0, "firstFen"] in the form.
function formField(path: string): (string | number)[] | null {
  const p = path.split(".");
  if (p[0] === "regions") return p.length >= 3 ? ["regions", Number(p[1]), p[2]!] : null;
  if (p[0] === "freeOverFen") return ["freeOverFen"];
  if (p[0] === "excluded" || p[0] === "name") return [p[0]];
  return null;
}

function TemplateEditor() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useTemplates();
  const [form] = Form.useForm<EditorValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const existing = id ? list.data?.items.find((x) => x.id === id) : undefined;
  const ready = !id || !!existing;
  // Filled once per template: a background refetch must not wipe what is being typed.
  const filled = useRef<string | null>(null);
  useEffect(() => {
    if (existing && filled.current !== existing.id) {
      filled.current = existing.id;
      form.setFieldsValue(fromRules(existing.name, existing.rules));
    }
  }, [existing, form]);

  const crumbs = (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[{ title: <Link to={ROUTE} data-testid="back-to-templates">{t("logistics.templates.title")}</Link> }, { title: existing?.name ?? t("logistics.templates.newTitle") }]}
    />
  );
  if (id && list.isPending) return <>{crumbs}<Skeleton active /></>;
  if (id && !existing) return <>{crumbs}{list.error ? <LogisticsErrorAlert error={list.error} /> : <NotFound />}</>;

  const submit = async (v: EditorValues) => {
    setSaving(true);
    setError(null);
    try {
      const rules = toRules(v);
      if (existing) await api(`/merchant/shipping-templates/${existing.id}`, { method: "PATCH", body: { name: v.name.trim(), rules } });
      else await api(`/merchant/shipping-templates`, { method: "POST", body: { name: v.name.trim(), rules, isDefault: !!v.isDefault } });
      await queryClient.invalidateQueries({ queryKey: templatesKey });
      message.success(t("logistics.templates.saved", { name: v.name.trim() }));
      navigate(ROUTE);
    } catch (e) {
      const field = isApiError(e) ? (e.details as { field?: unknown } | undefined)?.field : undefined;
      const name = typeof field === "string" ? formField(field) : null;
      if (name) form.setFields([{ name: name as never, errors: [logisticsErrorText(e)] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="template-editor">
      {crumbs}
      <PageHeader title={existing ? t("logistics.templates.editTitle", { name: existing.name }) : t("logistics.templates.newTitle")}>
        <Space>
          <Button onClick={() => navigate(ROUTE)}>{t("common.cancel")}</Button>
          <Button type="primary" loading={saving} disabled={!ready} onClick={() => form.submit()} data-testid="template-save">{t("common.save")}</Button>
        </Space>
      </PageHeader>
      <LogisticsErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Form<EditorValues>
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            data-testid="template-form"
            initialValues={{ name: "", regions: [{ provinces: [], firstGrams: 1000, firstFen: 800, extraGrams: 1000, extraFen: 400 }], free: false, freeOverFen: 9900, excluded: [], isDefault: false }}
          >
            <Card style={{ marginBottom: 16 }}>
              <Form.Item name="name" label={t("logistics.templates.name")} rules={[{ required: true, whitespace: true, message: t("logistics.templates.nameRequired") }]} style={{ maxWidth: 420 }}>
                <Input maxLength={60} data-testid="template-name" />
              </Form.Item>
              {!existing ? (
                <Form.Item name="isDefault" valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Checkbox data-testid="template-is-default">{t("logistics.templates.useAsDefault")}</Checkbox>
                </Form.Item>
              ) : null}
            </Card>
            <Card title={t("logistics.templates.regions")} style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>{t("logistics.templates.regionsHint")}</Typography.Paragraph>
              <Form.List name="regions">
                {(fields, { add, remove }) => (
                  <div data-testid="template-regions">
                    <Row gutter={8} style={{ marginBottom: 4 }}>
                      <Col flex="auto"><Typography.Text type="secondary">{t("logistics.templates.provinces")}</Typography.Text></Col>
                      {(["firstGrams", "firstFee", "extraGrams", "extraFee"] as const).map((k) => (
                        <Col key={k} flex="100px"><Typography.Text type="secondary">{t(`logistics.common.${k}`)}</Typography.Text></Col>
                      ))}
                      <Col flex="32px" />
                    </Row>
                    {fields.map((f, i) => (
                      <Row key={f.key} gutter={8} align="top" data-testid={`region-row-${i}`}>
                        <Col flex="auto" style={{ minWidth: 0 }}>
                          <Form.Item name={[f.name, "provinces"]} style={{ marginBottom: 8 }}>
                            <ProvinceSelect placeholder={t("logistics.common.elsewhere")} testId={`region-provinces-${i}`} />
                          </Form.Item>
                        </Col>
                        <Col flex="100px">
                          <Form.Item name={[f.name, "firstGrams"]} style={{ marginBottom: 8 }} rules={[{ required: true, message: t("logistics.templates.required") }]}>
                            <InputNumber<number> min={0} precision={0} suffix="g" style={{ width: "100%" }} data-testid={`region-first-grams-${i}`} />
                          </Form.Item>
                        </Col>
                        <Col flex="100px">
                          <Form.Item name={[f.name, "firstFen"]} style={{ marginBottom: 8 }} rules={[{ required: true, message: t("logistics.templates.required") }]}>
                            <YuanInput data-testid={`region-first-fen-${i}`} />
                          </Form.Item>
                        </Col>
                        <Col flex="100px">
                          <Form.Item name={[f.name, "extraGrams"]} style={{ marginBottom: 8 }} rules={[{ required: true, message: t("logistics.templates.required") }]}>
                            <InputNumber<number> min={0} precision={0} suffix="g" style={{ width: "100%" }} data-testid={`region-extra-grams-${i}`} />
                          </Form.Item>
                        </Col>
                        <Col flex="100px">
                          <Form.Item name={[f.name, "extraFen"]} style={{ marginBottom: 8 }} rules={[{ required: true, message: t("logistics.templates.required") }]}>
                            <YuanInput data-testid={`region-extra-fen-${i}`} />
                          </Form.Item>
                        </Col>
                        <Col flex="32px">
                          <Button type="text" icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(f.name)} aria-label={t("logistics.templates.removeRegion")} data-testid={`region-remove-${i}`} />
                        </Col>
                      </Row>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ provinces: [], firstGrams: 1000, firstFen: 1000, extraGrams: 1000, extraFen: 500 }, 0)} data-testid="region-add">
                      {t("logistics.templates.addRegion")}
                    </Button>
                  </div>
                )}
              </Form.List>
            </Card>
            <Card title={t("logistics.templates.freeAndExcluded")}>
              <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
                <Form.Item name="free" valuePropName="checked" noStyle>
                  <Switch data-testid="template-free" />
                </Form.Item>
                <Typography.Text>{t("logistics.templates.freeOverLabel")}</Typography.Text>
                <Form.Item noStyle shouldUpdate={(a, b) => a.free !== b.free}>
                  {({ getFieldValue }) => (
                    <Form.Item name="freeOverFen" noStyle>
                      <YuanInput disabled={!getFieldValue("free")} style={{ width: 160 }} data-testid="template-free-over" />
                    </Form.Item>
                  )}
                </Form.Item>
              </Flex>
              <Form.Item name="excluded" label={t("logistics.templates.excluded")} extra={t("logistics.templates.excludedHint")} style={{ marginBottom: 0 }}>
                <ProvinceSelect testId="template-excluded" />
              </Form.Item>
            </Card>
          </Form>
        </Col>
        <Col xs={24} xl={8}>
          <QuotePreview form={form} />
        </Col>
      </Row>
    </div>
  );
}

/** What a buyer would pay under the rules on screen, saved or not. */
function QuotePreview({ form }: { form: ReturnType<typeof Form.useForm<EditorValues>>[0] }) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const values = Form.useWatch([], form) as Partial<EditorValues> | undefined;
  const [province, setProvince] = useState("330000");
  const [weight, setWeight] = useState<number | null>(1500);
  const [items, setItems] = useState<number | null>(5000);
  const rules = toRules(values ?? {});
  const body = { provinceCode: province, weightGrams: weight ?? 0, itemsFen: items ?? 0, rules };
  // Each change asks again after a short pause, not at every keystroke.
  const [asked, setAsked] = useState(body);
  const key = JSON.stringify(body);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(JSON.parse(key) as typeof body), 300);
    return () => clearTimeout(timer);
  }, [key]);
  const quote = useQuery({
    queryKey: ["logistics", "quote", asked],
    queryFn: () => api<Quote>("/merchant/shipping-templates/quote", { method: "POST", body: asked }),
    enabled: !!values && asked.weightGrams > 0 && asked.rules.regions.length > 0,
    retry: false,
  });
  const q = quote.data;
  return (
    <Card title={t("logistics.quote.title")} data-testid="quote-preview" style={{ position: "sticky", top: 16 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>{t("logistics.quote.intro")}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label={t("logistics.quote.province")} style={{ marginBottom: 12 }}>
          <Select
            showSearch
            optionFilterProp="label"
            value={province}
            onChange={setProvince}
            loading={provinces.isPending}
            options={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
            data-testid="quote-province"
          />
        </Form.Item>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item label={t("logistics.quote.weight")} style={{ marginBottom: 12 }}>
              <InputNumber<number> min={1} precision={0} suffix="g" value={weight} onChange={setWeight} style={{ width: "100%" }} data-testid="quote-weight" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t("logistics.quote.items")} style={{ marginBottom: 12 }}>
              <YuanInput value={items} onChange={setItems} data-testid="quote-items" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {quote.error ? <Alert type="warning" showIcon title={logisticsErrorText(quote.error)} data-testid="quote-error" /> : null}
      {!quote.error && q ? (
        <div data-testid="quote-result" data-fen={q.shippingFen ?? ""} data-available={q.available}>
          {q.available ? (
            <>
              <Typography.Text type="secondary">{t("logistics.quote.shipping")}</Typography.Text>
              <div style={{ fontSize: 28, fontWeight: 600, color: q.shippingFen ? "#c2410c" : "#389e0d" }} data-testid="quote-fee">
                {q.shippingFen ? formatFen(q.shippingFen) : t("logistics.quote.free")}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {q.free ? t("logistics.quote.freeBecause") : t("logistics.quote.byRegion", { n: (q.regionIndex ?? 0) + 1 })}
                {" · "}
                {t("logistics.quote.total", { amount: formatFen(q.totalFen ?? 0) })}
              </Typography.Text>
            </>
          ) : (
            <Alert type="error" showIcon title={t("logistics.quote.notShipped")} data-testid="quote-not-shipped" />
          )}
        </div>
      ) : null}
      {!q && !quote.error && quote.isFetching ? <Skeleton active paragraph={{ rows: 1 }} /> : null}
      {!q && !quote.error && !quote.isFetching ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("logistics.quote.empty")} /> : null}
    </Card>
  );
}
