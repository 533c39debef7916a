import { Empty } from "antd";

export function OutboundPage() {
  return <Empty data-testid="inventory-outbound-page" />;
}
