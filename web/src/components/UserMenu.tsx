import type { ReactNode } from "react";
import { App, Avatar, Button, Dropdown, Space } from "antd";
import type { MenuProps } from "antd";
import {
  AppstoreOutlined,
  DownOutlined,
  LogoutOutlined,
  ShopOutlined,
  SettingOutlined,
  UserOutlined,
  HomeOutlined,
} from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useSession } from "../auth/session";
import { errorText } from "./errors";

/** A link of the area's own under the profile link (the storefront's orders and addresses). */
export interface UserMenuLink {
  key: string;
  to: string;
  icon: ReactNode;
  label: string;
}

/**
 * The signed-in user's menu: profile, links to the other areas the actor may use,
 * logout. `current` hides the link to the area the user is already in.
 */
export function UserMenu({ current, accountPath, links = [] }: { current: "shop" | "merchant" | "admin"; accountPath: string; links?: UserMenuLink[] }) {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (!me) return null;

  const items: MenuProps["items"] = [
    { key: "account", icon: <UserOutlined />, label: <span data-testid="menu-account">{t("nav.account")}</span> },
    ...links.map((l) => ({ key: `link:${l.to}`, icon: l.icon, label: <span data-testid={`menu-${l.key}`}>{l.label}</span> })),
  ];
  if (current !== "shop") items.push({ key: "shop", icon: <HomeOutlined />, label: <span data-testid="menu-shop">{t("nav.storefront")}</span> });
  if (current !== "merchant" && me.areas.includes("merchant"))
    items.push({ key: "merchant", icon: <ShopOutlined />, label: <span data-testid="menu-merchant">{t("nav.merchantPortal")}</span> });
  if (current !== "admin" && me.areas.includes("admin"))
    items.push({ key: "admin", icon: <SettingOutlined />, label: <span data-testid="menu-admin">{t("nav.adminConsole")}</span> });
  items.push({ type: "divider" });
  items.push({ key: "logout", icon: <LogoutOutlined />, danger: true, label: <span data-testid="menu-logout">{t("nav.logout")}</span> });

  const onClick: MenuProps["onClick"] = async ({ key }) => {
    if (key.startsWith("link:")) {
      navigate(key.slice("link:".length));
      return;
    }
    switch (key) {
      case "account":
        navigate(accountPath);
        break;
      case "shop":
        navigate("/");
        break;
      case "merchant":
        navigate("/merchant");
        break;
      case "admin":
        navigate("/admin");
        break;
      case "logout":
        try {
          await logout("/");
          message.success(t("auth.loggedOut"));
        } catch (e) {
          message.error(errorText(e));
        }
        break;
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={["click"]} placement="bottomRight">
      <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
        <Space size={8}>
          <Avatar size="small" icon={me.user.kind === "merchant" ? <AppstoreOutlined /> : <UserOutlined />} style={{ background: "#c2410c" }} />
          <span data-testid="user-display-name" style={{ maxWidth: 160, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", display: "inline-block", verticalAlign: "middle" }}>
            {me.user.displayName}
          </span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}
