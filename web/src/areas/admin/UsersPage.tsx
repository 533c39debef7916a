import { useMemo, useState } from "react";
import { App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Page, RoleInfo, User, UserKind } from "../../api";
import { useSession } from "../../auth/session";
import { errorText, ErrorAlert } from "../../components/errors";
import { formatDateTime } from "../../components/format";
import { emptyText, RoleTags, roleName, UserKindTag, UserStatusTag } from "../../components/labels";
import { AccountFields } from "../../components/AccountFields";
import { CreateModal } from "../../components/CreateModal";
import { PageHeader } from "../../components/PageHeader";
import { useMerchants, useRoles } from "./queries";

const PAGE_SIZE = 20;
const USERS_KEY = ["admin", "users"] as const;

const scopeOf: Record<UserKind, RoleInfo["scope"]> = { staff: "platform", merchant: "merchant", buyer: "buyer" };

export function UsersPage() {
  const { t } = useTranslation();
  const { can, me } = useSession();
  const [kind, setKind] = useState<UserKind | "">("");
  const [q, setQ] = useState("");
  const [creating, setCreating] = useState(false);
  const [rolesFor, setRolesFor] = useState<User | null>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canAssign = can("role.assign");
  const roles = useRoles();
  const merchants = useMerchants();

  const users = useInfiniteQuery({
    queryKey: [...USERS_KEY, "list", kind, q],
    initialPageParam: "" as string,
    queryFn: ({ pageParam }) => api<Page<User>>("/admin/users", { query: { kind, q, cursor: pageParam, limit: PAGE_SIZE } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => users.data?.pages.flatMap((p) => p.items) ?? [], [users.data]);
  const merchantName = (id: string | null) => (id ? (merchants.data?.items.find((m) => m.id === id)?.name ?? id) : "—");

  const deactivate = async (u: User) => {
    try {
      await api<User>(`/admin/users/${encodeURIComponent(u.id)}/deactivate`, { method: "POST" });
      message.success(t("users.deactivated"));
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <div data-testid="admin-users">
      <PageHeader title={t("users.title")}>
        {can("user.manage") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
            {t("users.create")}
          </Button>
        ) : null}
      </PageHeader>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<UserKind | "">
            value={kind}
            onChange={setKind}
            style={{ width: 160 }}
            data-testid="users-kind"
            options={[
              { value: "", label: t("users.allKinds") },
              { value: "staff", label: t("userKind.staff") },
              { value: "merchant", label: t("userKind.merchant") },
              { value: "buyer", label: t("userKind.buyer") },
            ]}
          />
          <Input.Search allowClear placeholder={t("users.searchPlaceholder")} onSearch={(v) => setQ(v.trim())} style={{ width: 280 }} enterButton={t("common.search")} data-testid="users-search" />
        </Flex>
        {users.isError ? <ErrorAlert error={users.error} style={{ marginBottom: 16 }} /> : null}
        <Table<User>
          rowKey="id"
          loading={users.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1380 }}
          locale={{ emptyText: emptyText(t("users.empty")) }}
          columns={[
            { title: t("users.displayName"), dataIndex: "displayName", fixed: "left", width: 160 },
            { title: t("users.login"), dataIndex: "login", width: 190 },
            { title: t("users.kind"), dataIndex: "kind", width: 100, render: (k: UserKind) => <UserKindTag kind={k} /> },
            { title: t("users.roles"), dataIndex: "roles", width: 200, render: (r: string[]) => <RoleTags roles={r} catalogue={roles.data?.items} /> },
            { title: t("users.merchant"), dataIndex: "merchantId", width: 180, render: (id: string | null) => merchantName(id) },
            {
              title: t("users.mfa"),
              dataIndex: "mfaEnabled",
              width: 100,
              render: (v: boolean) => (v ? <Tag color="green">{t("mfa.enabled")}</Tag> : <Tag>{t("mfa.off")}</Tag>),
            },
            { title: t("users.status"), dataIndex: "status", width: 90, render: (s: string) => <UserStatusTag status={s} /> },
            { title: t("users.createdAt"), dataIndex: "createdAt", width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: t("common.actions"),
              key: "actions",
              fixed: "right",
              width: 210,
              render: (_, u) => (
                <Space size={4}>
                  {canAssign && u.status === "active" ? (
                    <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => setRolesFor(u)}>
                      {t("users.manageRoles")}
                    </Button>
                  ) : null}
                  {can("user.manage") && u.status === "active" && u.id !== me?.user.id ? (
                    <Popconfirm
                      title={t("users.deactivateConfirm", { name: u.displayName })}
                      description={t("users.deactivateHint")}
                      onConfirm={() => deactivate(u)}
                      okText={t("common.confirm")}
                      cancelText={t("common.cancel")}
                      okButtonProps={{ danger: true }}
                    >
                      <Button size="small" danger>
                        {t("users.deactivate")}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
        {users.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
              {t("common.loadMore")}
            </Button>
          </Flex>
        ) : null}
      </Card>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} roles={roles.data?.items ?? []} />
      <RolesModal user={rolesFor} onClose={() => setRolesFor(null)} roles={roles.data?.items ?? []} />
    </div>
  );
}

interface CreateUserForm {
  kind: "staff" | "merchant";
  login: string;
  displayName: string;
  password: string;
  merchantId?: string;
  roles: string[];
}

function CreateUserModal({ open, onClose, roles }: { open: boolean; onClose: () => void; roles: RoleInfo[] }) {
  const { t, i18n } = useTranslation();
  const merchants = useMerchants();
  const [form] = Form.useForm<CreateUserForm>();
  const kind = Form.useWatch("kind", form) ?? "staff";
  const roleOptions = roles.filter((r) => r.scope === scopeOf[kind]).map((r) => ({ value: r.key, label: roleName(r.key, roles, i18n.language) }));

  return (
    <CreateModal
      open={open}
      onClose={onClose}
      title={t("users.create")}
      width={560}
      form={form}
      create={(v) =>
        api<User>("/admin/users", {
          method: "POST",
          body: {
            kind: v.kind,
            login: v.login.trim(),
            password: v.password,
            displayName: v.displayName.trim(),
            ...(v.kind === "merchant" ? { merchantId: v.merchantId } : {}),
            roles: v.roles ?? [],
          },
        })
      }
      created={t("users.created")}
      queryKey={USERS_KEY}
      fields={["login", "password", "displayName", "merchantId", "roles"]}
    >
      <Form<CreateUserForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: "staff", roles: [] }}
        onValuesChange={(changed: Partial<CreateUserForm>) => {
          if (changed.kind) form.setFieldsValue({ roles: [], merchantId: undefined });
        }}
      >
        <Form.Item name="kind" label={t("users.kind")}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "staff", label: t("userKind.staff") },
              { value: "merchant", label: t("userKind.merchant") },
            ]}
          />
        </Form.Item>
        <AccountFields loginExtra={kind === "staff" ? t("users.staffLoginExtra") : t("users.merchantLoginExtra")} />
        {kind === "merchant" ? (
          <Form.Item name="merchantId" label={t("users.merchant")} rules={[{ required: true, message: t("users.merchantRequired") }]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              loading={merchants.isPending}
              options={(merchants.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
              placeholder={t("users.merchantPlaceholder")}
              notFoundContent={emptyText(t("merchants.empty"))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="roles" label={t("users.roles")} rules={[{ required: true, type: "array", min: 1, message: t("users.rolesRequired") }]}>
          <Select mode="multiple" options={roleOptions} placeholder={t("users.rolesPlaceholder")} notFoundContent={emptyText(t("users.noRoles"))} />
        </Form.Item>
      </Form>
    </CreateModal>
  );
}

function RolesModal({ user, onClose, roles }: { user: User | null; onClose: () => void; roles: RoleInfo[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<{ userId: string; roles: string[] } | null>(null);
  const [toAdd, setToAdd] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!user) return null;
  const held = current?.userId === user.id ? current.roles : user.roles;
  const options = roles.filter((r) => r.scope === scopeOf[user.kind] && !held.includes(r.key)).map((r) => ({ value: r.key, label: roleName(r.key, roles, i18n.language) }));

  const change = async (fn: () => Promise<{ userId: string; roles: string[] }>, done: string) => {
    setError(null);
    setBusy(true);
    try {
      const res = await fn();
      setCurrent({ userId: res.userId, roles: res.roles });
      setToAdd(undefined);
      message.success(done);
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const grant = () =>
    toAdd &&
    change(() => api(`/admin/users/${encodeURIComponent(user.id)}/roles`, { method: "POST", body: { role: toAdd } }), t("users.roleGranted"));
  const revoke = (role: string) =>
    change(() => api(`/admin/users/${encodeURIComponent(user.id)}/roles/${encodeURIComponent(role)}`, { method: "DELETE" }), t("users.roleRevoked"));

  return (
    <Modal
      open
      title={t("users.rolesOf", { name: user.displayName })}
      onCancel={() => {
        setCurrent(null);
        setError(null);
        onClose();
      }}
      footer={null}
    >
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Typography.Paragraph type="secondary">{t("users.rolesHint")}</Typography.Paragraph>
      <div style={{ marginBottom: 16 }}>
        <RoleTags roles={held} catalogue={roles} closable={!busy} onClose={(r) => void revoke(r)} />
      </div>
      <Space.Compact style={{ width: "100%" }}>
        <Select
          value={toAdd}
          onChange={setToAdd}
          options={options}
          placeholder={t("users.addRolePlaceholder")}
          style={{ flex: 1 }}
          notFoundContent={emptyText(t("users.noRoles"))}
        />
        <Button type="primary" onClick={() => void grant()} disabled={!toAdd} loading={busy}>
          {t("users.grant")}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
