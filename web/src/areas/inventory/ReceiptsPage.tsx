import { Empty } from "antd";

export function ReceiptsPage() {
  return <Empty data-testid="inventory-receipts-page" />;
}
