import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

// One handle type for both drivers (PGlite and node-postgres): modules never know which.
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Queryable = Db | Tx;

// db.execute() answers { rows } on both drivers; the generic handle types it as unknown.
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
