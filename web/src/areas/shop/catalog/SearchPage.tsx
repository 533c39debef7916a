import { Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { pick } from "../../../i18n";
import { usePersonalised } from "./personalised";
import { BrowseResults, EmptyBox } from "./ProductGrid";
import { useBrowse, useCategories } from "./queries";
import { SortBar, sortParam, withSort } from "./SortBar";

/** Where to look instead when a search finds nothing: tips and the root categories. */
function NoResults({ q }: { q: string }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  return (
    <EmptyBox text={q ? t("shopCat.search.none", { q }) : t("shopCat.search.noneAtAll")} testId="search-empty">
      <div style={{ maxWidth: 460, margin: "0 auto", textAlign: "start" }}>
        <Typography.Text type="secondary">{t("shopCat.search.tips")}</Typography.Text>
        <ul style={{ margin: "4px 0 12px", paddingInlineStart: 20, color: "#8c8c8c" }}>
          <li>{t("shopCat.search.tipSpelling")}</li>
          <li>{t("shopCat.search.tipShorter")}</li>
          <li>{t("shopCat.search.tipLanguage")}</li>
        </ul>
        {categories.data?.length ? (
          <Space size={[4, 8]} wrap data-testid="search-suggestions">
            <Typography.Text type="secondary">{t("shopCat.search.browse")}</Typography.Text>
            {categories.data.map((c) => (
              <Link key={c.id} to={`/category/${c.id}`}>
                <Tag style={{ cursor: "pointer" }}>{pick(c.name, i18n.language)}</Tag>
              </Link>
            ))}
          </Space>
        ) : null}
      </div>
    </EmptyBox>
  );
}

/** /search?q=…: products matching the words (Chinese phrases, English words with typos). */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get("q") ?? "").trim();
  const sort = sortParam(params.get("sort"));
  const [personalised] = usePersonalised();
  const products = useBrowse({ q: q || undefined, sort, personalised });
  return (
    <div style={{ padding: "20px 0 40px" }} data-testid="search-page">
      <Typography.Title level={4} style={{ margin: "0 0 12px", fontSize: 18 }} data-testid="search-title">
        {q ? t("shopCat.search.title", { q }) : t("shopCat.search.all")}
      </Typography.Title>
      <SortBar value={sort} onChange={(s) => setParams(withSort(params, s))} search={!!q} />
      <BrowseResults query={products} testId="search-results" busy={products.isPlaceholderData} empty={<NoResults q={q} />} />
    </div>
  );
}
