import { useState } from "react";
import { App, Breadcrumb, Button, Card, Col, Empty, Flex, Form, Input, Modal, Row, Select, Skeleton, Statistic, Switch, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes, useNavigate, useParams } from "react-router-dom";
import { api, isApiError } from "../../api";
import { applyFormErrors } from "../../components/errors";
import { PageHeader } from "../../components/PageHeader";
import { NotFound } from "../../components/Forbidden";
import { useInventory } from "./context";
import { Qty, StockErrorAlert, stockErrorText, useWarehouses, warehousesKey } from "./stock/kit";
import { LOCATION_KINDS, type Location, type LocationKind, type Warehouse, type WarehouseDetail } from "./stock/types";

/** I1: the warehouses the actor runs (platform-run for staff, the shop's own for a merchant) and their locations. */
export function WarehousesPage() {
  return (
    <Routes>
      <Route index element={<WarehouseList />} />
      <Route path=":id" element={<WarehouseDetailPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

function WarehouseList() {
  const { t } = useTranslation();
  const place = useInventory();
  const list = useWarehouses();
  const [creating, setCreating] = useState(false);
  const rows = list.data ?? [];
  const add = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="warehouse-new">
      {t("invStock.warehouses.add")}
    </Button>
  );
  return (
    <div data-testid="inventory-warehouses-page">
      <PageHeader title={t("invStock.warehouses.title")}>{add}</PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {place.platform ? t("invStock.warehouses.introPlatform") : t("invStock.warehouses.introMerchant")}
      </Typography.Paragraph>
      <Card>
        <StockErrorAlert error={list.error} style={{ marginBottom: 12 }} />
        <Table<Warehouse>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 960 }}
          data-testid="warehouse-table"
          onRow={(w) => ({ "data-testid": `warehouse-row-${w.code}` }) as React.HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: list.isPending ? " " : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("invStock.warehouses.empty")} data-testid="warehouses-empty">
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="warehouse-first">
                  {t("invStock.warehouses.addFirst")}
                </Button>
              </Empty>
            ),
          }}
          columns={[
            {
              title: t("invStock.warehouses.code"),
              dataIndex: "code",
              width: 120,
              render: (v: string, w) => (
                <Link to={`${place.route}/warehouses/${w.id}`} style={{ fontFamily: "monospace", fontWeight: 600 }} data-testid="warehouse-link">
                  {v}
                </Link>
              ),
            },
            {
              title: t("invStock.warehouses.name"),
              key: "name",
              render: (_, w) => (
                <div style={{ minWidth: 200 }}>
                  <div>{w.name}</div>
                  {w.address ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{w.address}</Typography.Text> : null}
                </div>
              ),
            },
            { title: t("invStock.warehouses.locations"), dataIndex: "locations", width: 90, align: "right", render: (v: number) => <Qty value={v} /> },
            { title: t("invStock.warehouses.skus"), dataIndex: "levels", width: 90, align: "right", render: (v: number) => <Qty value={v} /> },
            { title: t("invStock.fields.onHand"), dataIndex: "onHand", width: 100, align: "right", render: (v: number) => <Qty value={v} strong /> },
            { title: t("invStock.fields.reserved"), dataIndex: "reserved", width: 100, align: "right", render: (v: number) => <Qty value={v} type={v ? undefined : "secondary"} /> },
            { title: t("invStock.fields.blocked"), dataIndex: "blocked", width: 100, align: "right", render: (v: number) => <Qty value={v} type={v ? "warning" : "secondary"} /> },
            { title: t("invStock.warehouses.status"), dataIndex: "active", width: 90, render: (v: boolean) => <ActiveTag active={v} /> },
            {
              title: "",
              key: "stock",
              width: 110,
              render: (_, w) => <Link to={`${place.route}?warehouse=${w.id}`}>{t("invStock.warehouses.viewStock")}</Link>,
            },
          ]}
        />
      </Card>
      <CreateWarehouseModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

const ActiveTag = ({ active }: { active: boolean }) => {
  const { t } = useTranslation();
  return <Tag color={active ? "green" : "default"}>{active ? t("invStock.warehouses.active") : t("invStock.warehouses.inactive")}</Tag>;
};

interface WarehouseValues {
  code: string;
  name: string;
  address?: string;
}

function CreateWarehouseModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const place = useInventory();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<WarehouseValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: WarehouseValues) => {
    setSaving(true);
    setError(null);
    try {
      const w = await api<Warehouse>(`${place.api}/warehouses`, { method: "POST", body: { code: v.code.trim(), name: v.name.trim(), address: v.address?.trim() || undefined } });
      await queryClient.invalidateQueries({ queryKey: warehousesKey(place.api) });
      message.success(t("invStock.warehouses.created", { code: w.code }));
      onClose();
      navigate(`${place.route}/warehouses/${w.id}`);
    } catch (e) {
      if (isApiError(e) && e.code === "WAREHOUSE_CODE_TAKEN") form.setFields([{ name: "code", errors: [stockErrorText(e)] }]);
      else if (!applyFormErrors(form, e, ["code", "name", "address"])) setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={place.platform ? t("invStock.warehouses.newPlatform") : t("invStock.warehouses.newOwn")}
      okText={t("invStock.warehouses.create")}
      okButtonProps={{ loading: saving, "data-testid": "warehouse-create" } as never}
      cancelText={t("invStock.common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="warehouse-modal"
    >
      <StockErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<WarehouseValues> form={form} layout="vertical" onFinish={submit} disabled={saving}>
        <Form.Item
          name="code"
          label={t("invStock.warehouses.code")}
          extra={t("invStock.warehouses.codeExtra")}
          rules={[
            { required: true, whitespace: true, message: t("invStock.warehouses.codeRequired") },
            { min: 2, max: 20, message: t("invStock.warehouses.codeLength") },
            { pattern: CODE, message: t("invStock.warehouses.codePattern") },
          ]}
          normalize={(v: string) => v.toUpperCase()}
        >
          <Input maxLength={20} style={{ fontFamily: "monospace" }} data-testid="warehouse-code" />
        </Form.Item>
        <Form.Item name="name" label={t("invStock.warehouses.name")} rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t("invStock.warehouses.nameRequired") }]}>
          <Input maxLength={60} data-testid="warehouse-name" />
        </Form.Item>
        <Form.Item name="address" label={t("invStock.warehouses.address")} rules={[{ max: 200 }]}>
          <Input maxLength={200} data-testid="warehouse-address" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WarehouseDetailPage() {
  const { t } = useTranslation();
  const place = useInventory();
  const { id } = useParams();
  const detail = useQuery({ queryKey: [...warehousesKey(place.api), "one", id], queryFn: () => api<WarehouseDetail>(`${place.api}/warehouses/${encodeURIComponent(id!)}`), enabled: !!id });
  const w = detail.data;
  return (
    <div data-testid="warehouse-detail">
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to={`${place.route}/warehouses`}>{t("invStock.warehouses.title")}</Link> }, { title: w?.code ?? "…" }]} />
      <StockErrorAlert error={detail.error} />
      {detail.isPending ? <Skeleton active /> : null}
      {w ? (
        <>
          <PageHeader title={`${w.code} · ${w.name}`}>
            <Link to={`${place.route}?warehouse=${w.id}`}>
              <Button>{t("invStock.warehouses.viewStock")}</Button>
            </Link>
          </PageHeader>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {(["levels", "onHand", "reserved", "blocked"] as const).map((k) => (
              <Col xs={12} md={6} key={k}>
                <Card size="small">
                  <Statistic title={k === "levels" ? t("invStock.warehouses.skus") : t(`invStock.fields.${k}`)} value={w[k]} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col xs={24} lg={9}>
              <WarehouseForm warehouse={w} />
            </Col>
            <Col xs={24} lg={15}>
              <Locations warehouse={w} />
            </Col>
          </Row>
        </>
      ) : null}
    </div>
  );
}

interface EditValues {
  name: string;
  address: string;
  active: boolean;
}

function WarehouseForm({ warehouse }: { warehouse: WarehouseDetail }) {
  const { t } = useTranslation();
  const place = useInventory();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: EditValues) => {
    setSaving(true);
    setError(null);
    try {
      await api(`${place.api}/warehouses/${encodeURIComponent(warehouse.id)}`, { method: "PUT", body: { name: v.name.trim(), address: v.address?.trim() ?? "", active: v.active } });
      await queryClient.invalidateQueries({ queryKey: warehousesKey(place.api) });
      message.success(t("invStock.warehouses.saved"));
    } catch (e) {
      if (!applyFormErrors(form, e, ["name", "address"])) setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t("invStock.warehouses.details")} size="small">
      <StockErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<EditValues> form={form} layout="vertical" onFinish={submit} disabled={saving} initialValues={{ name: warehouse.name, address: warehouse.address, active: warehouse.active }} data-testid="warehouse-form">
        <Form.Item label={t("invStock.warehouses.code")} extra={t("invStock.warehouses.codeFixed")}>
          <Input value={warehouse.code} disabled style={{ fontFamily: "monospace" }} />
        </Form.Item>
        <Form.Item name="name" label={t("invStock.warehouses.name")} rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t("invStock.warehouses.nameRequired") }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="address" label={t("invStock.warehouses.address")}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item name="active" label={t("invStock.warehouses.status")} valuePropName="checked" extra={t("invStock.warehouses.activeExtra")}>
          <Switch checkedChildren={t("invStock.warehouses.active")} unCheckedChildren={t("invStock.warehouses.inactive")} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="warehouse-save">
          {t("invStock.warehouses.save")}
        </Button>
      </Form>
    </Card>
  );
}

