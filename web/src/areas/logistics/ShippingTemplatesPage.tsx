import { Empty } from "antd";

/** The shop's shipping templates (L2). */
export function ShippingTemplatesPage(_props: Record<string, never>) {
  return <Empty />;
}
