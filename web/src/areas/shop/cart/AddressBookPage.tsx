import { useState } from "react";
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Skeleton, Space, Tag, Tooltip, Typography } from "antd";
import { DeleteOutlined, EditOutlined, EnvironmentOutlined, LockOutlined, PlusOutlined, StarOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { ErrorAlert } from "../../../components/errors";
import { ADDRESSES_KEY, useAddresses } from "./addresses";
import type { Address } from "./addresses";
import { AddressFormModal } from "./AddressForm";
import { tradeErrorText } from "./cartStore";

function AddressCard({ a, onEdit }: { a: Address; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const act = async (request: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await request();
      message.success(done);
      await queryClient.invalidateQueries({ queryKey: ADDRESSES_KEY });
    } catch (e) {
      message.error(tradeErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      data-testid="address-card"
      data-default={a.isDefault}
      style={{ height: "100%", borderColor: a.isDefault ? "#fdba74" : undefined, background: a.isDefault ? "#fffaf5" : undefined }}
      styles={{ body: { display: "flex", flexDirection: "column", height: "100%", gap: 8 } }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Space size={8} wrap>
          <Typography.Text strong style={{ fontSize: 15 }} data-testid="address-recipient-masked">
            {a.recipient}
          </Typography.Text>
          <Typography.Text data-testid="address-mobile-masked">{a.mobile}</Typography.Text>
        </Space>
        <Space size={4}>
          {a.label ? <Tag style={{ marginInlineEnd: 0 }}>{a.label}</Tag> : null}
          {a.isDefault ? (
            <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="address-default-tag">
              {t("cart.address.default")}
            </Tag>
          ) : null}
        </Space>
      </Flex>
      <Typography.Text type="secondary" data-testid="address-where">
        <EnvironmentOutlined style={{ marginInlineEnd: 6 }} />
        {a.regionName} {a.detail}
      </Typography.Text>
      <Flex justify="flex-end" gap={4} style={{ marginTop: "auto" }} wrap>
        {a.isDefault ? null : (
          <Button size="small" type="link" icon={<StarOutlined />} disabled={busy} onClick={() => void act(() => api(`/me/addresses/${a.id}/default`, { method: "POST" }), t("cart.address.defaultSet"))} data-testid="address-set-default">
            {t("cart.address.setDefault")}
          </Button>
        )}
        <Button size="small" type="link" icon={<EditOutlined />} disabled={busy} onClick={onEdit} data-testid="address-edit">
          {t("cart.address.editAction")}
        </Button>
        <Popconfirm
          title={t("cart.address.deleteConfirm")}
          description={t("cart.address.deleteConfirmText")}
          okText={t("cart.address.delete")}
          cancelText={t("common.cancel")}
          okButtonProps={{ danger: true, "data-testid": "address-delete-confirm" } as never}
          onConfirm={() => act(() => api(`/me/addresses/${a.id}`, { method: "DELETE" }), t("cart.address.deleted"))}
        >
          <Button size="small" type="link" danger icon={<DeleteOutlined />} disabled={busy} data-testid="address-delete">
            {t("cart.address.delete")}
          </Button>
        </Popconfirm>
      </Flex>
    </Card>
  );
}

/** /account/addresses: the buyer's address book, masked (O1, U4). */
export function AddressBookPage() {
  const { t } = useTranslation();
  const addresses = useAddresses();
  // id null: a new address. Kept while the dialog closes, so its title does not change under the user's eyes.
  const [dialog, setDialog] = useState<{ open: boolean; id: string | null }>({ open: false, id: null });
  const items = addresses.data?.items ?? [];
  const limit = addresses.data?.limit ?? 20;
  const full = items.length >= limit;
  const addButton = (
    <Tooltip title={full ? t("cart.address.full") : undefined}>
      <Button type="primary" icon={<PlusOutlined />} disabled={full} onClick={() => setDialog({ open: true, id: null })} data-testid="address-add">
        {t("cart.address.add")}
      </Button>
    </Tooltip>
  );
  return (
    <div style={{ padding: "24px 0 48px" }} data-testid="address-book">
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("cart.address.title")}
        </Typography.Title>
        {items.length ? addButton : null}
      </Flex>
      {items.length ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          <span data-testid="address-count">{t("cart.address.count", { count: items.length, limit })}</span>
          <br />
          <LockOutlined style={{ marginInlineEnd: 6 }} />
          {t("cart.address.maskedNote")}
        </Typography.Paragraph>
      ) : null}
      <ErrorAlert error={addresses.error} style={{ marginBottom: 16 }} />
      {addresses.isPending ? (
        <Row gutter={[16, 16]} data-testid="address-loading">
          {[0, 1, 2].map((i) => (
            <Col key={i} xs={24} md={12} xl={8}>
              <Card size="small">
                <Skeleton active paragraph={{ rows: 2 }} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : addresses.isError ? null : items.length ? (
        <Row gutter={[16, 16]} data-testid="address-list">
          {items.map((a) => (
            <Col key={a.id} xs={24} md={12} xl={8}>
              <AddressCard a={a} onEdit={() => setDialog({ open: true, id: a.id })} />
            </Col>
          ))}
        </Row>
      ) : (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text strong>{t("cart.address.empty")}</Typography.Text>} data-testid="address-empty">
            <Typography.Paragraph type="secondary">{t("cart.address.emptyText")}</Typography.Paragraph>
            {addButton}
          </Empty>
        </Card>
      )}
      <AddressFormModal open={dialog.open} editing={dialog.id} onClose={() => setDialog((d) => ({ ...d, open: false }))} />
    </div>
  );
}
