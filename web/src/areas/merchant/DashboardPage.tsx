import { Card, Col, Descriptions, Row, Skeleton, Statistic, Typography } from "antd";
import { ShopOutlined, TeamOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Merchant, User } from "../../api";
import { useSession } from "../../auth/session";
import { ErrorAlert } from "../../components/errors";
import { formatDateTime } from "../../components/format";
import { MerchantStatusTag } from "../../components/labels";
import { StandingBanner } from "./governance/StandingBanner";
import { TasksCard } from "./governance/TasksCard";
import { useStanding } from "./governance/queries";

export function MerchantDashboard() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  const shop = useQuery({ queryKey: ["merchant", "shop"], queryFn: () => api<Merchant>("/merchant/shop"), enabled: can("shop.read") });
  const canStaff = can("shop.staff.read") || can("shop.staff.manage");
  const staff = useQuery({ queryKey: ["merchant", "staff"], queryFn: () => api<{ items: User[] }>("/merchant/staff"), enabled: canStaff });
  const standing = useStanding();

  return (
    <div data-testid="merchant-dashboard">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("merchant.dashboard.welcome", { name: me?.user.displayName ?? "" })}
      </Typography.Title>
      {standing.data ? <StandingBanner standing={standing.data} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card
            title={
              <span>
                <ShopOutlined style={{ marginRight: 8 }} />
                {t("merchant.dashboard.shop")}
              </span>
            }
          >
            {!can("shop.read") ? (
              <Typography.Text type="secondary">{t("merchant.dashboard.noShopAccess")}</Typography.Text>
            ) : shop.isPending ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : shop.isError ? (
              <ErrorAlert error={shop.error} />
            ) : (
              <Descriptions column={1} data-testid="shop-info">
                <Descriptions.Item label={t("merchant.dashboard.shopName")}>
                  <Typography.Text strong data-testid="shop-name">
                    {shop.data.name}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t("merchant.dashboard.status")}>
                  <MerchantStatusTag status={shop.data.status} />
                </Descriptions.Item>
                <Descriptions.Item label={t("merchant.dashboard.since")}>{formatDateTime(shop.data.createdAt)}</Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
        {canStaff ? (
          <Col xs={24} lg={8}>
            <Card>
              {staff.isError ? (
                <ErrorAlert error={staff.error} />
              ) : (
                <Statistic title={t("merchant.dashboard.staffCount")} value={staff.data?.items.length ?? 0} loading={staff.isPending} prefix={<TeamOutlined />} />
              )}
            </Card>
          </Col>
        ) : null}
        {can("shop.read") ? (
          <Col xs={24} lg={16}>
            <TasksCard />
          </Col>
        ) : null}
      </Row>
    </div>
  );
}
