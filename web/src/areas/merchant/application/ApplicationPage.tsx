import { useEffect, useState } from "react";
import { Button, Card, Col, Empty, Result, Row, Skeleton, Space, Steps, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useSession } from "../../../auth/session";
import type { Application } from "../../../api";
import { ErrorAlert } from "../../../components/errors";
import { ApplicationStatusTag, ApplicationTimeline } from "../../../components/onboarding";
import { useOnboardingOptions } from "../../../components/onboardingQueries";
import { PageHeader } from "../../../components/PageHeader";
import { AgreementStep } from "./AgreementStep";
import { DocumentsStep } from "./DocumentsStep";
import { EntityStep } from "./EntityStep";
import { isLocked, useMyApplication } from "./queries";
import { StatusBanner } from "./StatusBanner";
import { SubmitStep } from "./SubmitStep";

type StepStatus = "wait" | "process" | "finish" | "error";

function entityDone(a: Application): boolean {
  return !!(a.entityType && a.name && a.creditCode && a.legalRepName && a.legalRepIdNumber && a.contactName && a.contactPhone && a.address && a.categories.length);
}

function documentsState(a: Application): "done" | "error" | "todo" {
  const active = a.documents.filter((d) => !d.replaced);
  if (active.some((d) => d.problem || d.expired)) return "error";
  return a.requiredDocuments.length > 0 && a.missingDocuments.length === 0 ? "done" : "todo";
}

const agreementDone = (a: Application) => a.agreementVersion === a.currentAgreementVersion;

/** The step to open first: the first one with something to do. */
function firstStep(a: Application | null): number {
  if (!a) return 0;
  if (isLocked(a)) return 3;
  if (documentsState(a) === "error") return 1;
  if (!entityDone(a)) return 0;
  if (documentsState(a) !== "done") return 1;
  if (!agreementDone(a)) return 2;
  return 3;
}

/** The applicant's merchant application (M1, M2, M5): four steps, its status and history. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const app = useMyApplication();
  const options = useOnboardingOptions();
  const [chosen, setChosen] = useState<number | null>(null);
  // The first step to show is decided once, when the application is first read: later
  // changes (an upload, the agreement) must not move the page under the user's hands.
  const loaded = app.data !== undefined;
  useEffect(() => {
    if (loaded && chosen === null && app.data) setChosen(firstStep(app.data));
  }, [loaded, chosen, app.data]);

  if (app.isPending || options.isPending) {
    return (
      <div data-testid="application-page">
        <PageHeader title={t("applicant.title")} />
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }
  if (app.isError || options.isError) {
    return (
      <div data-testid="application-page">
        <PageHeader title={t("applicant.title")} />
        <ErrorAlert error={app.error ?? options.error} />
      </div>
    );
  }

  const a = app.data;
  // A shop's owner without an application (opened before onboarding existed): nothing to apply for.
  if (!a && me?.user.merchantId) {
    return (
      <div data-testid="application-page">
        <PageHeader title={t("applicant.title")} />
        <Card>
          <Result
            status="success"
            title={t("applicant.alreadyMerchant")}
            data-testid="application-already-merchant"
            extra={
              <Link to="/merchant">
                <Button type="primary">{t("applicant.banner.enterPortal")}</Button>
              </Link>
            }
          />
        </Card>
      </div>
    );
  }
  const locked = isLocked(a);
  const step = a ? (chosen ?? firstStep(a)) : 0;
  const goTo = (s: number) => {
    setChosen(s);
    window.scrollTo({ top: 0 });
  };

  const status = (i: number, done: boolean, error = false): StepStatus => (i === step ? (error ? "error" : "process") : error ? "error" : done ? "finish" : "wait");
  const docs = a ? documentsState(a) : "todo";
  const items = [
    { title: <span data-testid="step-entity">{t("applicant.steps.entity")}</span>, status: status(0, !!a && entityDone(a)) },
    { title: <span data-testid="step-documents">{t("applicant.steps.documents")}</span>, status: status(1, docs === "done", docs === "error"), disabled: !a },
    { title: <span data-testid="step-agreement">{t("applicant.steps.agreement")}</span>, status: status(2, !!a && agreementDone(a)), disabled: !a },
    { title: <span data-testid="step-submit">{t("applicant.steps.submit")}</span>, status: locked ? ("finish" as const) : status(3, false), disabled: !a },
  ];

  return (
    <div data-testid="application-page">
      <PageHeader
        title={
          <Space size={12} align="center">
            {t("applicant.title")}
            {a ? <ApplicationStatusTag status={a.status} /> : null}
          </Space>
        }
      />
      <StatusBanner app={a} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card>
            <Steps current={step} onChange={(s) => goTo(s)} items={items} style={{ marginBottom: 24 }} data-testid="application-steps" />
            {step === 0 || !a ? (
              <EntityStep key={a?.updatedAt ?? "new"} app={a} options={options.data} locked={locked} onSaved={() => goTo(1)} />
            ) : step === 1 ? (
              <DocumentsStep app={a} options={options.data} locked={locked} onNext={() => goTo(2)} />
            ) : step === 2 ? (
              <AgreementStep app={a} locked={locked} onNext={() => goTo(3)} />
            ) : (
              <SubmitStep app={a} locked={locked} goTo={goTo} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card title={t("applicant.history")} data-testid="application-history">
            {a ? (
              <ApplicationTimeline app={a} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text type="secondary">{t("onboarding.noHistory")}</Typography.Text>} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
