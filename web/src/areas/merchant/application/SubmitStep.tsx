import { useState } from "react";
import { Alert, App, Button, Card, Descriptions, Flex, Space, Tag, Typography } from "antd";
import { CheckCircleFilled, CloseCircleFilled, SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import type { Application, ApplicationProblem } from "../../../api";
import i18n from "../../../i18n";
import { ErrorAlert } from "../../../components/errors";
import { formatDateTime } from "../../../components/format";
import { categoryName, completenessText, docKindName, entityTypeName, fieldLabel, problemStep } from "../../../components/onboarding";
import { useSetApplication } from "./queries";

/** The fields that must be filled in before submitting (contact e-mail is optional). */
const REQUIRED_FIELDS = ["entityType", "name", "creditCode", "legalRepName", "legalRepIdNumber", "contactName", "contactPhone", "address"] as const;

interface CheckItem {
  key: string;
  ok: boolean;
  text: string;
  step: number;
}

/** What the applicant can see is done or not, before asking the server. */
function checklist(app: Application): CheckItem[] {
  const t = i18n.t.bind(i18n);
  const sep = t("applicant.submit.listSeparator");
  const active = app.documents.filter((d) => !d.replaced);
  const emptyFields = REQUIRED_FIELDS.filter((f) => !app[f]);
  const flagged = active.filter((d) => d.problem);
  const expired = active.filter((d) => d.expired);
  const items: CheckItem[] = [
    {
      key: "entity",
      ok: emptyFields.length === 0 && app.categories.length > 0,
      text:
        emptyFields.length === 0 && app.categories.length > 0
          ? t("applicant.submit.checkEntityOk")
          : t("applicant.submit.checkEntityMissing", { fields: [...emptyFields.map((f) => fieldLabel(f)), ...(app.categories.length ? [] : [fieldLabel("categories")])].join(sep) }),
      step: 0,
    },
    {
      key: "documents",
      ok: app.requiredDocuments.length > 0 && app.missingDocuments.length === 0,
      text:
        app.missingDocuments.length === 0
          ? t("applicant.submit.checkDocumentsOk", { count: app.requiredDocuments.length })
          : t("applicant.submit.checkDocumentsMissing", { kinds: app.missingDocuments.map(docKindName).join(sep) }),
      step: 1,
    },
  ];
  if (flagged.length) items.push({ key: "flagged", ok: false, text: t("applicant.submit.checkFlagged", { kinds: flagged.map((d) => docKindName(d.kind)).join(sep) }), step: 1 });
  if (expired.length) items.push({ key: "expired", ok: false, text: t("applicant.submit.checkExpired", { kinds: expired.map((d) => docKindName(d.kind)).join(sep) }), step: 1 });
  items.push({
    key: "agreement",
    ok: app.agreementVersion === app.currentAgreementVersion,
    text:
      app.agreementVersion === app.currentAgreementVersion
        ? t("applicant.submit.checkAgreementOk", { version: app.currentAgreementVersion })
        : t("applicant.submit.checkAgreementMissing", { version: app.currentAgreementVersion }),
    step: 2,
  });
  return items;
}

/** Step 4: everything at a glance, the checklist, and the submission (first or again). */
export function SubmitStep({ app, locked, goTo }: { app: Application; locked: boolean; goTo: (step: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setApplication = useSetApplication();
  const [problems, setProblems] = useState<ApplicationProblem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const items = checklist(app);
  const resubmit = app.status === "rejected";

  const submit = async () => {
    setError(null);
    setProblems(null);
    setSubmitting(true);
    try {
      setApplication(await api<Application>("/onboarding/application/submit", { method: "POST" }));
      message.success(resubmit ? t("applicant.submit.resubmitted") : t("applicant.submit.submitted"));
      window.scrollTo({ top: 0 });
    } catch (e) {
      const list = isApiError(e) && e.code === "APPLICATION_INCOMPLETE" ? (e.details as { problems?: ApplicationProblem[] } | undefined)?.problems : undefined;
      if (list?.length) setProblems(list);
      else setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const active = app.documents.filter((d) => !d.replaced);
  return (
    <div data-testid="submit-step">
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }} data-testid="submit-summary">
        <Descriptions.Item label={t("onboarding.fields.entityType")}>{entityTypeName(app.entityType)}</Descriptions.Item>
        <Descriptions.Item label={t("onboarding.fields.name")}>{app.name ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("onboarding.fields.creditCode")}>
          <Typography.Text style={{ fontFamily: "monospace", whiteSpace: "nowrap" }}>{app.creditCode ?? "—"}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("onboarding.fields.legalRepName")}>{app.legalRepName ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("onboarding.fields.legalRepIdNumber")}>{app.legalRepIdNumber ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("onboarding.fields.contactName")}>{app.contactName ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("onboarding.fields.contactPhone")}>{app.contactPhone ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("onboarding.fields.contactEmail")}>{app.contactEmail ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("onboarding.fields.address")} span={{ xs: 1, md: 2 }}>
          {app.address ?? "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("onboarding.fields.categories")} span={{ xs: 1, md: 2 }}>
          {app.categories.length ? app.categories.map((c) => <Tag key={c}>{categoryName(c)}</Tag>) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("onboarding.fields.documents")} span={{ xs: 1, md: 2 }}>
          {active.length ? active.map((d) => <Tag key={d.id} color={d.problem ? "red" : undefined}>{docKindName(d.kind)}</Tag>) : "—"}
        </Descriptions.Item>
      </Descriptions>

      <Card size="small" title={t("applicant.submit.checklist")} style={{ marginBottom: 16 }} data-testid="submit-checklist">
        <Space orientation="vertical" size={8} style={{ width: "100%" }}>
          {items.map((i) => (
            <Flex key={i.key} justify="space-between" align="center" gap={12} data-testid={`check-${i.key}`} data-ok={i.ok ? "true" : "false"}>
              <Space size={8} align="start">
                {i.ok ? <CheckCircleFilled style={{ color: "#52c41a" }} /> : <CloseCircleFilled style={{ color: "#ff4d4f" }} />}
                <Typography.Text type={i.ok ? undefined : "danger"}>{i.text}</Typography.Text>
              </Space>
              {i.ok || locked ? null : (
                <Button size="small" type="link" onClick={() => goTo(i.step)}>
                  {t("applicant.submit.fix")}
                </Button>
              )}
            </Flex>
          ))}
        </Space>
      </Card>

      {problems ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="submit-problems"
          title={t("errors.APPLICATION_INCOMPLETE")}
          description={
            <ol style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
              {problems.map((p, i) => (
                <li key={i} data-testid="submit-problem">
                  {completenessText(p, app)}{" "}
                  <Typography.Link onClick={() => goTo(problemStep(p))}>{t("applicant.submit.fix")}</Typography.Link>
                </li>
              ))}
            </ol>
          }
        />
      ) : null}
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />

      {locked ? (
        <Alert
          type="info"
          showIcon
          title={app.status === "approved" ? t("applicant.submit.lockedApproved") : t("applicant.submit.locked", { at: formatDateTime(app.submittedAt) })}
        />
      ) : (
        <Flex justify="flex-end" align="center" gap={12}>
          <Typography.Text type="secondary">{t("applicant.submit.hint")}</Typography.Text>
          <Button type="primary" size="large" icon={<SendOutlined />} loading={submitting} onClick={() => void submit()} data-testid="application-submit">
            {resubmit ? t("applicant.submit.resubmit") : t("applicant.submit.submit")}
          </Button>
        </Flex>
      )}
    </div>
  );
}
