import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useSuppliers } from "./kit";

/** The product editor's choice among the shop's suppliers (P7); inactive ones only when already chosen. */
export function SupplierSelect({ value, onChange, disabled }: { value?: string | null; onChange?: (id: string | null) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const list = useSuppliers("/merchant/suppliers");
  const options = (list.data ?? [])
    .filter((s) => s.active || s.id === value)
    .map((s) => ({ value: s.id, label: s.active ? s.name : `${s.name}${t("supplierUi.editor.inactive")}` }));
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      loading={list.isPending}
      disabled={disabled}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      placeholder={t("supplierUi.editor.supplierPlaceholder")}
      style={{ width: "100%", maxWidth: 420 }}
      data-testid="product-supplier"
    />
  );
}
