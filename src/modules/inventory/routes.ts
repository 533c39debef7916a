import type { App } from "../../server/http.js";

// Each part of inventory registers its routes here (warehouses, stock, receipts, outbound,
// stocktakes, alerts, reports).
export default async function inventoryRoutes(_app: App) {}
