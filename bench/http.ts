// Throughput of the foundation's hot paths on both databases:
//   GET /api/health          (no database work beyond the handler)
//   GET /api/v1/auth/me      (session lookup, permissions, rules: what every signed-in request pays)
// Also prints start-up time and idle memory. Run: npm run bench:http [-- --seconds 5]
import { createPlatform } from "../src/server/platform.js";
import { seedDemo } from "../src/demo/seed.js";
import { pgDatabase, pgUrl, run, secret, seconds, table, type Result } from "./support.js";

const results: Record<string, Record<string, Result>> = {};
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
  results[kind] = { health: await run(base, "/api/health"), me: await run(base, "/api/v1/auth/me", { token }) };
  await p.close();
  await server?.drop();
}

table(`HTTP throughput, ${seconds}s per row, 16 connections, one process`, results);
if (results.pglite && results.postgres) {
  console.log(`ratio postgres/pglite for /auth/me: ${(results.postgres.me!.rps / results.pglite.me!.rps).toFixed(2)}x`);
  console.log(`ratio /auth/me vs /health (pglite): ${(results.pglite.me!.rps / results.pglite.health!.rps).toFixed(2)}`);
}
console.log("\nstart-up (open, migrate, roles) and resident memory after seeding:");
for (const [db, s] of Object.entries(startup)) console.log(`${db.padEnd(10)} ${String(s.ms).padStart(6)} ms   ${s.rssMb} MiB`);
