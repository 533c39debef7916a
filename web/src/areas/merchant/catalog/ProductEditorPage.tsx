import { useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Card, Cascader, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Result, Row, Select, Skeleton, Space, Tabs, Tag, Timeline, Typography } from "antd";
import type { FormInstance } from "antd";
import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import { api, isApiError, validationIssues } from "../../../api";
import { pick } from "../../../i18n";
import { formatDateTime } from "../../../components/format";
import { Markdown } from "../../../components/Markdown";
import { docKindName } from "../../../components/onboarding";
import {
  bpsText,
  catalogErrorText,
  CatalogErrorAlert,
  decisionReason,
  delistKindName,
  FindingList,
  findingText,
  flattenCategories,
  KeyChangeTags,
  ProductStatusTag,
  VersionStatusTag,
} from "./labels";
import { useCategories } from "../../shop/catalog/queries";
import { ImageUploader } from "./ImageUploader";
import { PRODUCTS_KEY, productKey, useProduct } from "./ProductsPage";
import { rowsToSkus, SkuEditor, skusToRows } from "./SkuEditor";
import type { SkuRow } from "./SkuEditor";
import type { AttributeDef, Category, CategoryNode, Finding, Product, ProductContent } from "../../../types/catalog";
import { SupplierSelect } from "../suppliers/SupplierSelect";

interface EditorValues {
  categoryPath?: string[];
  title?: string;
  images?: string[];
  attributes?: Record<string, string | number | Dayjs | null | undefined>;
  productionDate?: Dayjs | null;
  shelfLifeDays?: number | null;
  material?: string;
  functions?: string;
  usage?: string;
  origin?: string;
  afterSales?: string;
  description?: string;
  optionNames?: string[];
  skus?: SkuRow[];
  supplierId?: string | null;
}

/** What happened at the last submission, shown until the page is left. */
type Outcome = { kind: "live" } | { kind: "review"; keyChanges: string[]; warnings: number; revision: boolean };

/** The fields the server needs for any save; the rest are checked when submitting. */
const SAVE_FIELDS = ["categoryPath", "title", "description", "origin", "afterSales", "skus"];
const DAY = "YYYY-MM-DD";

function toForm(c: ProductContent, byId: Map<string, CategoryNode>): EditorValues {
  const category = byId.get(c.categoryId);
  const defs = category?.attributes ?? [];
  const attributes: EditorValues["attributes"] = {};
  for (const [k, v] of Object.entries(c.attributes)) {
    const def = defs.find((d) => d.key === k);
    attributes[k] = def?.type === "date" && typeof v === "string" && dayjs(v).isValid() ? dayjs(v) : v;
  }
  return {
    categoryPath: category ? category.path.map((p) => p.id) : undefined,
    title: c.title,
    images: c.images,
    attributes,
    productionDate: c.productionDate ? dayjs(c.productionDate) : null,
    shelfLifeDays: c.shelfLifeDays,
    material: c.material ?? "",
    functions: c.functions ?? "",
    usage: c.usage ?? "",
    origin: c.origin,
    afterSales: c.afterSales,
    description: c.description,
    supplierId: c.supplierId ?? null,
    ...skusToRows(c.skus),
  };
}

function toContent(v: EditorValues, category: Category | undefined): ProductContent {
  const attributes: ProductContent["attributes"] = {};
  // Only what the chosen category asks for: values of a previously chosen one are dropped.
  for (const d of category?.attributes ?? []) {
    const x = v.attributes?.[d.key];
    if (x === undefined || x === null || x === "") continue;
    if (dayjs.isDayjs(x)) attributes[d.key] = x.format(DAY);
    else if (typeof x === "string") {
      if (x.trim()) attributes[d.key] = x.trim();
    } else attributes[d.key] = x;
  }
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  return {
    title: (v.title ?? "").trim(),
    categoryId: v.categoryPath?.[v.categoryPath.length - 1] ?? "",
    description: v.description ?? "",
    attributes,
    material: text(v.material),
    functions: text(v.functions),
    usage: text(v.usage),
    afterSales: (v.afterSales ?? "").trim(),
    origin: (v.origin ?? "").trim(),
    productionDate: v.productionDate ? v.productionDate.format(DAY) : null,
    shelfLifeDays: v.shelfLifeDays ?? null,
    images: v.images ?? [],
    skus: rowsToSkus(v.optionNames, v.skus),
    supplierId: v.supplierId ?? null,
  };
}

