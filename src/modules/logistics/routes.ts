import type { App } from "../../server/http.js";
import carrierRoutes from "./carriers.routes.js";
import shipmentRoutes from "./shipments.routes.js";

export default async function logisticsRoutes(app: App) {
  await carrierRoutes(app);
  await shipmentRoutes(app);
}
