import { Badge, Button } from "antd";
import { BellOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useUnreadNotices } from "./notices";

/** The header's notices for a signed-in buyer, with the number unread. */
export function NoticeBell() {
  const { t } = useTranslation();
  const unread = useUnreadNotices();
  if (unread === null) return null;
  return (
    <Link to="/account/notices" data-testid="header-notices" aria-label={t("fulfil.notices.unread", { count: unread })}>
      <Button type="text" style={{ paddingInline: 6, height: 40 }}>
        <Badge count={unread} overflowCount={99} size="small" offset={[4, -2]} data-testid="header-notices-count" data-count={unread}>
          <BellOutlined style={{ fontSize: 19 }} />
        </Badge>
        <span style={{ marginInlineStart: 6 }}>{t("fulfil.notices.header")}</span>
      </Button>
    </Link>
  );
}
