import { Empty } from "antd";

export function ReportPage() {
  return <Empty data-testid="inventory-report-page" />;
}
