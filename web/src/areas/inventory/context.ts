import { createContext, useContext } from "react";

// The inventory screens serve the console (platform warehouses) and the merchant portal
// (the shop's own warehouses and goods): the same API under another base path.
export interface InventoryPlace {
  /** API prefix, e.g. "/admin/inventory" (api() adds /api/v1). */
  api: "/admin/inventory" | "/merchant/inventory";
  /** The section's route in the browser, e.g. "/admin/inventory". */
  route: string;
  /** Platform staff (true) or a merchant (false). */
  platform: boolean;
}

export const InventoryContext = createContext<InventoryPlace>({ api: "/admin/inventory", route: "/admin/inventory", platform: true });
export const useInventory = () => useContext(InventoryContext);
