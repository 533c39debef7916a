import type { ReactNode } from "react";
import { Button, Card, Empty, Skeleton, Typography } from "antd";
import { PictureOutlined, ShopOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/errors";
import { formatFen } from "../../../components/format";
import type { ProductSummary, useBrowse } from "./queries";

export const PRICE_COLOR = "#ff4d00";

const grid: React.CSSProperties = { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(200px, 1fr))", gap: 12 };

/** "¥39.00" or, when the SKUs differ, "¥39.00起" / "from ¥39.00" (the lowest, as storefronts show it). */
export function PriceFrom({ min, max, size = 18 }: { min: number; max: number; size?: number }) {
  const { t } = useTranslation();
  const [yuan, cents] = formatFen(min).split(".");
  return (
    <span style={{ color: PRICE_COLOR, whiteSpace: "nowrap" }} data-testid="card-price">
      {max > min && t("shopCat.card.fromBefore") ? <span style={{ fontSize: 12, marginInlineEnd: 2 }}>{t("shopCat.card.fromBefore")}</span> : null}
      <span style={{ fontSize: size, fontWeight: 600 }}>{yuan}</span>
      <span style={{ fontSize: Math.round(size * 0.7), fontWeight: 600 }}>.{cents}</span>
      {max > min && t("shopCat.card.fromAfter") ? <span style={{ fontSize: 12, marginInlineStart: 2 }}>{t("shopCat.card.fromAfter")}</span> : null}
    </span>
  );
}

export function ProductImageBox({ src, alt, radius = 8 }: { src: string | null; alt: string; radius?: number }) {
  return (
    <div style={{ aspectRatio: "1 / 1", background: "#f5f5f5", borderRadius: radius, overflow: "hidden", display: "flex", alignItems: "center", justifyContent: "center" }}>
      {src ? (
        <img src={src} alt={alt} loading="lazy" style={{ width: "100%", height: "100%", objectFit: "cover", display: "block" }} />
      ) : (
        <PictureOutlined style={{ fontSize: 40, color: "#d9d9d9" }} />
      )}
    </div>
  );
}

export function ProductCard({ product }: { product: ProductSummary }) {
  const { t } = useTranslation();
  return (
    <Link to={`/products/${product.id}`} data-testid="product-card" data-product-id={product.id} style={{ color: "inherit", display: "block" }}>
      <Card
        hoverable
        size="small"
        cover={<ProductImageBox src={product.image?.medium ?? null} alt={product.title} radius={0} />}
        styles={{ body: { padding: "8px 10px 10px" } }}
        style={{ height: "100%", overflow: "hidden" }}
      >
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 14, lineHeight: "20px", minHeight: 40 }} title={product.title} data-testid="card-title">
          {product.title}
        </Typography.Paragraph>
        <div style={{ display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: 8, marginTop: 6 }}>
          <PriceFrom min={product.minPriceFen} max={product.maxPriceFen} />
          {product.salesCount > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
              {t("shopCat.card.sold", { count: product.salesCount })}
            </Typography.Text>
          ) : null}
        </div>
        <Typography.Text type="secondary" ellipsis style={{ display: "block", fontSize: 12, marginTop: 4 }} data-testid="card-merchant">
          <ShopOutlined style={{ marginInlineEnd: 4 }} />
          {product.merchantName}
        </Typography.Text>
      </Card>
    </Link>
  );
}

/** `busy`: these are the previous results while new ones load. */
export function ProductGrid({ items, testId = "product-grid", busy = false }: { items: ProductSummary[]; testId?: string; busy?: boolean }) {
  return (
    <div style={{ ...grid, opacity: busy ? 0.5 : 1, transition: "opacity 0.2s" }} data-testid={testId} data-busy={busy} aria-busy={busy}>
      {items.map((p) => (
        <ProductCard key={p.id} product={p} />
      ))}
    </div>
  );
}

export function GridSkeleton({ count = 10 }: { count?: number }) {
  return (
    <div style={grid} data-testid="grid-loading">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} style={{ background: "#fff", borderRadius: 8, padding: 8 }}>
          <Skeleton.Node active style={{ width: "100%", height: "auto", aspectRatio: "1 / 1" }} />
          <Skeleton active title={false} paragraph={{ rows: 3, width: ["100%", "60%", "40%"] }} style={{ marginTop: 12 }} />
        </div>
      ))}
    </div>
  );
}

interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** "Load more" under a grid, or a quiet line once everything is shown. */
export function LoadMore({ query, shown }: { query: Pages; shown: number }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) {
    return shown > 0 ? (
      <Typography.Text type="secondary" style={{ display: "block", textAlign: "center", padding: "20px 0 4px", fontSize: 13 }} data-testid="list-end">
        {t("shopCat.list.end")}
      </Typography.Text>
    ) : null;
  }
  return (
    <div style={{ textAlign: "center", paddingTop: 20 }}>
      <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} style={{ minWidth: 200 }} data-testid="load-more">
        {t("common.loadMore")}
      </Button>
    </div>
  );
}

export function EmptyBox({ text, children, testId }: { text: ReactNode; children?: ReactNode; testId?: string }) {
  return (
    <div style={{ background: "#fff", borderRadius: 8, padding: "40px 16px" }} data-testid={testId}>
      <Empty description={text}>{children}</Empty>
    </div>
  );
}

/**
 * A browse query's products: a skeleton, the error, `empty` when there are none, or the grid
 * with "load more". `busy`: dim the previous results while new ones load.
 */
export function BrowseResults({ query, testId, empty, busy, skeleton }: { query: ReturnType<typeof useBrowse>; testId: string; empty: ReactNode; busy?: boolean; skeleton?: number }) {
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (query.isPending) return <GridSkeleton count={skeleton} />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (items.length === 0) return empty;
  return (
    <>
      <ProductGrid items={items} testId={testId} busy={busy} />
      <LoadMore query={query} shown={items.length} />
    </>
  );
}
