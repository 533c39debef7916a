import { lazy, Suspense, useEffect } from "react";
import { App as AntApp, ConfigProvider } from "antd";
import zhCNLocale from "antd/locale/zh_CN";
import enUSLocale from "antd/locale/en_US";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { isApiError } from "./api";
import { ME_KEY, SessionProvider } from "./auth/session";
import { MfaGate, RequireAuth } from "./auth/guards";
import { LoginPage } from "./auth/LoginPage";
import { RegisterPage } from "./auth/RegisterPage";
import { MfaSetupPage } from "./auth/MfaSetupPage";
import { ShopLayout } from "./areas/shop/ShopLayout";
import { HomePage } from "./areas/shop/HomePage";
import { PrivacyPage } from "./areas/shop/PrivacyPage";
import { ApplyPage } from "./areas/shop/ApplyPage";
import { ShopAccountPage } from "./areas/shop/AccountRoute";
import { AboutPage } from "./areas/shop/governance/AboutPage";
import { RulesIndexPage } from "./areas/shop/governance/RulesIndexPage";
import { PolicyPage } from "./areas/shop/governance/PolicyPage";
import { PolicyVersionPage } from "./areas/shop/governance/PolicyVersionPage";
import { ShopPage } from "./areas/shop/governance/ShopPage";
import { SearchPage } from "./areas/shop/catalog/SearchPage";
import { CategoryPage } from "./areas/shop/catalog/CategoryPage";
import { ProductPage } from "./areas/shop/catalog/ProductPage";
import { CartPage } from "./areas/shop/cart/CartPage";
import { AddressBookPage } from "./areas/shop/cart/AddressBookPage";
import { CheckoutPage } from "./areas/shop/orders/CheckoutPage";
import { MyOrdersPage } from "./areas/shop/orders/MyOrdersPage";
import { OrderPage } from "./areas/shop/orders/OrderPage";
import { PaymentResultPage } from "./areas/shop/orders/PaymentResultPage";
import { NoticesPage } from "./areas/shop/notices/NoticesPage";
import { FullPageSpin } from "./components/FullPageSpin";
import { NotFound } from "./components/Forbidden";

const MerchantArea = lazy(() => import("./areas/merchant/MerchantArea"));
const AdminArea = lazy(() => import("./areas/admin/AdminArea"));

/**
 * A 401 from any call means the session ended (expired, revoked): forget the user.
 * A 403 MFA_ENROLLMENT_REQUIRED means the platform now requires two-step verification:
 * re-read the session so that the MFA gate takes over.
 */
function onUnauthenticated(error: unknown, key?: readonly unknown[]) {
  if (isApiError(error) && error.code === "MFA_ENROLLMENT_REQUIRED") {
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
    return;
  }
  if (!isApiError(error) || error.status !== 401) return;
  if (key && key[0] === ME_KEY[0] && key[1] === ME_KEY[1]) return;
  if (["INVALID_CREDENTIALS", "MFA_REQUIRED", "INVALID_OTP", "INVALID_PASSWORD"].includes(error.code)) return;
  queryClient.setQueryData(ME_KEY, null);
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onUnauthenticated(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onUnauthenticated(error) }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

/** People who ask their system for less motion get no animations (antd's motion token). */
const reducedMotion = typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true;

function Providers({ children }: { children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = t("brand.title");
  }, [t, i18n.language]);
  return (
    <ConfigProvider
      locale={i18n.language === "en-US" ? enUSLocale : zhCNLocale}
      theme={{ token: { colorPrimary: "#c2410c", borderRadius: 6, motion: !reducedMotion } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Providers>
        <BrowserRouter>
          <SessionProvider>
            <MfaGate>
              <Suspense fallback={<FullPageSpin />}>
                <Routes>
                  <Route path="/mfa-setup" element={<MfaSetupPage />} />
                  <Route path="/merchant/*" element={<MerchantArea />} />
                  <Route path="/admin/*" element={<AdminArea />} />
                  <Route element={<ShopLayout />}>
                    <Route index element={<HomePage />} />
                    <Route path="login" element={<LoginPage />} />
                    <Route path="register" element={<RegisterPage />} />
                    <Route path="privacy" element={<PrivacyPage />} />
                    <Route path="about" element={<AboutPage />} />
                    <Route path="rules" element={<RulesIndexPage />} />
                    <Route path="rules/:key" element={<PolicyPage />} />
                    <Route path="rules/:key/:version" element={<PolicyVersionPage />} />
                    <Route path="shops/:id" element={<ShopPage />} />
                    <Route path="search" element={<SearchPage />} />
                    <Route path="category/:id" element={<CategoryPage />} />
                    <Route path="products/:id" element={<ProductPage />} />
                    <Route path="cart" element={<CartPage />} />
                    <Route path="checkout" element={<RequireAuth><CheckoutPage /></RequireAuth>} />
                    <Route path="pay/result" element={<RequireAuth><PaymentResultPage /></RequireAuth>} />
                    <Route path="account/addresses" element={<RequireAuth><AddressBookPage /></RequireAuth>} />
                    <Route path="account/orders" element={<RequireAuth><MyOrdersPage /></RequireAuth>} />
                    <Route path="account/orders/:id" element={<RequireAuth><OrderPage /></RequireAuth>} />
                    <Route path="account/notices" element={<RequireAuth><NoticesPage /></RequireAuth>} />
                    {/* More specific than /merchant/*: visitors may open it. */}
                    <Route path="merchant/apply" element={<ApplyPage />} />
                    <Route
                      path="account"
                      element={
                        <RequireAuth>
                          <ShopAccountPage />
                        </RequireAuth>
                      }
                    />
                    <Route path="*" element={<NotFound />} />
                  </Route>
                </Routes>
              </Suspense>
            </MfaGate>
          </SessionProvider>
        </BrowserRouter>
      </Providers>
    </QueryClientProvider>
  );
}
