import type { JobDef } from "../../server/jobs.js";
import { pushDueTracking, trackingSandboxOn } from "./tracking/sandbox.js";

export const logisticsJobs: JobDef[] = [
  // L3: without a tracking aggregator, the built-in sandbox pushes the carriers' events
  // through the real push endpoint (see tracking/sandbox.ts).
  { name: "logistics.trackingSandbox", everyMinutes: 10, async run(s) { if (trackingSandboxOn() && s.loopback) await pushDueTracking(s, s.loopback); } },
];
