import { useState } from "react";
import { Alert, App, Button, Checkbox, Flex, Skeleton, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import type { Application } from "../../../api";
import { pick } from "../../../i18n";
import { ErrorAlert } from "../../../components/errors";
import { Markdown } from "../../../components/Markdown";
import { formatDateTime } from "../../../components/format";
import { AGREEMENT_KEY, useAgreement } from "../../../components/onboardingQueries";
import { useSetApplication } from "./queries";

/** Step 3: the merchant agreement, read and accepted in its current version (M5). */
export function AgreementStep({ app, locked, onNext }: { app: Application; locked: boolean; onNext: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const agreement = useAgreement();
  const setApplication = useSetApplication();
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (agreement.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (agreement.isError) return <ErrorAlert error={agreement.error} />;
  const a = agreement.data;
  const accepted = app.agreementVersion === a.version;

  const accept = async () => {
    setError(null);
    setSaving(true);
    try {
      setApplication(await api<Application>("/onboarding/application/agreement", { method: "POST", body: { version: a.version } }));
      message.success(t("applicant.agreement.acceptedNow"));
      onNext();
    } catch (e) {
      // A newer version was published meanwhile: show it.
      if (isApiError(e) && e.code === "AGREEMENT_VERSION_OUTDATED") {
        setChecked(false);
        await queryClient.invalidateQueries({ queryKey: AGREEMENT_KEY });
      }
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="agreement-step">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {pick(a.title, i18n.language)}
      </Typography.Title>
      <Typography.Text type="secondary">{t("privacy.version", { version: a.version })}</Typography.Text>
      <div
        style={{ maxHeight: 320, overflowY: "auto", border: "1px solid #f0f0f0", borderRadius: 6, padding: "4px 16px", margin: "12px 0 16px", background: "#fafafa" }}
        data-testid="agreement-text"
      >
        {a.sections.map((s, i) => (
          <Flex key={s.key} gap={8} style={{ margin: "12px 0" }}>
            <Typography.Text style={{ flex: "none" }}>{`${i + 1}.`}</Typography.Text>
            <Markdown text={pick(s, i18n.language)} style={{ flex: 1, minWidth: 0 }} />
          </Flex>
        ))}
      </div>
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      {accepted ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="agreement-accepted"
          title={t("applicant.agreement.accepted", { version: a.version, at: formatDateTime(app.agreementAcceptedAt) })}
        />
      ) : (
        <>
          {app.agreementVersion ? (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("applicant.agreement.outdated", { old: app.agreementVersion, version: a.version })} />
          ) : null}
          <Checkbox checked={checked} disabled={locked} onChange={(e) => setChecked(e.target.checked)} data-testid="agreement-check">
            {t("applicant.agreement.check", { title: pick(a.title, i18n.language), version: a.version })}
          </Checkbox>
        </>
      )}
      <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
        {accepted || locked ? (
          <Button type="primary" onClick={onNext} data-testid="agreement-next">
            {t("applicant.next")}
          </Button>
        ) : (
          <Button type="primary" disabled={!checked} loading={saving} onClick={() => void accept()} data-testid="agreement-accept">
            {t("applicant.agreement.accept")}
          </Button>
        )}
      </Flex>
    </div>
  );
}
