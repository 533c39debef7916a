import type { App } from "../../server/http.js";
import type { InventoryScope } from "./routes.js";

export default async function receiptsRoutes(_app: App, [_base, _permission]: InventoryScope) {}
