import { useMemo, useState } from "react";
import type { ReactNode } from "react";
import { App, Button, Card, Col, Empty, Flex, Form, Input, Modal, Popconfirm, Radio, Row, Segmented, Select, Table, Typography } from "antd";
import { DeleteOutlined, ExperimentOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import { useSession } from "../../../auth/session";
import { formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { PageHeader } from "../../../components/PageHeader";
import { catalogErrorText, CatalogErrorAlert, SeverityTag, TermCategoryTag, termCategoryName } from "../../merchant/catalog/labels";
import type { FindingCategory, ScreeningTerm, Severity, TryFinding } from "../../../types/catalog";
import { CATALOG_MANAGE } from "./CategoriesPage";

const TERMS_KEY = ["admin", "screening-terms"] as const;
const CATEGORIES: FindingCategory[] = ["absolute", "medical", "prohibited"];

/** The word list listings are screened against (P3), and a box to try a text against it. */
export function ScreeningTermsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const manage = can(CATALOG_MANAGE);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const terms = useQuery({ queryKey: TERMS_KEY, queryFn: () => api<{ items: ScreeningTerm[] }>("/admin/screening-terms").then((r) => r.items) });
  const [category, setCategory] = useState<FindingCategory | "all">("all");
  const [q, setQ] = useState("");
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const all = useMemo(() => terms.data ?? [], [terms.data]);
  const shown = all.filter((x) => (category === "all" || x.category === category) && (!q || x.term.toLowerCase().includes(q.toLowerCase()) || (x.note ?? "").includes(q)));

  const remove = async (term: ScreeningTerm) => {
    setError(null);
    try {
      await api(`/admin/screening-terms/${encodeURIComponent(term.id)}`, { method: "DELETE" });
      await queryClient.invalidateQueries({ queryKey: TERMS_KEY });
      message.success(t("catalogAdmin.terms.removed", { term: term.term }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div data-testid="screening-terms">
      <PageHeader title={t("catalogAdmin.terms.title")}>
        {manage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="term-add">
            {t("catalogAdmin.terms.add")}
          </Button>
        ) : null}
      </PageHeader>
      <Typography.Paragraph type="secondary">{t("catalogAdmin.terms.intro")}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card>
            <Flex gap={12} wrap justify="space-between" style={{ marginBottom: 16 }}>
              <Segmented<FindingCategory | "all">
                value={category}
                onChange={setCategory}
                data-testid="term-category-filter"
                options={[
                  { value: "all", label: t("catalogAdmin.terms.allCount", { count: all.length }) },
                  ...CATEGORIES.map((c) => ({ value: c, label: `${termCategoryName(c)} (${all.filter((x) => x.category === c).length})` })),
                ]}
              />
              <Input.Search allowClear placeholder={t("catalogAdmin.terms.search")} onSearch={(v) => setQ(v.trim())} onChange={(e) => !e.target.value && setQ("")} style={{ width: 220 }} />
            </Flex>
            <CatalogErrorAlert error={terms.error ?? error} style={{ marginBottom: 16 }} />
            <Table<ScreeningTerm>
              rowKey="id"
              size="middle"
              loading={terms.isPending}
              dataSource={shown}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              data-testid="terms-table"
              locale={{ emptyText: emptyText(t("catalogAdmin.terms.empty")) }}
              onRow={(r) => ({ "data-testid": "term-row", "data-term": r.term }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t("catalogAdmin.terms.term"), dataIndex: "term", render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
                { title: t("catalogAdmin.terms.category"), dataIndex: "category", width: 120, render: (v: string) => <TermCategoryTag category={v} /> },
                {
                  title: t("catalogAdmin.terms.severity"),
                  dataIndex: "severity",
                  width: 120,
                  filters: (["block", "warn"] as const).map((s) => ({ value: s, text: t(`catalogAdmin.severity.${s}`) })),
                  onFilter: (v, r) => r.severity === v,
                  render: (v: Severity) => <SeverityTag severity={v} />,
                },
                { title: t("catalogAdmin.terms.note"), dataIndex: "note", render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
                { title: t("catalogAdmin.terms.createdAt"), dataIndex: "createdAt", width: 150, render: (v: string) => formatDateTime(v) },
                ...(manage
                  ? [
                      {
                        title: "",
                        key: "actions",
                        width: 56,
                        render: (_: unknown, r: ScreeningTerm) => (
                          <Popconfirm
                            title={t("catalogAdmin.terms.removeTitle", { term: r.term })}
                            description={t("catalogAdmin.terms.removeText")}
                            okText={t("catalogAdmin.terms.remove")}
                            okButtonProps={{ danger: true }}
                            cancelText={t("common.cancel")}
                            onConfirm={() => remove(r)}
                          >
                            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("catalogAdmin.terms.remove")} data-testid="term-remove" />
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <TryBox />
        </Col>
      </Row>
      <AddTermModal open={adding} onClose={() => setAdding(false)} onAdded={(term) => {
        setAdding(false);
        void queryClient.invalidateQueries({ queryKey: TERMS_KEY });
        message.success(t("catalogAdmin.terms.added", { term: term.term }));
      }} />
    </div>
  );
}

/** The characters of a term with any separators between them, as the server's folding allows ("最 * 佳"). */
function termPattern(term: string): string {
  return [...term.normalize("NFKC")].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^\\p{L}\\p{N}%]*");
}

/** The text with the found terms marked. */
function Highlighted({ text, findings }: { text: string; findings: TryFinding[] }) {
  const terms = [...new Set(findings.map((f) => f.term))].sort((a, b) => b.length - a.length);
  if (!terms.length) return <span>{text}</span>;
  const severity = new Map(findings.map((f) => [f.term.normalize("NFKC").toLowerCase(), f.severity]));
  const re = new RegExp(terms.map(termPattern).join("|"), "giu");
  const parts: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) parts.push(text.slice(at, m.index));
    const folded = m[0].normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}%]/gu, "");
    const sev = [...severity.entries()].find(([k]) => k.replace(/[^\p{L}\p{N}%]/gu, "") === folded)?.[1] ?? "block";
    parts.push(
      <mark key={m.index} style={{ background: sev === "block" ? "#ffccc7" : "#ffe58f", padding: "0 2px", borderRadius: 3 }} data-testid="found-term">
        {m[0]}
      </mark>,
    );
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

function TryBox() {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [result, setResult] = useState<{ text: string; findings: TryFinding[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ findings: TryFinding[] }>("/admin/screening-terms/try", { method: "POST", body: { text } });
      setResult({ text, findings: r.findings });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("catalogAdmin.terms.tryTitle")} data-testid="term-try">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t("catalogAdmin.terms.tryIntro")}
      </Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 10 }}
        maxLength={20_000}
        placeholder={t("catalogAdmin.terms.tryPlaceholder")}
        data-testid="term-try-input"
      />
      <Button type="primary" icon={<ExperimentOutlined />} onClick={() => void run()} loading={busy} disabled={!text.trim()} style={{ marginTop: 12 }} data-testid="term-try-run">
        {t("catalogAdmin.terms.tryRun")}
      </Button>
      <CatalogErrorAlert error={error} style={{ marginTop: 12 }} />
      {result ? (
        <div style={{ marginTop: 16 }} data-testid="term-try-result" data-count={result.findings.length}>
          {result.findings.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("catalogAdmin.terms.tryNone")} />
          ) : (
            <>
              <Typography.Text strong>{t("catalogAdmin.terms.tryFound", { count: result.findings.length })}</Typography.Text>
              <div style={{ border: "1px solid #f0f0f0", borderRadius: 8, padding: 12, margin: "8px 0 12px", whiteSpace: "pre-wrap", overflowWrap: "anywhere", lineHeight: 1.8 }}>
                <Highlighted text={result.text} findings={result.findings} />
              </div>
              <Flex vertical gap={6}>
                {result.findings.map((f, i) => (
                  <Flex key={`${f.term}-${i}`} gap={6} align="center" wrap>
                    <Typography.Text strong>{f.term}</Typography.Text>
                    <TermCategoryTag category={f.category} />
                    <SeverityTag severity={f.severity} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("catalogAdmin.terms.excerpt", { excerpt: f.excerpt })}
                    </Typography.Text>
                  </Flex>
                ))}
              </Flex>
            </>
          )}
        </div>
      ) : null}
    </Card>
  );
}

