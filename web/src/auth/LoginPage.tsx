import { useState } from "react";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { LockOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { useQueryClient } from "@tanstack/react-query";
import { api, isApiError } from "../api";
import type { AuthResult } from "../api";
import { homeFor, safeNext, useSession } from "./session";
import { applyFormErrors, ErrorAlert } from "../components/errors";
import { FullPageSpin } from "../components/FullPageSpin";
import { mergeGuestCart } from "../areas/shop/cart/cartStore";

interface LoginForm {
  login: string;
  password: string;
  otp?: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const { me, loading, refresh } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [needOtp, setNeedOtp] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  if (loading) return <FullPageSpin />;
  if (me && !submitting) return <Navigate to={me.mfaEnrollmentRequired ? homeFor(me) : (next ?? homeFor(me))} replace />;

  const onFinish = async (values: LoginForm) => {
    setError(null);
    setSubmitting(true);
    try {
      await api<AuthResult>("/auth/login", {
        method: "POST",
        body: { login: values.login.trim(), password: values.password, ...(needOtp && values.otp ? { otp: values.otp.trim() } : {}) },
      });
      const fresh = await refresh();
      // O2: what the visitor put in the cart is there when the next page (often /checkout) opens.
      await mergeGuestCart(queryClient, fresh);
      if (fresh) navigate(fresh.mfaEnrollmentRequired ? homeFor(fresh) : (next ?? homeFor(fresh)), { replace: true });
    } catch (e) {
      if (isApiError(e) && e.code === "MFA_REQUIRED") {
        setNeedOtp(true);
      } else if (isApiError(e) && e.code === "INVALID_OTP") {
        setNeedOtp(true);
        form.setFields([{ name: "otp", errors: [t("errors.INVALID_OTP")] }]);
      } else if (!applyFormErrors(form, e, ["login", "password", "otp"])) {
        setError(e);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div style={{ display: "flex", justifyContent: "center", padding: "48px 16px" }}>
      <Card style={{ width: "100%", maxWidth: 420 }} data-testid="login-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("auth.login.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("auth.login.subtitle")}</Typography.Paragraph>
        {next ? <Alert type="info" showIcon title={t("auth.login.signInToContinue")} style={{ marginBottom: 16 }} /> : null}
        <ErrorAlert error={error} style={{ marginBottom: 16 }} />
        {needOtp ? <Alert type="warning" showIcon title={t("auth.login.otpPrompt")} style={{ marginBottom: 16 }} data-testid="otp-prompt" /> : null}
        <Form<LoginForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
          <Form.Item
            name="login"
            label={t("auth.login.login")}
            rules={[{ required: true, whitespace: true, message: t("auth.login.loginRequired") }]}
          >
            <Input prefix={<UserOutlined />} placeholder={t("auth.login.loginPlaceholder")} autoComplete="username" data-testid="login-input" />
          </Form.Item>
          <Form.Item name="password" label={t("auth.login.password")} rules={[{ required: true, message: t("password.required") }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password-input" />
          </Form.Item>
          {needOtp ? (
            <Form.Item
              name="otp"
              label={t("auth.login.otp")}
              rules={[
                { required: true, message: t("mfa.otpRequired") },
                { pattern: /^\d{6}$/, message: t("mfa.otpFormat") },
              ]}
            >
              <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoComplete="one-time-code" autoFocus data-testid="otp-input" />
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
            {t("auth.login.submit")}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: "center" }}>
          {t("auth.login.noAccount")}{" "}
          <Link to={next ? `/register?next=${encodeURIComponent(next)}` : "/register"}>{t("auth.login.registerLink")}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
