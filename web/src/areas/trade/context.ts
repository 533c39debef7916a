import { createContext, useContext } from "react";

// The trade screens serve the merchant portal (the shop's own orders) and the console
// (every order, payments, reviews and the ledger): the order screens are the same, under
// another API prefix and another route.
export interface TradePlace {
  scope: "merchant" | "admin";
  /** API prefix of the order endpoints (api() adds /api/v1). */
  ordersApi: "/merchant/orders" | "/admin/orders";
  /** The browser route of the order list; an order is `${ordersRoute}/<id>`. */
  ordersRoute: string;
  /** The browser route of the whole section. */
  route: string;
}

export const placeOf = (scope: TradePlace["scope"]): TradePlace =>
  scope === "merchant"
    ? { scope, ordersApi: "/merchant/orders", ordersRoute: "/merchant/orders", route: "/merchant/orders" }
    : { scope, ordersApi: "/admin/orders", ordersRoute: "/admin/trade/orders", route: "/admin/trade" };

export const TradeContext = createContext<TradePlace>(placeOf("admin"));
export const useTrade = () => useContext(TradeContext);
