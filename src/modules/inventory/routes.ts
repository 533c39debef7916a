import type { App } from "../../server/http.js";
import stockRoutes from "./stock.routes.js";
import receiptRoutes from "./receipts.routes.js";
import stocktakeRoutes from "./stocktakes.routes.js";
import alertRoutes from "./alerts.routes.js";

// The same operations for platform staff (the platform's warehouses) and for a merchant
// (its own warehouses and goods); the actor decides the scope, the path only the permission.
export const inventoryScopes = [["/admin/inventory", "inventory.manage"], ["/merchant/inventory", "inventory.manage.own"]] as const;
export type InventoryScope = (typeof inventoryScopes)[number];

export default async function inventoryRoutes(app: App) {
  for (const scope of inventoryScopes) {
    await stockRoutes(app, scope);
    await receiptRoutes(app, scope);
    await stocktakeRoutes(app, scope);
    await alertRoutes(app, scope);
  }
}
