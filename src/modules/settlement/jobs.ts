import { ctxFor, systemActor } from "../../server/context.js";
import type { JobDef } from "../../server/jobs.js";
import { reconcileYesterday } from "./reconciliation.js";
import { issueStatements } from "./statements.js";

// Once a day, at 08:00 Shanghai time (a day slot starts at midnight UTC): by then every
// provider has published yesterday's statement, and a period that ended at midnight is
// past its grace.
export const settlementJobs: JobDef[] = [
  { name: "settlement.issueStatements", everyMinutes: 24 * 60, async run(s) { await issueStatements(ctxFor(s, systemActor("statements")), {}); } },
  { name: "settlement.reconcile", everyMinutes: 24 * 60, async run(s) { await reconcileYesterday(s); } },
];
