import { Badge, Button } from "antd";
import { ShoppingCartOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useCartCount, useMergeGuestCart } from "./cartStore";

/** The header's cart: the buyer's (or this browser's guest) cart with its number of units. */
export function CartBadge() {
  const { t } = useTranslation();
  const count = useCartCount();
  useMergeGuestCart();
  if (count === null) return null;
  return (
    <Link to="/cart" data-testid="header-cart" aria-label={t("cart.headerCount", { count })}>
      <Button type="text" style={{ paddingInline: 6, height: 40 }}>
        <Badge count={count} overflowCount={99} size="small" offset={[4, -2]} data-testid="header-cart-count" data-count={count}>
          <ShoppingCartOutlined style={{ fontSize: 20 }} />
        </Badge>
        <span style={{ marginInlineStart: 6 }}>{t("cart.header")}</span>
      </Button>
    </Link>
  );
}
