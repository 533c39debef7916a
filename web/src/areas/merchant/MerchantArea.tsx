import { DashboardOutlined, SolutionOutlined, TeamOutlined, UserOutlined } from "@ant-design/icons";
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

export const STAFF_PERMISSIONS = ["shop.staff.read", "shop.staff.manage"];
export const APPLICATION_PERMISSION = "application.manage.own";

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
  if (STAFF_PERMISSIONS.some(can)) items.push({ path: "staff", label: t("merchant.menu.staff"), icon: <TeamOutlined />, testId: "staff" });
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
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </RequireArea>
  );
}
