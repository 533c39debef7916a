import { and, eq, inArray, sql } from "drizzle-orm";
import { hostname } from "node:os";
import { rowsOf, type Queryable } from "../lib/db-types.js";
import { newId } from "../lib/ids.js";
import type { Services } from "./context.js";
import type { Metrics } from "./metrics.js";
import { jobs } from "./schema.js";

export interface JobDef {
  name: string;
  run(s: Services, payload: Record<string, unknown>): Promise<void>;
  // Recurring jobs keep one queued run per slot; slots are unique keys, so several
  // API processes scheduling the same slot create it once.
  everyMinutes?: number;
  maxAttempts?: number;
}

type JobRow = typeof jobs.$inferSelect;
const LOCK_MINUTES = 10;

export async function enqueue(q: Queryable, s: Pick<Services, "clock">, name: string, payload: Record<string, unknown> = {}, opts: { runAt?: Date; uniqueKey?: string; maxAttempts?: number } = {}) {
  const [row] = await q.insert(jobs).values({
    id: newId(), name, payload, runAt: opts.runAt ?? s.clock.now(), uniqueKey: opts.uniqueKey ?? null, maxAttempts: opts.maxAttempts ?? 5, createdAt: s.clock.now(),
  }).onConflictDoNothing({ target: jobs.uniqueKey }).returning();
  return row ?? null;
}

export class JobRunner {
  private defs = new Map<string, JobDef>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  readonly workerId = `${hostname()}:${process.pid}:${newId().slice(-6)}`;

  constructor(private s: Services, defs: JobDef[], private metrics?: Metrics) {
    for (const d of defs) {
      if (this.defs.has(d.name)) throw new Error(`job "${d.name}" defined twice`);
      this.defs.set(d.name, d);
    }
  }

  async scheduleRecurring() {
    for (const d of this.defs.values()) if (d.everyMinutes) await this.scheduleNext(d, this.s.clock.now());
  }

  private async scheduleNext(d: JobDef, after: Date) {
    const ms = d.everyMinutes! * 60_000;
    const runAt = new Date(Math.floor(after.getTime() / ms) * ms + ms);
    await enqueue(this.s.db, this.s, d.name, {}, { runAt, uniqueKey: `every:${d.name}:${runAt.toISOString()}`, maxAttempts: d.maxAttempts ?? 3 });
  }

  // Claims due jobs (and jobs whose worker died holding them) without blocking other workers.
  private async claim(limit: number): Promise<JobRow[]> {
    const now = this.s.clock.now();
    const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    const r = await this.s.db.execute(sql`
      update jobs set status = 'running', attempts = attempts + 1, locked_until = ${lockedUntil.toISOString()}, locked_by = ${this.workerId}
      where id in (
        select id from jobs
        where (status = 'queued' and run_at <= ${now.toISOString()}) or (status = 'running' and locked_until < ${now.toISOString()})
        order by run_at limit ${limit} for update skip locked)
      returning id`);
    const ids = rowsOf<{ id: string }>(r).map((x) => x.id);
    if (!ids.length) return [];
    return this.s.db.select().from(jobs).where(inArray(jobs.id, ids));
  }

  // Runs every job due now; returns how many ran. Tests call this after moving the clock.
  async runDue(limit = 50): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.claim(limit);
      for (const job of batch) await this.execute(job);
      total += batch.length;
      if (batch.length < limit) return total;
    }
  }

  private async execute(job: JobRow) {
    const def = this.defs.get(job.name);
    const finish = (set: Partial<JobRow>) => this.s.db.update(jobs).set(set).where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, this.workerId)));
    try {
      if (!def) throw new Error(`no handler for job "${job.name}"`);
      await def.run(this.s, job.payload as Record<string, unknown>);
      await finish({ status: "done", finishedAt: this.s.clock.now(), lockedUntil: null, lastError: null });
      this.metrics?.jobRuns.inc({ name: job.name, outcome: "done" });
    } catch (e) {
      const last = job.attempts >= job.maxAttempts;
      const backoff = Math.min(3600, 30 * 2 ** job.attempts) * 1000;
      await finish({
        status: last ? "failed" : "queued", lastError: String((e as Error)?.stack ?? e).slice(0, 4000), lockedUntil: null,
        runAt: new Date(this.s.clock.now().getTime() + backoff), finishedAt: last ? this.s.clock.now() : null,
      });
      this.metrics?.jobRuns.inc({ name: job.name, outcome: last ? "failed" : "retry" });
    }
    if (def?.everyMinutes) await this.scheduleNext(def, this.s.clock.now());
  }

  start(pollMs = 5000) {
    const tick = () => {
      this.running = this.runDue().catch((e) => console.error("job runner:", e)).finally(() => {
        if (this.timer) this.timer = setTimeout(tick, pollMs);
      });
    };
    this.timer = setTimeout(tick, 100);
  }

  async stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
