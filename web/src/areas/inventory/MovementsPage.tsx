import { Empty } from "antd";

export function MovementsPage() {
  return <Empty data-testid="inventory-movements-page" />;
}
