import { useEffect, useState } from "react";
import { Alert, Button, Card, Col, Divider, Empty, Flex, Input, Radio, Result, Row, Skeleton, Space, Spin, Tag, Typography } from "antd";
import { EnvironmentOutlined, LockOutlined, PlusOutlined, SafetyCertificateOutlined, ShopOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router-dom";
import { api } from "../../../api";
import { useSession } from "../../../auth/session";
import { formatFen } from "../../../components/format";
import type { Payment } from "../../../components/orders/types";
import { PRICE_COLOR } from "../catalog/ProductGrid";
import { AddressFormModal } from "../cart/AddressForm";
import { useAddresses } from "../cart/addresses";
import type { Address } from "../cart/addresses";
import { CART_KEY } from "../cart/cartStore";
import type { CartView } from "../cart/cartStore";
import { EmptyCard, GoodsLine, HeldResult, MyOrdersButton } from "./kit";
import { checkoutErrorText, ORDERS_KEY, payCheckout } from "./orders";
import type { PlacedCheckout, Preview, WantedItem } from "./orders";

// ---- One Idempotency-Key per checkout attempt (O2) ----

const ATTEMPT_KEY = "sg.checkout.attempt";

function randomKey(prefix: string) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The key for submitting exactly this checkout. A retry of the same content (a double
 * click, a lost answer, a reload) sends the same key, so the server answers with the
 * orders it already placed; changed content is a new attempt with a new key.
 */
function attemptKey(body: string): string {
  try {
    const kept = JSON.parse(window.sessionStorage.getItem(ATTEMPT_KEY) ?? "null") as { body: string; key: string } | null;
    if (kept?.body === body) return kept.key;
    const key = randomKey("co");
    window.sessionStorage.setItem(ATTEMPT_KEY, JSON.stringify({ body, key }));
    return key;
  } catch {
    return randomKey("co");
  }
}

const forgetAttempt = () => {
  try {
    window.sessionStorage.removeItem(ATTEMPT_KEY);
  } catch {
    // Nothing kept: nothing to forget.
  }
};

/** This browser, for the platform's screening of many accounts paying from one device (F4). */
function deviceId(): string {
  try {
    const kept = window.localStorage.getItem("sg.device");
    if (kept) return kept;
    const id = randomKey("dev");
    window.localStorage.setItem("sg.device", id);
    return id;
  } catch {
    return randomKey("dev");
  }
}

// ---- Pieces ----

function Section({ title, extra, children, testId }: { title: React.ReactNode; extra?: React.ReactNode; children: React.ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} extra={extra} style={{ marginBottom: 16 }} data-testid={testId}>
      {children}
    </Card>
  );
}

function AddressChoice({ a, selected, onSelect }: { a: Address; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  return (
    <div
      role="radio"
      aria-checked={selected}
      tabIndex={0}
      onClick={onSelect}
      onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && onSelect()}
      data-testid="checkout-address"
      data-selected={selected}
      style={{
        cursor: "pointer",
        height: "100%",
        borderRadius: 8,
        padding: "10px 12px",
        border: `1px solid ${selected ? PRICE_COLOR : "#f0f0f0"}`,
        background: selected ? "#fff7f0" : "#fff",
        boxShadow: selected ? `inset 0 0 0 1px ${PRICE_COLOR}` : undefined,
      }}
    >
      <Flex justify="space-between" gap={8}>
        <Space size={8}>
          <Typography.Text strong>{a.recipient}</Typography.Text>
          <Typography.Text>{a.mobile}</Typography.Text>
        </Space>
        <Space size={4}>
          {a.label ? <Tag style={{ marginInlineEnd: 0 }}>{a.label}</Tag> : null}
          {a.isDefault ? (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t("cart.address.default")}
            </Tag>
          ) : null}
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: "6px 0 0", fontSize: 13 }}>
        <EnvironmentOutlined style={{ marginInlineEnd: 6 }} />
        {a.regionName} {a.detail}
      </Typography.Paragraph>
    </div>
  );
}

