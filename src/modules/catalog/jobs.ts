import type { JobDef } from "../../server/jobs.js";
import { delistForMissingPermits, proposeSlowMovers } from "./products.js";

export const catalogJobs: JobDef[] = [
  { name: "catalog.proposeSlowMovers", everyMinutes: 24 * 60, async run(s) { await proposeSlowMovers(s); } },
  { name: "catalog.delistForMissingPermits", everyMinutes: 24 * 60, async run(s) { await delistForMissingPermits(s); } },
];
