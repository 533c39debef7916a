import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { NotFound } from "../../components/Forbidden";
import { InventoryContext, type InventoryPlace } from "./context";
import { StockPage } from "./StockPage";
import { MovementsPage } from "./MovementsPage";
import { WarehousesPage } from "./WarehousesPage";
import { ReceiptsPage } from "./ReceiptsPage";
import { OutboundPage } from "./OutboundPage";
import { StocktakesPage } from "./StocktakesPage";
import { AlertsPage } from "./AlertsPage";
import { ReplenishmentPage } from "./ReplenishmentPage";
import { ReportPage } from "./ReportPage";

// One tab per part of the stock books (I1–I7); each tab owns its sub-routes (detail pages).
const SECTIONS = [
  { path: "", key: "stock", element: <StockPage /> },
  { path: "movements", key: "movements", element: <MovementsPage /> },
  { path: "warehouses", key: "warehouses", element: <WarehousesPage /> },
  { path: "receipts", key: "receipts", element: <ReceiptsPage /> },
  { path: "outbound", key: "outbound", element: <OutboundPage /> },
  { path: "stocktakes", key: "stocktakes", element: <StocktakesPage /> },
  { path: "alerts", key: "alerts", element: <AlertsPage /> },
  { path: "replenishment", key: "replenishment", element: <ReplenishmentPage /> },
  { path: "report", key: "report", element: <ReportPage /> },
] as const;

/** Inventory at /admin/inventory/* or /merchant/inventory/*. */
export function InventorySection(place: InventoryPlace) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const rest = location.pathname.slice(place.route.length).replace(/^\//, "").split("/")[0] ?? "";
  const active = SECTIONS.find((s) => s.path === rest)?.key ?? "stock";
  return (
    <InventoryContext.Provider value={place}>
      <Tabs
        activeKey={active}
        onTabClick={(key) => navigate(`${place.route}/${SECTIONS.find((s) => s.key === key)!.path}`)}
        items={SECTIONS.map((s) => ({ key: s.key, label: <span data-testid={`inventory-tab-${s.key}`}>{t(`inventory.tabs.${s.key}`)}</span> }))}
        style={{ marginBottom: 8 }}
      />
      <Routes>
        {SECTIONS.map((s) => (
          <Route key={s.key} path={s.path === "" ? "" : `${s.path}/*`} element={s.element} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </InventoryContext.Provider>
  );
}
