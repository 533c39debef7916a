import autocannon from "autocannon";
import pg from "pg";

export const pgUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const secret = "bench-secret-bench-secret-bench-secret-01";
export const seconds = Number(process.argv[process.argv.indexOf("--seconds") + 1]) || 5;

// A throw-away database on the PostgreSQL server, or null when none answers.
export async function pgDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
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

export interface Result { rps: number; p50: number; p99: number }

// Requests cycle through the given paths (several product ids, say) on one connection pool.
// The load runs on a worker thread, so that generating it does not take the server's turn.
export async function run(url: string, paths: string | string[], opts: { token?: string; connections?: number } = {}): Promise<Result> {
  const list = [paths].flat();
  const r = await autocannon({
    url: url + list[0], connections: opts.connections ?? 16, duration: seconds, headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {}, workers: 1,
    requests: list.map((path) => ({ method: "GET", path })),
  });
  if (r.non2xx) throw new Error(`${list[0]}: ${r.non2xx} non-2xx responses`);
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99 };
}

export function table(title: string, results: Record<string, Record<string, Result>>) {
  console.log(`\n${title}`);
  console.log("database   endpoint              req/s     p50 ms   p99 ms");
  for (const [db, rows] of Object.entries(results)) {
    for (const [name, r] of Object.entries(rows)) console.log(`${db.padEnd(10)} ${name.padEnd(20)} ${String(r.rps).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)}`);
  }
}
