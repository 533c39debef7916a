import { Empty, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { RoleInfo, UserKind } from "../api";
import { pick } from "../i18n";
import { tx } from "./tx";

const kindColor: Record<UserKind, string> = { staff: "geekblue", merchant: "orange", buyer: "green" };

export function UserKindTag({ kind }: { kind: UserKind }) {
  useTranslation();
  return <Tag color={kindColor[kind] ?? "default"}>{tx(`userKind.${kind}`, kind)}</Tag>;
}

export function UserStatusTag({ status }: { status: string }) {
  useTranslation();
  return <Tag color={status === "active" ? "green" : "default"}>{tx(`userStatus.${status}`, status)}</Tag>;
}

const merchantStatusColor: Record<string, string> = { active: "green", restricted: "gold", suspended: "orange", closed: "default", pending: "blue" };

export function MerchantStatusTag({ status }: { status: string }) {
  useTranslation();
  return <Tag color={merchantStatusColor[status] ?? "blue"}>{tx(`merchantStatus.${status}`, status)}</Tag>;
}

/** A role's name: from the server's role catalogue when given, else the dictionary, else its key. */
export function roleName(key: string, catalogue?: RoleInfo[], lng?: string): string {
  const r = catalogue?.find((x) => x.key === key);
  if (r) return pick(r, lng);
  return tx(`roles.${key}`, key);
}

export function RoleTags({ roles, catalogue, closable, onClose }: { roles: string[]; catalogue?: RoleInfo[]; closable?: boolean; onClose?: (role: string) => void }) {
  const { t, i18n } = useTranslation();
  if (roles.length === 0) return <span style={{ color: "#8c8c8c" }}>{t("common.none")}</span>;
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => (
        <Tag
          key={r}
          color="purple"
          closable={closable}
          onClose={(e) => {
            e.preventDefault();
            onClose?.(r);
          }}
          data-testid={`role-${r}`}
        >
          {roleName(r, catalogue, i18n.language)}
        </Tag>
      ))}
    </Space>
  );
}

export function emptyText(description: string) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}
