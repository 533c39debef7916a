import type { App } from "../../server/http.js";

export default async function shipmentsRoutes(_app: App) {}
