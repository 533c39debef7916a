import { useState } from "react";
import { App, Button, Card, Col, Result, Row, Steps, Tag, Typography } from "antd";
import { AuditOutlined, FileProtectOutlined, FileTextOutlined, IdcardOutlined, ShopOutlined, UserAddOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router-dom";
import { useSession } from "../../auth/session";
import { APPLICATION_PATH, RegisterCard } from "../../auth/RegisterPage";
import { errorText } from "../../components/errors";
import { FullPageSpin } from "../../components/FullPageSpin";
import { categoryName, docKindName, entityTypeName } from "../../components/onboarding";
import { useOnboardingOptions } from "../../components/onboardingQueries";

/**
 * "Open a shop" (M1): how onboarding works, and the registration of an applicant
 * account, or the login for those who have one. Signed-in merchants go to their portal.
 */
export function ApplyPage() {
  const { t } = useTranslation();
  const { me, loading, logout } = useSession();
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);

  if (loading) return <FullPageSpin />;
  if (me && !submitting) {
    if (me.areas.includes("merchant")) return <Navigate to={me.user.merchantId ? "/merchant" : APPLICATION_PATH} replace />;
    // A buyer's or staff account cannot become a merchant: a merchant needs an account of its own.
    return (
      <Card style={{ margin: "32px 0" }}>
        <Result
          status="info"
          title={t("apply.otherAccount.title")}
          subTitle={t("apply.otherAccount.text", { name: me.user.displayName })}
          data-testid="apply-other-account"
          extra={
            <Button
              type="primary"
              onClick={() =>
                void logout("/merchant/apply").catch((e: unknown) => {
                  message.error(errorText(e));
                })
              }
              data-testid="apply-logout"
            >
              {t("apply.otherAccount.logout")}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <div style={{ padding: "32px 0 48px" }} data-testid="apply-page">
      <Row gutter={[32, 24]} align="top">
        <Col xs={24} lg={13}>
          <Typography.Title style={{ marginTop: 0 }}>
            <ShopOutlined style={{ color: "#c2410c", marginRight: 12 }} />
            {t("apply.title")}
          </Typography.Title>
          <Typography.Paragraph style={{ fontSize: 16, color: "#595959" }}>{t("apply.intro")}</Typography.Paragraph>
          <Card style={{ marginBottom: 16 }}>
            <Steps
              orientation="vertical"
              size="small"
              items={[
                { title: t("apply.how.register"), content: t("apply.how.registerText"), icon: <UserAddOutlined /> },
                { title: t("apply.how.entity"), content: t("apply.how.entityText"), icon: <IdcardOutlined /> },
                { title: t("apply.how.documents"), content: t("apply.how.documentsText"), icon: <FileTextOutlined /> },
                { title: t("apply.how.agreement"), content: t("apply.how.agreementText"), icon: <FileProtectOutlined /> },
                { title: t("apply.how.review"), content: t("apply.how.reviewText"), icon: <AuditOutlined /> },
                // An explanation, not a progress: every step reads the same.
              ].map((i) => ({ ...i, status: "process" as const }))}
            />
          </Card>
          <RequiredDocumentsCard />
        </Col>
        <Col xs={24} lg={11}>
          <RegisterCard variant="merchant" onSubmitting={setSubmitting} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, maxWidth: 480 }}>
            {t("apply.haveApplication")} <Link to={`/login?next=${encodeURIComponent(APPLICATION_PATH)}`}>{t("apply.continueLogin")}</Link>
          </Typography.Paragraph>
        </Col>
      </Row>
    </div>
  );
}

/** The table of mandatory documents, as the platform currently sets it. */
function RequiredDocumentsCard() {
  const { t } = useTranslation();
  const options = useOnboardingOptions();
  if (!options.data) return null;
  const reqs = options.data.requirements;
  const general = reqs.filter((r) => r.category === "*");
  const byCategory = reqs.filter((r) => r.category !== "*");
  const generalKinds = [...new Set(general.map((r) => r.documentKind))];
  return (
    <Card size="small" title={t("apply.documentsTitle")} data-testid="apply-documents">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {t("common.labelColon", { label: t("apply.documentsAll") })}
        {generalKinds.map((k) => (
          <Tag key={k}>{docKindName(k)}</Tag>
        ))}
        {general.some((r) => r.entityType !== "*") ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {`(${[...new Set(general.map((r) => entityTypeName(r.entityType)))].join(" / ")})`}
          </Typography.Text>
        ) : null}
      </Typography.Paragraph>
      {[...new Set(byCategory.map((r) => r.documentKind))].map((kind) => (
        <div key={kind} style={{ marginBottom: 4 }}>
          <Tag color="orange">{docKindName(kind)}</Tag>
          <Typography.Text type="secondary">
            {t("apply.documentsCategories", {
              categories: [...new Set(byCategory.filter((r) => r.documentKind === kind).map((r) => categoryName(r.category)))].join(t("applicant.submit.listSeparator")),
            })}
          </Typography.Text>
        </div>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("apply.documentsFormat")}
      </Typography.Text>
    </Card>
  );
}
