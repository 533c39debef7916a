import { Empty } from "antd";

/** The exception queue (O7, L4) of the console or of one shop. */
export function ExceptionsPage(_props: { scope: "merchant" | "admin" }) {
  return <Empty />;
}
