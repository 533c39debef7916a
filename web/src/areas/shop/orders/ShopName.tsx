import { ShopOutlined } from "@ant-design/icons";
import { Link } from "react-router-dom";
import { useShop } from "../governance/queries";

/** The shop of an order, by name, linking to its public page (the order carries only its id). */
export function ShopName({ merchantId }: { merchantId: string }) {
  const shop = useShop(merchantId);
  return (
    <Link to={`/shops/${merchantId}`} style={{ color: "inherit", fontWeight: 600 }} data-testid="order-shop">
      <ShopOutlined style={{ color: "#c2410c", marginInlineEnd: 6 }} />
      {shop.data?.name ?? "…"}
    </Link>
  );
}
