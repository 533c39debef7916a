import type { App } from "../../server/http.js";

export default async function settlementRoutes(_app: App) {}
