import { Badge, Tabs } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { api } from "../../api";
import { useSession } from "../../auth/session";
import { NotFound } from "../../components/Forbidden";
import { placeOf, TradeContext } from "./context";
import { tradeKey } from "./kit";
import { LedgerPage } from "./LedgerPage";
import { OrderDetailPage } from "./OrderDetail";
import { OrderList } from "./OrderList";
import { PaymentsPage } from "./PaymentsPage";
import { ReviewsPage } from "./ReviewsPage";
import type { Review } from "./types";
import { SlaBoardPage } from "../fulfilment/SlaBoardPage";
import { ExceptionsPage } from "../exceptions/ExceptionsPage";
import { SettlementPage } from "../settlement/SettlementPage";
import { ReconciliationPage } from "../settlement/ReconciliationPage";
import { ShippingTemplatesPage } from "../logistics/ShippingTemplatesPage";

// The console's tabs, each shown to those whose permission it needs.
const TABS = [
  { key: "orders", permission: "order.read.any", element: <OrderRoutes /> },
  { key: "payments", permission: "finance.read", element: <PaymentsPage /> },
  { key: "reviews", permission: "payment.review", element: <ReviewsPage /> },
  { key: "ledger", permission: "finance.read", element: <LedgerPage /> },
  { key: "sla", permission: "order.read.any", element: <SlaBoardPage /> },
  { key: "exceptions", permission: "order.read.any", element: <ExceptionsPage scope="admin" /> },
  { key: "settlement", permission: "finance.read", element: <SettlementPage scope="admin" /> },
  { key: "reconciliation", permission: "finance.read", element: <ReconciliationPage /> },
] as const;

// The shop's tabs: its orders (shipping them), their exceptions, its statements and its shipping templates.
const SHOP_TABS = [
  { key: "", permission: "order.read.own", element: null },
  { key: "exceptions", permission: "order.read.own", element: <ExceptionsPage scope="merchant" /> },
  { key: "statements", permission: "finance.read.own", element: <SettlementPage scope="merchant" /> },
  { key: "shipping", permission: "order.fulfil.own", element: <ShippingTemplatesPage /> },
] as const;

function OrderRoutes() {
  return (
    <Routes>
      <Route index element={<OrderList />} />
      <Route path=":id" element={<OrderDetailPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

/** Trade at /merchant/orders/* (the shop's orders) or /admin/trade/* (orders, payments, reviews, ledger). */
export function TradeSection({ scope }: { scope: "merchant" | "admin" }) {
  const place = placeOf(scope);
  return <TradeContext.Provider value={place}>{scope === "merchant" ? <ShopTrade route={place.route} /> : <ConsoleTrade route={place.route} />}</TradeContext.Provider>;
}

// Orders keep their addresses (/merchant/orders/<id>); the other tabs sit beside them by name.
function ShopTrade({ route }: { route: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = SHOP_TABS.filter((tab) => can(tab.permission));
  const first = location.pathname.slice(route.length).split("/")[1] ?? "";
  const active = tabs.some((tab) => tab.key && tab.key === first) ? first : "";
  return (
    <>
      <Tabs
        activeKey={active}
        onTabClick={(key) => navigate(key ? `${route}/${key}` : route)}
        items={tabs.map((tab) => ({ key: tab.key, label: <span data-testid={`trade-tab-${tab.key || "orders"}`}>{t(`tradeOps.shopTabs.${tab.key || "orders"}`)}</span> }))}
        style={{ marginBottom: 8 }}
      />
      <Routes>
        {tabs.filter((tab) => tab.key).map((tab) => (
          <Route key={tab.key} path={`${tab.key}/*`} element={tab.element} />
        ))}
        <Route path="*" element={<OrderRoutes />} />
      </Routes>
    </>
  );
}

function ConsoleTrade({ route }: { route: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = TABS.filter((tab) => can(tab.permission));
  const active = location.pathname.slice(route.length).split("/")[1] ?? "";
  // Open reviews hold buyers' money: their number is on the tab.
  const open = useQuery({
    queryKey: [...tradeKey, "reviews", "open"],
    queryFn: () => api<{ items: Review[] }>("/admin/payment-reviews", { query: { status: "open" } }),
    enabled: can("payment.review"),
  });
  const waiting = open.data?.items.length ?? 0;
  return (
    <>
      <Tabs
        activeKey={active}
        onTabClick={(key) => navigate(`${route}/${key}`)}
        items={tabs.map((tab) => ({
          key: tab.key,
          label: (
            <span data-testid={`trade-tab-${tab.key}`}>
              {t(`tradeOps.tabs.${tab.key}`)}
              {tab.key === "reviews" && waiting ? <Badge count={waiting} size="small" style={{ marginInlineStart: 6 }} data-testid="trade-reviews-waiting" /> : null}
            </span>
          ),
        }))}
        style={{ marginBottom: 8 }}
      />
      <Routes>
        <Route index element={tabs[0] ? <Navigate to={`${route}/${tabs[0].key}`} replace /> : <NotFound />} />
        {tabs.map((tab) => (
          <Route key={tab.key} path={`${tab.key}/*`} element={tab.element} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </>
  );
}
