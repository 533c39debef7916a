import type { JobDef } from "../../server/jobs.js";
import { deliverDue } from "./sandbox/gateway.js";
import { retryPendingRefunds } from "./service.js";

export const paymentJobs: JobDef[] = [
  // The sandbox gateway retries notifications the platform did not acknowledge.
  { name: "payments.sandboxDeliver", everyMinutes: 1, async run(s) { if (s.loopback) await deliverDue(s, s.loopback); } },
  { name: "payments.retryRefunds", everyMinutes: 1, async run(s) { await retryPendingRefunds(s); } },
];
