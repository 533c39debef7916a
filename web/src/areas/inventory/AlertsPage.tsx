import { Empty } from "antd";

export function AlertsPage() {
  return <Empty data-testid="inventory-alerts-page" />;
}
