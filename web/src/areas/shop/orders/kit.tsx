import { Button, Card, Empty, Flex, Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatFen } from "../../../components/format";
import { heldText, imageUrl, optionsText } from "./orders";

// Pieces the storefront's cart, checkout, payment and order pages share.

/** A page with nothing to show: what is missing, a line of help, and where to go instead. */
export function EmptyCard({ title, text, testId, children }: { title: string; text?: string; testId: string; children: React.ReactNode }) {
  return (
    <Card>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text strong>{title}</Typography.Text>} data-testid={testId}>
        {text ? <Typography.Paragraph type="secondary">{text}</Typography.Paragraph> : null}
        {children}
      </Empty>
    </Card>
  );
}

export function MyOrdersButton({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Link to="/account/orders">
      <Button data-testid={testId}>{t("checkout.placed.toOrders")}</Button>
    </Link>
  );
}

/** F4: a payment that waits until a person has looked at it, and why. */
export function HeldResult({ payment, testId, reasonTestId, extra, children }: { payment: { failureReason: string | null }; testId: string; reasonTestId: string; extra: React.ReactNode; children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Result status="warning" title={t("checkout.placed.reviewTitle")} subTitle={<span data-testid={reasonTestId}>{heldText(payment)}</span>} extra={extra} data-testid={testId}>
      {children}
    </Result>
  );
}

type Goods = { productId: string; title: string; options: Record<string, string>; unitPriceFen: number; quantity: number; lineFen: number };

/**
 * One line of goods: picture, title and options, price × quantity and what the line comes to.
 * A placed order's line leads to its product; the checkout's does not lead away from paying.
 */
export function GoodsLine({ line, image, link, testId }: { line: Goods; image: string | null; link?: boolean; testId: string }) {
  const toProduct = (node: React.ReactNode, style: React.CSSProperties) =>
    link ? (
      <Link to={`/products/${line.productId}`} style={style}>
        {node}
      </Link>
    ) : (
      node
    );
  return (
    <Flex gap={12} align="center" style={{ padding: "8px 0", borderBottom: "1px solid #f5f5f5" }} data-testid={testId}>
      {toProduct(
        <div style={{ width: 64, height: 64, flex: "none", borderRadius: 6, overflow: "hidden", background: "#f5f5f5" }}>
          {image ? <img src={imageUrl(image)!} alt="" style={{ width: "100%", height: "100%", objectFit: "cover", display: "block" }} /> : null}
        </div>,
        { flex: "none" },
      )}
      <div style={{ flex: 1, minWidth: 0 }}>
        {toProduct(
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }} data-testid={`${testId}-title`}>
            {line.title}
          </Typography.Paragraph>,
          { color: "inherit" },
        )}
        {Object.keys(line.options).length ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {optionsText(line.options)}
          </Typography.Text>
        ) : null}
      </div>
      <Typography.Text type="secondary" style={{ width: 130, textAlign: "right" }}>
        {formatFen(line.unitPriceFen)} × {line.quantity}
      </Typography.Text>
      <Typography.Text strong style={{ width: 110, textAlign: "right" }}>
        {formatFen(line.lineFen)}
      </Typography.Text>
    </Flex>
  );
}
