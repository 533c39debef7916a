import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import pg from "pg";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../lib/db-types.js";
import { projectRoot } from "./config.js";

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DatabaseKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
  // Embedded only: the whole data folder as a tarball.
  snapshot?(): Promise<Blob>;
}

const migrationsFolder = join(projectRoot, "drizzle");
// Arbitrary constant: serialises migrations when several API nodes start together.
const MIGRATION_LOCK = 0x5347_4d49;

export async function openDatabase(opts: { url?: string; dataDir?: string; poolSize?: number; snapshot?: Blob }): Promise<Database> {
  if (opts.url) {
    // bigint (int8) comes back as string; Drizzle's number-mode columns convert it.
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle connection that the server drops (restart, failover, admin) must not crash
    // the process; the pool replaces it on next use.
    pool.on("error", (err) => console.error(`database connection lost: ${err.message}`));
    await pool.query("select 1");
    const db = drizzlePg(pool) as unknown as Db;
    return {
      db,
      kind: "postgres",
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
          await migratePg(drizzlePg(client), { migrationsFolder });
        } finally {
          await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  // A snapshot (PGlite dumpDataDir) skips initdb: the test suite starts many databases.
  // Extensions the migrations create must be loaded into the embedded engine first.
  const extensions = { pg_trgm };
  const client = opts.dataDir ? new PGlite(join(opts.dataDir, "pglite"), { extensions }) : new PGlite({ extensions, ...(opts.snapshot ? { loadDataDir: opts.snapshot } : {}) });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    close: () => client.close(),
    snapshot: () => client.dumpDataDir("none"),
  };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [r] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from users`));
  return r!.n === 0;
}
