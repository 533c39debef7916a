import { Empty } from "antd";

/** Carriers, their agreements and evaluation (L1), at /admin/logistics/*. */
export function LogisticsSection(_props: Record<string, never>) {
  return <Empty />;
}
