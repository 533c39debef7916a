import { Button, Layout, Space } from "antd";
import { EnvironmentOutlined, ProfileOutlined, ShopOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router-dom";
import { Brand } from "../../components/Brand";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { UserMenu } from "../../components/UserMenu";
import { useSession } from "../../auth/session";
import { OperatorFooter } from "./governance/OperatorFooter";
import { HeaderSearch } from "./catalog/HeaderSearch";
import { CartBadge } from "./cart/CartBadge";
import { NoticeBell } from "./notices/NoticeBell";

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
        <HeaderSearch />
        <Space size={16} wrap={false}>
          {/* M1: anyone may open a shop; signed-in merchants and staff have their own areas. */}
          {loading || (me && me.user.kind !== "buyer") ? null : (
            <Link to="/merchant/apply">
              <Button type="link" icon={<ShopOutlined />} data-testid="header-open-shop" style={{ paddingInline: 4 }}>
                {t("nav.openShop")}
              </Button>
            </Link>
          )}
          {loading ? null : <CartBadge />}
          {loading ? null : <NoticeBell />}
          <LanguageSwitch />
          {loading ? null : me ? (
            <UserMenu
              current="shop"
              accountPath="/account"
              links={
                me.user.kind === "buyer"
                  ? [
                      { key: "orders", to: "/account/orders", icon: <ProfileOutlined />, label: t("cart.menu.orders") },
                      { key: "addresses", to: "/account/addresses", icon: <EnvironmentOutlined />, label: t("cart.menu.addresses") },
                    ]
                  : []
              }
            />
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
      <OperatorFooter />
    </Layout>
  );
}
