import { useMemo, useState } from "react";
import type { ReactNode } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Image, Input, Modal, Result, Row, Select, Skeleton, Space, Table, Tag, Timeline, Typography } from "antd";
import { ArrowLeftOutlined, CheckOutlined, ExportOutlined, RollbackOutlined, StopOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { Link, useParams } from "react-router-dom";
import { api, isApiError } from "../../../api";
import { pick } from "../../../i18n";
import { formatDateTime, formatFen } from "../../../components/format";
import { Markdown } from "../../../components/Markdown";
import { hoursSince } from "../../../components/onboarding";
import { AgeingTag } from "../applications/ApplicationsPage";
import {
  catalogErrorText,
  CatalogErrorAlert,
  categoryPathText,
  decisionReason,
  delistKindName,
  FindingList,
  flattenCategories,
  imageUrl,
  KeyChangeTags,
  ProductStatusTag,
  VersionStatusTag,
} from "../../merchant/catalog/labels";
import type { AttributeDef, Category, Product, ProductContent, Sku } from "../../../types/catalog";
import { useAdminCategories } from "./CategoriesPage";
import { LISTING_QUEUE_KEY } from "./ListingReviewsPage";

const detailKey = (id: string) => ["admin", "product", id] as const;

/** One row of the side-by-side view: a field, and how each version shows it. */
interface ContentRow {
  key: string;
  label: string;
  /** Compared to tell whether the field changed. */
  value: (c: ProductContent) => unknown;
  render: (c: ProductContent) => ReactNode;
}

/** A listing or a revision under review (P3): what changed, the pre-screening, the decision. */
export function ListingReviewDetailPage() {
  const { t, i18n } = useTranslation();
  const { productId = "" } = useParams();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const product = useQuery({ queryKey: detailKey(productId), queryFn: () => api<Product>(`/admin/products/${encodeURIComponent(productId)}`) });
  const categories = useAdminCategories();
  const byId = useMemo(() => flattenCategories(categories.data ?? []), [categories.data]);
  const merchantId = product.data?.merchantId;
  const merchant = useQuery({
    queryKey: ["admin", "merchant", merchantId],
    queryFn: () => api<{ id: string; name: string }>(`/admin/merchants/${encodeURIComponent(merchantId!)}`),
    enabled: !!merchantId,
    staleTime: 60_000,
  });
  const [rejecting, setRejecting] = useState(false);
  const [delisting, setDelisting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const back = (
    <Link to="/admin/listing-reviews" data-testid="back-to-queue">
      <ArrowLeftOutlined /> {t("catalogAdmin.review.back")}
    </Link>
  );
  if (product.isPending) {
    return (
      <div data-testid="listing-review-detail">
        <div style={{ marginBottom: 12 }}>{back}</div>
        <Card>
          <Skeleton active paragraph={{ rows: 12 }} />
        </Card>
      </div>
    );
  }
  if (product.isError) {
    return (
      <div data-testid="listing-review-detail">
        <div style={{ marginBottom: 12 }}>{back}</div>
        {isApiError(product.error) && product.error.status === 404 ? <Result status="404" title={catalogErrorText(product.error)} /> : <CatalogErrorAlert error={product.error} />}
      </div>
    );
  }
  const p = product.data;
  const pending = p.working?.status === "pending_review" ? p.working : null;
  const shown = pending ?? p.working ?? p.live;
  const category = shown ? byId.get(shown.content.categoryId) : undefined;
  const warnings = pending?.findings ?? [];

  const decided = async (next: Product, text: string) => {
    queryClient.setQueryData(detailKey(productId), next);
    await queryClient.invalidateQueries({ queryKey: LISTING_QUEUE_KEY });
    message.success(text);
  };
  const failed = async (e: unknown) => {
    setError(e);
    // Another reviewer may have decided meanwhile.
    if (isApiError(e) && e.code === "NOTHING_TO_REVIEW") await product.refetch();
  };

  const approve = () =>
    modal.confirm({
      title: t("catalogAdmin.review.approveTitle", { title: pending?.content.title ?? p.title }),
      content: p.live ? t("catalogAdmin.review.approveRevisionText") : t("catalogAdmin.review.approveNewText"),
      okText: t("catalogAdmin.review.approve"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "approve-confirm" } as React.ComponentProps<typeof Button>,
      onOk: async () => {
        setError(null);
        setBusy(true);
        try {
          await decided(await api<Product>(`/admin/products/${encodeURIComponent(productId)}/decision`, { method: "POST", body: { decision: "approve" } }), t("catalogAdmin.review.approved"));
        } catch (e) {
          await failed(e);
        } finally {
          setBusy(false);
        }
      },
    });

  return (
    <div data-testid="listing-review-detail" data-status={p.status}>
      <div style={{ marginBottom: 12 }}>{back}</div>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space size={12} wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="review-title">
            {shown?.content.title ?? p.title}
          </Typography.Title>
          <ProductStatusTag status={p.status} />
          {pending ? (
            <Tag color={p.live ? "purple" : "blue"} data-testid="review-kind">
              {p.live ? t("catalogAdmin.review.revision", { number: pending.number }) : t("catalogAdmin.review.new")}
            </Tag>
          ) : null}
          {pending ? <AgeingTag hours={hoursSince(pending.submittedAt)} /> : null}
        </Space>
        <Space wrap>
          {p.status === "listed" ? (
            <Button danger icon={<StopOutlined />} onClick={() => setDelisting(true)} data-testid="review-delist">
              {t("catalogAdmin.review.delist")}
            </Button>
          ) : null}
          {pending ? (
            <>
              <Button danger icon={<RollbackOutlined />} onClick={() => setRejecting(true)} data-testid="review-reject">
                {t("catalogAdmin.review.reject")}
              </Button>
              <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={approve} data-testid="review-approve">
                {t("catalogAdmin.review.approve")}
              </Button>
            </>
          ) : null}
        </Space>
      </Flex>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("catalogAdmin.review.merchant")}>
          <Space size={6}>
            <span data-testid="review-merchant">{merchant.data?.name ?? "…"}</span>
            <Typography.Link href={`/shops/${p.merchantId}`} target="_blank" rel="noopener noreferrer" aria-label={t("catalogAdmin.review.openShop")}>
              <ExportOutlined />
            </Typography.Link>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t("catalogAdmin.fields.categoryId")}>{categoryPathText(category, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t("catalogAdmin.review.submittedAt")}>{formatDateTime(pending?.submittedAt)}</Descriptions.Item>
      </Descriptions>

      <CatalogErrorAlert error={error} style={{ marginBottom: 16 }} />
      {pending ? (
        warnings.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t("catalogAdmin.review.warningsTitle", { count: warnings.length })}
            description={<FindingList findings={warnings} category={category} testId="review-warnings" />}
            data-testid="review-warnings-panel"
          />
        ) : (
          <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t("catalogAdmin.review.noWarnings")} data-testid="review-no-warnings" />
        )
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("catalogAdmin.review.nothingPending")} data-testid="review-nothing-pending" />
      )}
      {p.status === "delisted" ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("catalogAdmin.editor.delisted", { kind: delistKindName(p.delistKind ?? "merchant"), at: formatDateTime(p.delistedAt) })}
          description={t("catalogAdmin.editor.delistReason", { reason: p.delistReason ?? "—" })}
          data-testid="review-delisted"
        />
      ) : null}
      {pending && p.live ? (
        <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{t("catalogAdmin.review.keyChanges")}</Typography.Text>
          <KeyChangeTags changes={pending.keyChanges} />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t("catalogAdmin.review.compareHint")}
          </Typography.Text>
        </Flex>
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={18}>
          {shown ? (
            <ContentCompare live={pending && p.live ? p.live.content : null} current={shown.content} liveNumber={p.live?.number} currentNumber={shown.number} byId={byId} />
          ) : null}
        </Col>
        <Col xs={24} xl={6}>
          <Card title={t("catalogAdmin.editor.history")} size="small">
            <Timeline
              items={[...p.history].reverse().map((h) => ({
                key: h.number,
                color: h.status === "approved" ? "green" : h.status === "rejected" ? "red" : h.status === "pending_review" ? "blue" : "gray",
                content: (
                  <div>
                    <Space size={6} wrap>
                      <Typography.Text strong>{t("catalogAdmin.editor.version", { number: h.number })}</Typography.Text>
                      <VersionStatusTag status={h.status} />
                    </Space>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {h.decidedAt ? t("catalogAdmin.editor.decidedAt", { at: formatDateTime(h.decidedAt), by: h.decidedBy ?? "—" }) : h.submittedAt ? t("catalogAdmin.editor.submittedAt", { at: formatDateTime(h.submittedAt) }) : t("catalogAdmin.editor.notSubmitted")}
                      </Typography.Text>
                    </div>
                    {h.reason ? (
                      <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0", fontSize: 13 }}>
                        {t("catalogAdmin.editor.reason", { reason: decisionReason(h.reason) })}
                      </Typography.Paragraph>
                    ) : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>

      <ReasonModal
        open={rejecting}
        title={t("catalogAdmin.review.rejectTitle", { title: pending?.content.title ?? p.title })}
        text={t("catalogAdmin.review.rejectText")}
        okText={t("catalogAdmin.review.reject")}
        min={2}
        max={1000}
        testId="reject"
        onClose={() => setRejecting(false)}
        send={async ({ reason }) => {
          const next = await api<Product>(`/admin/products/${encodeURIComponent(productId)}/decision`, { method: "POST", body: { decision: "reject", reason } });
          setRejecting(false);
          await decided(next, t("catalogAdmin.review.rejected"));
        }}
      />
      <ReasonModal
        open={delisting}
        title={t("catalogAdmin.review.delistTitle", { title: p.title })}
        text={t("catalogAdmin.review.delistText")}
        okText={t("catalogAdmin.review.delist")}
        min={4}
        max={1000}
        withKind
        testId="admin-delist"
        onClose={() => setDelisting(false)}
        send={async ({ reason, kind }) => {
          const next = await api<Product>(`/admin/products/${encodeURIComponent(productId)}/delist`, { method: "POST", body: { kind, reason } });
          setDelisting(false);
          await decided(next, t("catalogAdmin.review.delisted"));
        }}
      />
    </div>
  );
}

/**
 * The version under review beside the one on sale, field by field, changed fields marked;
 * a new listing shows its content alone.
 */
function ContentCompare({
  live,
  current,
  liveNumber,
  currentNumber,
  byId,
}: {
  live: ProductContent | null;
  current: ProductContent;
  liveNumber?: number;
  currentNumber: number;
  byId: Map<string, Category>;
}) {
  const { t, i18n } = useTranslation();
  const defs = [...(byId.get(current.categoryId)?.attributes ?? []), ...(live ? (byId.get(live.categoryId)?.attributes ?? []) : [])];
  const rows = contentRows(t, defs, [current, ...(live ? [live] : [])], byId, i18n.language);
  const changed = (r: ContentRow) => !!live && JSON.stringify(r.value(live) ?? null) !== JSON.stringify(r.value(current) ?? null);
  return (
    <Card size="small" title={live ? t("catalogAdmin.review.compareTitle") : t("catalogAdmin.review.contentTitle")} data-testid="review-content">
      <Table<ContentRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        tableLayout="fixed"
        onRow={(r) => ({ style: changed(r) ? { background: "#fffbe6" } : undefined, "data-testid": `row-${r.key}`, "data-changed": changed(r) ? "true" : "false" }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("catalogAdmin.review.field"),
            key: "label",
            width: 130,
            render: (_, r) => (
              <Space orientation="vertical" size={2}>
                <Typography.Text strong>{r.label}</Typography.Text>
                {changed(r) ? <Tag color="gold">{t("catalogAdmin.review.changed")}</Tag> : null}
              </Space>
            ),
          },
          ...(live
            ? [
                {
                  title: t("catalogAdmin.review.liveVersion", { number: liveNumber ?? "" }),
                  key: "live",
                  render: (_: unknown, r: ContentRow) => <div style={{ color: changed(r) ? "#8c8c8c" : undefined }}>{r.render(live)}</div>,
                },
              ]
            : []),
          {
            title: live ? t("catalogAdmin.review.workingVersion", { number: currentNumber }) : t("catalogAdmin.review.submittedVersion", { number: currentNumber }),
            key: "current",
            render: (_: unknown, r: ContentRow) => r.render(current),
          },
        ]}
      />
    </Card>
  );
}

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const text = (v: string | null | undefined) => (v ? <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{v}</span> : dash);

function contentRows(t: TFunction, defs: AttributeDef[], versions: ProductContent[], byId: Map<string, Category>, lng: string): ContentRow[] {
  const attrKeys = [...new Set([...defs.map((d) => d.key), ...versions.flatMap((v) => Object.keys(v.attributes))])].filter((k) => versions.some((v) => k in v.attributes));
  const attrName = (k: string) => {
    const d = defs.find((x) => x.key === k);
    return d ? pick(d.name, lng) : k;
  };
  return [
    { key: "category", label: t("catalogAdmin.fields.categoryId"), value: (c) => c.categoryId, render: (c) => categoryPathText(byId.get(c.categoryId), lng) },
    { key: "title", label: t("catalogAdmin.fields.title"), value: (c) => c.title, render: (c) => <Typography.Text strong>{c.title}</Typography.Text> },
    {
      key: "images",
      label: t("catalogAdmin.fields.images"),
      value: (c) => c.images,
      render: (c) =>
        c.images.length ? (
          <Image.PreviewGroup>
            <Flex gap={6} wrap>
              {c.images.map((id, i) => (
                <div key={id} style={{ position: "relative" }}>
                  <Image src={imageUrl(id, "thumb")} preview={{ src: imageUrl(id, "large") }} width={72} height={72} style={{ objectFit: "cover", borderRadius: 6 }} alt="" />
                  {i === 0 ? (
                    <span style={{ position: "absolute", top: 0, left: 0, background: "#c2410c", color: "#fff", fontSize: 11, padding: "0 4px", borderRadius: "6px 0 6px 0" }}>
                      {t("catalogAdmin.images.main")}
                    </span>
                  ) : null}
                </div>
              ))}
            </Flex>
          </Image.PreviewGroup>
        ) : (
          dash
        ),
    },
    ...attrKeys.map(
      (k): ContentRow => ({
        key: `attr-${k}`,
        label: attrName(k),
        value: (c) => c.attributes[k],
        render: (c) => {
          const v = c.attributes[k];
          const unit = defs.find((d) => d.key === k)?.unit;
          return v === undefined || v === "" ? dash : `${v}${unit ? ` ${unit}` : ""}`;
        },
      }),
    ),
    { key: "productionDate", label: t("catalogAdmin.fields.productionDate"), value: (c) => c.productionDate, render: (c) => text(c.productionDate) },
    {
      key: "shelfLifeDays",
      label: t("catalogAdmin.fields.shelfLifeDays"),
      value: (c) => c.shelfLifeDays,
      render: (c) => (c.shelfLifeDays ? t("units.days", { count: c.shelfLifeDays }) : dash),
    },
    { key: "origin", label: t("catalogAdmin.fields.origin"), value: (c) => c.origin, render: (c) => text(c.origin) },
    { key: "material", label: t("catalogAdmin.fields.material"), value: (c) => c.material, render: (c) => text(c.material) },
    { key: "functions", label: t("catalogAdmin.fields.functions"), value: (c) => c.functions, render: (c) => text(c.functions) },
    { key: "usage", label: t("catalogAdmin.fields.usage"), value: (c) => c.usage, render: (c) => text(c.usage) },
    { key: "afterSales", label: t("catalogAdmin.fields.afterSales"), value: (c) => c.afterSales, render: (c) => text(c.afterSales) },
    { key: "skus", label: t("catalogAdmin.fields.skus"), value: (c) => c.skus, render: (c) => <SkuList skus={c.skus} /> },
    {
      key: "description",
      label: t("catalogAdmin.fields.description"),
      value: (c) => c.description,
      render: (c) => (
        <div style={{ maxHeight: 320, overflow: "auto" }}>
          <Markdown text={c.description} />
        </div>
      ),
    },
  ];
}

function SkuList({ skus }: { skus: Sku[] }) {
  const { t } = useTranslation();
  return (
    <Table<Sku>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={skus}
      columns={[
        { title: t("catalogAdmin.sku.code"), dataIndex: "code", render: (v: string, s) => <span>{v}{Object.keys(s.options).length ? <Typography.Text type="secondary"> · {Object.entries(s.options).map(([k, x]) => `${k}: ${x}`).join(", ")}</Typography.Text> : null}</span> },
        { title: t("catalogAdmin.sku.price"), dataIndex: "priceFen", width: 110, render: (v: number) => formatFen(v) },
        { title: t("catalogAdmin.sku.weight"), dataIndex: "weightGrams", width: 80, render: (v: number) => `${v} g` },
      ]}
    />
  );
}

interface ReasonValues {
  reason: string;
  kind?: "violation" | "qualification" | "quality";
}

/** A decision that needs a reason: rejecting a version, or delisting for a violation. */
function ReasonModal({
  open,
  title,
  text: intro,
  okText,
  min,
  max,
  withKind,
  testId,
  onClose,
  send,
}: {
  open: boolean;
  title: string;
  text: string;
  okText: string;
  min: number;
  max: number;
  withKind?: boolean;
  testId: string;
  onClose: () => void;
  send: (v: { reason: string; kind?: string }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReasonValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: ReasonValues) => {
    setSaving(true);
    setError(null);
    try {
      await send({ reason: v.reason.trim(), kind: v.kind });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ danger: true, "data-testid": `${testId}-confirm` } as React.ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      forceRender
      mask={{ closable: false }}
      afterOpenChange={(visible) => {
        if (!visible) {
          form.resetFields();
          setError(null);
        }
      }}
    >
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
      <CatalogErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<ReasonValues> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={withKind ? { kind: "violation" } : undefined}>
        {withKind ? (
          <Form.Item name="kind" label={t("catalogAdmin.review.delistKind")} rules={[{ required: true }]}>
            <Select
              options={(["violation", "qualification", "quality"] as const).map((k) => ({ value: k, label: delistKindName(k) }))}
              data-testid={`${testId}-kind`}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={t("catalogAdmin.review.reason")}
          rules={[
            { required: true, whitespace: true, message: t("catalogAdmin.review.reasonRequired") },
            { min, message: t("catalogAdmin.review.reasonTooShort", { min }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={max} showCount placeholder={t("catalogAdmin.review.reasonPlaceholder")} data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