function AddressPicker({ value, onChange }: { value: string | null; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const addresses = useAddresses();
  const [adding, setAdding] = useState(false);
  const items = addresses.data?.items ?? [];
  const full = items.length >= (addresses.data?.limit ?? 20);
  const add = (
    <Button type="link" size="small" icon={<PlusOutlined />} disabled={full} onClick={() => setAdding(true)} data-testid="checkout-address-add">
      {t("cart.address.add")}
    </Button>
  );
  return (
    <Section
      title={t("checkout.address.title")}
      testId="checkout-addresses"
      extra={
        items.length ? (
          <Space size={4}>
            {add}
            <Link to="/account/addresses">{t("checkout.address.manage")}</Link>
          </Space>
        ) : null
      }
    >
      {addresses.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : addresses.isError ? (
        <Alert type="error" showIcon title={checkoutErrorText(addresses.error)} />
      ) : items.length ? (
        <>
          <Row gutter={[12, 12]}>
            {items.map((a) => (
              <Col key={a.id} xs={24} md={12}>
                <AddressChoice a={a} selected={a.id === value} onSelect={() => onChange(a.id)} />
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary" style={{ display: "block", marginTop: 10, fontSize: 12 }}>
            <LockOutlined style={{ marginInlineEnd: 6 }} />
            {t("checkout.address.masked")}
          </Typography.Text>
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("checkout.address.none")} data-testid="checkout-address-empty">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t("cart.address.add")}
          </Button>
        </Empty>
      )}
      <AddressFormModal open={adding} editing={null} onClose={() => setAdding(false)} onSaved={(a) => onChange(a.id)} />
    </Section>
  );
}

function ShopPart({ shop, note, onNote }: { shop: Preview["shops"][number]; note: string; onNote: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Link to={`/shops/${shop.merchantId}`} style={{ color: "inherit" }} data-testid="checkout-shop-name">
          <ShopOutlined style={{ color: PRICE_COLOR, marginInlineEnd: 8 }} />
          {shop.merchantName}
        </Link>
      }
      data-testid="checkout-shop"
    >
      {shop.lines.map((l) => (
        <GoodsLine key={`${l.productId}/${l.skuCode}`} line={l} image={l.imageId} testId="checkout-line" />
      ))}
      <Flex gap={24} align="center" justify="space-between" wrap style={{ paddingTop: 12 }}>
        <Input
          value={note}
          onChange={(e) => onNote(e.target.value)}
          maxLength={200}
          allowClear
          placeholder={t("checkout.notePlaceholder")}
          prefix={<Typography.Text type="secondary">{t("checkout.note")}</Typography.Text>}
          style={{ flex: "1 1 320px", maxWidth: 480 }}
          data-testid="checkout-note"
        />
        <Space size={20}>
          <Typography.Text type="secondary" data-testid="checkout-shipping">
            {t("checkout.shipping")}
            {shop.shippingFen ? formatFen(shop.shippingFen) : <Tag color="green" style={{ marginInlineStart: 4 }}>{t("checkout.freeShipping")}</Tag>}
          </Typography.Text>
          <Typography.Text>
            {t("checkout.shopTotal")}
            <Typography.Text strong style={{ color: PRICE_COLOR }} data-testid="checkout-shop-total">
              {formatFen(shop.totalFen)}
            </Typography.Text>
          </Typography.Text>
        </Space>
      </Flex>
    </Card>
  );
}

function Placed({ checkout, held, payError, paying, onRetry }: { checkout: PlacedCheckout; held: Payment | null; payError: unknown; paying: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  const orders = <MyOrdersButton key="orders" testId="checkout-go-orders" />;
  if (held) return <HeldResult payment={held} testId="checkout-review" reasonTestId="checkout-review-reason" extra={[orders]} />;
  if (payError) {
    return (
      <Result
        status="warning"
        title={t("checkout.placed.payFailedTitle", { count: checkout.orders.length })}
        subTitle={
          <Space orientation="vertical" size={4}>
            <span data-testid="checkout-pay-error">{checkoutErrorText(payError)}</span>
            <span>{t("checkout.placed.payLater")}</span>
          </Space>
        }
        extra={[
          <Button key="retry" type="primary" loading={paying} onClick={onRetry} data-testid="checkout-pay-retry">
            {t("checkout.placed.retry")}
          </Button>,
          orders,
        ]}
      />
    );
  }
  return (
    <Result
      icon={<Spin size="large" />}
      title={t("checkout.placed.redirecting")}
      subTitle={t("checkout.placed.orders", { nos: checkout.orders.map((o) => o.no).join("、"), amount: formatFen(checkout.totalFen) })}
      data-testid="checkout-redirecting"
    />
  );
}

// ---- The page ----

/** /checkout: address, the orders it will make shop by shop with shipping, and payment (O2, F1). */
export function CheckoutPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const buyer = can("order.place");
  const buyNow = (location.state as { items?: WantedItem[] } | null)?.items;

  const cart = useQuery({ queryKey: CART_KEY, queryFn: () => api<CartView>("/me/cart"), enabled: buyer && !buyNow?.length });
  // The goods are fixed when the page opens: placing the orders empties the cart under it.
  const [items, setItems] = useState<WantedItem[] | null>(buyNow?.length ? buyNow : null);
  useEffect(() => {
    if (items || !cart.isSuccess || cart.isFetching) return;
    setItems(cart.data.groups.flatMap((g) => g.lines.filter((l) => l.available && l.selected).map((l) => ({ productId: l.productId, skuCode: l.skuCode, quantity: l.quantity }))));
  }, [items, cart.isSuccess, cart.isFetching, cart.data]);

  const addresses = useAddresses();
  const [addressId, setAddressId] = useState<string | null>(null);
  useEffect(() => {
    const list = addresses.data?.items ?? [];
    if (!list.length || (addressId && list.some((a) => a.id === addressId))) return;
    setAddressId((list.find((a) => a.isDefault) ?? list[0]!).id);
  }, [addresses.data, addressId]);
  const address = addresses.data?.items.find((a) => a.id === addressId) ?? null;

  const [notes, setNotes] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [placed, setPlaced] = useState<PlacedCheckout | null>(null);
  const [paying, setPaying] = useState(false);
  const [payError, setPayError] = useState<unknown>(null);
  const [held, setHeld] = useState<Payment | null>(null);

  const preview = useQuery({
    queryKey: ["checkout", "preview", addressId, items],
    queryFn: () => api<Preview>("/me/checkouts/preview", { method: "POST", body: { addressId, items } }),
    enabled: !!addressId && !!items?.length && !placed,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const titles = Object.fromEntries((preview.data?.shops ?? []).flatMap((s) => s.lines.map((l) => [l.skuCode, l.title])));

  const pay = async (checkoutId: string) => {
    setPaying(true);
    setPayError(null);
    try {
      const payment = await payCheckout(checkoutId);
      if (payment.status !== "pending" || !payment.payUrl) setHeld(payment);
    } catch (e) {
      setPayError(e);
    } finally {
      setPaying(false);
    }
  };

  const submit = async () => {
    if (!addressId || !items?.length || submitting) return;
    const filled = Object.entries(notes).filter(([, v]) => v.trim());
    const body = { addressId, items, notes: filled.length ? Object.fromEntries(filled.map(([k, v]) => [k, v.trim()])) : undefined };
    setSubmitting(true);
    setError(null);
    try {
      const result = await api<PlacedCheckout>("/me/checkouts", { method: "POST", body, headers: { "Idempotency-Key": attemptKey(JSON.stringify(body)), "X-Device-Id": deviceId() } });
      forgetAttempt();
      setPlaced(result);
      void queryClient.invalidateQueries({ queryKey: CART_KEY });
      void queryClient.invalidateQueries({ queryKey: ORDERS_KEY });
      await pay(result.id);
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const title = (
    <Typography.Title level={3} style={{ margin: "24px 0 16px" }} data-testid="checkout-title">
      {t("checkout.title")}
    </Typography.Title>
  );
  if (!buyer) {
    return <Result status="info" title={t("cart.buyersOnlyTitle")} subTitle={t("cart.buyersOnlyText")} data-testid="checkout-buyers-only" />;
  }
  if (placed) {
    return (
      <div style={{ padding: "24px 0 48px" }} data-testid="checkout-placed">
        <Placed checkout={placed} held={held} payError={payError} paying={paying} onRetry={() => void pay(placed.id)} />
      </div>
    );
  }
  if (!items) {
    return (
      <div style={{ paddingBottom: 48 }}>
        {title}
        {cart.isError ? <Alert type="error" showIcon title={checkoutErrorText(cart.error)} /> : <Skeleton active paragraph={{ rows: 6 }} data-testid="checkout-loading" />}
      </div>
    );
  }
  if (!items.length) {
    return (
      <div style={{ paddingBottom: 48 }}>
        {title}
        <EmptyCard title={t("checkout.empty")} text={t("checkout.emptyText")} testId="checkout-empty">
          <Space>
            <Link to="/cart">
              <Button type="primary">{t("checkout.backToCart")}</Button>
            </Link>
            <MyOrdersButton />
          </Space>
        </EmptyCard>
      </div>
    );
  }

  const p = preview.data;
  const itemsFen = p?.shops.reduce((n, s) => n + s.itemsFen, 0) ?? 0;
  const shippingFen = p?.shops.reduce((n, s) => n + s.shippingFen, 0) ?? 0;
  const ready = !!p && !!address && !preview.isFetching && !preview.isError;
  return (
    <div style={{ paddingBottom: 48 }} data-testid="checkout-page">
      {title}
      <Row gutter={[20, 0]} align="top">
        <Col xs={24} lg={17}>
          <AddressPicker value={addressId} onChange={setAddressId} />
          <Section title={t("checkout.goods")} testId="checkout-goods">
            {preview.isError ? (
              <Alert
                type="error"
                showIcon
                title={checkoutErrorText(preview.error)}
                action={<Link to="/cart">{t("checkout.backToCart")}</Link>}
                style={{ marginBottom: 12 }}
                data-testid="checkout-preview-error"
              />
            ) : null}
            {!addressId && !addresses.isPending ? (
              <Typography.Text type="secondary">{t("checkout.chooseAddressFirst")}</Typography.Text>
            ) : !p ? (
              preview.isError ? null : <Skeleton active avatar={{ shape: "square", size: 64 }} paragraph={{ rows: 3 }} />
            ) : (
              <Spin spinning={preview.isFetching}>
                {p.shops.map((s) => (
                  <ShopPart key={s.merchantId} shop={s} note={notes[s.merchantId] ?? ""} onNote={(v) => setNotes((n) => ({ ...n, [s.merchantId]: v }))} />
                ))}
                {p.shops.length > 1 ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("checkout.splitNote", { count: p.shops.length })}
                  </Typography.Text>
                ) : null}
              </Spin>
            )}
          </Section>
          <Section title={t("checkout.payment.title")} testId="checkout-payment">
            <Radio.Group value="sandbox">
              <Radio value="sandbox" data-testid="pay-method-sandbox">
                <Space size={6}>
                  <SafetyCertificateOutlined style={{ color: "#1677ff" }} />
                  <Typography.Text strong>{t("checkout.payment.sandbox")}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t("checkout.payment.sandboxText")}
                  </Typography.Text>
                </Space>
              </Radio>
            </Radio.Group>
            <Typography.Paragraph type="secondary" style={{ margin: "10px 0 0", fontSize: 12 }}>
              {t("checkout.payment.othersNote")}
            </Typography.Paragraph>
          </Section>
        </Col>
        <Col xs={24} lg={7}>
          <Card size="small" title={t("checkout.summary.title")} style={{ position: "sticky", top: 80 }} data-testid="checkout-summary">
            <Flex justify="space-between" style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary">{t("checkout.summary.items")}</Typography.Text>
              <Typography.Text data-testid="checkout-items-total">{p ? formatFen(itemsFen) : "—"}</Typography.Text>
            </Flex>
            <Flex justify="space-between" style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary">{t("checkout.summary.shipping")}</Typography.Text>
              <Typography.Text data-testid="checkout-shipping-total">{p ? (shippingFen ? formatFen(shippingFen) : t("checkout.freeShipping")) : "—"}</Typography.Text>
            </Flex>
            <Divider style={{ margin: "12px 0" }} />
            <Flex justify="space-between" align="baseline">
              <Typography.Text strong>{t("checkout.summary.total")}</Typography.Text>
              <span style={{ color: PRICE_COLOR, fontSize: 24, fontWeight: 600 }} data-testid="checkout-total">
                {p ? formatFen(p.totalFen) : "—"}
              </span>
            </Flex>
            {address ? (
              <div style={{ background: "#fafafa", borderRadius: 6, padding: "8px 10px", margin: "12px 0", fontSize: 12 }} data-testid="checkout-ship-to">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("checkout.summary.shipTo")}
                </Typography.Text>
                <div>
                  {address.regionName} {address.detail}
                </div>
                <div>
                  {address.recipient} {address.mobile}
                </div>
              </div>
            ) : null}
            {error ? (
              <Alert
                type="error"
                showIcon
                title={checkoutErrorText(error, titles)}
                action={<Link to="/cart">{t("checkout.backToCart")}</Link>}
                style={{ margin: "12px 0" }}
                data-testid="checkout-error"
              />
            ) : null}
            <Button type="primary" size="large" block disabled={!ready} loading={submitting || paying} onClick={() => void submit()} style={{ marginTop: 8 }} data-testid="checkout-submit">
              {t("checkout.submit")}
            </Button>
            {p ? (
              <Typography.Paragraph type="secondary" style={{ margin: "10px 0 0", fontSize: 12 }}>
                {t("checkout.summary.deadline", { minutes: p.payDeadlineMinutes })}
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
