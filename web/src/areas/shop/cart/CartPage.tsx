import { useEffect, useState } from "react";
import type { CSSProperties, ReactNode } from "react";
import { Alert, App, Button, Card, Checkbox, Flex, InputNumber, Result, Skeleton, Space, Tag, Tooltip, Typography } from "antd";
import { DeleteOutlined, ShopOutlined, ShoppingCartOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { ErrorAlert } from "../../../components/errors";
import { formatFen } from "../../../components/format";
import { PRICE_COLOR } from "../catalog/ProductGrid";
import { EmptyCard } from "../orders/kit";
import { tradeErrorText, useCart, useCartActions } from "./cartStore";
import type { CartLine, CartView } from "./cartStore";

// Check box, product, unit price, quantity, subtotal, actions.
const COLUMNS: CSSProperties = { display: "grid", gridTemplateColumns: "28px minmax(0, 1fr) 130px 150px 120px 72px", alignItems: "center", columnGap: 16 };

type Run = (work: () => Promise<unknown>) => void;

/** Applies a typed quantity on blur or Enter, a step at once: a half-typed "1" of "12" is never sent. */
function QuantityStepper({ line, max, run }: { line: CartLine; max: number; run: Run }) {
  const cart = useCartActions();
  const [value, setValue] = useState<number | null>(line.quantity);
  useEffect(() => setValue(line.quantity), [line.quantity]);
  const commit = (v: number | null) => {
    const q = Math.min(max, Math.max(1, Math.round(v ?? line.quantity)));
    setValue(q);
    if (q !== line.quantity) run(() => cart.setQuantity(line, q));
  };
  return (
    <InputNumber<number>
      mode="spinner"
      size="small"
      min={1}
      max={Math.max(max, line.quantity)}
      precision={0}
      value={value}
      onChange={setValue}
      onStep={(v) => commit(v)}
      onBlur={() => commit(value)}
      onPressEnter={() => commit(value)}
      style={{ width: 120 }}
      data-testid="line-quantity"
    />
  );
}

function LineTags({ line }: { line: CartLine }) {
  const { t } = useTranslation();
  const tags: ReactNode[] = [];
  if (!line.available && line.reason) {
    tags.push(
      <Tag key="reason" data-testid="line-unavailable">
        {t(`cart.reason.${line.reason}`)}
      </Tag>,
    );
  }
  if (line.available && line.priceChanged && line.priceFenAtAdd !== null && line.unitPriceFen !== null) {
    tags.push(
      <Tooltip key="price" title={t("cart.priceChangedHint", { price: formatFen(line.priceFenAtAdd), now: formatFen(line.unitPriceFen) })}>
        <Tag color="orange" data-testid="line-price-changed">
          {t("cart.priceChanged")}
        </Tag>
      </Tooltip>,
    );
  }
  if (line.available && line.stock < line.quantity) {
    tags.push(
      <Tooltip key="stock" title={line.stock > 0 ? t("cart.lowStockHint", { count: line.stock }) : undefined}>
        <Tag color="red" data-testid="line-low-stock">
          {line.stock > 0 ? t("cart.lowStock") : t("cart.noStock")}
        </Tag>
      </Tooltip>,
    );
  }
  return tags.length ? (
    <div style={{ marginTop: 6 }}>
      <Space size={[4, 4]} wrap>
        {tags}
      </Space>
    </div>
  ) : null;
}

function LineRow({ line, max, run }: { line: CartLine; max: number; run: Run }) {
  const { t } = useTranslation();
  const cart = useCartActions();
  const options = Object.entries(line.options).map(([k, v]) => `${t("common.labelColon", { label: k })}${v}`).join("  ");
  // A line that cannot be bought is greyed; removing it stays as easy as ever.
  const dim: CSSProperties = line.available ? {} : { opacity: 0.55 };
  return (
    <div style={{ ...COLUMNS, padding: "14px 0", borderTop: "1px solid #f5f5f5" }} data-testid="cart-line" data-available={line.available} data-sku={line.skuCode}>
      <Checkbox
        checked={line.available && line.selected}
        disabled={!line.available}
        onChange={(e) => run(() => cart.setSelected([line], e.target.checked))}
        aria-label={t("cart.selectLine")}
        data-testid="line-select"
      />
      <Flex gap={12} align="flex-start" style={{ minWidth: 0, ...dim }}>
        <Link to={`/products/${line.productId}`} style={{ flex: "none" }}>
          <div style={{ width: 80, height: 80, borderRadius: 6, overflow: "hidden", background: "#f5f5f5" }}>
            {line.image ? <img src={line.image.thumb} alt="" style={{ width: "100%", height: "100%", objectFit: "cover", display: "block", filter: line.available ? undefined : "grayscale(1)" }} /> : null}
          </div>
        </Link>
        <div style={{ minWidth: 0 }}>
          <Link to={`/products/${line.productId}`} style={{ color: "inherit" }} data-testid="line-title">
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {line.title ?? t("cart.unknownProduct")}
            </Typography.Paragraph>
          </Link>
          {options ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="line-options">
              {options}
            </Typography.Text>
          ) : null}
          <LineTags line={line} />
        </div>
      </Flex>
      <div style={dim}>
        {line.unitPriceFen === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0}>
            <Typography.Text data-testid="line-price">{formatFen(line.unitPriceFen)}</Typography.Text>
            {line.priceChanged && line.priceFenAtAdd !== null ? (
              <Typography.Text type="secondary" delete style={{ fontSize: 12 }}>
                {formatFen(line.priceFenAtAdd)}
              </Typography.Text>
            ) : null}
          </Space>
        )}
      </div>
      <div style={dim}>{line.available ? <QuantityStepper line={line} max={max} run={run} /> : <Typography.Text type="secondary">× {line.quantity}</Typography.Text>}</div>
      <Typography.Text strong style={{ color: line.available ? PRICE_COLOR : undefined, ...dim }} data-testid="line-total">
        {line.available ? formatFen(line.lineFen) : "—"}
      </Typography.Text>
      <Button type="link" danger size="small" icon={<DeleteOutlined />} onClick={() => run(() => cart.remove(line))} style={{ paddingInline: 0 }} data-testid="line-remove">
        {t("cart.remove")}
      </Button>
    </div>
  );
}

