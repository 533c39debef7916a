import { Button, Card, Col, Row, Space, Typography } from "antd";
import { SafetyCertificateOutlined, ShopOutlined, CustomerServiceOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useSession } from "../../auth/session";
import { HomeCatalog } from "./catalog/HomeCatalog";

export function HomePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const features = [
    { icon: <SafetyCertificateOutlined />, title: t("home.feature1Title"), text: t("home.feature1Text") },
    { icon: <ShopOutlined />, title: t("home.feature2Title"), text: t("home.feature2Text") },
    { icon: <CustomerServiceOutlined />, title: t("home.feature3Title"), text: t("home.feature3Text") },
  ];
  return (
    <div style={{ padding: "32px 0 48px" }} data-testid="home-page">
      <div
        style={{
          borderRadius: 16,
          padding: "56px 40px",
          background: "linear-gradient(120deg, #fff7ed 0%, #ffedd5 45%, #fed7aa 100%)",
          marginBottom: 24,
        }}
        data-testid="hero"
      >
        <Typography.Title style={{ marginTop: 0, fontSize: 36 }}>
          {me ? t("home.welcomeBack", { name: me.user.displayName }) : t("home.heroTitle")}
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: 17, maxWidth: 720, color: "#595959" }}>{t("home.heroText")}</Typography.Paragraph>
        {me ? null : (
          <Space size={12} wrap>
            <Link to="/register">
              <Button type="primary" size="large">
                {t("home.ctaRegister")}
              </Button>
            </Link>
            <Link to="/login">
              <Button size="large">{t("home.ctaLogin")}</Button>
            </Link>
            <Link to="/merchant/apply">
              <Button size="large" type="link" icon={<ShopOutlined />} data-testid="home-open-shop">
                {t("home.ctaOpenShop")}
              </Button>
            </Link>
          </Space>
        )}
      </div>
      <HomeCatalog />
      <Row gutter={[16, 16]}>
        {features.map((f) => (
          <Col xs={24} md={8} key={f.title}>
            <Card style={{ height: "100%" }}>
              <Space align="start" size={12}>
                <span style={{ fontSize: 24, color: "#c2410c" }}>{f.icon}</span>
                <div>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {f.title}
                  </Typography.Title>
                  <Typography.Text type="secondary">{f.text}</Typography.Text>
                </div>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
