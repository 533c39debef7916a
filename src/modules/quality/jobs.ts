import type { JobDef } from "../../server/jobs.js";
import { followUpRecalls } from "./recalls.js";

// P5: units of a recalled batch that ship after the recall opened (held for an order when
// the batch was set aside, a reshipment) reach their buyers without anyone asking.
export const qualityJobs: JobDef[] = [
  { name: "quality.recallFollowUp", everyMinutes: 30, async run(s) { await followUpRecalls(s); } },
];
