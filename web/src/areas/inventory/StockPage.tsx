import { Empty } from "antd";

export function StockPage() {
  return <Empty data-testid="inventory-stock-page" />;
}