/** Ticked when every line that can be bought is; half-ticked when some are. */
function selection(lines: CartLine[]) {
  const open = lines.filter((l) => l.available);
  const chosen = open.filter((l) => l.selected).length;
  return { open, checked: open.length > 0 && chosen === open.length, indeterminate: chosen > 0 && chosen < open.length };
}

function ShopGroup({ group, max, run }: { group: CartView["groups"][number]; max: number; run: Run }) {
  const { t } = useTranslation();
  const cart = useCartActions();
  const s = selection(group.lines);
  return (
    <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { paddingTop: 4, paddingBottom: 4 } }} data-testid="cart-shop">
      <Flex align="center" gap={12} style={{ padding: "10px 0" }}>
        <Checkbox
          checked={s.checked}
          indeterminate={s.indeterminate}
          disabled={!s.open.length}
          onChange={(e) => run(() => cart.setSelected(s.open, e.target.checked))}
          aria-label={t("cart.selectShop")}
          data-testid="shop-select"
        />
        <ShopOutlined style={{ color: "#c2410c" }} />
        {group.merchantId ? (
          <Link to={`/shops/${group.merchantId}`} style={{ color: "inherit", fontWeight: 600 }} data-testid="cart-shop-name">
            {group.merchantName}
          </Link>
        ) : (
          <Typography.Text strong>{t("cart.unknownShop")}</Typography.Text>
        )}
      </Flex>
      {group.lines.map((l) => (
        <LineRow key={l.key} line={l} max={max} run={run} />
      ))}
    </Card>
  );
}

function CartSkeleton() {
  return (
    <div data-testid="cart-loading">
      {[0, 1].map((i) => (
        <Card key={i} size="small" style={{ marginBottom: 12 }}>
          <Skeleton active avatar={{ shape: "square", size: 80 }} paragraph={{ rows: 2 }} />
        </Card>
      ))}
    </div>
  );
}

