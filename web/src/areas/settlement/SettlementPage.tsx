import { Empty } from "antd";

/** Settlement statements and payouts (F5) of the console or of one shop. */
export function SettlementPage(_props: { scope: "merchant" | "admin" }) {
  return <Empty />;
}
