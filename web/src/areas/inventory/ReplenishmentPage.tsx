import { Empty } from "antd";

export function ReplenishmentPage() {
  return <Empty data-testid="inventory-replenishment-page" />;
}
