import { useState } from "react";
import { Avatar, Button, Card, Col, Descriptions, InputNumber, Result, Row, Skeleton, Space, Tag, Typography } from "antd";
import { CheckCircleOutlined, InfoCircleOutlined, ShopOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { pick } from "../../../i18n";
import { ErrorAlert } from "../../../components/errors";
import { formatDate, formatFen } from "../../../components/format";
import { Markdown } from "../../../components/Markdown";
import { CatalogBreadcrumb } from "./CategoryPage";
import { PRICE_COLOR } from "./ProductGrid";
import { isGone, useProduct } from "./queries";
import { AddToCart } from "../cart/AddToCart";
import type { Product } from "./queries";
import type { Sku } from "../../../types/catalog";

function Gallery({ product }: { product: Product }) {
  const [index, setIndex] = useState(0);
  const images = product.images;
  const current = images[Math.min(index, images.length - 1)];
  return (
    <div data-testid="product-gallery">
      <div style={{ aspectRatio: "1 / 1", background: "#f5f5f5", borderRadius: 8, overflow: "hidden" }}>
        {current ? <img src={current.large} alt={product.title} style={{ width: "100%", height: "100%", objectFit: "cover", display: "block" }} data-testid="gallery-main" /> : null}
      </div>
      {images.length > 1 ? (
        <div style={{ display: "flex", gap: 8, marginTop: 10, flexWrap: "wrap" }}>
          {images.map((img, i) => (
            <button
              key={img.id}
              type="button"
              onClick={() => setIndex(i)}
              onMouseEnter={() => setIndex(i)}
              aria-label={String(i + 1)}
              aria-pressed={i === index}
              data-testid="gallery-thumb"
              style={{ width: 64, height: 64, padding: 0, borderRadius: 6, overflow: "hidden", cursor: "pointer", background: "#f5f5f5", border: `2px solid ${i === index ? PRICE_COLOR : "transparent"}` }}
            >
              <img src={img.thumb} alt="" style={{ width: "100%", height: "100%", objectFit: "cover", display: "block" }} />
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** The option names of the SKUs (规格, 颜色 …) with their values, in the merchant's order. */
function optionsOf(skus: Sku[]): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const s of skus) {
    for (const [name, value] of Object.entries(s.options)) {
      const values = out.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      out.set(name, values);
    }
  }
  return [...out];
}

const matching = (skus: Sku[], chosen: Record<string, string>) => skus.filter((s) => Object.entries(chosen).every(([n, v]) => s.options[n] === v));

function priceText(skus: Sku[]): string {
  const prices = skus.map((s) => s.priceFen);
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  return min === max ? formatFen(min) : `${formatFen(min)} – ${formatFen(max)}`;
}

function ReturnBadge({ eligible }: { eligible: boolean }) {
  const { t } = useTranslation();
  return eligible ? (
    <Tag color="green" icon={<CheckCircleOutlined />} data-testid="return-badge" data-eligible="true" style={{ marginInlineEnd: 0 }}>
      {t("shopCat.product.returns7")}
    </Tag>
  ) : (
    <Tag icon={<InfoCircleOutlined />} data-testid="return-badge" data-eligible="false" style={{ marginInlineEnd: 0 }}>
      {t("shopCat.product.noReturns7")}
    </Tag>
  );
}

function BuyBox({ product }: { product: Product }) {
  const { t } = useTranslation();
  const options = optionsOf(product.skus);
  // A single SKU is chosen from the start: there is nothing to pick.
  const [chosen, setChosen] = useState<Record<string, string>>(() => (product.skus.length === 1 ? { ...product.skus[0]!.options } : {}));
  const [quantity, setQuantity] = useState(1);
  const candidates = matching(product.skus, chosen);
  const sku = options.every(([name]) => chosen[name] !== undefined) ? candidates[0] : undefined;
  const pickValue = (name: string, value: string) => {
    const next = { ...chosen };
    if (next[name] === value) delete next[name];
    else next[name] = value;
    setChosen(next);
  };
  const row = (label: string, children: React.ReactNode, testId?: string) => (
    <div style={{ display: "flex", gap: 12, alignItems: "baseline", marginTop: 14 }} data-testid={testId}>
      <Typography.Text type="secondary" style={{ width: 72, flex: "none", fontSize: 13 }}>
        {label}
      </Typography.Text>
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
    </div>
  );
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 12, fontSize: 20, lineHeight: 1.4 }} data-testid="product-title">
        {product.title}
      </Typography.Title>
      <div style={{ background: "linear-gradient(90deg, #fff2e8, #fff7f0)", borderRadius: 8, padding: "14px 16px" }}>
        <Space size={12} align="baseline">
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t("shopCat.product.price")}
          </Typography.Text>
          <span style={{ color: PRICE_COLOR, fontSize: 28, fontWeight: 600 }} data-testid="product-price">
            {sku ? formatFen(sku.priceFen) : priceText(candidates.length ? candidates : product.skus)}
          </span>
        </Space>
      </div>
      {row(t("shopCat.product.service"), <ReturnBadge eligible={product.returnEligible} />)}
      {options.map(([name, values]) =>
        row(
          name,
          <Space size={[8, 8]} wrap>
            {values.map((v) => {
              const selected = chosen[name] === v;
              const others = Object.fromEntries(Object.entries(chosen).filter(([n]) => n !== name));
              const possible = matching(product.skus, { ...others, [name]: v }).length > 0;
              return (
                <Button
                  key={v}
                  size="small"
                  onClick={() => pickValue(name, v)}
                  disabled={!possible}
                  aria-pressed={selected}
                  data-testid="sku-option"
                  data-selected={selected}
                  style={selected ? { borderColor: PRICE_COLOR, color: PRICE_COLOR, background: "#fff7f0" } : undefined}
                >
                  {v}
                </Button>
              );
            })}
          </Space>,
          "sku-picker",
        ),
      )}
      {row(
        t("shopCat.product.quantity"),
        <InputNumber<number> mode="spinner" min={1} max={99} precision={0} value={quantity} onChange={(v) => setQuantity(v ?? 1)} style={{ width: 130 }} data-testid="quantity" />,
      )}
      <AddToCart
        productId={product.id}
        sku={sku}
        quantity={quantity}
        missing={options.length && !sku ? options.filter(([n]) => chosen[n] === undefined).map(([n]) => n).join(t("shopCat.product.listSeparator")) : null}
      />
    </div>
  );
}

function Specs({ product }: { product: Product }) {
  const { t, i18n } = useTranslation();
  const defs = product.category.attributes;
  const value = (v: string | number, def: (typeof defs)[number]) => {
    if (def.type === "date" && typeof v === "string") return formatDate(v);
    return def.unit ? `${v} ${def.unit}` : String(v);
  };
  const items = defs
    .filter((d) => product.attributes[d.key] !== undefined && product.attributes[d.key] !== "")
    .map((d) => ({ key: `attr-${d.key}`, label: pick(d.name, i18n.language), children: value(product.attributes[d.key]!, d) }));
  // Origin and material are fields of every product; a category may ask for them as attributes too.
  const has = (key: string) => items.some((i) => i.key === `attr-${key}`);
  const extra: [string, string, string | null][] = [
    ["origin", t("shopCat.spec.origin"), has("origin") ? null : product.origin],
    ["material", t("shopCat.spec.material"), has("material") ? null : product.material],
    ["productionDate", t("shopCat.spec.productionDate"), product.productionDate ? formatDate(product.productionDate) : null],
    ["shelfLife", t("shopCat.spec.shelfLife"), product.shelfLifeDays ? t("shopCat.spec.days", { count: product.shelfLifeDays }) : null],
    ["functions", t("shopCat.spec.functions"), product.functions],
    ["usage", t("shopCat.spec.usage"), product.usage],
  ];
  for (const [key, label, v] of extra) if (v) items.push({ key, label, children: v });
  return (
    <Card title={t("shopCat.product.specs")} size="small" data-testid="product-specs">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} styles={{ label: { width: 120, whiteSpace: "nowrap" } }} />
    </Card>
  );
}

function MerchantCard({ product }: { product: Product }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="product-merchant">
      <Space size={12} align="center" style={{ width: "100%" }}>
        <Avatar size={48} icon={<ShopOutlined />} style={{ background: "#fff2e8", color: "#d4380d", flex: "none" }} />
        <Typography.Text strong style={{ fontSize: 15 }}>
          {product.merchant.name}
        </Typography.Text>
      </Space>
      <Link to={`/shops/${product.merchant.id}`} data-testid="product-merchant-link">
        <Button block style={{ marginTop: 12 }} icon={<ShopOutlined />}>
          {t("shopCat.product.visitShop")}
        </Button>
      </Link>
    </Card>
  );
}

