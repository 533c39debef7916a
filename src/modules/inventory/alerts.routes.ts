import { z } from "zod";
import type { App } from "../../server/http.js";
import type { InventoryScope } from "./routes.js";
import { alertKinds, listAlerts } from "./alerts.js";
import { purchasePlanXlsx, replenishment } from "./replenishment.js";
import { MONTH, monthlyReport, monthlyReportXlsx } from "./report.js";

const tags = ["inventory"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const WarehouseQuery = z.strictObject({ warehouseId: z.uuid().optional() });
const AlertQuery = WarehouseQuery.extend({ kind: z.enum(alertKinds).optional() });
const ReportQuery = WarehouseQuery.extend({ month: z.string().regex(MONTH, "a month such as 2026-01").optional() });

// I6 alerts and replenishment, I7 the monthly report, with their XLSX exports.
export default async function alertsRoutes(app: App, [base, permission]: InventoryScope) {
  const config = { permission };
  const attachment = (filename: string) => `attachment; filename="${filename}"`;

  app.get(`${base}/alerts`, { config, schema: { tags, summary: "Stock alerts with counts per kind: out of stock, low, expiring, expired, damaged, slow-moving (I6)", querystring: AlertQuery } },
    (req) => listAlerts(req.ctx, req.query));
  app.get(`${base}/replenishment`, { config, schema: { tags, summary: "Replenishment suggestions per SKU with their inputs: velocity, lead time, cover, safety stock, inbound (I6)", querystring: WarehouseQuery } },
    (req) => replenishment(req.ctx, req.query));
  app.get(`${base}/replenishment.xlsx`, { config, schema: { tags, summary: "The purchase plan as an XLSX workbook, grouped by supplier (I6)", querystring: WarehouseQuery } },
    async (req, reply) => {
      const file = await purchasePlanXlsx(req.ctx, req.query);
      return reply.type(XLSX).header("content-disposition", attachment(file.filename)).send(file.body);
    });
  app.get(`${base}/reports/monthly`, { config, schema: { tags, summary: "Monthly opening, in, out and closing stock per SKU, checked against the books (I7)", querystring: ReportQuery } },
    (req) => monthlyReport(req.ctx, req.query));
  app.get(`${base}/reports/monthly.xlsx`, { config, schema: { tags, summary: "The monthly stock report as an XLSX workbook (I7)", querystring: ReportQuery } },
    async (req, reply) => {
      const file = await monthlyReportXlsx(req.ctx, req.query);
      return reply.type(XLSX).header("content-disposition", attachment(file.filename)).send(file.body);
    });
}
