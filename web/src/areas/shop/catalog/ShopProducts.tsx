import { Card } from "antd";
import { useTranslation } from "react-i18next";
import { usePersonalised } from "./personalised";
import { BrowseResults, EmptyBox } from "./ProductGrid";
import { useBrowse } from "./queries";

/** What a shop has on sale, newest first, on its public page. */
export function ShopProducts({ merchantId }: { merchantId: string }) {
  const { t } = useTranslation();
  const [personalised] = usePersonalised();
  const products = useBrowse({ merchantId, sort: "newest", personalised, limit: 20 });
  return (
    <Card title={t("shopCat.shopProducts.title")} data-testid="shop-products">
      <BrowseResults query={products} testId="shop-products-grid" skeleton={5} empty={<EmptyBox text={t("shopCat.shopProducts.empty")} testId="shop-products-empty" />} />
    </Card>
  );
}
