import { App, Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router-dom";
import { homeFor, useSession } from "./session";
import { MfaCard } from "./account/MfaCard";
import { FullPageSpin } from "../components/FullPageSpin";
import { errorText } from "../components/errors";
import { Brand } from "../components/Brand";
import { LanguageSwitch } from "../components/LanguageSwitch";

/** Shown (and nothing else) while the account must enrol in two-step verification. */
export function MfaSetupPage() {
  const { t } = useTranslation();
  const { me, loading, logout, refresh, signedOutTo } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (loading) return <FullPageSpin />;
  if (!me) return <Navigate to={signedOutTo() ?? "/login"} replace />;
  if (!me.mfaEnrollmentRequired) return <Navigate to={homeFor(me)} replace />;

  const signOut = async () => {
    try {
      await logout("/");
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <div style={{ minHeight: "100vh", background: "#f5f5f5" }}>
      <Flex justify="space-between" align="center" style={{ padding: "12px 24px", background: "#fff", borderBottom: "1px solid #f0f0f0" }}>
        <Brand />
        <LanguageSwitch />
      </Flex>
      <div style={{ maxWidth: 640, margin: "32px auto", padding: "0 16px" }} data-testid="mfa-setup-page">
        <Typography.Title level={3}>{t("mfa.setupTitle")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("mfa.setupText")}</Typography.Paragraph>
        <MfaCard
          onEnrolled={async () => {
            const fresh = await refresh();
            if (fresh && !fresh.mfaEnrollmentRequired) navigate(homeFor(fresh), { replace: true });
          }}
        />
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Button onClick={() => void signOut()} data-testid="mfa-setup-logout">
            {t("nav.logout")}
          </Button>
        </Flex>
      </div>
    </div>
  );
}
