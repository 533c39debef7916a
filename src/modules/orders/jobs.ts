import type { JobDef } from "../../server/jobs.js";
import { cancelOverdueOrders } from "./cancel.js";
import { autoConfirmDue } from "./receipt.js";
import { flagOverdueShipping } from "./sla.js";

export const orderJobs: JobDef[] = [
  { name: "orders.cancelOverdue", everyMinutes: 1, async run(s) { await cancelOverdueOrders(s); } },
  { name: "orders.shipBySla", everyMinutes: 5, async run(s) { await flagOverdueShipping(s); } },
  { name: "orders.autoConfirm", everyMinutes: 15, async run(s) { await autoConfirmDue(s); } },
];
