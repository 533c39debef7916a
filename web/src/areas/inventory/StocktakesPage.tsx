import { Empty } from "antd";

export function StocktakesPage() {
  return <Empty data-testid="inventory-stocktakes-page" />;
}
