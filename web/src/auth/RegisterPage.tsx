import { useState } from "react";
import { Button, Card, Checkbox, Form, Input, Modal, Typography } from "antd";
import { LockOutlined, UserOutlined, IdcardOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../api";
import type { AuthResult } from "../api";
import { homeFor, safeNext, useSession } from "./session";
import { applyFormErrors, ErrorAlert } from "../components/errors";
import { FullPageSpin } from "../components/FullPageSpin";
import { PrivacyPolicyText, usePrivacyPolicy } from "../components/PrivacyPolicy";
import { ConfirmPasswordField, DisplayNameField, NewPasswordField } from "../components/AccountFields";
import { pick } from "../i18n";

interface RegisterForm {
  login: string;
  displayName: string;
  password: string;
  confirm: string;
  accept: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE = /^1[3-9]\d{9}$/;

export function isValidBuyerLogin(v: string): boolean {
  const s = v.trim();
  return EMAIL.test(s) || MOBILE.test(s);
}

export function RegisterPage() {
  const { me, loading } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [submitting, setSubmitting] = useState(false);

  if (loading) return <FullPageSpin />;
  if (me && !submitting) return <Navigate to={next ?? homeFor(me)} replace />;
  return (
    <div style={{ display: "flex", justifyContent: "center", padding: "48px 16px" }}>
      <RegisterCard variant="buyer" next={next} onSubmitting={setSubmitting} />
    </div>
  );
}

/** What registers: a buyer (/auth/register) or a prospective merchant (/onboarding/register, M1). */
export type RegisterVariant = "buyer" | "merchant";

const VARIANTS = {
  buyer: { endpoint: "/auth/register", title: "auth.register.title", subtitle: "auth.register.subtitle", testId: "register-card" },
  merchant: { endpoint: "/onboarding/register", title: "apply.register.title", subtitle: "apply.register.subtitle", testId: "apply-register-card" },
} as const;

/** Where a new merchant applicant continues. */
export const APPLICATION_PATH = "/merchant/application";

/**
 * The registration form: login, display name, password (with the policy), and explicit
 * consent to the current privacy policy (U1). Signs the new account in and moves on.
 */
export function RegisterCard({ variant, next = null, onSubmitting }: { variant: RegisterVariant; next?: string | null; onSubmitting?: (busy: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<RegisterForm>();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const policy = usePrivacyPolicy();
  const [showPolicy, setShowPolicy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmittingState] = useState(false);
  const v = VARIANTS[variant];
  const setSubmitting = (busy: boolean) => {
    setSubmittingState(busy);
    onSubmitting?.(busy);
  };
  const after = variant === "merchant" ? APPLICATION_PATH : next;

  const onFinish = async (values: RegisterForm) => {
    if (!policy.data) return;
    setError(null);
    setSubmitting(true);
    try {
      await api<AuthResult>(v.endpoint, {
        method: "POST",
        body: {
          login: values.login.trim(),
          password: values.password,
          displayName: values.displayName.trim(),
          acceptPolicyVersion: policy.data.version,
        },
      });
      const fresh = await refresh();
      if (fresh) navigate(after ?? homeFor(fresh), { replace: true });
    } catch (e) {
      if (!applyFormErrors(form, e, ["login", "password", "displayName"])) setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const policyTitle = policy.data ? pick(policy.data.title, i18n.language) : t("privacy.policyName");

  return (
    <>
      <Card style={{ width: "100%", maxWidth: 480 }} data-testid={v.testId}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t(v.title)}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t(v.subtitle)}</Typography.Paragraph>
        <ErrorAlert error={error} style={{ marginBottom: 16 }} />
        <Form<RegisterForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
          <Form.Item
            name="login"
            label={t("auth.register.login")}
            extra={t("auth.register.loginExtra")}
            rules={[
              { required: true, whitespace: true, message: t("auth.register.loginRequired") },
              {
                validator: async (_r, v: string | undefined) => {
                  if (v && !isValidBuyerLogin(v)) throw new Error(t("auth.register.loginInvalid"));
                },
              },
            ]}
          >
            <Input prefix={<UserOutlined />} placeholder={t("auth.register.loginPlaceholder")} autoComplete="username" data-testid="register-login" />
          </Form.Item>
          <DisplayNameField label={t("profile.displayName")}>
            <Input prefix={<IdcardOutlined />} placeholder={t("auth.register.displayNamePlaceholder")} data-testid="register-display-name" />
          </DisplayNameField>
          <NewPasswordField label={t("password.password")} loginName="login">
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="register-password" />
          </NewPasswordField>
          <ConfirmPasswordField passwordName="password">
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="register-confirm" />
          </ConfirmPasswordField>
          {policy.isError ? <ErrorAlert error={policy.error} style={{ marginBottom: 16 }} /> : null}
          <Form.Item
            name="accept"
            valuePropName="checked"
            rules={[
              {
                validator: async (_r, v: boolean | undefined) => {
                  if (!v) throw new Error(t("auth.register.acceptRequired"));
                },
              },
            ]}
          >
            <Checkbox disabled={!policy.data} data-testid="register-accept">
              {t("auth.register.acceptPrefix")}{" "}
              <a
                onClick={(e) => {
                  e.preventDefault();
                  setShowPolicy(true);
                }}
                href="/privacy"
                data-testid="register-policy-link"
              >
                {policyTitle}
              </a>
              {policy.data ? <span data-testid="register-policy-version"> {t("privacy.versionShort", { version: policy.data.version })}</span> : null}
            </Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} disabled={!policy.data} data-testid="register-submit">
            {t("auth.register.submit")}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: "center" }}>
          {t("auth.register.haveAccount")}{" "}
          <Link to={after ? `/login?next=${encodeURIComponent(after)}` : "/login"} data-testid="register-login-link">
            {t("auth.register.loginLink")}
          </Link>
        </Typography.Paragraph>
      </Card>
      <Modal
        open={showPolicy}
        title={policyTitle}
        onCancel={() => setShowPolicy(false)}
        width={720}
        footer={[
          <Button key="close" onClick={() => setShowPolicy(false)}>
            {t("common.close")}
          </Button>,
          <Button
            key="accept"
            type="primary"
            disabled={!policy.data}
            data-testid="policy-accept"
            onClick={() => {
              form.setFieldValue("accept", true);
              void form.validateFields(["accept"]);
              setShowPolicy(false);
            }}
          >
            {t("auth.register.acceptButton")}
          </Button>,
        ]}
      >
        <div style={{ maxHeight: "60vh", overflowY: "auto" }}>
          <PrivacyPolicyText showTitle={false} />
        </div>
      </Modal>
    </>
  );
}
