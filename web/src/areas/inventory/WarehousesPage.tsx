import { Empty } from "antd";

export function WarehousesPage() {
  return <Empty data-testid="inventory-warehouses-page" />;
}
