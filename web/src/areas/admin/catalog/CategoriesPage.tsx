import { useMemo, useState } from "react";
import { App, Button, Card, Col, Drawer, Empty, Flex, Form, Input, InputNumber, Radio, Row, Select, Skeleton, Space, Switch, Table, Tag, Tooltip, Typography } from "antd";
import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, isApiError, validationIssues } from "../../../api";
import { pick } from "../../../i18n";
import { useSession } from "../../../auth/session";
import { PageHeader } from "../../../components/PageHeader";
import { docKindName } from "../../../components/onboarding";
import { useOnboardingOptions } from "../../../components/onboardingQueries";
import { ADMIN_CATEGORIES_KEY, bpsText, catalogErrorText, CatalogErrorAlert, flattenCategories } from "../../merchant/catalog/labels";
import { CATEGORIES_KEY } from "../../shop/catalog/queries";
import type { AdminCategoryNode, AttributeDef, AttributeType } from "../../../types/catalog";

export const CATALOG_MANAGE = "catalog.manage";

/** The whole category tree, inactive categories too. */
export function useAdminCategories() {
  return useQuery({ queryKey: ADMIN_CATEGORIES_KEY, queryFn: () => api<{ items: AdminCategoryNode[] }>("/admin/categories").then((r) => r.items) });
}

type CategoryRow = Omit<AdminCategoryNode, "children"> & { children?: CategoryRow[] };
// antd's tree table shows an expand icon for any children array, even an empty one.
const rows = (nodes: AdminCategoryNode[]): CategoryRow[] => nodes.map((n) => ({ ...n, children: n.children.length ? rows(n.children) : undefined }));

type Tri = "inherit" | "yes" | "no";
const INHERITED = ["returnEligible", "requiresProductionDate", "requiresShelfLife"] as const;

interface AttributeRow {
  key?: string;
  nameZh?: string;
  nameEn?: string;
  type?: AttributeType;
  unit?: string;
  options?: string[];
  required?: boolean;
}

interface CategoryForm {
  key?: string;
  nameZh?: string;
  nameEn?: string;
  sort?: number;
  active?: boolean;
  returnEligible?: Tri;
  requiresProductionDate?: Tri;
  requiresShelfLife?: Tri;
  commissionMode?: "inherit" | "set";
  commissionPct?: number | null;
  attributes?: AttributeRow[];
  requiredPermits?: string[];
}

type Editing = { mode: "edit"; node: AdminCategoryNode } | { mode: "create"; parent: AdminCategoryNode };

