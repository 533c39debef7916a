import type { ReactNode } from "react";
import { Button, Col, Divider, Flex, Layout, Row, Space, Typography } from "antd";
import { ShopOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router-dom";
import { Brand } from "../../components/Brand";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { UserMenu } from "../../components/UserMenu";
import { useSession } from "../../auth/session";

/** The storefront: header, page, and the operator's footer. */
export function ShopLayout() {
  const { t } = useTranslation();
  const { me, loading } = useSession();
  const location = useLocation();
  const next = location.pathname === "/" || location.pathname.startsWith("/login") || location.pathname.startsWith("/register") ? "" : `?next=${encodeURIComponent(location.pathname)}`;
  return (
    <Layout style={{ minHeight: "100vh", background: "#fafafa" }} data-testid="shop-layout">
      <Layout.Header
        style={{
          background: "#fff",
          borderBottom: "1px solid #f0f0f0",
          padding: "0 24px",
          display: "flex",
          alignItems: "center",
          justifyContent: "space-between",
          gap: 16,
          position: "sticky",
          top: 0,
          zIndex: 10,
          height: 64,
        }}
      >
        <Brand subtitle={t("areas.shop")} />
        <Space size={16} wrap={false}>
          {/* M1: anyone may open a shop; signed-in merchants and staff have their own areas. */}
          {loading || (me && me.user.kind !== "buyer") ? null : (
            <Link to="/merchant/apply">
              <Button type="link" icon={<ShopOutlined />} data-testid="header-open-shop" style={{ paddingInline: 4 }}>
                {t("nav.openShop")}
              </Button>
            </Link>
          )}
          <LanguageSwitch />
          {loading ? null : me ? (
            <UserMenu current="shop" accountPath="/account" />
          ) : (
            <Space size={8}>
              <Link to={`/login${next}`}>
                <Button type="text" data-testid="header-login">
                  {t("nav.login")}
                </Button>
              </Link>
              <Link to={`/register${next}`}>
                <Button type="primary" data-testid="header-register">
                  {t("nav.register")}
                </Button>
              </Link>
            </Space>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: "0 24px", width: "100%", maxWidth: 1200, margin: "0 auto" }}>
        <Outlet />
      </Layout.Content>
      <ShopFooter />
    </Layout>
  );
}

/** The operator's particulars, each shown as "to be published" until the operator supplies it. */
const FOOTER_SECTIONS = [
  {
    title: "footer.operatorTitle",
    items: [
      { label: "footer.operatorName", id: "operator" },
      { label: "footer.licence", id: "licence" },
      { label: "footer.icp", id: "icp" },
    ],
  },
  {
    title: "footer.serviceTitle",
    items: [
      { label: "footer.complaints", id: "complaints" },
      { label: "footer.contact", id: "contact" },
      { label: "footer.rules", id: "rules" },
    ],
  },
] as const;

function FooterColumn({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Col xs={24} md={8}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Col>
  );
}

function ShopFooter() {
  const { t } = useTranslation();
  return (
    <Layout.Footer style={{ background: "#fff", borderTop: "1px solid #f0f0f0", padding: "32px 24px 24px" }} data-testid="shop-footer">
      <div style={{ maxWidth: 1200, margin: "0 auto" }}>
        <Row gutter={[32, 24]}>
          {FOOTER_SECTIONS.map((section) => (
            <FooterColumn key={section.title} title={t(section.title)}>
              {section.items.map(({ label, id }) => (
                <div key={id} style={{ marginBottom: 6 }} data-testid={`footer-${id}`}>
                  <Typography.Text style={{ color: "#595959" }}>{t("common.labelColon", { label: t(label) })}</Typography.Text>
                  <Typography.Text type="secondary">{t("footer.toBePublished")}</Typography.Text>
                </div>
              ))}
            </FooterColumn>
          ))}
          <FooterColumn title={t("footer.aboutTitle")}>
            <div style={{ marginBottom: 6 }}>
              <Link to="/privacy">{t("footer.privacy")}</Link>
            </div>
            <Typography.Text type="secondary">{t("footer.note")}</Typography.Text>
          </FooterColumn>
        </Row>
        <Divider style={{ margin: "24px 0 12px" }} />
        <Flex justify="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("footer.copyright", { year: new Date().getFullYear() })}
          </Typography.Text>
        </Flex>
      </div>
    </Layout.Footer>
  );
}
