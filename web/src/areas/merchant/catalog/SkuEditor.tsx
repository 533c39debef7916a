import { Button, Flex, Form, Input, InputNumber, Table, Tooltip, Typography } from "antd";
import type { FormInstance } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Sku } from "../../../types/catalog";

/** One row of the SKU table as the form holds it: option values by position, the price in yuan. */
export interface SkuRow {
  code?: string;
  values?: (string | undefined)[];
  price?: number | null;
  barcode?: string;
  weightGrams?: number | null;
}

const MAX_OPTION_NAMES = 3;

export function skusToRows(skus: Sku[]): { optionNames: string[]; skus: SkuRow[] } {
  const optionNames = [...new Set(skus.flatMap((s) => Object.keys(s.options)))].slice(0, MAX_OPTION_NAMES);
  return {
    optionNames,
    skus: skus.map((s) => ({
      code: s.code,
      values: optionNames.map((n) => s.options[n]),
      price: s.priceFen / 100,
      barcode: s.barcode ?? undefined,
      weightGrams: s.weightGrams,
    })),
  };
}

export function rowsToSkus(optionNames: (string | undefined)[] = [], rows: SkuRow[] = []): Sku[] {
  return rows.map((r) => ({
    code: (r.code ?? "").trim(),
    options: Object.fromEntries(
      optionNames.flatMap((n, i) => {
        const name = n?.trim();
        const value = r.values?.[i]?.trim();
        return name && value ? [[name, value]] : [];
      }),
    ),
    // Prices are typed in yuan; the API counts in fen.
    priceFen: Math.round((r.price ?? 0) * 100),
    barcode: r.barcode?.trim() ? r.barcode.trim() : null,
    weightGrams: Math.round(r.weightGrams ?? 0),
  }));
}

/**
 * The product's variants (P2): option names ("规格", "颜色") as columns, and one row per
 * variant with its code, price, barcode and weight.
 */
