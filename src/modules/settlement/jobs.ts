import type { JobDef } from "../../server/jobs.js";

export const settlementJobs: JobDef[] = [];
