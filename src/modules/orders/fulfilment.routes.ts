import type { App } from "../../server/http.js";

export default async function fulfilmentRoutes(_app: App) {}
