import { useState } from "react";
import { App, Button, Card, Flex, Form, Input, Modal, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { User } from "../../api";
import { useSession } from "../../auth/session";
import { applyFormErrors, ErrorAlert } from "../../components/errors";
import { formatDateTime } from "../../components/format";
import { emptyText, RoleTags, UserStatusTag } from "../../components/labels";
import { passwordRules, PasswordPolicyHint } from "../../auth/passwordPolicy";

interface StaffForm {
  login: string;
  password: string;
  displayName: string;
}

const STAFF_KEY = ["merchant", "staff"] as const;

export function StaffPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const staff = useQuery({ queryKey: STAFF_KEY, queryFn: () => api<{ items: User[] }>("/merchant/staff") });
  const [creating, setCreating] = useState(false);
  return (
    <div data-testid="merchant-staff">
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} gap={16} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("merchant.staff.title")}
        </Typography.Title>
        {can("shop.staff.manage") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="staff-create">
            {t("merchant.staff.create")}
          </Button>
        ) : null}
      </Flex>
      <Card>
        {staff.isError ? <ErrorAlert error={staff.error} style={{ marginBottom: 16 }} /> : null}
        <Table<User>
          rowKey="id"
          loading={staff.isPending}
          dataSource={staff.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 720 }}
          locale={{ emptyText: emptyText(t("merchant.staff.empty")) }}
          columns={[
            { title: t("users.displayName"), dataIndex: "displayName" },
            { title: t("users.login"), dataIndex: "login" },
            { title: t("users.roles"), dataIndex: "roles", render: (r: string[]) => <RoleTags roles={r} /> },
            { title: t("users.status"), dataIndex: "status", render: (s: string) => <UserStatusTag status={s} /> },
            { title: t("users.createdAt"), dataIndex: "createdAt", render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
      <CreateStaffModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function CreateStaffModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StaffForm>();
  const password = Form.useWatch("password", form) ?? "";
  const login = Form.useWatch("login", form) ?? "";
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    setSaving(true);
    try {
      await api<User>("/merchant/staff", { method: "POST", body: { login: v.login.trim(), password: v.password, displayName: v.displayName.trim() } });
      message.success(t("merchant.staff.created"));
      await queryClient.invalidateQueries({ queryKey: STAFF_KEY });
      form.resetFields();
      onClose();
    } catch (e) {
      if (!applyFormErrors(form, e, ["login", "password", "displayName"])) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("merchant.staff.create")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      forceRender
    >
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="login" label={t("users.login")} extra={t("merchant.staff.loginExtra")} rules={[{ required: true, whitespace: true, message: t("users.loginRequired") }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t("users.displayName")}
          rules={[
            { required: true, whitespace: true, message: t("profile.displayNameRequired") },
            { max: 40, message: t("profile.displayNameTooLong", { max: 40 }) },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="password" label={t("users.initialPassword")} rules={passwordRules(() => form.getFieldValue("login") as string | undefined)} dependencies={["login"]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PasswordPolicyHint password={password} login={login} />
      </Form>
    </Modal>
  );
}