interface LocationValues {
  code: string;
  name?: string;
  kind: LocationKind;
}

const kindColor: Record<LocationKind, string> = { storage: "blue", receiving: "cyan", quarantine: "orange" };

function Locations({ warehouse }: { warehouse: WarehouseDetail }) {
  const { t } = useTranslation();
  const place = useInventory();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LocationValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: warehousesKey(place.api) });
  const add = async (v: LocationValues) => {
    setSaving(true);
    setError(null);
    try {
      const l = await api<Location>(`${place.api}/warehouses/${encodeURIComponent(warehouse.id)}/locations`, { method: "POST", body: { code: v.code.trim(), name: v.name?.trim() || undefined, kind: v.kind } });
      await refresh();
      form.resetFields();
      message.success(t("invStock.locations.created", { code: l.code }));
    } catch (e) {
      if (isApiError(e) && e.code === "LOCATION_CODE_TAKEN") form.setFields([{ name: "code", errors: [stockErrorText(e)] }]);
      else if (!applyFormErrors(form, e, ["code", "name", "kind"])) setError(e);
    } finally {
      setSaving(false);
    }
  };
  const toggle = async (l: Location, active: boolean) => {
    try {
      await api(`${place.api}/warehouses/${encodeURIComponent(warehouse.id)}/locations/${encodeURIComponent(l.id)}`, { method: "PUT", body: { active } });
      await refresh();
    } catch (e) {
      message.error(stockErrorText(e));
    }
  };
  return (
    <Card title={t("invStock.locations.title", { count: warehouse.locationList.length })} size="small">
      <Typography.Paragraph type="secondary">{t("invStock.locations.intro")}</Typography.Paragraph>
      <StockErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<LocationValues> form={form} layout="inline" onFinish={add} disabled={saving} initialValues={{ kind: "storage" }} style={{ marginBottom: 12, rowGap: 8 }} data-testid="location-form">
        <Form.Item
          name="code"
          rules={[{ required: true, whitespace: true, message: t("invStock.locations.codeRequired") }, { min: 2, max: 20, message: t("invStock.warehouses.codeLength") }, { pattern: CODE, message: t("invStock.warehouses.codePattern") }]}
          normalize={(v: string) => v.toUpperCase()}
        >
          <Input placeholder={t("invStock.locations.codePlaceholder")} maxLength={20} style={{ width: 130, fontFamily: "monospace" }} data-testid="location-code" />
        </Form.Item>
        <Form.Item name="name" rules={[{ max: 60 }]}>
          <Input placeholder={t("invStock.locations.namePlaceholder")} maxLength={60} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="kind">
          <Select style={{ width: 120 }} options={LOCATION_KINDS.map((k) => ({ value: k, label: t(`invStock.locationKinds.${k}`) }))} data-testid="location-kind" />
        </Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="location-add">
          {t("invStock.locations.add")}
        </Button>
      </Form>
      <Table<Location>
        rowKey="id"
        size="small"
        pagination={warehouse.locationList.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        dataSource={warehouse.locationList}
        data-testid="location-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("invStock.locations.empty")} /> }}
        columns={[
          { title: t("invStock.locations.code"), dataIndex: "code", width: 110, render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
          { title: t("invStock.locations.name"), dataIndex: "name", render: (v: string) => v || "—" },
          { title: t("invStock.locations.kind"), dataIndex: "kind", width: 100, render: (v: LocationKind) => <Tag color={kindColor[v]}>{t(`invStock.locationKinds.${v}`)}</Tag> },
          {
            title: t("invStock.warehouses.status"),
            dataIndex: "active",
            width: 100,
            render: (v: boolean, l) => <Switch size="small" checked={v} onChange={(on) => void toggle(l, on)} aria-label={t("invStock.locations.toggle", { code: l.code })} />,
          },
        ]}
      />
    </Card>
  );
}
