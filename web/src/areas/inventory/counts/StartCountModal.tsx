import { useMemo, useState } from "react";
import { App, Form, Modal, Radio, Select, TreeSelect, Typography } from "antd";
import type { ButtonProps } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { api } from "../../../api";
import { pick } from "../../../i18n";
import { useCategories } from "../../shop/catalog/queries";
import type { CategoryNode } from "../../../types/catalog";
import { useInventory } from "../context";
import { CountErrorAlert, countsKey, useStartOptions } from "./kit";
import type { Stocktake } from "./types";

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}
const toTree = (nodes: CategoryNode[]): TreeOption[] => nodes.map((n) => ({ value: n.id, title: pick(n.name), children: toTree(n.children) }));

/** Starts a count: the warehouse, and the whole of it or one category (with those below it). */
export function StartCountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const place = useInventory();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const options = useStartOptions(open);
  const categories = useCategories();
  const [form] = Form.useForm<{ warehouseId: string; scope: "full" | "category"; categoryId?: string }>();
  const scope = Form.useWatch("scope", form);
  const [error, setError] = useState<unknown>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const tree = useMemo(() => toTree(categories.data ?? []), [categories.data, i18n.language]);

  const start = useMutation({
    mutationFn: (v: { warehouseId: string; categoryId: string | null }) => api<Stocktake>(`${place.api}/stocktakes`, { method: "POST", body: v }),
    onSuccess: (st) => {
      void qc.invalidateQueries({ queryKey: countsKey(place.api) });
      message.success(t("invCount.start.started", { number: st.number, lines: st.totals.lines }));
      onClose();
      navigate(`${place.route}/stocktakes/${st.id}`);
    },
    onError: (e) => setError(e),
  });

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    start.mutate({ warehouseId: v.warehouseId, categoryId: v.scope === "category" ? (v.categoryId ?? null) : null });
  };

  return (
    <Modal
      open={open}
      title={t("invCount.start.title")}
      okText={t("invCount.start.submit")}
      cancelText={t("common.cancel")}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={start.isPending}
      okButtonProps={{ "data-testid": "count-start-submit" } as ButtonProps}
      destroyOnHidden
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
    >
      <div data-testid="count-start-form">
        <Typography.Paragraph type="secondary">{t("invCount.start.intro")}</Typography.Paragraph>
        <CountErrorAlert error={error ?? options.error} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" initialValues={{ scope: "full" }} requiredMark={false}>
          <Form.Item name="warehouseId" label={t("invCount.fields.warehouse")} rules={[{ required: true, message: t("invCount.start.warehouseRequired") }]}>
            <Select
              data-testid="count-warehouse"
              loading={options.isPending}
              placeholder={t("invCount.start.warehousePlaceholder")}
              notFoundContent={options.isPending ? t("common.loading") : t("invCount.start.noWarehouses")}
              options={(options.data?.warehouses ?? []).map((w) => ({
                value: w.id,
                disabled: !!w.openStocktake || !w.active,
                label: (
                  <span data-testid={`count-warehouse-${w.code}`}>
                    {w.code} · {w.name}
                    {w.openStocktake ? (
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                        {t("invCount.start.busy", { number: w.openStocktake.number, status: t(`invCount.status.${w.openStocktake.status}`) })}
                      </Typography.Text>
                    ) : !w.active ? (
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                        {t("invCount.start.inactive")}
                      </Typography.Text>
                    ) : null}
                  </span>
                ),
              }))}
            />
          </Form.Item>
          <Form.Item name="scope" label={t("invCount.fields.scope")}>
            <Radio.Group data-testid="count-scope">
              <Radio value="full" data-testid="count-scope-full">
                {t("invCount.scope.full")}
              </Radio>
              <Radio value="category" data-testid="count-scope-category">
                {t("invCount.scope.category")}
              </Radio>
            </Radio.Group>
          </Form.Item>
          {scope === "category" ? (
            <Form.Item name="categoryId" label={t("invCount.fields.category")} extra={t("invCount.start.categoryHint")} rules={[{ required: true, message: t("invCount.start.categoryRequired") }]}>
              <TreeSelect data-testid="count-category" treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t("invCount.start.categoryPlaceholder")} loading={categories.isPending} />
            </Form.Item>
          ) : null}
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("invCount.start.tracked")}
        </Typography.Text>
      </div>
    </Modal>
  );
}