export function SkuEditor({ form, disabled }: { form: FormInstance; disabled?: boolean }) {
  const { t } = useTranslation();
  const optionNames = (Form.useWatch("optionNames", form) as (string | undefined)[] | undefined) ?? [];

  const removeOptionName = (index: number, remove: (i: number) => void) => {
    const rows = (form.getFieldValue("skus") as SkuRow[] | undefined) ?? [];
    form.setFieldValue(
      "skus",
      rows.map((r) => ({ ...r, values: (r.values ?? []).filter((_, j) => j !== index) })),
    );
    remove(index);
  };

  return (
    <div data-testid="sku-editor">
      <Form.List name="optionNames">
        {(fields, { add, remove }) => (
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{t("catalogAdmin.sku.optionNames")}</Typography.Text>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={2} align="start">
                <Form.Item
                  name={f.name}
                  style={{ marginBottom: 0 }}
                  rules={[
                    { required: true, whitespace: true, message: t("catalogAdmin.sku.optionNameRequired") },
                    { max: 20, message: t("catalogAdmin.tooLong", { max: 20 }) },
                  ]}
                >
                  <Input style={{ width: 120 }} placeholder={t("catalogAdmin.sku.optionNamePlaceholder")} data-testid={`option-name-${i}`} />
                </Form.Item>
                {disabled ? null : (
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => removeOptionName(f.name, remove)} aria-label={t("catalogAdmin.sku.removeOptionName")} />
                )}
              </Flex>
            ))}
            {disabled || fields.length >= MAX_OPTION_NAMES ? null : (
              <Button size="small" icon={<PlusOutlined />} onClick={() => add("")} data-testid="add-option-name">
                {t("catalogAdmin.sku.addOptionName")}
              </Button>
            )}
            {fields.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("catalogAdmin.sku.noOptions")}
              </Typography.Text>
            ) : null}
          </Flex>
        )}
      </Form.List>
      <Form.List
        name="skus"
        rules={[
          {
            validator: async (_, rows?: SkuRow[]) => {
              if (!rows?.length) throw new Error(t("catalogAdmin.sku.atLeastOne"));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            <Table
              size="small"
              rowKey="key"
              dataSource={fields}
              pagination={false}
              scroll={{ x: "max-content" }}
              data-testid="sku-table"
              columns={[
                ...optionNames.map((name, i) => ({
                  title: name?.trim() || t("catalogAdmin.sku.optionN", { n: i + 1 }),
                  key: `opt-${i}`,
                  width: 130,
                  render: (_: unknown, f: (typeof fields)[number]) => (
                    <Form.Item
                      name={[f.name, "values", i]}
                      style={{ marginBottom: 0 }}
                      rules={[
                        { required: true, whitespace: true, message: t("catalogAdmin.sku.valueRequired") },
                        { max: 40, message: t("catalogAdmin.tooLong", { max: 40 }) },
                      ]}
                    >
                      <Input placeholder={t("catalogAdmin.sku.valuePlaceholder")} data-testid={`sku-value-${f.name}-${i}`} />
                    </Form.Item>
                  ),
                })),
                {
                  title: t("catalogAdmin.sku.code"),
                  key: "code",
                  width: 130,
                  render: (_: unknown, f: (typeof fields)[number]) => (
                    <Form.Item
                      name={[f.name, "code"]}
                      style={{ marginBottom: 0 }}
                      dependencies={fields.filter((o) => o.key !== f.key).map((o) => ["skus", o.name, "code"])}
                      rules={[
                        { required: true, whitespace: true, message: t("catalogAdmin.sku.codeRequired") },
                        { max: 40, message: t("catalogAdmin.tooLong", { max: 40 }) },
                        {
                          validator: async (_r, v?: string) => {
                            const rows = (form.getFieldValue("skus") as SkuRow[] | undefined) ?? [];
                            const same = rows.filter((r, j) => j !== f.name && r?.code?.trim() && r.code.trim() === v?.trim());
                            if (v?.trim() && same.length) throw new Error(t("catalogAdmin.sku.codeTaken"));
                          },
                        },
                      ]}
                    >
                      <Input placeholder="LJ-250" data-testid={`sku-code-${f.name}`} />
                    </Form.Item>
                  ),
                },
                {
                  title: t("catalogAdmin.sku.price"),
                  key: "price",
                  width: 130,
                  render: (_: unknown, f: (typeof fields)[number]) => (
                    <Form.Item name={[f.name, "price"]} style={{ marginBottom: 0 }} rules={[{ required: true, message: t("catalogAdmin.sku.priceRequired") }]}>
                      <InputNumber<number> prefix="¥" min={0.01} max={1_000_000} precision={2} step={1} style={{ width: "100%" }} data-testid={`sku-price-${f.name}`} />
                    </Form.Item>
                  ),
                },
                {
                  title: t("catalogAdmin.sku.barcode"),
                  key: "barcode",
                  width: 140,
                  render: (_: unknown, f: (typeof fields)[number]) => (
                    <Form.Item name={[f.name, "barcode"]} style={{ marginBottom: 0 }} rules={[{ pattern: /^\d{8,14}$/, message: t("catalogAdmin.sku.barcodeInvalid") }]}>
                      <Input placeholder={t("catalogAdmin.sku.optional")} inputMode="numeric" maxLength={14} data-testid={`sku-barcode-${f.name}`} />
                    </Form.Item>
                  ),
                },
                {
                  title: t("catalogAdmin.sku.weight"),
                  key: "weight",
                  width: 110,
                  render: (_: unknown, f: (typeof fields)[number]) => (
                    <Form.Item name={[f.name, "weightGrams"]} style={{ marginBottom: 0 }} rules={[{ required: true, message: t("catalogAdmin.sku.weightRequired") }]}>
                      <InputNumber<number> suffix="g" min={0} max={1_000_000} precision={0} style={{ width: "100%" }} data-testid={`sku-weight-${f.name}`} />
                    </Form.Item>
                  ),
                },
                {
                  title: "",
                  key: "remove",
                  width: 48,
                  render: (_: unknown, f: (typeof fields)[number]) =>
                    disabled || fields.length <= 1 ? null : (
                      <Tooltip title={t("catalogAdmin.sku.removeRow")}>
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t("catalogAdmin.sku.removeRow")} data-testid={`sku-remove-${f.name}`} />
                      </Tooltip>
                    ),
                },
              ]}
            />
            <Form.ErrorList errors={errors} />
            {disabled ? null : (
              <Button type="dashed" icon={<PlusOutlined />} block style={{ marginTop: 12 }} onClick={() => add({ values: optionNames.map(() => undefined) })} data-testid="sku-add">
                {t("catalogAdmin.sku.addRow")}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </div>
  );
}
