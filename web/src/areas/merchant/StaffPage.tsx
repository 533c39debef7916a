import { useState } from "react";
import { Button, Card, Form, Table } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { User } from "../../api";
import { useSession } from "../../auth/session";
import { ErrorAlert } from "../../components/errors";
import { formatDateTime } from "../../components/format";
import { emptyText, RoleTags, UserStatusTag } from "../../components/labels";
import { AccountFields } from "../../components/AccountFields";
import { CreateModal } from "../../components/CreateModal";
import { PageHeader } from "../../components/PageHeader";

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
      <PageHeader title={t("merchant.staff.title")}>
        {can("shop.staff.manage") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="staff-create">
            {t("merchant.staff.create")}
          </Button>
        ) : null}
      </PageHeader>
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
  const [form] = Form.useForm<StaffForm>();
  return (
    <CreateModal
      open={open}
      onClose={onClose}
      title={t("merchant.staff.create")}
      form={form}
      create={(v) => api<User>("/merchant/staff", { method: "POST", body: { login: v.login.trim(), password: v.password, displayName: v.displayName.trim() } })}
      created={t("merchant.staff.created")}
      queryKey={STAFF_KEY}
      fields={["login", "password", "displayName"]}
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <AccountFields loginExtra={t("merchant.staff.loginExtra")} />
      </Form>
    </CreateModal>
  );
}