interface TermValues {
  term: string;
  category: FindingCategory;
  severity: Severity;
  note?: string;
}

function AddTermModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (t: ScreeningTerm) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TermValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: TermValues) => {
    setSaving(true);
    setError(null);
    try {
      onAdded(await api<ScreeningTerm>("/admin/screening-terms", { method: "POST", body: { term: v.term.trim(), category: v.category, severity: v.severity, note: v.note?.trim() || undefined } }));
    } catch (e) {
      if (isApiError(e) && (e.code === "TERM_EXISTS" || e.code === "TERM_EMPTY")) form.setFields([{ name: "term", errors: [catalogErrorText(e)] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t("catalogAdmin.terms.addTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("catalogAdmin.terms.add")}
      okButtonProps={{ "data-testid": "term-add-confirm" } as React.ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      forceRender
      afterOpenChange={(visible) => {
        if (!visible) {
          form.resetFields();
          setError(null);
        }
      }}
    >
      <CatalogErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<TermValues> form={form} layout="vertical" onFinish={submit} initialValues={{ category: "absolute", severity: "block" }}>
        <Form.Item
          name="term"
          label={t("catalogAdmin.terms.term")}
          extra={t("catalogAdmin.terms.termHint")}
          rules={[
            { required: true, whitespace: true, message: t("catalogAdmin.terms.termRequired") },
            { max: 40, message: t("catalogAdmin.tooLong", { max: 40 }) },
          ]}
        >
          <Input maxLength={40} data-testid="term-input" />
        </Form.Item>
        <Form.Item name="category" label={t("catalogAdmin.terms.category")} rules={[{ required: true }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: termCategoryName(c) }))} data-testid="term-category" />
        </Form.Item>
        <Form.Item name="severity" label={t("catalogAdmin.terms.severity")} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="term-severity"
            options={(["block", "warn"] as const).map((s) => ({ value: s, label: `${t(`catalogAdmin.severity.${s}`)} · ${t(`catalogAdmin.severityHint.${s}`)}` }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t("catalogAdmin.terms.note")} rules={[{ max: 200, message: t("catalogAdmin.tooLong", { max: 200 }) }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} placeholder={t("catalogAdmin.terms.notePlaceholder")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