/** /cart: the buyer's cart, or the guest's kept in this browser (O2). */
export function CartPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { mode, view, isPending, error } = useCart();
  const cart = useCartActions();
  const [busy, setBusy] = useState(0);
  const run: Run = (work) => {
    setBusy((n) => n + 1);
    work()
      .catch((e: unknown) => message.error(tradeErrorText(e)))
      .finally(() => setBusy((n) => n - 1));
  };

  const title = (
    <Typography.Title level={3} style={{ margin: "24px 0 16px" }} data-testid="cart-title">
      {view?.count ? t("cart.titleCount", { count: view.count }) : t("cart.title")}
    </Typography.Title>
  );
  if (mode === "none") {
    return <Result status="info" icon={<ShoppingCartOutlined />} title={t("cart.buyersOnlyTitle")} subTitle={t("cart.buyersOnlyText")} data-testid="cart-buyers-only" />;
  }
  if (isPending) {
    return (
      <div style={{ paddingBottom: 48 }}>
        {title}
        <CartSkeleton />
      </div>
    );
  }
  if (!view) {
    return (
      <div style={{ paddingBottom: 48 }}>
        {title}
        <ErrorAlert error={error} />
      </div>
    );
  }
  const lines = view.groups.flatMap((g) => g.lines);
  const all = selection(lines);
  const guestNote =
    mode === "guest" ? (
      <Alert
        type="info"
        showIcon
        title={t("cart.guestNote")}
        action={
          <Link to={`/login?next=${encodeURIComponent("/cart")}`}>
            <Button size="small">{t("cart.login")}</Button>
          </Link>
        }
        style={{ marginBottom: 12 }}
        data-testid="cart-guest-note"
      />
    ) : null;
  if (!lines.length) {
    return (
      <div style={{ paddingBottom: 48 }}>
        {title}
        {guestNote}
        <EmptyCard title={t("cart.empty")} text={t("cart.emptyText")} testId="cart-empty">
          <Link to="/">
            <Button type="primary">{t("cart.browse")}</Button>
          </Link>
        </EmptyCard>
      </div>
    );
  }
  const checkout = () => navigate(mode === "buyer" ? "/checkout" : `/login?next=${encodeURIComponent("/checkout")}`);
  return (
    <div style={{ paddingBottom: 24 }} data-testid="cart-page">
      {title}
      {guestNote}
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <div style={{ ...COLUMNS, padding: "10px 12px", background: "#fff", borderRadius: 8, marginBottom: 12, color: "rgba(0,0,0,0.55)", fontSize: 13 }}>
        <Checkbox checked={all.checked} indeterminate={all.indeterminate} disabled={!all.open.length} onChange={(e) => run(() => cart.setSelected(all.open, e.target.checked))} data-testid="select-all-top" />
        <span>{t("cart.columns.product")}</span>
        <span>{t("cart.columns.unitPrice")}</span>
        <span>{t("cart.columns.quantity")}</span>
        <span>{t("cart.columns.subtotal")}</span>
        <span>{t("cart.columns.actions")}</span>
      </div>
      {view.groups.map((g) => (
        <ShopGroup key={g.merchantId ?? "-"} group={g} max={view.limits.maxQuantityPerLine} run={run} />
      ))}
      <Card
        size="small"
        style={{ position: "sticky", bottom: 0, zIndex: 5, marginTop: 16, boxShadow: "0 -2px 8px rgba(0,0,0,0.06)" }}
        styles={{ body: { padding: "12px 16px" } }}
        data-testid="cart-footer"
      >
        <Flex align="center" justify="space-between" gap={16} wrap>
          <Checkbox checked={all.checked} indeterminate={all.indeterminate} disabled={!all.open.length} onChange={(e) => run(() => cart.setSelected(all.open, e.target.checked))} data-testid="select-all">
            {t("cart.selectAll")}
          </Checkbox>
          <Flex align="center" gap={20} wrap>
            <Typography.Text type="secondary" data-testid="cart-chosen">
              {t("cart.chosen", { count: view.totals.units })}
            </Typography.Text>
            <div style={{ textAlign: "right" }}>
              <div>
                <Typography.Text>{t("cart.total")}</Typography.Text>
                <span style={{ color: PRICE_COLOR, fontSize: 22, fontWeight: 600 }} data-testid="cart-total">
                  {formatFen(view.totals.itemsFen)}
                </span>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("cart.totalHint")}
              </Typography.Text>
            </div>
            <Button type="primary" size="large" disabled={!view.totals.lines || busy > 0} onClick={checkout} style={{ minWidth: 140 }} data-testid="cart-checkout">
              {mode === "buyer" ? t("cart.checkout") : t("cart.checkoutGuest")}
            </Button>
          </Flex>
        </Flex>
      </Card>
    </div>
  );
}
