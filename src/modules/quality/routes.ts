import type { App } from "../../server/http.js";

export default async function qualityRoutes(_app: App) {}
