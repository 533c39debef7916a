import type { JobDef } from "../../server/jobs.js";
import { releaseExpiredReservations } from "./stock.js";

export const inventoryJobs: JobDef[] = [
  { name: "inventory.releaseExpiredReservations", everyMinutes: 1, async run(s) { await releaseExpiredReservations(s); } },
];