function Gone() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t("shopCat.product.gone")}
      subTitle={t("shopCat.product.goneText")}
      data-testid="product-gone"
      extra={
        <Space>
          <Link to="/">
            <Button type="primary">{t("common.backHome")}</Button>
          </Link>
          <Link to="/search?sort=newest">
            <Button>{t("shopCat.product.browseNew")}</Button>
          </Link>
        </Space>
      }
    />
  );
}

/** /products/:id: a product on sale (P1, P2). */
export function ProductPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const product = useProduct(id);
  if (product.isPending) {
    return (
      <div style={{ padding: "20px 0 40px" }} data-testid="product-loading">
        <Card>
          <Row gutter={32}>
            <Col xs={24} md={10}>
              <Skeleton.Node active style={{ width: "100%", height: "auto", aspectRatio: "1 / 1" }} />
            </Col>
            <Col xs={24} md={14}>
              <Skeleton active paragraph={{ rows: 8 }} />
            </Col>
          </Row>
        </Card>
      </div>
    );
  }
  if (product.isError) return isGone(product.error) ? <Gone /> : <ErrorAlert error={product.error} style={{ margin: "20px 0" }} />;
  const p = product.data;
  return (
    <div style={{ padding: "20px 0 40px" }} data-testid="product-page">
      <CatalogBreadcrumb path={p.category.path} last={p.title} />
      <Card styles={{ body: { padding: 24 } }}>
        <Row gutter={[32, 24]}>
          <Col xs={24} md={10} xl={9}>
            <Gallery product={p} />
          </Col>
          <Col xs={24} md={14} xl={15}>
            {/* Keyed: another product starts with its own choice. */}
            <BuyBox key={p.id} product={p} />
          </Col>
        </Row>
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={18}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Specs product={p} />
            <Card title={t("shopCat.product.description")} size="small" data-testid="product-description">
              <Markdown text={p.description} />
            </Card>
            <Card title={t("shopCat.product.afterSales")} size="small" data-testid="product-after-sales">
              <Space orientation="vertical" size={8}>
                <ReturnBadge eligible={p.returnEligible} />
                <Typography.Text type="secondary">{p.returnEligible ? t("shopCat.product.returns7Text") : t("shopCat.product.noReturns7Text")}</Typography.Text>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>{p.afterSales}</Typography.Paragraph>
              </Space>
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={6}>
          <MerchantCard product={p} />
        </Col>
      </Row>
    </div>
  );
}
