import { useState } from "react";
import { App, Button, Card, Descriptions, Divider, Drawer, Flex, Form, Input, Modal, Skeleton, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Merchant } from "../../api";
import { useSession } from "../../auth/session";
import { applyFormErrors, ErrorAlert } from "../../components/errors";
import { formatDateTime, shortId } from "../../components/format";
import { emptyText, MerchantStatusTag } from "../../components/labels";
import { passwordRules, PasswordPolicyHint } from "../../auth/passwordPolicy";
import { MERCHANTS_KEY, useMerchants } from "./queries";

export function MerchantsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const merchants = useMerchants();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <div data-testid="admin-merchants">
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} gap={16} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("merchants.title")}
        </Typography.Title>
        {can("merchant.manage") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="merchant-create">
            {t("merchants.create")}
          </Button>
        ) : null}
      </Flex>
      <Card>
        {merchants.isError ? <ErrorAlert error={merchants.error} style={{ marginBottom: 16 }} /> : null}
        <Table<Merchant>
          rowKey="id"
          loading={merchants.isPending}
          dataSource={merchants.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          locale={{ emptyText: emptyText(t("merchants.empty")) }}
          onRow={(m) => ({ onClick: () => setOpenId(m.id), style: { cursor: "pointer" } })}
          columns={[
            { title: t("merchants.name"), dataIndex: "name", render: (v: string) => <Typography.Link>{v}</Typography.Link> },
            { title: t("merchants.status"), dataIndex: "status", render: (s: string) => <MerchantStatusTag status={s} /> },
            { title: t("merchants.createdAt"), dataIndex: "createdAt", render: (v: string) => formatDateTime(v) },
            { title: t("merchants.id"), dataIndex: "id", render: (v: string) => <Typography.Text type="secondary" copyable={{ text: v }} style={{ fontSize: 12 }}>{shortId(v)}</Typography.Text> },
          ]}
        />
      </Card>
      <CreateMerchantModal open={creating} onClose={() => setCreating(false)} />
      <MerchantDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}

function MerchantDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const merchant = useQuery({ queryKey: [...MERCHANTS_KEY, id], queryFn: () => api<Merchant>(`/admin/merchants/${encodeURIComponent(id ?? "")}`), enabled: !!id });
  return (
    <Drawer open={!!id} onClose={onClose} title={merchant.data?.name ?? t("merchants.detail")} size={480}>
      {merchant.isPending ? (
        <Skeleton active />
      ) : merchant.isError ? (
        <ErrorAlert error={merchant.error} />
      ) : (
        <>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t("merchants.name")}>{merchant.data.name}</Descriptions.Item>
            <Descriptions.Item label={t("merchants.status")}>
              <MerchantStatusTag status={merchant.data.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t("merchants.createdAt")}>{formatDateTime(merchant.data.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t("merchants.id")}>
              <Typography.Text copyable style={{ fontSize: 12 }}>
                {merchant.data.id}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Divider />
          <Typography.Text type="secondary">{t("merchants.moreSoon")}</Typography.Text>
        </>
      )}
    </Drawer>
  );
}

interface MerchantForm {
  name: string;
  ownerLogin: string;
  ownerDisplayName: string;
  ownerPassword: string;
}

function CreateMerchantModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MerchantForm>();
  const password = Form.useWatch("ownerPassword", form) ?? "";
  const login = Form.useWatch("ownerLogin", form) ?? "";
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    setSaving(true);
    try {
      await api<Merchant>("/admin/merchants", {
        method: "POST",
        body: { name: v.name.trim(), owner: { login: v.ownerLogin.trim(), password: v.ownerPassword, displayName: v.ownerDisplayName.trim() } },
      });
      message.success(t("merchants.created"));
      await queryClient.invalidateQueries({ queryKey: MERCHANTS_KEY });
      form.resetFields();
      onClose();
    } catch (e) {
      // Server paths are owner.login etc.; map them to this form's flat fields.
      const mapped = applyFormErrors(form, e, { name: "name", "owner.login": "ownerLogin", "owner.displayName": "ownerDisplayName", "owner.password": "ownerPassword" });
      if (!mapped) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("merchants.create")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      forceRender
      width={560}
    >
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="name"
          label={t("merchants.name")}
          rules={[
            { required: true, whitespace: true, message: t("merchants.nameRequired") },
            { max: 100, message: t("merchants.nameTooLong", { max: 100 }) },
          ]}
        >
          <Input />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t("merchants.owner")}
        </Divider>
        <Form.Item name="ownerLogin" label={t("users.login")} extra={t("merchants.ownerLoginExtra")} rules={[{ required: true, whitespace: true, message: t("users.loginRequired") }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="ownerDisplayName"
          label={t("users.displayName")}
          rules={[
            { required: true, whitespace: true, message: t("profile.displayNameRequired") },
            { max: 40, message: t("profile.displayNameTooLong", { max: 40 }) },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="ownerPassword" label={t("users.initialPassword")} rules={passwordRules(() => form.getFieldValue("ownerLogin") as string | undefined)} dependencies={["ownerLogin"]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PasswordPolicyHint password={password} login={login} />
      </Form>
    </Modal>
  );
}