/** The product categories with what each asks of products and merchants (P1). */
export function CategoriesPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const manage = can(CATALOG_MANAGE);
  const tree = useAdminCategories();
  const byId = useMemo(() => flattenCategories(tree.data ?? []), [tree.data]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const inheritMark = (own: boolean | number | null) =>
    own === null ? (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {" "}
        {t("catalogAdmin.category.inheritedMark")}
      </Typography.Text>
    ) : null;

  return (
    <div data-testid="admin-categories">
      <PageHeader title={t("catalogAdmin.category.title")} />
      <Typography.Paragraph type="secondary">{t("catalogAdmin.category.intro")}</Typography.Paragraph>
      <Card>
        {tree.isError ? <CatalogErrorAlert error={tree.error} style={{ marginBottom: 16 }} /> : null}
        {tree.data ? (
          <Table<CategoryRow>
            rowKey="id"
            dataSource={rows(tree.data)}
            pagination={false}
            size="middle"
            scroll={{ x: 1060 }}
            expandable={{ defaultExpandAllRows: true }}
            data-testid="category-tree"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("catalogAdmin.category.empty")} /> }}
            onRow={(r) => ({ "data-testid": `category-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t("catalogAdmin.category.name"),
                key: "name",
                width: 240,
                render: (_, r) => (
                  // Not wrapped: a wrapped name would fall below the tree's indent.
                  <Space size={6} style={{ whiteSpace: "nowrap" }}>
                    <Typography.Text strong>{pick(r.name, i18n.language)}</Typography.Text>
                    <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                      {r.key}
                    </Typography.Text>
                    {r.active ? null : <Tag>{t("catalogAdmin.category.inactive")}</Tag>}
                  </Space>
                ),
              },
              {
                title: t("catalogAdmin.category.commission"),
                dataIndex: "commissionBps",
                width: 100,
                render: (v: number, r) => (
                  <span data-testid="category-commission">
                    {bpsText(v)}
                    {inheritMark(r.own.commissionBps)}
                  </span>
                ),
              },
              {
                title: t("catalogAdmin.category.returnEligible"),
                dataIndex: "returnEligible",
                width: 130,
                render: (v: boolean, r) => (
                  <span>
                    <Tag color={v ? "green" : "default"}>{v ? t("catalogAdmin.category.returnYes") : t("catalogAdmin.category.returnNo")}</Tag>
                    {inheritMark(r.own.returnEligible)}
                  </span>
                ),
              },
              {
                title: t("catalogAdmin.category.dates"),
                key: "dates",
                width: 130,
                render: (_, r) =>
                  r.requiresProductionDate || r.requiresShelfLife ? (
                    <Typography.Text>{[r.requiresProductionDate ? t("catalogAdmin.fields.productionDate") : null, r.requiresShelfLife ? t("catalogAdmin.fields.shelfLifeDays") : null].filter(Boolean).join(t("catalogAdmin.listSeparator"))}</Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ),
              },
              {
                title: t("catalogAdmin.category.permits"),
                dataIndex: "requiredPermits",
                width: 170,
                render: (v: string[]) =>
                  v.length ? (
                    <Flex gap={4} wrap>
                      {v.map((k) => (
                        <Tag key={k} color="blue" style={{ marginInlineEnd: 0 }}>
                          {docKindName(k)}
                        </Tag>
                      ))}
                    </Flex>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ),
              },
              {
                title: t("catalogAdmin.category.attributeCount"),
                key: "attributes",
                width: 100,
                render: (_, r) => {
                  const own = r.own.attributes.length;
                  return (
                    <Tooltip title={r.attributes.map((a) => pick(a.name, i18n.language)).join(t("catalogAdmin.listSeparator")) || undefined}>
                      <span data-testid="category-attribute-count">
                        {r.attributes.length}
                        {own !== r.attributes.length ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {" "}
                            {t("catalogAdmin.category.ownCount", { count: own })}
                          </Typography.Text>
                        ) : null}
                      </span>
                    </Tooltip>
                  );
                },
              },
              {
                title: t("common.actions"),
                key: "actions",
                width: 190,
                fixed: "right",
                render: (_, r) => {
                  const node = byId.get(r.id)!;
                  return (
                    <Space size={0} wrap>
                      <Button type="link" size="small" icon={manage ? <EditOutlined /> : <EyeOutlined />} onClick={() => setEditing({ mode: "edit", node })} data-testid="category-edit">
                        {manage ? t("catalogAdmin.category.edit") : t("catalogAdmin.category.view")}
                      </Button>
                      {manage ? (
                        <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setEditing({ mode: "create", parent: node })} data-testid="category-add-child">
                          {t("catalogAdmin.category.addChild")}
                        </Button>
                      ) : null}
                    </Space>
                  );
                },
              },
            ]}
          />
        ) : tree.isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : null}
      </Card>
      <CategoryDrawer editing={editing} byId={byId} readOnly={!manage} onClose={() => setEditing(null)} />
    </div>
  );
}

const tri = (own: boolean | null): Tri => (own === null ? "inherit" : own ? "yes" : "no");
const fromTri = (v: Tri | undefined): boolean | null => (v === "yes" ? true : v === "no" ? false : null);

/** The form's starting values: what the category sets itself, the rest inherited. */
function initialValues(editing: Editing): CategoryForm {
  if (editing.mode === "create") {
    return { sort: 0, active: true, returnEligible: "inherit", requiresProductionDate: "inherit", requiresShelfLife: "inherit", commissionMode: "inherit", attributes: [], requiredPermits: [] };
  }
  const n = editing.node;
  return {
    nameZh: n.name.zh,
    nameEn: n.name.en,
    sort: n.sort,
    active: n.active,
    returnEligible: tri(n.own.returnEligible),
    requiresProductionDate: tri(n.own.requiresProductionDate),
    requiresShelfLife: tri(n.own.requiresShelfLife),
    commissionMode: n.own.commissionBps === null ? "inherit" : "set",
    commissionPct: n.commissionBps / 100,
    attributes: n.own.attributes.map((a) => ({ key: a.key, nameZh: a.name.zh, nameEn: a.name.en, type: a.type, unit: a.unit, options: a.options, required: a.required })),
    requiredPermits: n.own.requiredPermits,
  };
}

function toBody(v: CategoryForm, isRoot: boolean) {
  return {
    name: { zh: (v.nameZh ?? "").trim(), en: (v.nameEn ?? "").trim() },
    sort: v.sort ?? 0,
    active: v.active ?? true,
    returnEligible: fromTri(v.returnEligible),
    requiresProductionDate: fromTri(v.requiresProductionDate),
    requiresShelfLife: fromTri(v.requiresShelfLife),
    commissionBps: v.commissionMode === "inherit" && !isRoot ? null : Math.round((v.commissionPct ?? 0) * 100),
    attributes: (v.attributes ?? []).map(
      (a): AttributeDef => ({
        key: (a.key ?? "").trim(),
        name: { zh: (a.nameZh ?? "").trim(), en: (a.nameEn ?? "").trim() },
        type: a.type ?? "text",
        ...(a.type === "number" && a.unit?.trim() ? { unit: a.unit.trim() } : {}),
        ...(a.type === "enum" ? { options: (a.options ?? []).map((o) => o.trim()).filter(Boolean) } : {}),
        required: !!a.required,
      }),
    ),
    requiredPermits: v.requiredPermits ?? [],
  };
}

function CategoryDrawer({ editing, byId, readOnly, onClose }: { editing: Editing | null; byId: Map<string, AdminCategoryNode>; readOnly: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const title = !editing
    ? ""
    : editing.mode === "create"
      ? t("catalogAdmin.category.createTitle", { parent: pick(editing.parent.name, i18n.language) })
      : t(readOnly ? "catalogAdmin.category.viewTitle" : "catalogAdmin.category.editTitle", { name: pick(editing.node.name, i18n.language) });
  return (
    <Drawer open={!!editing} title={title} size={760} onClose={onClose} destroyOnHidden mask={{ closable: false }} data-testid="category-drawer">
      {editing ? <CategoryEditor editing={editing} byId={byId} readOnly={readOnly} onDone={onClose} /> : null}
    </Drawer>
  );
}

function CategoryEditor({ editing, byId, readOnly, onDone }: { editing: Editing; byId: Map<string, AdminCategoryNode>; readOnly: boolean; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const options = useOnboardingOptions();
  const [form] = Form.useForm<CategoryForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const initial = useMemo(() => initialValues(editing), [editing]);
  const parent = editing.mode === "create" ? editing.parent : editing.node.parentId ? byId.get(editing.node.parentId) : undefined;
  const isRoot = !parent;
  const inheritedAttributes = parent?.attributes ?? [];
  const inheritedPermits = parent?.requiredPermits ?? [];
  const commissionMode = Form.useWatch("commissionMode", form);
  const attrTypes = Form.useWatch("attributes", form);

  const place = (e: unknown, values: CategoryForm): boolean => {
    if (!isApiError(e)) return false;
    const key = (e.details as { key?: unknown } | undefined)?.key;
    if ((e.code === "ATTRIBUTE_KEY_TAKEN" || e.code === "ATTRIBUTE_OPTIONS_REQUIRED") && typeof key === "string") {
      const i = (values.attributes ?? []).findIndex((a) => a.key?.trim() === key);
      if (i >= 0) {
        form.setFields([{ name: ["attributes", i, e.code === "ATTRIBUTE_KEY_TAKEN" ? "key" : "options"], errors: [catalogErrorText(e)] }]);
        return true;
      }
    }
    if (e.code === "CATEGORY_KEY_TAKEN") {
      form.setFields([{ name: "key", errors: [catalogErrorText(e)] }]);
      return true;
    }
    const fields = validationIssues(e).flatMap((i) => {
      const [head, index, sub, lang] = i.path;
      if (head === "name" && (index === "zh" || index === "en")) return [{ name: [index === "zh" ? "nameZh" : "nameEn"], errors: [i.message] }];
      if (head === "attributes" && index !== undefined && sub) {
        const col = sub === "name" ? (lang === "en" ? "nameEn" : "nameZh") : sub;
        return [{ name: ["attributes", Number(index), col], errors: [i.message] }];
      }
      if (head === "key") return [{ name: ["key"], errors: [i.message] }];
      return [];
    });
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    return fields.length > 0;
  };

  const submit = async (values: CategoryForm) => {
    setError(null);
    setSaving(true);
    const body = toBody(values, isRoot);
    try {
      if (editing.mode === "create") {
        await api("/admin/categories", { method: "POST", body: { key: values.key?.trim(), parentId: editing.parent.id, ...body } });
      } else {
        // Only what changed, so that the audit trail says what was changed.
        const before = toBody(initial, isRoot);
        const patch = Object.fromEntries(
          Object.entries(body).filter(([k, v]) => k === "name" || JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before])),
        );
        await api(`/admin/categories/${encodeURIComponent(editing.node.id)}`, { method: "PATCH", body: patch });
      }
      await Promise.all([queryClient.invalidateQueries({ queryKey: ADMIN_CATEGORIES_KEY }), queryClient.invalidateQueries({ queryKey: CATEGORIES_KEY })]);
      message.success(editing.mode === "create" ? t("catalogAdmin.category.created") : t("catalogAdmin.category.saved"));
      onDone();
    } catch (e) {
      if (!place(e, values)) setError(e);
    } finally {
      setSaving(false);
    }
  };

  const triField = (name: (typeof INHERITED)[number], label: string) => {
    const parentValue = parent?.[name];
    return (
      <Form.Item name={name} label={label} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          data-testid={`category-${name}`}
          options={[
            ...(isRoot ? [] : [{ value: "inherit", label: t("catalogAdmin.category.inherit", { value: parentValue ? t("common.yes") : t("common.no") }) }]),
            { value: "yes", label: t("common.yes") },
            { value: "no", label: t("common.no") },
          ]}
        />
      </Form.Item>
    );
  };

  return (
    <Form<CategoryForm> form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={readOnly || saving} data-testid="category-form">
      <CatalogErrorAlert error={error} style={{ marginBottom: 16 }} />
      {parent ? (
        <Typography.Paragraph type="secondary">
          {t("catalogAdmin.category.parentIs", { parent: parent.path.map((x) => pick(x.name, i18n.language)).join(" / ") })}
        </Typography.Paragraph>
      ) : null}
      <Row gutter={16}>
        {editing.mode === "create" ? (
          <Col xs={24} md={8}>
            <Form.Item
              name="key"
              label={t("catalogAdmin.category.key")}
              extra={t("catalogAdmin.category.keyHint")}
              rules={[
                { required: true, message: t("catalogAdmin.category.keyRequired") },
                { pattern: /^[a-z][a-z0-9-]{1,39}$/, message: t("catalogAdmin.category.keyInvalid") },
              ]}
            >
              <Input placeholder="white-tea" data-testid="category-key" />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} md={editing.mode === "create" ? 8 : 12}>
          <Form.Item name="nameZh" label={t("catalogAdmin.category.nameZh")} rules={[{ required: true, whitespace: true, message: t("catalogAdmin.category.nameRequired") }]}>
            <Input maxLength={60} data-testid="category-name-zh" />
          </Form.Item>
        </Col>
        <Col xs={24} md={editing.mode === "create" ? 8 : 12}>
          <Form.Item name="nameEn" label={t("catalogAdmin.category.nameEn")} rules={[{ required: true, whitespace: true, message: t("catalogAdmin.category.nameRequired") }]}>
            <Input maxLength={60} data-testid="category-name-en" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="sort" label={t("catalogAdmin.category.sort")} extra={t("catalogAdmin.category.sortHint")}>
            <InputNumber<number> min={0} max={10_000} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="active" label={t("catalogAdmin.category.active")} valuePropName="checked" extra={t("catalogAdmin.category.activeHint")}>
            <Switch data-testid="category-active" />
          </Form.Item>
        </Col>
      </Row>

      <Typography.Title level={5}>{t("catalogAdmin.category.rulesTitle")}</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {triField("returnEligible", t("catalogAdmin.category.returnEligible"))}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t("catalogAdmin.category.commission")} required>
            <Flex gap={8} align="center" wrap>
              {isRoot ? null : (
                <Form.Item name="commissionMode" noStyle>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: "inherit", label: t("catalogAdmin.category.inherit", { value: bpsText(parent!.commissionBps) }) },
                      { value: "set", label: t("catalogAdmin.category.own") },
                    ]}
                    data-testid="category-commission-mode"
                  />
                </Form.Item>
              )}
              {isRoot || commissionMode === "set" ? (
                <Form.Item name="commissionPct" noStyle rules={[{ required: true, message: t("catalogAdmin.category.commissionRequired") }]}>
                  <InputNumber<number> min={0} max={100} precision={2} step={0.5} suffix="%" style={{ width: 130 }} data-testid="category-commission-input" />
                </Form.Item>
              ) : null}
            </Flex>
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {triField("requiresProductionDate", t("catalogAdmin.category.requiresProductionDate"))}
        </Col>
        <Col xs={24} md={12}>
          {triField("requiresShelfLife", t("catalogAdmin.category.requiresShelfLife"))}
        </Col>
      </Row>

      <Typography.Title level={5}>{t("catalogAdmin.category.permits")}</Typography.Title>
      {inheritedPermits.length ? (
        <Flex gap={4} wrap align="center" style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t("catalogAdmin.category.inheritedPermits")}</Typography.Text>
          {inheritedPermits.map((k) => (
            <Tag key={k}>{docKindName(k)}</Tag>
          ))}
        </Flex>
      ) : null}
      <Form.Item name="requiredPermits" extra={t("catalogAdmin.category.permitsHint")}>
        <Select
          mode="multiple"
          allowClear
          loading={options.isPending}
          placeholder={t("catalogAdmin.category.permitsPlaceholder")}
          options={(options.data?.documentKinds ?? []).filter((k) => !inheritedPermits.includes(k)).map((k) => ({ value: k, label: docKindName(k) }))}
          data-testid="category-permits"
        />
      </Form.Item>

      <Typography.Title level={5}>{t("catalogAdmin.category.attributesTitle")}</Typography.Title>
      {inheritedAttributes.length ? (
        <Flex gap={4} wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t("catalogAdmin.category.inheritedAttributes")}</Typography.Text>
          {inheritedAttributes.map((a) => (
            <Tag key={a.key}>
              {pick(a.name, i18n.language)}
              {a.required ? " *" : ""}
            </Tag>
          ))}
        </Flex>
      ) : null}
      <Form.List name="attributes">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
                {t("catalogAdmin.category.noOwnAttributes")}
              </Typography.Paragraph>
            ) : null}
            {fields.map((f, i) => {
              const type = attrTypes?.[f.name]?.type;
              return (
                <div key={f.key} style={{ border: "1px solid #f0f0f0", borderRadius: 8, padding: "12px 12px 0", marginBottom: 12, background: "#fcfcfc" }} data-testid={`attribute-${i}`}>
                  <Row gutter={12}>
                    <Col xs={24} md={6}>
                      <Form.Item
                        name={[f.name, "key"]}
                        label={t("catalogAdmin.category.attrKey")}
                        rules={[
                          { required: true, message: t("catalogAdmin.category.attrKeyRequired") },
                          { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t("catalogAdmin.category.attrKeyInvalid") },
                        ]}
                      >
                        <Input placeholder="origin" data-testid={`attribute-key-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[f.name, "nameZh"]} label={t("catalogAdmin.category.nameZh")} rules={[{ required: true, whitespace: true, message: t("catalogAdmin.category.nameRequired") }]}>
                        <Input maxLength={60} data-testid={`attribute-name-zh-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[f.name, "nameEn"]} label={t("catalogAdmin.category.nameEn")} rules={[{ required: true, whitespace: true, message: t("catalogAdmin.category.nameRequired") }]}>
                        <Input maxLength={60} data-testid={`attribute-name-en-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[f.name, "type"]} label={t("catalogAdmin.category.attrType")} rules={[{ required: true }]}>
                        <Select options={(["text", "number", "enum", "date"] as const).map((k) => ({ value: k, label: t(`catalogAdmin.attrType.${k}`) }))} data-testid={`attribute-type-${i}`} />
                      </Form.Item>
                    </Col>
                    {type === "number" ? (
                      <Col xs={12} md={6}>
                        <Form.Item name={[f.name, "unit"]} label={t("catalogAdmin.category.attrUnit")} rules={[{ max: 10, message: t("catalogAdmin.tooLong", { max: 10 }) }]}>
                          <Input placeholder="g" maxLength={10} />
                        </Form.Item>
                      </Col>
                    ) : null}
                    {type === "enum" ? (
                      <Col xs={24} md={12}>
                        <Form.Item
                          name={[f.name, "options"]}
                          label={t("catalogAdmin.category.attrOptions")}
                          rules={[{ required: true, type: "array", min: 1, message: t("catalogAdmin.category.attrOptionsRequired") }]}
                        >
                          <Select mode="tags" open={false} tokenSeparators={[",", "，"]} placeholder={t("catalogAdmin.category.attrOptionsPlaceholder")} data-testid={`attribute-options-${i}`} />
                        </Form.Item>
                      </Col>
                    ) : null}
                    <Col xs={12} md={type === "enum" ? 4 : type === "number" ? 10 : 16}>
                      <Form.Item name={[f.name, "required"]} label={t("catalogAdmin.category.attrRequired")} valuePropName="checked">
                        <Switch size="small" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={2} style={{ display: "flex", alignItems: "center", justifyContent: "flex-end" }}>
                      {readOnly ? null : (
                        <Tooltip title={t("catalogAdmin.category.removeAttribute")}>
                          <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t("catalogAdmin.category.removeAttribute")} />
                        </Tooltip>
                      )}
                    </Col>
                  </Row>
                </div>
              );
            })}
            {readOnly ? null : (
              <Button type="dashed" icon={<PlusOutlined />} block onClick={() => add({ type: "text", required: false })} data-testid="attribute-add">
                {t("catalogAdmin.category.addAttribute")}
              </Button>
            )}
          </>
        )}
      </Form.List>

      {readOnly ? null : (
        <Flex justify="flex-end" gap={8} style={{ marginTop: 24 }}>
          <Button onClick={onDone} disabled={false}>
            {t("common.cancel")}
          </Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="category-save">
            {editing.mode === "create" ? t("common.create") : t("common.save")}
          </Button>
        </Flex>
      )}
    </Form>
  );
}
