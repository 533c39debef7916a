import { defineMachine } from "../../lib/machine.js";

export type SamplingStatus = "planned" | "sampled" | "passed" | "failed";
export type RecallStatus = "open" | "closed";

// P5: a sampling is planned, the sample drawn, then the lab's result decides it once.
export const samplingMachine = defineMachine<SamplingStatus, "sample" | "pass" | "fail">("quality sampling", {
  planned: { sample: "sampled" },
  sampled: { pass: "passed", fail: "failed" },
  passed: {},
  failed: {},
});

// P5: a recall stays open while buyers are being reached and goods come back.
export const recallMachine = defineMachine<RecallStatus, "close">("recall", {
  open: { close: "closed" },
  closed: {},
});
