import { AuditOutlined, DashboardOutlined, ShopOutlined, SolutionOutlined, TeamOutlined, UserOutlined, ControlOutlined, SafetyCertificateOutlined, WarningOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes } from "react-router-dom";
import { AreaLayout } from "../../components/AreaLayout";
import type { AreaMenuItem } from "../../components/AreaLayout";
import { RequireArea, RequirePermission } from "../../auth/guards";
import { useSession } from "../../auth/session";
import { AccountPage } from "../../auth/account/AccountPage";
import { NotFound } from "../../components/Forbidden";
import { AdminDashboard } from "./DashboardPage";
import { UsersPage } from "./UsersPage";
import { MerchantsPage } from "./MerchantsPage";
import { AuditPage } from "./AuditPage";
import { RulesPage } from "./RulesPage";
import { BankOutlined, CarOutlined, ExperimentOutlined, FileProtectOutlined, TransactionOutlined } from "@ant-design/icons";
import { PoliciesPage } from "./policies/PoliciesPage";
import { PublishPolicyPage } from "./policies/PublishPolicyPage";
import { OperatorPage } from "./policies/OperatorPage";
import { ApplicationsPage } from "./applications/ApplicationsPage";
import { ApplicationDetailPage } from "./applications/ApplicationDetailPage";
import { RequirementsPage } from "./applications/RequirementsPage";
import { RenewalsPage } from "./governance/RenewalsPage";
import { RenewalDetailPage } from "./governance/RenewalDetailPage";
import { ReverificationsPage } from "./governance/ReverificationsPage";
import { PenaltiesPage } from "./governance/PenaltiesPage";
import { PenaltyDetailPage } from "./governance/PenaltyDetailPage";
import { QualificationFilePage } from "./governance/QualificationFile";
import { AppstoreOutlined, FileSearchOutlined, StopOutlined } from "@ant-design/icons";
import { ListingReviewsPage } from "./catalog/ListingReviewsPage";
import { ListingReviewDetailPage } from "./catalog/ListingReviewDetailPage";
import { CategoriesPage } from "./catalog/CategoriesPage";
import { ScreeningTermsPage } from "./catalog/ScreeningTermsPage";
import { ContactsOutlined } from "@ant-design/icons";
import { AdminSupplierDetailPage, AdminSuppliersPage } from "./suppliers/SupplierPages";
import { DatabaseOutlined } from "@ant-design/icons";
import { InventorySection } from "../inventory/InventorySection";
import { TradeSection } from "../trade/TradeSection";
import { LogisticsSection } from "../logistics/LogisticsSection";
import { QualitySection } from "../quality/QualitySection";

/** Carriers, agreements and their evaluation (L1). */
const LOGISTICS_MANAGE = "logistics.manage";
/** Quality samplings, recalls and traceability (P5, P6). */
const QUALITY_INSPECT = "quality.inspect";

/** Platform warehouses and their stock books (I1–I7). */
const INVENTORY_MANAGE = "inventory.manage";
const TRADE_PAGES = ["order.read.any", "finance.read", "payment.review"];

/** The platform's own shop's suppliers (P7): warehouse, quality and admin staff. */
const SUPPLIER_MANAGE = "supplier.manage";

/** The catalog pages (P1, P3): reviewers see them all; catalog.manage holders also change them. */
const PRODUCT_REVIEW = "product.review";

/** Each console page and the permission that shows it. */
export const ADMIN_PAGES = {
  users: "user.read.any",
  merchants: "merchant.read.any",
  applications: "merchant.review",
  qualifications: "merchant.review",
  penalties: "merchant.read.any",
  audit: "audit.read",
  rules: "rules.read",
  policies: "rules.read",
  operator: "operator.manage",
} as const;

