// Throughput of the foundation's hot paths on both databases:
//   GET /api/health          (no database work beyond the handler)
//   GET /api/v1/auth/me      (session lookup, permissions, rules: what every signed-in request pays)
// Also prints start-up time and idle memory. Run: npm run bench:http [-- --seconds 5]
import autocannon from "autocannon";
import pg from "pg";
import { createPlatform } from "../src/server/platform.js";
import { seedDemo } from "../src/demo/seed.js";

const seconds = Number(process.argv[process.argv.indexOf("--seconds") + 1]) || 5;
const pgUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const secret = "bench-secret-bench-secret-bench-secret-01";

async function pgDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try { await c.connect(); } catch { return null; }
  const name = `sg_bench_${Date.now()}`;
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(pgUrl); u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() { const d = new pg.Client({ connectionString: pgUrl }); await d.connect(); await d.query(`drop database ${name} with (force)`); await d.end(); },
  };
}

async function run(url: string, path: string, token?: string, connections = 16) {
  const r = await autocannon({ url: url + path, connections, duration: seconds, headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (r.non2xx) throw new Error(`${path}: ${r.non2xx} non-2xx responses`);
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99 };
}

const results: Record<string, Record<string, { rps: number; p50: number; p99: number }>> = {};
const startup: Record<string, { ms: number; rssMb: number }> = {};

for (const kind of ["pglite", "postgres"] as const) {
  const server = kind === "postgres" ? await pgDatabase() : null;
  if (kind === "postgres" && !server) { console.log("postgres: no server at", pgUrl, "- skipped"); continue; }
  const t0 = performance.now();
  const p = await createPlatform({ databaseUrl: server?.url, appSecret: secret, logLevel: "silent", webDir: null, authRateLimit: 1e9, poolSize: 16 });
  const ms = Math.round(performance.now() - t0);
  await seedDemo(p.services);
  global.gc?.();
  startup[kind] = { ms, rssMb: Math.round(process.memoryUsage().rss / 1048576) };
  const base = await p.app.listen({ port: 0, host: "127.0.0.1" });
  const login = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login: "admin", password: "Shangguan@2026" }) });
  const { token } = (await login.json()) as { token: string };
  results[kind] = { health: await run(base, "/api/health"), me: await run(base, "/api/v1/auth/me", token) };
  await p.close();
  await server?.drop();
}

console.log(`\nHTTP throughput, ${seconds}s per row, 16 connections, one process`);
console.log("database   endpoint        req/s     p50 ms   p99 ms");
for (const [db, rows] of Object.entries(results)) {
  for (const [name, r] of Object.entries(rows)) console.log(`${db.padEnd(10)} ${name.padEnd(14)} ${String(r.rps).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)}`);
}
if (results.pglite && results.postgres) {
  console.log(`ratio postgres/pglite for /auth/me: ${(results.postgres.me!.rps / results.pglite.me!.rps).toFixed(2)}x`);
  console.log(`ratio /auth/me vs /health (pglite): ${(results.pglite.me!.rps / results.pglite.health!.rps).toFixed(2)}`);
}
console.log("\nstart-up (open, migrate, roles) and resident memory after seeding:");
for (const [db, s] of Object.entries(startup)) console.log(`${db.padEnd(10)} ${String(s.ms).padStart(6)} ms   ${s.rssMb} MiB`);
