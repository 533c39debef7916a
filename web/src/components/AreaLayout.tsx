import { useState } from "react";
import type { ReactNode } from "react";
import { Layout, Menu, Typography } from "antd";
import type { MenuProps } from "antd";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { Brand } from "./Brand";
import { LanguageSwitch } from "./LanguageSwitch";
import { UserMenu } from "./UserMenu";

export interface AreaMenuItem {
  /** Route path relative to the area's base ("" for the dashboard). */
  path: string;
  label: string;
  icon: ReactNode;
  testId: string;
}

/** The shell of the merchant portal and the admin console: side menu, header, page. */
export function AreaLayout({ area, base, title, items }: { area: "merchant" | "admin"; base: string; title: string; items: AreaMenuItem[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const rest = location.pathname.slice(base.length).replace(/^\//, "");
  const selected = items.filter((i) => i.path !== "" && (rest === i.path || rest.startsWith(`${i.path}/`))).map((i) => i.path);
  // The dashboard is selected on the area's home only, not on pages the menu does not list.
  const selectedKeys = selected.length ? selected : rest === "" ? [""] : [];
  const menuItems: MenuProps["items"] = items.map((i) => ({
    key: i.path,
    icon: i.icon,
    label: <span data-testid={`nav-${i.testId}`}>{i.label}</span>,
  }));

  return (
    <Layout style={{ minHeight: "100vh" }} data-testid={`${area}-layout`}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={220}
        theme="dark"
        style={{ position: "sticky", top: 0, height: "100vh", overflow: "auto" }}
      >
        <div style={{ height: 64, display: "flex", alignItems: "center", padding: collapsed ? "0 24px" : "0 20px", overflow: "hidden" }}>
          {collapsed ? (
            <Brand to={base} dark />
          ) : (
            <Brand to={base} dark subtitle={title} />
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selectedKeys}
          items={menuItems}
          onClick={({ key }) => navigate(key ? `${base}/${key}` : base)}
          data-testid="area-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: "#fff",
            padding: "0 24px",
            display: "flex",
            alignItems: "center",
            justifyContent: "space-between",
            borderBottom: "1px solid #f0f0f0",
            position: "sticky",
            top: 0,
            zIndex: 10,
            gap: 16,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16, whiteSpace: "nowrap" }} data-testid="area-title">
            {title}
          </Typography.Text>
          <div style={{ display: "flex", alignItems: "center", gap: 16 }}>
            <LanguageSwitch />
            <UserMenu current={area} accountPath={`${base}/account`} />
          </div>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
        <Layout.Footer style={{ textAlign: "center", padding: "12px 24px", color: "#8c8c8c", fontSize: 12 }}>{t("footer.consoleNote")}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