function AdminShell() {
  const { t } = useTranslation();
  const { can } = useSession();
  const items: AreaMenuItem[] = [{ path: "", label: t("admin.menu.dashboard"), icon: <DashboardOutlined />, testId: "dashboard" }];
  if (can(ADMIN_PAGES.users)) items.push({ path: "users", label: t("admin.menu.users"), icon: <TeamOutlined />, testId: "users" });
  if (can(ADMIN_PAGES.merchants)) items.push({ path: "merchants", label: t("admin.menu.merchants"), icon: <ShopOutlined />, testId: "merchants" });
  if (can(ADMIN_PAGES.applications))
    items.push({ path: "applications", label: t("admin.menu.applications"), icon: <SolutionOutlined />, testId: "applications" });
  if (can(ADMIN_PAGES.qualifications))
    items.push({ path: "qualifications", label: t("consoleGov.menu.qualifications"), icon: <SafetyCertificateOutlined />, testId: "qualifications" });
  if (can(ADMIN_PAGES.penalties)) items.push({ path: "penalties", label: t("consoleGov.menu.penalties"), icon: <WarningOutlined />, testId: "penalties" });
  if (can(PRODUCT_REVIEW)) {
    items.push(
      { path: "listing-reviews", label: t("catalogAdmin.menu.listingReviews"), icon: <FileSearchOutlined />, testId: "listing-reviews" },
      { path: "categories", label: t("catalogAdmin.menu.categories"), icon: <AppstoreOutlined />, testId: "categories" },
      { path: "screening-terms", label: t("catalogAdmin.menu.screeningTerms"), icon: <StopOutlined />, testId: "screening-terms" },
    );
  }
  if (can(SUPPLIER_MANAGE)) items.push({ path: "suppliers", label: t("supplierUi.menu.suppliers"), icon: <ContactsOutlined />, testId: "suppliers" });
  if (can(INVENTORY_MANAGE)) items.push({ path: "inventory", label: t("inventory.menu"), icon: <DatabaseOutlined />, testId: "inventory" });
  if (TRADE_PAGES.some(can)) items.push({ path: "trade", label: t("tradeOps.title"), icon: <TransactionOutlined />, testId: "trade" });
  if (can(LOGISTICS_MANAGE)) items.push({ path: "logistics", label: t("logistics.title"), icon: <CarOutlined />, testId: "logistics" });
  if (can(QUALITY_INSPECT)) items.push({ path: "quality", label: t("quality.title"), icon: <ExperimentOutlined />, testId: "quality" });
  if (can(ADMIN_PAGES.audit)) items.push({ path: "audit", label: t("admin.menu.audit"), icon: <AuditOutlined />, testId: "audit" });
  if (can(ADMIN_PAGES.rules)) items.push({ path: "rules", label: t("admin.menu.rules"), icon: <ControlOutlined />, testId: "rules" });
  if (can(ADMIN_PAGES.policies)) items.push({ path: "policies", label: t("publicGov.admin.menu.policies"), icon: <FileProtectOutlined />, testId: "policies" });
  if (can(ADMIN_PAGES.operator)) items.push({ path: "operator", label: t("publicGov.admin.menu.operator"), icon: <BankOutlined />, testId: "operator" });
  items.push({ path: "account", label: t("admin.menu.account"), icon: <UserOutlined />, testId: "account" });
  return <AreaLayout area="admin" base="/admin" title={t("areas.admin")} items={items} />;
}

const guarded = (perm: string, el: React.ReactNode) => <RequirePermission anyOf={[perm]}>{el}</RequirePermission>;

/** The admin console, /admin/* (actors whose areas include "admin"). */
export default function AdminArea() {
  return (
    <RequireArea area="admin">
      <Routes>
        <Route element={<AdminShell />}>
          <Route index element={<AdminDashboard />} />
          <Route path="users" element={guarded(ADMIN_PAGES.users, <UsersPage />)} />
          <Route path="merchants" element={guarded(ADMIN_PAGES.merchants, <MerchantsPage />)} />
          <Route path="applications" element={guarded(ADMIN_PAGES.applications, <ApplicationsPage />)} />
          <Route path="applications/requirements" element={guarded(ADMIN_PAGES.applications, <RequirementsPage />)} />
          <Route path="applications/:id" element={guarded(ADMIN_PAGES.applications, <ApplicationDetailPage />)} />
          <Route path="merchants/:id/qualifications" element={guarded(ADMIN_PAGES.qualifications, <QualificationFilePage />)} />
          <Route path="qualifications" element={<Navigate to="renewals" replace />} />
          <Route path="qualifications/renewals" element={guarded(ADMIN_PAGES.qualifications, <RenewalsPage />)} />
          <Route path="qualifications/renewals/:id" element={guarded(ADMIN_PAGES.qualifications, <RenewalDetailPage />)} />
          <Route path="qualifications/reverifications" element={guarded(ADMIN_PAGES.qualifications, <ReverificationsPage />)} />
          <Route path="penalties" element={guarded(ADMIN_PAGES.penalties, <PenaltiesPage />)} />
          <Route path="penalties/:id" element={guarded(ADMIN_PAGES.penalties, <PenaltyDetailPage />)} />
          <Route path="audit" element={guarded(ADMIN_PAGES.audit, <AuditPage />)} />
          <Route path="rules" element={guarded(ADMIN_PAGES.rules, <RulesPage />)} />
          <Route path="policies" element={guarded(ADMIN_PAGES.policies, <PoliciesPage />)} />
          <Route path="policies/publish" element={guarded("rules.publish", <PublishPolicyPage />)} />
          <Route path="operator" element={guarded(ADMIN_PAGES.operator, <OperatorPage />)} />
          <Route path="listing-reviews" element={guarded(PRODUCT_REVIEW, <ListingReviewsPage />)} />
          <Route path="listing-reviews/:productId" element={guarded(PRODUCT_REVIEW, <ListingReviewDetailPage />)} />
          <Route path="categories" element={guarded(PRODUCT_REVIEW, <CategoriesPage />)} />
          <Route path="screening-terms" element={guarded(PRODUCT_REVIEW, <ScreeningTermsPage />)} />
          <Route path="suppliers" element={guarded(SUPPLIER_MANAGE, <AdminSuppliersPage />)} />
          <Route path="suppliers/:id" element={guarded(SUPPLIER_MANAGE, <AdminSupplierDetailPage />)} />
          <Route path="inventory/*" element={guarded(INVENTORY_MANAGE, <InventorySection api="/admin/inventory" route="/admin/inventory" platform />)} />
          <Route path="trade/*" element={<RequirePermission anyOf={TRADE_PAGES}><TradeSection scope="admin" /></RequirePermission>} />
          <Route path="logistics/*" element={guarded(LOGISTICS_MANAGE, <LogisticsSection />)} />
          <Route path="quality/*" element={guarded(QUALITY_INSPECT, <QualitySection />)} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </RequireArea>
  );
}
