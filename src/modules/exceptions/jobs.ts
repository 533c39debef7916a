import type { JobDef } from "../../server/jobs.js";
import { detectShipmentExceptions } from "./detect.js";

export const exceptionsJobs: JobDef[] = [
  { name: "exceptions.detect", everyMinutes: 15, async run(s) { await detectShipmentExceptions(s); } },
];
