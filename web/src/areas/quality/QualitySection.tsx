import { Empty } from "antd";

/** Quality samplings, recalls and batch traceability (P5, P6), at /admin/quality/*. */
export function QualitySection(_props: Record<string, never>) {
  return <Empty />;
}
