import { SupplierDetailPage } from "../../merchant/suppliers/SupplierDetailPage";
import { SuppliersPage } from "../../merchant/suppliers/SuppliersPage";

// The platform's own shop has suppliers too (P7): the merchant's pages on the console's API.
export const PLATFORM_SUPPLIERS = "/admin/suppliers" as const;

export function AdminSuppliersPage() {
  return <SuppliersPage base={PLATFORM_SUPPLIERS} />;
}

export function AdminSupplierDetailPage() {
  return <SupplierDetailPage base={PLATFORM_SUPPLIERS} />;
}
