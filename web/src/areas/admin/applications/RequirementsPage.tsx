import { useMemo, useState } from "react";
import { Alert, App, Button, Card, Flex, Select, Space, Table, Tag, Typography } from "antd";
import { DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import type { DocumentRequirement } from "../../../api";
import { useSession } from "../../../auth/session";
import { ErrorAlert } from "../../../components/errors";
import { emptyText } from "../../../components/labels";
import { categoryName, docKindName, entityTypeName } from "../../../components/onboarding";
import { OPTIONS_KEY, useOnboardingOptions } from "../../../components/onboardingQueries";
import { PageHeader } from "../../../components/PageHeader";
import { QUEUE_KEY, ReviewTabs } from "./ApplicationsPage";

const REQUIREMENTS_KEY = [...QUEUE_KEY, "requirements"] as const;
const ANY = "*";
const ENTITY_TYPES = [ANY, "enterprise", "individual"];

interface Row extends DocumentRequirement {
  key: string;
}

let nextKey = 0;
const withKeys = (items: DocumentRequirement[]): Row[] => items.map((i) => ({ ...i, key: `r${nextKey++}` }));
const same = (a: DocumentRequirement[], b: DocumentRequirement[]) =>
  a.length === b.length && a.every((x, i) => x.entityType === b[i]?.entityType && x.category === b[i]?.category && x.documentKind === b[i]?.documentKind);

/** Which documents are mandatory for which entity type and category (M2): merchant.manage edits, reviewers read. */
export function RequirementsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canEdit = can("merchant.manage");
  const reqs = useQuery({ queryKey: REQUIREMENTS_KEY, queryFn: () => api<{ items: DocumentRequirement[] }>("/admin/document-requirements") });
  const options = useOnboardingOptions();
  const [draft, setDraft] = useState<Row[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const saved = useMemo(() => withKeys(reqs.data?.items ?? []), [reqs.data]);
  const rows = draft ?? saved;
  const dirty = draft !== null && !same(draft, saved);
  const duplicates = new Set(rows.map((r) => `${r.entityType}|${r.category}|${r.documentKind}`)).size !== rows.length;

  const change = (key: string, patch: Partial<DocumentRequirement>) => setDraft(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => setDraft([...rows, { key: `r${nextKey++}`, entityType: ANY, category: ANY, documentKind: options.data?.documentKinds[0] ?? "business_licence" }]);
  const remove = (key: string) => setDraft(rows.filter((r) => r.key !== key));

  const save = async () => {
    setError(null);
    setSaving(true);
    try {
      const res = await api<{ items: DocumentRequirement[] }>("/admin/document-requirements", {
        method: "PUT",
        body: { items: rows.map(({ entityType, category, documentKind }) => ({ entityType, category, documentKind })) },
      });
      queryClient.setQueryData(REQUIREMENTS_KEY, res);
      await queryClient.invalidateQueries({ queryKey: OPTIONS_KEY });
      setDraft(null);
      message.success(t("docRules.saved"));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const editing = canEdit && !saving;
  const select = (value: string, values: string[], label: (v: string) => string, onChange: (v: string) => void, testId: string) =>
    editing ? (
      <Select value={value} onChange={onChange} style={{ width: "100%" }} options={values.map((v) => ({ value: v, label: label(v) }))} data-testid={testId} />
    ) : value === ANY ? (
      <Typography.Text type="secondary">{label(value)}</Typography.Text>
    ) : (
      label(value)
    );

  return (
    <div data-testid="admin-requirements">
      <PageHeader title={t("review.title")} />
      <ReviewTabs active="requirements" />
      <Card
        title={t("docRules.title")}
        extra={
          canEdit ? (
            <Space>
              <Button icon={<UndoOutlined />} disabled={!dirty || saving} onClick={() => setDraft(null)} data-testid="req-reset">
                {t("docRules.discard")}
              </Button>
              <Button icon={<PlusOutlined />} onClick={add} disabled={saving || !options.data} data-testid="req-add">
                {t("docRules.add")}
              </Button>
              <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={saving} onClick={() => void save()} data-testid="req-save">
                {t("common.save")}
              </Button>
            </Space>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary">{t("docRules.intro")}</Typography.Paragraph>
        {canEdit ? null : <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("docRules.readOnly")} data-testid="req-read-only" />}
        {dirty ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("docRules.unsaved")} /> : null}
        {duplicates ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("docRules.duplicates")} /> : null}
        <ErrorAlert error={error ?? reqs.error ?? options.error} style={{ marginBottom: 16 }} />
        <Table<Row>
          rowKey="key"
          size="small"
          loading={reqs.isPending || options.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 640 }}
          data-testid="req-table"
          locale={{ emptyText: emptyText(t("docRules.empty")) }}
          columns={[
            {
              title: t("onboarding.fields.entityType"),
              dataIndex: "entityType",
              width: 200,
              render: (v: string, r) => select(v, ENTITY_TYPES, entityTypeName, (x) => change(r.key, { entityType: x }), "req-entity-type"),
            },
            {
              title: t("docRules.category"),
              dataIndex: "category",
              width: 200,
              render: (v: string, r) => select(v, [ANY, ...(options.data?.categories ?? [])], categoryName, (x) => change(r.key, { category: x }), "req-category"),
            },
            {
              title: t("docRules.documentKind"),
              dataIndex: "documentKind",
              render: (v: string, r) =>
                editing ? (
                  select(v, options.data?.documentKinds ?? [v], docKindName, (x) => change(r.key, { documentKind: x }), "req-kind")
                ) : (
                  <Tag color="orange">{docKindName(v)}</Tag>
                ),
            },
            ...(canEdit
              ? [
                  {
                    title: t("common.actions"),
                    key: "actions",
                    width: 80,
                    render: (_: unknown, r: Row) => (
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(r.key)} disabled={saving} aria-label={t("docRules.remove")} data-testid="req-remove" />
                    ),
                  },
                ]
              : []),
          ]}
        />
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("docRules.count", { count: rows.length })}
          </Typography.Text>
        </Flex>
      </Card>
    </div>
  );
}
