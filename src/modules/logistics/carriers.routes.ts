import type { App } from "../../server/http.js";

export default async function carriersRoutes(_app: App) {}
