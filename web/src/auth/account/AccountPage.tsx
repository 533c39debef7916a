import { Col, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ProfileCard } from "./ProfileCard";
import { PasswordCard } from "./PasswordCard";
import { MfaCard } from "./MfaCard";
import { SessionsCard } from "./SessionsCard";
import { ConsentsCard } from "./ConsentsCard";

/** The signed-in user's own account; the same page in every area. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="account-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("account.title")}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <ProfileCard />
            </Col>
            <Col span={24}>
              <PasswordCard />
            </Col>
          </Row>
        </Col>
        <Col xs={24} xl={12}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <MfaCard />
            </Col>
            <Col span={24}>
              <ConsentsCard />
            </Col>
          </Row>
        </Col>
        <Col span={24}>
          <SessionsCard />
        </Col>
      </Row>
    </div>
  );
}
