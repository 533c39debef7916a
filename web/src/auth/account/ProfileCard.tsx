import { useEffect, useState } from "react";
import { App, Button, Card, Descriptions, Form, Input, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { User } from "../../api";
import { useSession } from "../session";
import { applyFormErrors, ErrorAlert } from "../../components/errors";
import { formatDateTime } from "../../components/format";
import { RoleTags, UserKindTag } from "../../components/labels";
import { DisplayNameField } from "../../components/AccountFields";

export function ProfileCard() {
  const { t } = useTranslation();
  const { me, refresh } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ displayName: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const user = me?.user;

  useEffect(() => {
    if (user) form.setFieldsValue({ displayName: user.displayName });
  }, [user, form]);

  if (!user) return null;

  const onFinish = async ({ displayName }: { displayName: string }) => {
    setError(null);
    setSaving(true);
    try {
      await api<{ user: User }>("/auth/profile", { method: "PATCH", body: { displayName: displayName.trim() } });
      await refresh();
      message.success(t("profile.saved"));
    } catch (e) {
      if (!applyFormErrors(form, e, ["displayName"])) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t("profile.title")} data-testid="profile-card">
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("profile.login")}>{user.login}</Descriptions.Item>
        <Descriptions.Item label={t("profile.kind")}>
          <UserKindTag kind={user.kind} />
        </Descriptions.Item>
        <Descriptions.Item label={t("profile.roles")}>
          <RoleTags roles={user.roles} />
        </Descriptions.Item>
        <Descriptions.Item label={t("profile.mfa")}>
          {user.mfaEnabled ? <Tag color="green">{t("mfa.enabled")}</Tag> : <Tag>{t("mfa.notEnabled")}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t("profile.createdAt")}>{formatDateTime(user.createdAt)}</Descriptions.Item>
      </Descriptions>
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <DisplayNameField label={t("profile.displayName")}>
          <Input data-testid="profile-display-name" />
        </DisplayNameField>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="profile-save">
            {t("common.save")}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
