import { useMemo, useState } from "react";
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Space, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { EditOutlined, PictureOutlined, PlusOutlined, SendOutlined, StopOutlined, UndoOutlined, UploadOutlined } from "@ant-design/icons";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { api, isApiError } from "../../../api";
import type { Page } from "../../../api";
import { formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { PageHeader } from "../../../components/PageHeader";
import { useCategories } from "../../shop/catalog/queries";
import { categoryPathText, catalogErrorText, CatalogErrorAlert, FindingList, flattenCategories, priceRange, ProductStatusTag } from "./labels";
import type { Finding, Product, ProductListItem, ProductStatus } from "../../../types/catalog";

export const PRODUCTS_KEY = ["merchant", "products"] as const;
export const productKey = (id: string) => [...PRODUCTS_KEY, "one", id] as const;
const PAGE_SIZE = 20;
const TABS: (ProductStatus | "all")[] = ["all", "draft", "pending_review", "listed", "rejected", "delisted"];

export function useProduct(id: string | undefined) {
  return useQuery({ queryKey: productKey(id ?? ""), queryFn: () => api<Product>(`/merchant/products/${encodeURIComponent(id!)}`), enabled: !!id });
}

/** The shop's products by status, with what can be done to each (P2, P4). */
export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<ProductStatus | "all">("all");
  const [delisting, setDelisting] = useState<ProductListItem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const categories = useCategories();
  const byId = useMemo(() => flattenCategories(categories.data ?? []), [categories.data]);
  const list = useInfiniteQuery({
    queryKey: [...PRODUCTS_KEY, "list", tab],
    initialPageParam: "" as string,
    queryFn: ({ pageParam }) => api<Page<ProductListItem>>("/merchant/products", { query: { status: tab === "all" ? undefined : tab, cursor: pageParam, limit: PAGE_SIZE } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const changed = async (p: Product, text: string) => {
    queryClient.setQueryData(productKey(p.id), p);
    await queryClient.invalidateQueries({ queryKey: [...PRODUCTS_KEY, "list"] });
    message.success(text);
  };

  /** A listing the pre-screening stops: what to fix, and the way to the editor. */
  const showBlocked = (row: ProductListItem, e: unknown) => {
    const findings = ((e as { details?: { findings?: Finding[] } }).details?.findings ?? []) as Finding[];
    modal.error({
      title: t("catalogAdmin.products.blockedTitle", { title: row.title }),
      width: 560,
      content: <FindingList findings={findings} category={byId.get(row.categoryId)} />,
      okText: t("catalogAdmin.products.goEdit"),
      onOk: () => navigate(`/merchant/products/${row.id}`),
    });
  };

  const act = async (row: ProductListItem, action: "submit" | "relist") => {
    setError(null);
    setBusy(`${action}-${row.id}`);
    try {
      const p = await api<Product>(`/merchant/products/${encodeURIComponent(row.id)}/${action}`, { method: "POST" });
      await changed(p, t(action === "submit" ? (p.status === "listed" ? "catalogAdmin.editor.wentLive" : "catalogAdmin.editor.sentToReview") : "catalogAdmin.products.relisted", { title: row.title }));
    } catch (e) {
      if (isApiError(e) && e.code === "LISTING_BLOCKED") showBlocked(row, e);
      else setError(e);
    } finally {
      setBusy(null);
    }
  };

  const empty =
    tab === "all" ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("catalogAdmin.products.emptyAll")} data-testid="products-empty">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/merchant/products/new")} data-testid="create-first-product">
          {t("catalogAdmin.products.createFirst")}
        </Button>
      </Empty>
    ) : (
      emptyText(t("catalogAdmin.products.emptyStatus", { status: t(`catalogAdmin.productStatus.${tab}`) }))
    );

  return (
    <div data-testid="merchant-products">
      <PageHeader title={t("catalogAdmin.products.title")}>
        <Space wrap>
          <Button icon={<UploadOutlined />} onClick={() => navigate("/merchant/products/import")} data-testid="product-import">
            {t("supplierUi.import.open")}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/merchant/products/new")} data-testid="product-new">
            {t("catalogAdmin.products.new")}
          </Button>
        </Space>
      </PageHeader>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as ProductStatus | "all")}
          items={TABS.map((s) => ({ key: s, label: <span data-testid={`products-tab-${s}`}>{s === "all" ? t("catalogAdmin.products.all") : t(`catalogAdmin.productStatus.${s}`)}</span> }))}
          style={{ marginTop: -8 }}
        />
        <CatalogErrorAlert error={error} style={{ marginBottom: 16 }} />
        {list.isError ? <CatalogErrorAlert error={list.error} style={{ marginBottom: 16 }} /> : null}
        <Table<ProductListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 980 }}
          data-testid="products-table"
          locale={{ emptyText: list.isPending ? " " : empty }}
          onRow={(r) => ({ "data-testid": `product-row-${r.id}`, "data-title": r.title }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t("catalogAdmin.products.picture"), key: "thumb", width: 76, render: (_, r) => <MainThumb src={r.image?.thumb} /> },
            {
              title: t("catalogAdmin.fields.title"),
              dataIndex: "title",
              render: (v: string, r) => (
                <div style={{ minWidth: 0 }}>
                  <Link to={`/merchant/products/${r.id}`} data-testid="product-title">
                    {v}
                  </Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {categoryPathText(byId.get(r.categoryId), i18n.language)}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            { title: t("catalogAdmin.products.price"), key: "price", width: 170, render: (_, r) => <span style={{ whiteSpace: "nowrap" }}>{priceRange(r.minPriceFen, r.maxPriceFen)}</span> },
            {
              title: t("catalogAdmin.products.status"),
              dataIndex: "status",
              width: 190,
              render: (s: ProductStatus, r) => (
                <Flex gap={4} wrap>
                  <ProductStatusTag status={s} />
                  {r.pendingChanges ? (
                    <Tooltip title={t("catalogAdmin.products.pendingChangesHint")}>
                      <Tag color="purple" data-testid="pending-changes">
                        {t("catalogAdmin.products.pendingChanges")}
                      </Tag>
                    </Tooltip>
                  ) : null}
                </Flex>
              ),
            },
            { title: t("catalogAdmin.products.updatedAt"), dataIndex: "updatedAt", width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: t("common.actions"),
              key: "actions",
              width: 210,
              fixed: "right",
              render: (_, r) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => navigate(`/merchant/products/${r.id}`)} data-testid="product-edit">
                    {t("catalogAdmin.products.edit")}
                  </Button>
                  {r.status === "draft" ? (
                    <Button type="link" size="small" icon={<SendOutlined />} loading={busy === `submit-${r.id}`} onClick={() => void act(r, "submit")} data-testid="product-submit">
                      {t("catalogAdmin.editor.submit")}
                    </Button>
                  ) : null}
                  {r.status === "listed" ? (
                    <Button type="link" size="small" danger icon={<StopOutlined />} onClick={() => setDelisting(r)} data-testid="product-delist">
                      {t("catalogAdmin.products.delist")}
                    </Button>
                  ) : null}
                  {r.status === "delisted" ? (
                    <Button type="link" size="small" icon={<UndoOutlined />} loading={busy === `relist-${r.id}`} onClick={() => void act(r, "relist")} data-testid="product-relist">
                      {t("catalogAdmin.products.relist")}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
        {list.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t("common.loadMore")}
            </Button>
          </Flex>
        ) : null}
      </Card>
      <DelistModal
        product={delisting}
        onClose={() => setDelisting(null)}
        onDone={(p) => {
          setDelisting(null);
          void changed(p, t("catalogAdmin.products.delisted", { title: p.title }));
        }}
      />
    </div>
  );
}

/** The main picture of a product, or a placeholder. */
function MainThumb({ src }: { src: string | undefined }) {
  const box: React.CSSProperties = { width: 56, height: 56, borderRadius: 6, background: "#fafafa", border: "1px solid #f0f0f0", display: "flex", alignItems: "center", justifyContent: "center", overflow: "hidden" };
  return (
    <div style={box}>
      {src ? (
        <img src={src} alt="" width={56} height={56} style={{ objectFit: "cover" }} loading="lazy" data-testid="product-thumb" />
      ) : (
        <PictureOutlined style={{ color: "#bfbfbf", fontSize: 20 }} />
      )}
    </div>
  );
}

/** P4: the merchant takes a product off sale, saying why. */
function DelistModal({ product, onClose, onDone }: { product: ProductListItem | null; onClose: () => void; onDone: (p: Product) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  // Kept while the dialog closes, so that its title does not go blank.
  const [shown, setShown] = useState(product);
  if (product && product !== shown) setShown(product);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async ({ reason }: { reason: string }) => {
    if (!product) return;
    setSaving(true);
    setError(null);
    try {
      onDone(await api<Product>(`/merchant/products/${encodeURIComponent(product.id)}/delist`, { method: "POST", body: { reason: reason.trim() } }));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={!!product}
      title={t("catalogAdmin.products.delistTitle", { title: shown?.title ?? "" })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("catalogAdmin.products.delist")}
      okButtonProps={{ danger: true, "data-testid": "delist-confirm" } as React.ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      forceRender
      afterOpenChange={(open) => {
        if (!open) {
          form.resetFields();
          setError(null);
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t("catalogAdmin.products.delistText")}</Typography.Paragraph>
      {error ? <Typography.Paragraph type="danger">{catalogErrorText(error)}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="reason"
          label={t("catalogAdmin.products.delistReason")}
          rules={[
            { required: true, whitespace: true, message: t("catalogAdmin.products.delistReasonRequired") },
            { min: 2, message: t("catalogAdmin.products.delistReasonRequired") },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount placeholder={t("catalogAdmin.products.delistPlaceholder")} data-testid="delist-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