/** A finding's or a server issue's field as the form's field name. */
function formField(field: string): (string | number)[] | null {
  const parts = field.split(".");
  if (parts[0] === "categoryId") return ["categoryPath"];
  if (parts[0] === "attributes" && parts[1]) return ["attributes", parts[1]];
  if (parts[0] === "skus" && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const col = parts[2] === "priceFen" ? "price" : parts[2] === "barcode" || parts[2] === "weightGrams" ? parts[2] : "code";
    return ["skus", Number(parts[1]), col];
  }
  if (["title", "description", "material", "functions", "usage", "afterSales", "origin", "productionDate", "shelfLifeDays", "images", "skus"].includes(parts[0]!)) return [parts[0]!];
  return null;
}

const emptyValues = (): EditorValues => ({ images: [], attributes: {}, optionNames: [], skus: [{ values: [] }], description: "" });

/** Create or edit a product (P2) and submit it to pre-screening and review (P3). */
export function ProductEditorPage() {
  const { id } = useParams();
  // A fresh editor for each product: /new turns into /<id> after the first save.
  return <Editor key={id ?? "new"} id={id} />;
}

function Editor({ id }: { id: string | undefined }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditorValues>();
  const categories = useCategories();
  const product = useProduct(id);
  const byId = useMemo(() => flattenCategories(categories.data ?? []), [categories.data]);
  const [initial, setInitial] = useState<EditorValues | null>(null);
  const [busy, setBusy] = useState<"save" | "submit" | null>(null);
  const [error, setError] = useState<unknown>(null);
  // What the last submission on /new said, carried over to /<id>.
  const carried = location.state as { outcome?: Outcome; findings?: Finding[] } | null;
  const [findings, setFindings] = useState<Finding[]>(carried?.findings ?? []);
  const [outcome, setOutcome] = useState<Outcome | null>(carried?.outcome ?? null);
  const path = Form.useWatch("categoryPath", form);
  const description = Form.useWatch("description", form) ?? "";
  const category = path?.length ? byId.get(path[path.length - 1]!) : undefined;

  const p = product.data;
  const working = p?.working ?? null;
  const underReview = working?.status === "pending_review";
  const content = working?.content ?? p?.live?.content;

  // The form is filled once, when the product and the tree have arrived.
  useEffect(() => {
    if (initial || !categories.data || (id && !p)) return;
    setInitial(content ? toForm(content, byId) : emptyValues());
    // The findings of the last submission attempt (kept on the draft until it changes).
    if (working?.status === "draft" && working.findings.length && !carried?.findings) setFindings(working.findings);
  }, [initial, categories.data, id, p, content, byId, working, carried]);
  const ready = initial !== null;
  // Read once: a reload must not show the last submission's result again.
  useEffect(() => {
    if (carried) navigate(location.pathname, { replace: true, state: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Each finding marks its field; editing the field clears the mark.
  useEffect(() => {
    if (!ready) return;
    const marks = new Map<string, { name: (string | number)[]; errors: string[]; warnings: string[] }>();
    for (const f of findings) {
      const name = formField(f.field);
      if (!name) continue;
      const key = name.join(".");
      const entry = marks.get(key) ?? { name, errors: [], warnings: [] };
      (f.severity === "block" ? entry.errors : entry.warnings).push(findingText(f, category).text);
      marks.set(key, entry);
    }
    form.setFields([...marks.values()] as Parameters<FormInstance<EditorValues>["setFields"]>[0]);
    // Only when the findings change: the category is read for the attribute names.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [findings, ready, form]);

  const back = (
    <Link to="/merchant/products" data-testid="back-to-products">
      <ArrowLeftOutlined /> {t("catalogAdmin.editor.back")}
    </Link>
  );

  if (categories.isError || product.isError) {
    const e = product.error ?? categories.error;
    return (
      <div data-testid="product-editor">
        <div style={{ marginBottom: 12 }}>{back}</div>
        {isApiError(e) && e.code === "PRODUCT_NOT_FOUND" ? <Result status="404" title={catalogErrorText(e)} /> : <CatalogErrorAlert error={e} />}
      </div>
    );
  }
  if (!ready) {
    return (
      <div data-testid="product-editor">
        <div style={{ marginBottom: 12 }}>{back}</div>
        <Card>
          <Skeleton active paragraph={{ rows: 12 }} />
        </Card>
      </div>
    );
  }

  /** Puts the server's validation issues on the fields; false when some could not be placed. */
  const placeIssues = (e: unknown): boolean => {
    const issues = validationIssues(e);
    const field = isApiError(e) ? (e.details as { field?: unknown } | undefined)?.field : undefined;
    const placed = issues.flatMap((i) => {
      const name = formField(i.path.join("."));
      return name ? [{ name, errors: [i.message || catalogErrorText(e)] }] : [];
    });
    if (typeof field === "string" && formField(field)) placed.push({ name: formField(field)!, errors: [catalogErrorText(e)] });
    form.setFields(placed as Parameters<FormInstance<EditorValues>["setFields"]>[0]);
    return placed.length > 0 && placed.length >= issues.length;
  };

  const save = async (all: boolean): Promise<Product | null> => {
    try {
      await form.validateFields(all ? undefined : SAVE_FIELDS, { recursive: true });
    } catch {
      form.scrollToField((form.getFieldsError().find((f) => f.errors.length)?.name ?? ["title"]) as (string | number)[], { behavior: "smooth", block: "center" });
      return null;
    }
    const body = toContent(form.getFieldsValue(true) as EditorValues, category);
    try {
      const next = id
        ? await api<Product>(`/merchant/products/${encodeURIComponent(id)}`, { method: "PUT", body })
        : await api<Product>("/merchant/products", { method: "POST", body });
      queryClient.setQueryData(productKey(next.id), next);
      void queryClient.invalidateQueries({ queryKey: [...PRODUCTS_KEY, "list"] });
      return next;
    } catch (e) {
      if (!placeIssues(e)) setError(e);
      return null;
    }
  };

  const onSave = async () => {
    setError(null);
    setOutcome(null);
    setBusy("save");
    const next = await save(false);
    setBusy(null);
    if (!next) return;
    setFindings([]);
    message.success(t("catalogAdmin.editor.saved"));
    if (!id) navigate(`/merchant/products/${next.id}`, { replace: true });
  };

  const onSubmit = async () => {
    setError(null);
    setOutcome(null);
    setBusy("submit");
    const saved = await save(true);
    if (!saved) {
      setBusy(null);
      return;
    }
    let result: Outcome | null = null;
    let blocked: Finding[] | null = null;
    try {
      const next = await api<Product>(`/merchant/products/${encodeURIComponent(saved.id)}/submit`, { method: "POST" });
      queryClient.setQueryData(productKey(next.id), next);
      void queryClient.invalidateQueries({ queryKey: [...PRODUCTS_KEY, "list"] });
      setFindings([]);
      result = next.working
        ? { kind: "review", keyChanges: next.working.keyChanges, warnings: next.working.findings.filter((f) => f.severity === "warn").length, revision: !!next.live }
        : { kind: "live" };
      message.success(t(result.kind === "live" ? "catalogAdmin.editor.wentLive" : "catalogAdmin.editor.sentToReview", { title: next.title }));
    } catch (e) {
      if (isApiError(e) && e.code === "LISTING_BLOCKED") {
        blocked = ((e.details as { findings?: Finding[] } | undefined)?.findings ?? []) as Finding[];
        setFindings(blocked);
        // The draft now carries the findings too: read it again so that a reload shows them.
        void queryClient.invalidateQueries({ queryKey: productKey(saved.id) });
      } else setError(e);
    } finally {
      setBusy(null);
    }
    if (!id) navigate(`/merchant/products/${saved.id}`, { replace: true, state: { outcome: result ?? undefined, findings: blocked ?? undefined } });
    else setOutcome(result);
  };

  const scrollTo = (field: string) => {
    const name = formField(field);
    if (name) form.scrollToField(name, { behavior: "smooth", block: "center", focus: true });
  };

  const lastDecided = p ? [...p.history].reverse().find((h) => h.status !== "draft") : undefined;
  const rejection = p && lastDecided?.status === "rejected" && working?.status !== "pending_review" ? lastDecided : null;
  const blocking = findings.filter((f) => f.severity === "block");
  const warnings = findings.filter((f) => f.severity === "warn");
  const listed = p?.status === "listed";

  return (
    <div data-testid="product-editor" data-status={p?.status ?? "new"}>
      <div style={{ marginBottom: 12 }}>{back}</div>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space size={12} wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {p ? t("catalogAdmin.editor.editTitle") : t("catalogAdmin.editor.newTitle")}
          </Typography.Title>
          {p ? <ProductStatusTag status={p.status} /> : null}
          {p && p.live && (working?.status === "draft" || underReview) ? <Tag color="purple">{t("catalogAdmin.products.pendingChanges")}</Tag> : null}
        </Space>
      </Flex>

      {outcome ? <OutcomeAlert outcome={outcome} /> : null}
      {listed && !underReview ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("catalogAdmin.editor.listedNotice")} description={t("catalogAdmin.editor.listedNoticeText")} data-testid="listed-notice" />
      ) : null}
      {underReview && outcome?.kind !== "review" ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("catalogAdmin.editor.underReview", { at: formatDateTime(working.submittedAt) })}
          description={listed ? t("catalogAdmin.editor.underReviewListed") : t("catalogAdmin.editor.underReviewText")}
          data-testid="under-review-notice"
        />
      ) : null}
      {rejection ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("catalogAdmin.editor.rejected", { number: rejection.number, at: formatDateTime(rejection.decidedAt) })}
          description={
            <>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }} strong data-testid="rejection-reason">
                {rejection.reason}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t("catalogAdmin.editor.rejectedHint")}
              </Typography.Text>
            </>
          }
          data-testid="rejection-notice"
        />
      ) : null}
      {p?.status === "delisted" ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("catalogAdmin.editor.delisted", { kind: delistKindName(p.delistKind ?? "merchant"), at: formatDateTime(p.delistedAt) })}
          description={
            <>
              <div>{t("catalogAdmin.editor.delistReason", { reason: p.delistReason ?? "—" })}</div>
              {p.relistNeedsReview ? <div>{t("catalogAdmin.editor.relistNeedsReview")}</div> : null}
            </>
          }
          data-testid="delisted-notice"
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Form<EditorValues> form={form} layout="vertical" initialValues={initial ?? undefined} disabled={underReview} data-testid="product-form">
            <Card title={t("catalogAdmin.editor.basics")} style={{ marginBottom: 16 }}>
              <Form.Item name="categoryPath" label={t("catalogAdmin.fields.categoryId")} rules={[{ required: true, message: t("catalogAdmin.editor.categoryRequired") }]}>
                <Cascader
                  options={cascaderOptions(categories.data ?? [], i18n.language)}
                  placeholder={t("catalogAdmin.editor.categoryPlaceholder")}
                  showSearch
                  style={{ width: "100%", maxWidth: 420 }}
                  data-testid="category-cascader"
                />
              </Form.Item>
              {category ? <CategoryHints category={category} /> : null}
              <Form.Item
                name="title"
                label={t("catalogAdmin.fields.title")}
                rules={[
                  { required: true, whitespace: true, message: t("catalogAdmin.editor.titleRequired") },
                  { min: 4, message: t("catalogAdmin.editor.titleLength") },
                  { max: 60, message: t("catalogAdmin.editor.titleLength") },
                ]}
                extra={t("catalogAdmin.editor.titleHint")}
              >
                <Input showCount maxLength={60} placeholder={t("catalogAdmin.editor.titlePlaceholder")} data-testid="product-title-input" />
              </Form.Item>
              <Form.Item name="supplierId" label={t("supplierUi.editor.supplier")} extra={t("supplierUi.editor.supplierExtra")}>
                <SupplierSelect />
              </Form.Item>
            </Card>

            <Card title={t("catalogAdmin.fields.images")} style={{ marginBottom: 16 }}>
              <Form.Item name="images" style={{ marginBottom: 0 }}>
                <ImageUploader disabled={underReview} invalid={findings.some((f) => f.field === "images")} />
              </Form.Item>
            </Card>

            <Card title={t("catalogAdmin.editor.attributes")} style={{ marginBottom: 16 }}>
              {category ? (
                <AttributeFields category={category} form={form} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("catalogAdmin.editor.chooseCategoryFirst")} />
              )}
            </Card>

            <Card title={t("catalogAdmin.editor.details")} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="origin"
                    label={t("catalogAdmin.fields.origin")}
                    rules={[
                      { required: true, whitespace: true, message: t("catalogAdmin.editor.originRequired") },
                      { min: 2, message: t("catalogAdmin.editor.originRequired") },
                      { max: 100, message: t("catalogAdmin.tooLong", { max: 100 }) },
                    ]}
                  >
                    <Input maxLength={100} placeholder={t("catalogAdmin.editor.originPlaceholder")} data-testid="product-origin" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="material" label={t("catalogAdmin.fields.material")} rules={[{ max: 200, message: t("catalogAdmin.tooLong", { max: 200 }) }]}>
                    <Input maxLength={200} placeholder={t("catalogAdmin.sku.optional")} data-testid="product-material" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="functions" label={t("catalogAdmin.fields.functions")} rules={[{ max: 500, message: t("catalogAdmin.tooLong", { max: 500 }) }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder={t("catalogAdmin.sku.optional")} data-testid="product-functions" />
              </Form.Item>
              <Form.Item name="usage" label={t("catalogAdmin.fields.usage")} rules={[{ max: 1000, message: t("catalogAdmin.tooLong", { max: 1000 }) }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={1000} placeholder={t("catalogAdmin.sku.optional")} data-testid="product-usage" />
              </Form.Item>
              <Form.Item
                name="afterSales"
                label={t("catalogAdmin.fields.afterSales")}
                rules={[
                  { required: true, whitespace: true, message: t("catalogAdmin.editor.afterSalesRequired") },
                  { min: 4, message: t("catalogAdmin.editor.afterSalesRequired") },
                  { max: 2000, message: t("catalogAdmin.tooLong", { max: 2000 }) },
                ]}
                extra={category ? t(category.returnEligible ? "catalogAdmin.editor.afterSalesReturn" : "catalogAdmin.editor.afterSalesNoReturn") : undefined}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={t("catalogAdmin.editor.afterSalesPlaceholder")} data-testid="product-after-sales" />
              </Form.Item>
            </Card>

            <Card title={t("catalogAdmin.fields.description")} style={{ marginBottom: 16 }}>
              <Tabs
                size="small"
                items={[
                  {
                    key: "write",
                    label: t("catalogAdmin.editor.write"),
                    forceRender: true,
                    children: (
                      <Form.Item
                        name="description"
                        style={{ marginBottom: 0 }}
                        rules={[
                          { required: true, whitespace: true, message: t("catalogAdmin.editor.descriptionRequired") },
                          { max: 20_000, message: t("catalogAdmin.tooLong", { max: 20_000 }) },
                        ]}
                        extra={t("catalogAdmin.editor.markdownHint")}
                      >
                        <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} maxLength={20_000} placeholder={t("catalogAdmin.editor.descriptionPlaceholder")} data-testid="product-description" />
                      </Form.Item>
                    ),
                  },
                  {
                    key: "preview",
                    label: <span data-testid="description-preview-tab">{t("catalogAdmin.editor.preview")}</span>,
                    children: description.trim() ? (
                      <div style={{ border: "1px solid #f0f0f0", borderRadius: 8, padding: 16, minHeight: 120 }}>
                        <Markdown text={description} testId="description-preview" />
                      </div>
                    ) : (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("catalogAdmin.editor.previewEmpty")} />
                    ),
                  },
                ]}
              />
            </Card>

            <Card title={t("catalogAdmin.fields.skus")}>
              <SkuEditor form={form} disabled={underReview} />
            </Card>
          </Form>
        </Col>

        <Col xs={24} xl={8}>
          <div style={{ position: "sticky", top: 80 }}>
            <Card title={t("catalogAdmin.editor.submission")} style={{ marginBottom: 16 }} data-testid="submission-card">
              {underReview ? (
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {t("catalogAdmin.editor.lockedWhileReview")}
                </Typography.Paragraph>
              ) : (
                <>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                    {listed ? t("catalogAdmin.editor.submitHintListed") : t("catalogAdmin.editor.submitHint")}
                  </Typography.Paragraph>
                  <Flex gap={8} wrap>
                    <Button icon={<SaveOutlined />} loading={busy === "save"} disabled={busy === "submit"} onClick={() => void onSave()} data-testid="product-save">
                      {t("catalogAdmin.editor.save")}
                    </Button>
                    <Button type="primary" icon={<SendOutlined />} loading={busy === "submit"} disabled={busy === "save"} onClick={() => void onSubmit()} data-testid="product-submit">
                      {t("catalogAdmin.editor.submit")}
                    </Button>
                  </Flex>
                </>
              )}
              <CatalogErrorAlert error={error} style={{ marginTop: 16 }} />
              {blocking.length ? (
                <Alert
                  type="error"
                  style={{ marginTop: 16 }}
                  title={t("catalogAdmin.editor.blocked", { count: blocking.length })}
                  description={<FindingList findings={blocking} category={category} onField={scrollTo} testId="blocking-findings" />}
                  data-testid="blocking-panel"
                />
              ) : null}
              {warnings.length ? (
                <Alert
                  type="warning"
                  style={{ marginTop: 16 }}
                  title={t("catalogAdmin.editor.warned", { count: warnings.length })}
                  description={<FindingList findings={warnings} category={category} onField={scrollTo} testId="warning-findings" />}
                />
              ) : null}
            </Card>
            {p ? <VersionHistory product={p} /> : null}
          </div>
        </Col>
      </Row>
    </div>
  );
}

