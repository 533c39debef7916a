import type { JobDef } from "../../server/jobs.js";
import { cancelOverdueOrders } from "./cancel.js";

export const orderJobs: JobDef[] = [
  { name: "orders.cancelOverdue", everyMinutes: 1, async run(s) { await cancelOverdueOrders(s); } },
];
