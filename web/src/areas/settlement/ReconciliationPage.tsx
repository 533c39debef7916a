import { Empty } from "antd";

/** Daily reconciliation of provider statements (F3). */
export function ReconciliationPage(_props: Record<string, never>) {
  return <Empty />;
}
