import { useState } from "react";
import { Alert, Button, Space, Tooltip, Typography } from "antd";
import { ShoppingCartOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { PRICE_COLOR } from "../catalog/ProductGrid";
import { tradeErrorText, useCartActions } from "./cartStore";

/**
 * 加入购物车 and 立即购买 for the chosen SKU (O2). Guests fill the cart kept in this
 * browser; it joins their account when they sign in.
 */
export function AddToCart({ productId, sku, quantity, missing }: { productId: string; sku: { code: string; priceFen: number } | undefined; quantity: number; missing: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cart = useCartActions();
  const [busy, setBusy] = useState<"add" | "buy" | null>(null);
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; error: unknown } | null>(null);

  const go = async (how: "add" | "buy") => {
    if (!sku) return;
    setBusy(how);
    setOutcome(null);
    try {
      await cart.add({ productId, skuCode: sku.code, quantity, priceFen: sku.priceFen });
      if (how === "buy") navigate("/cart");
      else setOutcome({ ok: true });
    } catch (error) {
      setOutcome({ ok: false, error });
    } finally {
      setBusy(null);
    }
  };

  const blocked = cart.mode === "none" ? t("cart.add.buyersOnly") : !sku && missing ? t("cart.add.chooseFirst", { names: missing }) : null;
  const disabled = !sku || cart.mode === "none" || cart.mode === "loading";
  const buttons = (
    <Space size={12} wrap>
      <Button
        size="large"
        icon={<ThunderboltOutlined />}
        disabled={disabled}
        loading={busy === "buy"}
        onClick={() => void go("buy")}
        data-testid="buy-now"
        style={{ minWidth: 150, ...(disabled ? {} : { borderColor: PRICE_COLOR, color: PRICE_COLOR, background: "#fff7f0" }) }}
      >
        {t("cart.add.buyNow")}
      </Button>
      <Button type="primary" size="large" icon={<ShoppingCartOutlined />} disabled={disabled} loading={busy === "add"} onClick={() => void go("add")} data-testid="add-to-cart" style={{ minWidth: 180 }}>
        {t("cart.add.addToCart")}
      </Button>
    </Space>
  );
  return (
    <div style={{ marginTop: 24 }}>
      {blocked ? (
        <Space size={12} wrap>
          <Tooltip title={blocked}>
            {/* A disabled button fires no mouse events: the wrapper carries the tooltip. */}
            <span style={{ display: "inline-block", cursor: "not-allowed" }} data-testid="add-to-cart-wrap">
              <span style={{ pointerEvents: "none" }}>{buttons}</span>
            </span>
          </Tooltip>
          <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="add-to-cart-hint">
            {blocked}
          </Typography.Text>
        </Space>
      ) : (
        buttons
      )}
      {outcome?.ok ? (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setOutcome(null)}
          title={t("cart.add.added")}
          action={
            <Link to="/cart" data-testid="added-go-to-cart">
              {t("cart.add.goToCart")}
            </Link>
          }
          style={{ marginTop: 16, maxWidth: 420 }}
          data-testid="added-to-cart"
        />
      ) : null}
      {outcome && !outcome.ok ? <Alert type="error" showIcon title={tradeErrorText(outcome.error)} style={{ marginTop: 16, maxWidth: 420 }} data-testid="add-to-cart-error" /> : null}
    </div>
  );
}
