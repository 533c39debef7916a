import { useState } from "react";
import { Alert, App, Button } from "antd";
import { ShopOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { Application } from "../../../api";
import { useSession } from "../../../auth/session";
import { errorText } from "../../../components/errors";
import { formatDateTime } from "../../../components/format";
import { hoursSince, lastRejection, ReasonList, waitingText } from "../../../components/onboarding";

/** Where the application stands, in one sentence, with what to do next. */
export function StatusBanner({ app }: { app: Application | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { refresh } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [entering, setEntering] = useState(false);
  const common = { showIcon: true, style: { marginBottom: 16 }, "data-testid": "application-banner", "data-status": app?.status ?? "none" };

  if (!app) return <Alert type="info" {...common} title={t("applicant.banner.none")} description={t("applicant.banner.noneText")} />;

  switch (app.status) {
    case "draft":
      return <Alert type="info" {...common} title={t("applicant.banner.draft")} description={t("applicant.banner.draftText")} />;
    case "submitted":
      return (
        <Alert
          type="info"
          {...common}
          title={t("applicant.banner.submitted")}
          description={t("applicant.banner.submittedText", { at: formatDateTime(app.submittedAt), waiting: waitingText(hoursSince(app.submittedAt)) })}
        />
      );
    case "under_review":
      return (
        <Alert
          type="info"
          {...common}
          title={t("applicant.banner.underReview")}
          description={t("applicant.banner.underReviewText", { at: formatDateTime(app.submittedAt), waiting: waitingText(hoursSince(app.submittedAt)) })}
        />
      );
    case "rejected": {
      const last = lastRejection(app);
      return (
        <Alert
          type="error"
          {...common}
          title={t("applicant.banner.rejected", { at: formatDateTime(app.decidedAt) })}
          description={
            <>
              <div>{t("applicant.banner.rejectedText")}</div>
              <ReasonList problems={last?.problems ?? []} documents={app.documents} testId="rejection-reasons" />
            </>
          }
        />
      );
    }
    case "approved": {
      // The account is now the shop's owner: read the session again and go to the shop's portal.
      const enter = async () => {
        setEntering(true);
        try {
          await refresh();
          queryClient.removeQueries({ queryKey: ["merchant"] });
          navigate("/merchant", { replace: true });
        } catch (e) {
          message.error(errorText(e));
        } finally {
          setEntering(false);
        }
      };
      return (
        <Alert
          type="success"
          {...common}
          title={t("applicant.banner.approved", { name: app.name ?? "" })}
          description={t("applicant.banner.approvedText", { at: formatDateTime(app.decidedAt) })}
          action={
            <Button type="primary" icon={<ShopOutlined />} loading={entering} onClick={() => void enter()} data-testid="enter-portal">
              {t("applicant.banner.enterPortal")}
            </Button>
          }
        />
      );
    }
    default:
      return null;
  }
}
