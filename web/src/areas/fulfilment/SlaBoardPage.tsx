import { Empty } from "antd";

/** Ship-by compliance per shop (O5). */
export function SlaBoardPage(_props: Record<string, never>) {
  return <Empty />;
}
