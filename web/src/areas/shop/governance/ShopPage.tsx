import { Alert, Avatar, Card, Col, Descriptions, Empty, Flex, Rate, Row, Skeleton, Space, Tag, Typography } from "antd";
import { ShopOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/errors";
import { ErrorResult } from "../../../components/Forbidden";
import { formatDate } from "../../../components/format";
import { entityTypeName, validityText } from "../../../components/onboarding";
import { tx } from "../../../components/tx";
import { ContactValue } from "./OperatorFooter";
import { isNotFound, useOperator, useShop } from "./queries";
import type { PublicShop } from "./queries";
import { ShopProducts } from "../catalog/ShopProducts";

const statusColor: Record<string, string> = { active: "green", restricted: "orange", suspended: "red", closed: "default" };

function ShopHeader({ shop }: { shop: PublicShop }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Space size={16} align="center">
          <Avatar size={64} icon={<ShopOutlined />} style={{ background: "#fff7ed", color: "#c2410c", flex: "none" }} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="shop-page-name">
              {shop.name}
            </Typography.Title>
            <Space size={8} wrap style={{ marginTop: 6 }}>
              <Tag color={statusColor[shop.status] ?? "default"} data-testid="shop-status">
                {tx(`publicGov.shopStatus.${shop.status}`, shop.status)}
              </Tag>
              <Typography.Text type="secondary">{t("publicGov.shop.openedAt", { date: formatDate(shop.openedAt) })}</Typography.Text>
            </Space>
          </div>
        </Space>
        <div style={{ textAlign: "right" }} data-testid="shop-rating">
          <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
            {t("publicGov.shop.rating")}
          </Typography.Text>
          {shop.rating === null ? (
            <Typography.Text>{t("publicGov.shop.noRating")}</Typography.Text>
          ) : (
            <Rate disabled allowHalf value={shop.rating} />
          )}
        </div>
      </Flex>
    </Card>
  );
}

function LicenceCard({ shop }: { shop: PublicShop }) {
  const { t } = useTranslation();
  const l = shop.licence;
  const bl = l?.businessLicence;
  return (
    <Card title={t("publicGov.shop.licence")} data-testid="shop-licence">
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t("publicGov.shop.licenceIntro")}
      </Typography.Paragraph>
      {l ? (
        <Descriptions
          column={1}
          bordered
          size="small"
          styles={{ label: { width: 170 } }}
          items={[
            { key: "name", label: t("publicGov.shop.entityName"), children: l.entityName },
            { key: "type", label: t("publicGov.shop.entityType"), children: entityTypeName(l.entityType) },
            { key: "code", label: t("publicGov.shop.creditCode"), children: <Typography.Text copyable>{l.creditCode}</Typography.Text> },
            { key: "address", label: t("publicGov.shop.address"), children: l.address },
            ...(bl
              ? [
                  { key: "number", label: t("publicGov.shop.licenceNumber"), children: bl.number },
                  { key: "issuer", label: t("publicGov.shop.issuer"), children: bl.issuer },
                  { key: "validity", label: t("publicGov.shop.validity"), children: validityText(bl.validFrom, bl.validUntil) },
                ]
              : []),
            { key: "approved", label: t("publicGov.shop.approvedAt"), children: formatDate(l.approvedAt) },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("publicGov.shop.noLicence")} />
      )}
    </Card>
  );
}

function ServiceCards({ shop }: { shop: PublicShop }) {
  const { t } = useTranslation();
  const operator = useOperator();
  const notProvided = <Typography.Text type="secondary">{t("publicGov.shop.notProvided")}</Typography.Text>;
  const value = (v: string | null) => (v ? <ContactValue value={v} /> : notProvided);
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card title={t("publicGov.shop.contact")} data-testid="shop-contact">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: "phone", label: t("publicGov.shop.phone"), children: value(shop.contact.phone) },
            { key: "email", label: t("publicGov.shop.email"), children: value(shop.contact.email) },
            { key: "hours", label: t("publicGov.shop.hours"), children: shop.contact.hours || notProvided },
          ]}
        />
      </Card>
      <Card title={t("publicGov.shop.afterSales")} data-testid="shop-after-sales">
        {shop.afterSalesPolicy ? (
          <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>{shop.afterSalesPolicy}</Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t("publicGov.shop.noAfterSales")}</Typography.Text>
        )}
      </Card>
      <Card title={t("publicGov.shop.complaints")} data-testid="shop-complaints">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: "merchant", label: t("publicGov.shop.complainMerchant"), children: value(shop.complaints.merchant) },
            {
              key: "platform",
              label: t("publicGov.shop.complainPlatform"),
              children: (
                <Space orientation="vertical" size={2}>
                  {operator.data?.complaintChannels.map((c) => (
                    <span key={`${c.name}-${c.contact}`}>
                      {`${c.name} `}
                      <ContactValue value={c.contact} />
                    </span>
                  ))}
                  <Link to="/about#complaints" data-testid="shop-platform-complaints">
                    {t("publicGov.shop.platformChannels")}
                  </Link>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** /shops/:id: what anyone may know about a shop before buying (M4). */
export function ShopPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const shop = useShop(id);
  if (shop.isPending) {
    return (
      <div style={{ padding: "32px 0 48px" }}>
        <Card>
          <Skeleton active avatar paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }
  if (shop.isError) {
    return (
      <div style={{ padding: "32px 0 48px" }}>
        {isNotFound(shop.error) ? <ErrorResult status="404" title={t("publicGov.shop.notFound")} text={t("publicGov.shop.notFoundText")} /> : <ErrorAlert error={shop.error} />}
      </div>
    );
  }
  const s = shop.data;
  return (
    <div style={{ padding: "32px 0 48px" }} data-testid="shop-page">
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <ShopHeader shop={s} />
        {/* A restricted shop may still sell (it cannot list new products): no notice then. */}
        {!s.selling || s.status === "suspended" || s.status === "closed" ? (
          <Alert type="warning" showIcon title={t("publicGov.shop.notSelling")} description={t("publicGov.shop.notSellingText")} data-testid="shop-not-selling" />
        ) : null}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <LicenceCard shop={s} />
          </Col>
          <Col xs={24} lg={10}>
            <ServiceCards shop={s} />
          </Col>
        </Row>
        {s.selling ? <ShopProducts merchantId={s.id} /> : null}
      </Space>
    </div>
  );
}
