import { useState } from "react";
import { Alert, App, Button, Card, Flex, Form, Input, QRCode, Space, Steps, Tag, Typography } from "antd";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { User } from "../../api";
import { useSession } from "../session";
import { ErrorAlert } from "../../components/errors";

interface Enrollment {
  secret: string;
  otpauthUrl: string;
}

const otpRules = (t: (k: "mfa.otpRequired" | "mfa.otpFormat") => string) => [
  { required: true, message: t("mfa.otpRequired") },
  { pattern: /^\d{6}$/, message: t("mfa.otpFormat") },
];

/** Two-step verification (TOTP): enrol with an authenticator app, or turn it off (S1). */
export function MfaCard({ onEnrolled }: { onEnrolled?: () => void }) {
  const { t } = useTranslation();
  const { me, refresh } = useSession();
  const { message } = App.useApp();
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmForm] = Form.useForm<{ otp: string }>();
  const [disableForm] = Form.useForm<{ otp: string }>();
  if (!me) return null;
  const enabled = me.user.mfaEnabled;

  const run = async (fn: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(async () => {
      setEnrollment(await api<Enrollment>("/auth/mfa/enroll", { method: "POST" }));
    });

  const confirm = ({ otp }: { otp: string }) =>
    run(async () => {
      await api<{ user: User }>("/auth/mfa/confirm", { method: "POST", body: { otp: otp.trim() } });
      setEnrollment(null);
      confirmForm.resetFields();
      await refresh();
      message.success(t("mfa.enabledNow"));
      onEnrolled?.();
    });

  const disable = ({ otp }: { otp: string }) =>
    run(async () => {
      await api<{ user: User }>("/auth/mfa/disable", { method: "POST", body: { otp: otp.trim() } });
      disableForm.resetFields();
      await refresh();
      message.success(t("mfa.disabledNow"));
    });

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t("mfa.title")}
        </Space>
      }
      extra={enabled ? <Tag color="green">{t("mfa.enabled")}</Tag> : <Tag>{t("mfa.notEnabled")}</Tag>}
      data-testid="mfa-card"
    >
      <Typography.Paragraph type="secondary">{t("mfa.intro")}</Typography.Paragraph>
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      {enabled ? (
        <Form form={disableForm} layout="vertical" onFinish={disable} requiredMark={false}>
          <Typography.Paragraph>{t("mfa.disableHint")}</Typography.Paragraph>
          <Form.Item name="otp" label={t("mfa.otp")} rules={otpRules(t)}>
            <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" style={{ maxWidth: 200 }} />
          </Form.Item>
          <Button danger htmlType="submit" loading={busy}>
            {t("mfa.disable")}
          </Button>
        </Form>
      ) : enrollment ? (
        <div data-testid="mfa-enrollment">
          <Steps
            orientation="vertical"
            size="small"
            current={1}
            items={[{ title: t("mfa.step1") }, { title: t("mfa.step2") }]}
            style={{ marginBottom: 16 }}
          />
          <Flex gap={24} wrap align="flex-start">
            <QRCode value={enrollment.otpauthUrl} size={160} />
            <div style={{ flex: 1, minWidth: 220 }}>
              <Typography.Text type="secondary">{t("mfa.secret")}</Typography.Text>
              <Typography.Paragraph copyable={{ text: enrollment.secret }} code data-testid="mfa-secret" style={{ wordBreak: "break-all" }}>
                {enrollment.secret}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t("mfa.otpauthUrl")}</Typography.Text>
              <Typography.Paragraph copyable={{ text: enrollment.otpauthUrl }} style={{ wordBreak: "break-all", fontSize: 12 }} data-testid="mfa-otpauth">
                {enrollment.otpauthUrl}
              </Typography.Paragraph>
            </div>
          </Flex>
          <Form form={confirmForm} layout="vertical" onFinish={confirm} requiredMark={false} style={{ marginTop: 16 }}>
            <Form.Item name="otp" label={t("mfa.otp")} rules={otpRules(t)}>
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" style={{ maxWidth: 200 }} data-testid="mfa-confirm-otp" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="mfa-confirm">
                {t("mfa.confirm")}
              </Button>
              <Button onClick={() => setEnrollment(null)} disabled={busy}>
                {t("common.cancel")}
              </Button>
            </Space>
          </Form>
        </div>
      ) : (
        <>
          {me.mfaEnrollmentRequired ? <Alert type="warning" showIcon title={t("mfa.requiredNotice")} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" onClick={() => void start()} loading={busy} data-testid="mfa-start">
            {t("mfa.enable")}
          </Button>
        </>
      )}
    </Card>
  );
}