function cascaderOptions(nodes: CategoryNode[], lng: string): { value: string; label: string; children?: ReturnType<typeof cascaderOptions> }[] {
  return nodes.map((n) => ({ value: n.id, label: pick(n.name, lng), children: n.children.length ? cascaderOptions(n.children, lng) : undefined }));
}

/** What the chosen category means for the product: return rule, commission, permits, dates. */
function CategoryHints({ category: c }: { category: Category }) {
  const { t } = useTranslation();
  return (
    <div style={{ background: "#fafafa", border: "1px solid #f0f0f0", borderRadius: 8, padding: "8px 12px", marginBottom: 16 }} data-testid="category-hints">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: "nowrap" } }}>
        <Descriptions.Item label={t("catalogAdmin.category.returnEligible")}>
          <Tag color={c.returnEligible ? "green" : "default"} data-testid="hint-return">
            {c.returnEligible ? t("catalogAdmin.category.returnYes") : t("catalogAdmin.category.returnNo")}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("catalogAdmin.category.commission")}>
          <span data-testid="hint-commission">{bpsText(c.commissionBps)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("catalogAdmin.category.permits")}>
          {c.requiredPermits.length ? (
            <Flex gap={4} wrap>
              {c.requiredPermits.map((k) => (
                <Tag key={k} color="blue" style={{ marginInlineEnd: 0 }}>
                  {docKindName(k)}
                </Tag>
              ))}
            </Flex>
          ) : (
            t("common.none")
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("catalogAdmin.category.dates")}>
          {c.requiresProductionDate || c.requiresShelfLife ? t("catalogAdmin.category.datesRequired") : t("catalogAdmin.category.datesNotRequired")}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

/** The category's attributes as fields of their type, then the dates the category asks for. */
function AttributeFields({ category, form }: { category: Category; form: FormInstance<EditorValues> }) {
  const { t } = useTranslation();
  const hasDate = Form.useWatch("productionDate", form);
  const hasShelfLife = Form.useWatch("shelfLifeDays", form);
  const showDate = category.requiresProductionDate || !!hasDate;
  const showShelfLife = category.requiresShelfLife || !!hasShelfLife;
  if (category.attributes.length === 0 && !showDate && !showShelfLife) {
    return <Typography.Text type="secondary">{t("catalogAdmin.editor.noAttributes")}</Typography.Text>;
  }
  return (
    <Row gutter={16}>
      {category.attributes.map((d) => (
        <Col xs={24} md={12} key={d.key}>
          <Form.Item
            name={["attributes", d.key]}
            label={pick(d.name)}
            rules={d.required ? [{ required: true, message: t("catalogAdmin.editor.attributeRequired", { name: pick(d.name) }) }] : []}
          >
            {attributeInput(d, t("catalogAdmin.sku.optional"))}
          </Form.Item>
        </Col>
      ))}
      {showDate ? (
        <Col xs={24} md={12}>
          <Form.Item
            name="productionDate"
            label={t("catalogAdmin.fields.productionDate")}
            rules={category.requiresProductionDate ? [{ required: true, message: t("catalogAdmin.editor.productionDateRequired") }] : []}
          >
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} data-testid="production-date" />
          </Form.Item>
        </Col>
      ) : null}
      {showShelfLife ? (
        <Col xs={24} md={12}>
          <Form.Item
            name="shelfLifeDays"
            label={t("catalogAdmin.fields.shelfLifeDays")}
            rules={category.requiresShelfLife ? [{ required: true, message: t("catalogAdmin.editor.shelfLifeRequired") }] : []}
          >
            <InputNumber<number> min={1} max={3650} precision={0} suffix={t("units.daysUnit")} style={{ width: "100%" }} data-testid="shelf-life" />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
}

function attributeInput(d: AttributeDef, optional: string) {
  const testId = `attr-${d.key}`;
  switch (d.type) {
    case "number":
      return <InputNumber<number> suffix={d.unit} style={{ width: "100%" }} placeholder={d.required ? undefined : optional} data-testid={testId} />;
    case "enum":
      return <Select allowClear placeholder={d.required ? undefined : optional} options={(d.options ?? []).map((o) => ({ value: o, label: o }))} data-testid={testId} />;
    case "date":
      return <DatePicker style={{ width: "100%" }} data-testid={testId} />;
    default:
      return <Input maxLength={200} placeholder={d.required ? undefined : optional} data-testid={testId} />;
  }
}

function OutcomeAlert({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if (outcome.kind === "live") {
    return <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t("catalogAdmin.editor.outcomeLive")} description={t("catalogAdmin.editor.outcomeLiveText")} data-testid="submit-outcome" data-outcome="live" />;
  }
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      title={t(outcome.revision ? "catalogAdmin.editor.outcomeRevision" : "catalogAdmin.editor.outcomeReview")}
      description={
        <Space orientation="vertical" size={4}>
          {outcome.revision ? <span>{t("catalogAdmin.editor.outcomeRevisionText")}</span> : <span>{t("catalogAdmin.editor.outcomeReviewText")}</span>}
          {outcome.keyChanges.length ? (
            <Flex gap={6} align="center" wrap>
              <span>{t("catalogAdmin.review.keyChanges")}</span>
              <KeyChangeTags changes={outcome.keyChanges} />
            </Flex>
          ) : null}
          {outcome.warnings ? <span>{t("catalogAdmin.editor.outcomeWarnings", { count: outcome.warnings })}</span> : null}
        </Space>
      }
      data-testid="submit-outcome"
      data-outcome="review"
    />
  );
}

/** The product's versions, newest first: what was submitted, decided, and why. */
function VersionHistory({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  const entries = [...p.history].reverse();
  return (
    <Card title={t("catalogAdmin.editor.history")} data-testid="version-history">
      <Timeline
        items={entries.map((h) => ({
          key: h.number,
          color: h.status === "approved" ? "green" : h.status === "rejected" ? "red" : h.status === "pending_review" ? "blue" : "gray",
          content: (
            <div data-testid={`history-v${h.number}`}>
              <Space size={6} wrap>
                <Typography.Text strong>{t("catalogAdmin.editor.version", { number: h.number })}</Typography.Text>
                <VersionStatusTag status={h.status} />
                {p.live?.number === h.number ? <Tag color="green">{t("catalogAdmin.editor.onSale")}</Tag> : null}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[
                    h.submittedAt ? t("catalogAdmin.editor.submittedAt", { at: formatDateTime(h.submittedAt) }) : null,
                    h.decidedAt ? t("catalogAdmin.editor.decidedAt", { at: formatDateTime(h.decidedAt), by: h.decidedBy ?? "—" }) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ") || t("catalogAdmin.editor.notSubmitted")}
                </Typography.Text>
              </div>
              {h.keyChanges.length ? (
                <div style={{ marginTop: 4 }}>
                  <KeyChangeTags changes={h.keyChanges} />
                </div>
              ) : null}
              {h.reason ? (
                <Typography.Paragraph type={h.status === "rejected" ? "danger" : "secondary"} style={{ margin: "4px 0 0", fontSize: 13, whiteSpace: "pre-wrap" }}>
                  {t("catalogAdmin.editor.reason", { reason: decisionReason(h.reason) })}
                </Typography.Paragraph>
              ) : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

