import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: "http_requests_total", help: "HTTP requests", labelNames: ["method", "route", "status"], registers: [registry] });
  const duration = new Histogram({
    name: "http_request_duration_seconds", help: "HTTP request duration", labelNames: ["method", "route"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  const jobRuns = new Counter({ name: "jobs_runs_total", help: "Background job runs", labelNames: ["name", "outcome"], registers: [registry] });
  return { registry, requests, duration, jobRuns };
}
export type Metrics = ReturnType<typeof createMetrics>;
