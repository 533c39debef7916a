import { Button, Skeleton, Typography } from "antd";
import {
  AppstoreOutlined,
  CoffeeOutlined,
  GiftOutlined,
  HeartOutlined,
  HomeOutlined,
  MobileOutlined,
  RightOutlined,
  ShopOutlined,
  SkinOutlined,
  SmileOutlined,
} from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { pick } from "../../../i18n";
import { ErrorAlert } from "../../../components/errors";
import { usePersonalised } from "./personalised";
import { BrowseResults, EmptyBox } from "./ProductGrid";
import { useBrowse, useCategories } from "./queries";
import type { CategoryNode } from "../../../types/catalog";

// Root categories known to the demo catalogue get a matching icon; others a generic one.
const ICONS: Record<string, React.ReactNode> = {
  tea: <CoffeeOutlined />,
  home: <HomeOutlined />,
  electronics: <MobileOutlined />,
  food: <GiftOutlined />,
  apparel: <SkinOutlined />,
  beauty: <HeartOutlined />,
  baby: <SmileOutlined />,
};

export function SectionTitle({ children, extra }: { children: React.ReactNode; extra?: React.ReactNode }) {
  return (
    <div style={{ display: "flex", alignItems: "baseline", justifyContent: "space-between", margin: "24px 0 12px" }}>
      <Typography.Title level={4} style={{ margin: 0, fontSize: 18 }}>
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}

function CategoryTile({ node }: { node: CategoryNode }) {
  const { i18n } = useTranslation();
  return (
    <Link
      to={`/category/${node.id}`}
      data-testid={`home-category-${node.key}`}
      style={{ display: "flex", gap: 12, alignItems: "center", padding: "12px 14px", background: "#fff", borderRadius: 8, color: "inherit", minWidth: 0 }}
    >
      <span
        style={{ flex: "none", width: 40, height: 40, borderRadius: 20, background: "#fff2e8", color: "#d4380d", fontSize: 20, display: "flex", alignItems: "center", justifyContent: "center" }}
      >
        {ICONS[node.key] ?? <AppstoreOutlined />}
      </span>
      <span style={{ minWidth: 0 }}>
        <Typography.Text strong style={{ display: "block" }}>
          {pick(node.name, i18n.language)}
        </Typography.Text>
        {node.children.length ? (
          <Typography.Text type="secondary" ellipsis style={{ display: "block", fontSize: 12 }}>
            {node.children.map((c) => pick(c.name, i18n.language)).join(" · ")}
          </Typography.Text>
        ) : null}
      </span>
    </Link>
  );
}

function Categories() {
  const { t } = useTranslation();
  const categories = useCategories();
  return (
    <section data-testid="home-categories">
      <SectionTitle>{t("shopCat.home.categories")}</SectionTitle>
      {categories.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : categories.isError ? (
        <ErrorAlert error={categories.error} />
      ) : (
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(210px, 1fr))", gap: 12 }}>
          {categories.data.map((c) => (
            <CategoryTile key={c.id} node={c} />
          ))}
        </div>
      )}
    </section>
  );
}

function NewArrivals() {
  const { t } = useTranslation();
  const [personalised] = usePersonalised();
  const products = useBrowse({ sort: "newest", personalised, limit: 20 });
  const items = products.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section data-testid="home-new-arrivals">
      <SectionTitle
        extra={
          items.length ? (
            <Link to="/search?sort=newest" data-testid="home-all-products">
              {t("shopCat.home.all")} <RightOutlined style={{ fontSize: 11 }} />
            </Link>
          ) : null
        }
      >
        {t("shopCat.home.newArrivals")}
      </SectionTitle>
      <BrowseResults
        query={products}
        testId="home-products"
        empty={
          <EmptyBox text={t("shopCat.home.empty")} testId="home-empty">
            <Link to="/merchant/apply">
              <Button type="primary" icon={<ShopOutlined />}>
                {t("shopCat.home.emptyOpenShop")}
              </Button>
            </Link>
          </EmptyBox>
        }
      />
    </section>
  );
}

/** The home page's catalogue: the root categories, then what was listed last. */
export function HomeCatalog() {
  return (
    <div style={{ marginBottom: 32 }}>
      <Categories />
      <NewArrivals />
    </div>
  );
}
