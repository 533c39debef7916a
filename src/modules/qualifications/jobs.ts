import type { JobDef } from "../../server/jobs.js";
import { checkQualifications } from "./service.js";

export const qualificationJobs: JobDef[] = [
  // M3: expiry warnings, holds on expired mandatory documents, re-verifications coming due.
  { name: "qualifications.dailyCheck", everyMinutes: 24 * 60, async run(s) { await checkQualifications(s); } },
];
