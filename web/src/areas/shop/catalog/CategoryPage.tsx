import { useState } from "react";
import { Breadcrumb, Button, InputNumber, Skeleton, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { pick } from "../../../i18n";
import { ErrorAlert } from "../../../components/errors";
import { ErrorResult } from "../../../components/Forbidden";
import { formatFen } from "../../../components/format";
import { usePersonalised } from "./personalised";
import { BrowseResults, EmptyBox, GridSkeleton } from "./ProductGrid";
import { findCategory, useBrowse, useCategories, yuanToFen } from "./queries";
import type { CategoryNode, PathStep } from "../../../types/catalog";
import { SortBar, sortParam, withSort } from "./SortBar";

// The filters live in the address (sort, min, max in yuan, attr=key:value …): a reload,
// a shared link or the back button show the same results.

function parseAttrs(params: URLSearchParams): [string, string][] {
  return params.getAll("attr").flatMap((a) => {
    const i = a.indexOf(":");
    return i > 0 ? [[a.slice(0, i), a.slice(i + 1)] as [string, string]] : [];
  });
}

export function CatalogBreadcrumb({ path, last }: { path: PathStep[]; last?: string }) {
  const { t, i18n } = useTranslation();
  const steps = path.map((p, i) => ({
    key: p.id,
    title: i === path.length - 1 && !last ? pick(p.name, i18n.language) : <Link to={`/category/${p.id}`}>{pick(p.name, i18n.language)}</Link>,
  }));
  return (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      data-testid="breadcrumb"
      items={[{ key: "home", title: <Link to="/">{t("shopCat.home.crumb")}</Link> }, ...steps, ...(last ? [{ key: "last", title: last }] : [])]}
    />
  );
}

/** One line of the filter panel: a grey label, then its choices. */
function FilterRow({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div style={{ display: "flex", borderTop: "1px dashed #f0f0f0" }} data-testid={testId}>
      <div style={{ width: 96, flex: "none", padding: "10px 12px", background: "#fafafa", color: "#8c8c8c", fontSize: 13 }}>{label}</div>
      <div style={{ flex: 1, padding: "8px 12px", minWidth: 0 }}>{children}</div>
    </div>
  );
}

function Chip({ checked, onChange, children, testId }: { checked: boolean; onChange: () => void; children: React.ReactNode; testId?: string }) {
  return (
    <Tag.CheckableTag checked={checked} onChange={onChange} data-testid={testId} style={{ marginBlock: 2, fontSize: 13 }}>
      {children}
    </Tag.CheckableTag>
  );
}

function PriceFilter({ min, max, onApply }: { min: string; max: string; onApply: (min: string, max: string) => void }) {
  const { t } = useTranslation();
  const [low, setLow] = useState<number | null>(yuanToFen(min) === undefined ? null : Number(min));
  const [high, setHigh] = useState<number | null>(yuanToFen(max) === undefined ? null : Number(max));
  const invalid = low !== null && high !== null && low > high;
  const apply = () => {
    if (!invalid) onApply(low === null ? "" : String(low), high === null ? "" : String(high));
  };
  return (
    <Space size={8} wrap align="center">
      <InputNumber<number> size="small" prefix="¥" min={0} precision={2} value={low} onChange={setLow} onPressEnter={apply} placeholder={t("shopCat.filter.min")} style={{ width: 110 }} data-testid="price-min" status={invalid ? "error" : undefined} />
      <span style={{ color: "#bfbfbf" }}>–</span>
      <InputNumber<number> size="small" prefix="¥" min={0} precision={2} value={high} onChange={setHigh} onPressEnter={apply} placeholder={t("shopCat.filter.max")} style={{ width: 110 }} data-testid="price-max" status={invalid ? "error" : undefined} />
      <Button size="small" onClick={apply} disabled={invalid} data-testid="price-apply">
        {t("common.confirm")}
      </Button>
      {invalid ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t("shopCat.filter.priceOrder")}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

function priceLabel(t: TFunction, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${formatFen(min)} – ${formatFen(max)}`;
  if (min !== undefined) return t("shopCat.filter.atLeast", { price: formatFen(min) });
  return t("shopCat.filter.atMost", { price: formatFen(max ?? 0) });
}

function Filters({ node, tree, params, setParams }: { node: CategoryNode; tree: CategoryNode[]; params: URLSearchParams; setParams: (p: URLSearchParams) => void }) {
  const { t, i18n } = useTranslation();
  const attrs = parseAttrs(params);
  const min = params.get("min") ?? "";
  const max = params.get("max") ?? "";
  // A leaf shows its siblings, so that the buyer can move sideways.
  const parent = node.parentId ? findCategory(tree, node.parentId) : null;
  const subs = node.children.length ? node.children : (parent?.children ?? []);
  const enums = node.attributes.filter((a) => a.type === "enum" && a.options?.length);
  // Category links keep the order and price, not attributes another category may not have.
  const carry = (() => {
    const p = new URLSearchParams();
    for (const k of ["sort", "min", "max"]) if (params.get(k)) p.set(k, params.get(k)!);
    const s = p.toString();
    return s ? `?${s}` : "";
  })();
  const setAttr = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    next.delete("attr");
    for (const [k, v] of attrs) if (k !== key) next.append("attr", `${k}:${v}`);
    if (value !== null) next.append("attr", `${key}:${value}`);
    setParams(next);
  };
  const setPrice = (low: string, high: string) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of [["min", low], ["max", high]] as const) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const clearAll = () => {
    const next = new URLSearchParams();
    if (params.get("sort")) next.set("sort", params.get("sort")!);
    setParams(next);
  };
  const chosen = [
    ...attrs.map(([k, v]) => {
      const def = enums.find((a) => a.key === k);
      return { key: `attr-${k}`, label: `${def ? pick(def.name, i18n.language) : k}：${v}`, clear: () => setAttr(k, null) };
    }),
    ...(min || max
      ? [
          {
            key: "price",
            label: `${t("shopCat.filter.price")}：${priceLabel(t, yuanToFen(min), yuanToFen(max))}`,
            clear: () => setPrice("", ""),
          },
        ]
      : []),
  ];
  return (
    <div style={{ background: "#fff", borderRadius: 8, marginBottom: 12, overflow: "hidden" }} data-testid="category-filters">
      <div style={{ display: "flex", alignItems: "center", gap: 8, padding: "10px 12px", flexWrap: "wrap" }}>
        <Typography.Text strong>{pick(node.name, i18n.language)}</Typography.Text>
        {chosen.length ? (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t("shopCat.filter.chosen")}
            </Typography.Text>
            {chosen.map((c) => (
              <Tag key={c.key} closable onClose={c.clear} color="orange" data-testid={`chosen-${c.key}`} style={{ marginInlineEnd: 0 }}>
                {c.label}
              </Tag>
            ))}
            <Button type="link" size="small" onClick={clearAll} data-testid="filters-clear">
              {t("shopCat.filter.clear")}
            </Button>
          </>
        ) : null}
      </div>
      {subs.length ? (
        <FilterRow label={t("shopCat.filter.category")} testId="filter-subcategories">
          {subs.map((c) => (
            <Link key={c.id} to={`/category/${c.id}${carry}`} data-testid={`subcategory-${c.key}`}>
              <Tag.CheckableTag checked={c.id === node.id} style={{ marginBlock: 2, fontSize: 13 }}>
                {pick(c.name, i18n.language)}
              </Tag.CheckableTag>
            </Link>
          ))}
        </FilterRow>
      ) : null}
      {enums.map((a) => {
        const current = attrs.find(([k]) => k === a.key)?.[1];
        return (
          <FilterRow key={a.key} label={pick(a.name, i18n.language)} testId={`filter-${a.key}`}>
            {a.options!.map((o) => (
              <Chip key={o} checked={current === o} onChange={() => setAttr(a.key, current === o ? null : o)} testId={`filter-${a.key}-${o}`}>
                {o}
              </Chip>
            ))}
          </FilterRow>
        );
      })}
      <FilterRow label={t("shopCat.filter.price")} testId="filter-price">
        <PriceFilter key={`${min}-${max}`} min={min} max={max} onApply={setPrice} />
      </FilterRow>
    </div>
  );
}

function Results({ node, params, setParams }: { node: CategoryNode; params: URLSearchParams; setParams: (p: URLSearchParams) => void }) {
  const { t } = useTranslation();
  const [personalised] = usePersonalised();
  const sort = sortParam(params.get("sort"));
  // Only this category's own choice attributes are sent: a stale address cannot break the page.
  const keys = new Set(node.attributes.filter((a) => a.type === "enum").map((a) => a.key));
  const attrs = parseAttrs(params).filter(([k]) => keys.has(k));
  const products = useBrowse({
    categoryId: node.id,
    minPriceFen: yuanToFen(params.get("min")),
    maxPriceFen: yuanToFen(params.get("max")),
    attrs,
    sort,
    personalised,
  });
  const filtered = attrs.length > 0 || params.has("min") || params.has("max");
  return (
    <>
      <SortBar value={sort} onChange={(s) => setParams(withSort(params, s))} search={false} />
      <BrowseResults
        query={products}
        testId="category-results"
        busy={products.isPlaceholderData}
        empty={
          <EmptyBox text={filtered ? t("shopCat.category.noneFiltered") : t("shopCat.category.none")} testId="category-empty">
            {filtered ? (
              <Button onClick={() => setParams(new URLSearchParams(sort ? { sort } : {}))} data-testid="empty-clear">
                {t("shopCat.filter.clear")}
              </Button>
            ) : (
              <Link to="/">
                <Button>{t("common.backHome")}</Button>
              </Link>
            )}
          </EmptyBox>
        }
      />
    </>
  );
}

/** /category/:id: a category with its sub-categories, filters and order (P1). */
export function CategoryPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const tree = useCategories();
  if (tree.isPending) {
    return (
      <div style={{ padding: "20px 0 40px" }}>
        <Skeleton active paragraph={{ rows: 4 }} />
        <GridSkeleton />
      </div>
    );
  }
  if (tree.isError) return <ErrorAlert error={tree.error} style={{ margin: "20px 0" }} />;
  const node = findCategory(tree.data, id);
  if (!node) return <ErrorResult status="404" title={t("shopCat.category.notFound")} text={t("shopCat.category.notFoundText")} />;
  return (
    <div style={{ padding: "20px 0 40px" }} data-testid="category-page" data-category={node.key}>
      <CatalogBreadcrumb path={node.path} />
      <Filters node={node} tree={tree.data} params={params} setParams={setParams} />
      <Results node={node} params={params} setParams={setParams} />
    </div>
  );
}
