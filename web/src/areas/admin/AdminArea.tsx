import { AuditOutlined, DashboardOutlined, ShopOutlined, SolutionOutlined, TeamOutlined, UserOutlined, ControlOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router-dom";
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
import { ApplicationsPage } from "./applications/ApplicationsPage";
import { ApplicationDetailPage } from "./applications/ApplicationDetailPage";
import { RequirementsPage } from "./applications/RequirementsPage";

/** Each console page and the permission that shows it. */
export const ADMIN_PAGES = {
  users: "user.read.any",
  merchants: "merchant.read.any",
  applications: "merchant.review",
  audit: "audit.read",
  rules: "rules.read",
} as const;

function AdminShell() {
  const { t } = useTranslation();
  const { can } = useSession();
  const items: AreaMenuItem[] = [{ path: "", label: t("admin.menu.dashboard"), icon: <DashboardOutlined />, testId: "dashboard" }];
  if (can(ADMIN_PAGES.users)) items.push({ path: "users", label: t("admin.menu.users"), icon: <TeamOutlined />, testId: "users" });
  if (can(ADMIN_PAGES.merchants)) items.push({ path: "merchants", label: t("admin.menu.merchants"), icon: <ShopOutlined />, testId: "merchants" });
  if (can(ADMIN_PAGES.applications))
    items.push({ path: "applications", label: t("admin.menu.applications"), icon: <SolutionOutlined />, testId: "applications" });
  if (can(ADMIN_PAGES.audit)) items.push({ path: "audit", label: t("admin.menu.audit"), icon: <AuditOutlined />, testId: "audit" });
  if (can(ADMIN_PAGES.rules)) items.push({ path: "rules", label: t("admin.menu.rules"), icon: <ControlOutlined />, testId: "rules" });
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
          <Route path="audit" element={guarded(ADMIN_PAGES.audit, <AuditPage />)} />
          <Route path="rules" element={guarded(ADMIN_PAGES.rules, <RulesPage />)} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </RequireArea>
  );
}
