import type { App } from "../../server/http.js";

export default async function exceptionsRoutes(_app: App) {}
