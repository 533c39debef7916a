import { inject } from "vitest";
import pg from "pg";
import { FakeClock } from "../../src/lib/clock.js";
import { createPlatform, type Platform } from "../../src/server/platform.js";
import { ctxFor, systemActor, type Ctx } from "../../src/server/context.js";
import { newId } from "../../src/lib/ids.js";
import { openDatabase } from "../../src/server/db.js";

export const TEST_SECRET = "test-secret-test-secret-test-secret-0123456789";
export const dbUnderTest = (process.env.TEST_DB ?? "pglite") as "pglite" | "postgres";

export interface World extends Platform {
  clock: FakeClock;
  system: Ctx;
  // Set on the PostgreSQL run: lets a test open a second pool, as a second API process would.
  databaseUrl?: string;
  // Sends a request through the real HTTP stack (routing, auth, validation, errors).
  http(method: string, url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  loginAs(login: string, password?: string): Promise<string>;
  // A multipart/form-data request with one file, as a browser form sends it.
  upload(url: string, token: string, fields: Record<string, string>, file: { name: string; content: Buffer | string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = inject("pgUrl");
  if (!base) throw new Error("no PostgreSQL server for this run (see test/support/postgres-setup.ts)");
  const name = `sg_test_${newId().replace(/-/g, "").slice(-16)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      // Let the closed pool's connections finish saying goodbye before forcing the drop.
      await new Promise((r) => setTimeout(r, 100));
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

// Every embedded world starts from one migrated snapshot per test process.
let snapshot: Promise<Blob> | undefined;
function migratedSnapshot() {
  return (snapshot ??= (async () => {
    const db = await openDatabase({});
    await db.migrate();
    const blob = await db.snapshot!();
    await db.close();
    return blob;
  })());
}

// Every world not yet closed: the shared after-each hook checks their ledgers.
export const openWorlds = new Set<World>();

// A fresh database with migrations applied, a fake clock and the real HTTP app.
export async function world(opts: { seed?: boolean; authRateLimit?: number; redisUrl?: string } = {}): Promise<World> {
  const clock = new FakeClock();
  const pgDb = dbUnderTest === "postgres" ? await freshPostgresDatabase() : null;
  const pgliteSnapshot = pgDb ? undefined : await migratedSnapshot();
  const platform = await createPlatform({ pgliteSnapshot, databaseUrl: pgDb?.url, appSecret: TEST_SECRET, clock, logLevel: "silent", webDir: null, poolSize: 20, authRateLimit: opts.authRateLimit ?? 10_000, redisUrl: opts.redisUrl });
  if (opts.seed) {
    const { seedDemo } = await import("../../src/demo/seed.js");
    await seedDemo(platform.services);
  }
  const w: World = {
    ...platform,
    clock,
    databaseUrl: pgDb?.url,
    system: ctxFor(platform.services, systemActor("test")),
    async http(method, url, o = {}) {
      const res = await platform.app.inject({
        method: method as "GET", url,
        headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.body !== undefined ? { "content-type": "application/json" } : {}), ...o.headers },
        payload: o.body === undefined ? undefined : typeof o.body === "string" ? o.body : JSON.stringify(o.body),
      });
      let body: unknown = res.body;
      try { body = res.body ? JSON.parse(res.body) : null; } catch { /* not JSON */ }
      return { status: res.statusCode, body, headers: res.headers };
    },
    async loginAs(login, password = "Shangguan@2026") {
      const r = await w.http("POST", "/api/v1/auth/login", { body: { login, password } });
      if (r.status !== 200) throw new Error(`login ${login} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    async upload(url, token, fields, file) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append("file", new Blob([typeof file.content === "string" ? file.content : new Uint8Array(file.content)]), file.name);
      const req = new Request("http://local", { method: "POST", body: form });
      const res = await platform.app.inject({
        method: "POST", url, payload: Buffer.from(await req.arrayBuffer()),
        headers: { authorization: `Bearer ${token}`, "content-type": req.headers.get("content-type")! },
      });
      return { status: res.statusCode, body: res.json() };
    },
    async close() {
      openWorlds.delete(w);
      await platform.close();
      await pgDb?.drop();
    },
  };
  openWorlds.add(w);
  return w;
}
