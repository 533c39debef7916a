import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { world, dbUnderTest, type World } from "../../test/support/world.js";
import { openDatabase } from "./db.js";
import { enqueue, JobRunner, type JobDef } from "./jobs.js";
import { jobs } from "./schema.js";

let w: World;
beforeAll(async () => { w = await world(); });
afterAll(async () => { await w?.close(); });

describe("durable jobs", () => {
  it("runs delayed jobs only when the clock reaches them", async () => {
    const seen: unknown[] = [];
    const runner = new JobRunner(w.services, [{ name: "t.delayed", run: async (_s, p) => { seen.push(p.n); } }]);
    await enqueue(w.services.db, w.services, "t.delayed", { n: 1 }, { runAt: new Date(w.clock.now().getTime() + 30 * 60_000) });
    expect(await runner.runDue()).toBe(0);
    w.clock.advance({ minutes: 31 });
    expect(await runner.runDue()).toBe(1);
    expect(seen).toEqual([1]);
  });

  it("retries a failing job with back-off, then marks it failed", async () => {
    let calls = 0;
    const runner = new JobRunner(w.services, [{ name: "t.flaky", run: async () => { calls++; throw new Error("carrier API down"); } }]);
    const job = await enqueue(w.services.db, w.services, "t.flaky", {}, { maxAttempts: 3 });
    await runner.runDue();
    for (let i = 0; i < 4; i++) { w.clock.advance({ hours: 2 }); await runner.runDue(); }
    const [row] = await w.services.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(calls).toBe(3);
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastError: expect.stringContaining("carrier API down") });
  });

  it("a unique key makes enqueueing idempotent", async () => {
    const a = await enqueue(w.services.db, w.services, "t.once", {}, { uniqueKey: "order:42:ship-by" });
    const b = await enqueue(w.services.db, w.services, "t.once", {}, { uniqueKey: "order:42:ship-by" });
    expect(a).not.toBeNull();
    expect(b).toBeNull();
  });

  it("recurring jobs schedule their next slot after each run", async () => {
    let runs = 0;
    const runner = new JobRunner(w.services, [{ name: "t.hourly", everyMinutes: 60, run: async () => { runs++; } }]);
    await runner.scheduleRecurring();
    await runner.scheduleRecurring();
    w.clock.advance({ minutes: 61 });
    await runner.runDue();
    w.clock.advance({ minutes: 60 });
    await runner.runDue();
    expect(runs).toBe(2);
  });

  it("two API processes on one database run each job exactly once", async () => {
    const ran: string[] = [];
    const def: JobDef = { name: "t.shared", run: async (_s, p) => { ran.push(String(p.n)); await new Promise((r) => setTimeout(r, 2)); } };
    for (let n = 0; n < 60; n++) await enqueue(w.services.db, w.services, "t.shared", { n });
    // On PostgreSQL the second "process" has its own connection pool; PGlite has one connection per process.
    const second = dbUnderTest === "postgres" ? await openDatabase({ url: w.databaseUrl, poolSize: 5 }) : null;
    const a = new JobRunner(w.services, [def]);
    const b = new JobRunner(second ? { ...w.services, db: second.db } : w.services, [def]);
    await Promise.all([a.runDue(5), b.runDue(5), a.runDue(7), b.runDue(3)]);
    await second?.close();
    expect(ran.sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 60 }, (_, i) => String(i)));
  });
});
