import { useState } from "react";
import { Button, Card, Descriptions, Divider, Drawer, Form, Input, Skeleton, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Merchant } from "../../api";
import { useSession } from "../../auth/session";
import { ErrorAlert } from "../../components/errors";
import { formatDateTime, shortId } from "../../components/format";
import { emptyText } from "../../components/labels";
import { AccountFields } from "../../components/AccountFields";
import { CreateModal } from "../../components/CreateModal";
import { PageHeader } from "../../components/PageHeader";
import { MERCHANTS_KEY, useMerchants } from "./queries";
import { StandingTag } from "./governance/labels";
import { Abilities, MerchantGovernance } from "./governance/MerchantGovernance";
import { useMerchantDetail } from "./governance/queries";

export function MerchantsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const merchants = useMerchants();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <div data-testid="admin-merchants">
      <PageHeader title={t("merchants.title")}>
        {can("merchant.manage") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="merchant-create">
            {t("merchants.create")}
          </Button>
        ) : null}
      </PageHeader>
      <Card>
        {merchants.isError ? <ErrorAlert error={merchants.error} style={{ marginBottom: 16 }} /> : null}
        <Table<Merchant>
          rowKey="id"
          loading={merchants.isPending}
          dataSource={merchants.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          locale={{ emptyText: emptyText(t("merchants.empty")) }}
          onRow={(m) => ({ onClick: () => setOpenId(m.id), style: { cursor: "pointer" }, "data-testid": `merchant-row-${m.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t("merchants.name"), dataIndex: "name", render: (v: string) => <Typography.Link>{v}</Typography.Link> },
            { title: t("merchants.status"), dataIndex: "status", render: (s: string) => <StandingTag status={s} /> },
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
  const merchant = useMerchantDetail(id);
  return (
    <Drawer open={!!id} onClose={onClose} title={merchant.data?.name ?? t("merchants.detail")} size={640}>
      {merchant.isPending ? (
        <Skeleton active />
      ) : merchant.isError ? (
        <ErrorAlert error={merchant.error} />
      ) : (
        <div data-testid="merchant-detail">
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t("merchants.name")}>{merchant.data.name}</Descriptions.Item>
            <Descriptions.Item label={t("merchants.status")}>
              <span data-testid="merchant-standing">
                <StandingTag status={merchant.data.status} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t("consoleGov.merchant.abilities")}>
              <Abilities canList={merchant.data.canList} canSell={merchant.data.canSell} />
            </Descriptions.Item>
            <Descriptions.Item label={t("merchants.createdAt")}>{formatDateTime(merchant.data.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t("merchants.id")}>
              <Typography.Text copyable style={{ fontSize: 12 }}>
                {merchant.data.id}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <MerchantGovernance merchant={merchant.data} />
        </div>
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
  const [form] = Form.useForm<MerchantForm>();
  return (
    <CreateModal
      open={open}
      onClose={onClose}
      title={t("merchants.create")}
      width={560}
      form={form}
      create={(v) =>
        api<Merchant>("/admin/merchants", {
          method: "POST",
          body: { name: v.name.trim(), owner: { login: v.ownerLogin.trim(), password: v.ownerPassword, displayName: v.ownerDisplayName.trim() } },
        })
      }
      created={t("merchants.created")}
      queryKey={MERCHANTS_KEY}
      // Server paths are owner.login etc.; map them to this form's flat fields.
      fields={{ name: "name", "owner.login": "ownerLogin", "owner.displayName": "ownerDisplayName", "owner.password": "ownerPassword" }}
    >
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
        <AccountFields names={{ login: "ownerLogin", displayName: "ownerDisplayName", password: "ownerPassword" }} loginExtra={t("merchants.ownerLoginExtra")} />
      </Form>
    </CreateModal>
  );
}
