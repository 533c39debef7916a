import { useState } from "react";
import { App, Button, Card, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import { applyFormErrors, ErrorAlert } from "../../components/errors";
import { ConfirmPasswordField, NewPasswordField } from "../../components/AccountFields";

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const onFinish = async (v: PasswordForm) => {
    setError(null);
    setSaving(true);
    try {
      await api<void>("/auth/password", { method: "POST", body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      form.resetFields();
      message.success(t("password.changed"));
      await queryClient.invalidateQueries({ queryKey: ["auth", "sessions"] });
    } catch (e) {
      if (!applyFormErrors(form, e, ["currentPassword", "newPassword"])) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t("password.changeTitle")} data-testid="password-card">
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="currentPassword" label={t("password.current")} rules={[{ required: true, message: t("password.currentRequired") }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordField name="newPassword" label={t("password.new")} />
        <ConfirmPasswordField passwordName="newPassword" />
        <Button type="primary" htmlType="submit" loading={saving}>
          {t("password.changeButton")}
        </Button>
      </Form>
    </Card>
  );
}
