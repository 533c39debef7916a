import type { JobDef } from "../../server/jobs.js";
import { releaseExpiredReservations } from "./stock.js";
import { blockExpiredBatches } from "./expiry.js";
import { raiseAlertTasks } from "./alerts.js";

export const inventoryJobs: JobDef[] = [
  { name: "inventory.releaseExpiredReservations", everyMinutes: 1, async run(s) { await releaseExpiredReservations(s); } },
  // P6: hourly, not daily: a daily slot falls at 08:00 in Shanghai, and batches expire at its midnight.
  { name: "inventory.blockExpiredBatches", everyMinutes: 60, async run(s) { await blockExpiredBatches(s); } },
  { name: "inventory.raiseAlertTasks", everyMinutes: 24 * 60, async run(s) { await raiseAlertTasks(s); } },
];
