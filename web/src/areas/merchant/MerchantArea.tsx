import { AuditOutlined, DashboardOutlined, SafetyCertificateOutlined, SolutionOutlined, TeamOutlined, UserOutlined, WarningOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes } from "react-router-dom";
import { AreaLayout } from "../../components/AreaLayout";
import type { AreaMenuItem } from "../../components/AreaLayout";
import { RequireArea, RequirePermission } from "../../auth/guards";
import { useSession } from "../../auth/session";
import { AccountPage } from "../../auth/account/AccountPage";
import { NotFound } from "../../components/Forbidden";
import { MerchantDashboard } from "./DashboardPage";
import { StaffPage } from "./StaffPage";
import { ApplicationPage } from "./application/ApplicationPage";
import { isApplicant } from "./application/queries";
import { QualificationsPage } from "./governance/QualificationsPage";
import { PenaltiesPage } from "./governance/PenaltiesPage";
import { AgreementsPage } from "./governance/AgreementsPage";
import { ProductsPage } from "./catalog/ProductsPage";
import { ProductEditorPage } from "./catalog/ProductEditorPage";
import { ShoppingOutlined } from "@ant-design/icons";
import { ContactsOutlined } from "@ant-design/icons";
import { SuppliersPage } from "./suppliers/SuppliersPage";
import { SupplierDetailPage } from "./suppliers/SupplierDetailPage";
import { ImportPage } from "./catalog/ImportPage";
import { DatabaseOutlined, TransactionOutlined } from "@ant-design/icons";
import { InventorySection } from "../inventory/InventorySection";
import { TradeSection } from "../trade/TradeSection";

export const INVENTORY_PERMISSION = "inventory.manage.own";
const ORDER_PERMISSION = "order.read.own";

export const PRODUCT_PERMISSION = "product.manage.own";

export const STAFF_PERMISSIONS = ["shop.staff.read", "shop.staff.manage"];
export const APPLICATION_PERMISSION = "application.manage.own";
export const SHOP_READ = ["shop.read"];

function MerchantShell() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  // A prospective merchant (no shop yet) works on its application and nothing else.
  if (isApplicant(me)) {
    const items: AreaMenuItem[] = [
      { path: "application", label: t("merchant.menu.application"), icon: <SolutionOutlined />, testId: "application" },
      { path: "account", label: t("merchant.menu.account"), icon: <UserOutlined />, testId: "account" },
    ];
    return <AreaLayout area="merchant" base="/merchant" title={t("areas.merchant")} items={items} />;
  }
  const items: AreaMenuItem[] = [{ path: "", label: t("merchant.menu.dashboard"), icon: <DashboardOutlined />, testId: "dashboard" }];
  if (can(PRODUCT_PERMISSION)) items.push({ path: "products", label: t("catalogAdmin.menu.products"), icon: <ShoppingOutlined />, testId: "products" });
  if (can(PRODUCT_PERMISSION)) items.push({ path: "suppliers", label: t("supplierUi.menu.suppliers"), icon: <ContactsOutlined />, testId: "suppliers" });
  if (can(INVENTORY_PERMISSION)) items.push({ path: "inventory", label: t("inventory.menu"), icon: <DatabaseOutlined />, testId: "inventory" });
  if (can(ORDER_PERMISSION)) items.push({ path: "orders", label: t("tradeOps.title"), icon: <TransactionOutlined />, testId: "orders" });
  if (STAFF_PERMISSIONS.some(can)) items.push({ path: "staff", label: t("merchant.menu.staff"), icon: <TeamOutlined />, testId: "staff" });
  if (SHOP_READ.some(can)) {
    items.push(
      { path: "qualifications", label: t("portalGov.menu.qualifications"), icon: <SafetyCertificateOutlined />, testId: "qualifications" },
      { path: "penalties", label: t("portalGov.menu.penalties"), icon: <WarningOutlined />, testId: "penalties" },
      { path: "agreements", label: t("portalGov.menu.agreements"), icon: <AuditOutlined />, testId: "agreements" },
    );
  }
  items.push({ path: "account", label: t("merchant.menu.account"), icon: <UserOutlined />, testId: "account" });
  return <AreaLayout area="merchant" base="/merchant" title={t("areas.merchant")} items={items} />;
}

/** The dashboard, or for an applicant the application (it has no shop yet). */
function MerchantHome() {
  const { me } = useSession();
  if (isApplicant(me)) return <Navigate to="/merchant/application" replace />;
  return <MerchantDashboard />;
}

/** The merchant portal, /merchant/* (actors whose areas include "merchant"). */
export default function MerchantArea() {
  return (
    <RequireArea area="merchant">
      <Routes>
        <Route element={<MerchantShell />}>
          <Route index element={<MerchantHome />} />
          <Route
            path="staff"
            element={
              <RequirePermission anyOf={STAFF_PERMISSIONS}>
                <StaffPage />
              </RequirePermission>
            }
          />
          <Route
            path="application"
            element={
              <RequirePermission anyOf={[APPLICATION_PERMISSION]}>
                <ApplicationPage />
              </RequirePermission>
            }
          />
          <Route
            path="qualifications"
            element={
              <RequirePermission anyOf={SHOP_READ}>
                <QualificationsPage />
              </RequirePermission>
            }
          />
          <Route
            path="penalties"
            element={
              <RequirePermission anyOf={SHOP_READ}>
                <PenaltiesPage />
              </RequirePermission>
            }
          />
          <Route
            path="agreements"
            element={
              <RequirePermission anyOf={SHOP_READ}>
                <AgreementsPage />
              </RequirePermission>
            }
          />
          <Route path="products" element={<RequirePermission anyOf={[PRODUCT_PERMISSION]}><ProductsPage /></RequirePermission>} />
          <Route path="products/new" element={<RequirePermission anyOf={[PRODUCT_PERMISSION]}><ProductEditorPage /></RequirePermission>} />
          <Route path="products/import" element={<RequirePermission anyOf={[PRODUCT_PERMISSION]}><ImportPage /></RequirePermission>} />
          <Route path="suppliers" element={<RequirePermission anyOf={[PRODUCT_PERMISSION]}><SuppliersPage base="/merchant/suppliers" /></RequirePermission>} />
          <Route path="suppliers/:id" element={<RequirePermission anyOf={[PRODUCT_PERMISSION]}><SupplierDetailPage base="/merchant/suppliers" /></RequirePermission>} />
          <Route path="products/:id" element={<RequirePermission anyOf={[PRODUCT_PERMISSION]}><ProductEditorPage /></RequirePermission>} />
          <Route path="orders/*" element={<RequirePermission anyOf={[ORDER_PERMISSION]}><TradeSection scope="merchant" /></RequirePermission>} />
          <Route path="inventory/*" element={<RequirePermission anyOf={[INVENTORY_PERMISSION]}><InventorySection api="/merchant/inventory" route="/merchant/inventory" platform={false} /></RequirePermission>} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </RequireArea>
  );
}
