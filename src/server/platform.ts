import { systemClock, type Clock } from "../lib/clock.js";
import { createSealer } from "../lib/crypto.js";
import { syncBuiltinRoles } from "../modules/access/index.js";
import type { Services } from "./context.js";
import { openDatabase, type Database } from "./db.js";
import { buildHttp, type App } from "./http.js";
import { JobRunner } from "./jobs.js";
import { modules } from "./modules.js";

export interface PlatformOptions {
  databaseUrl?: string;
  dataDir?: string;          // embedded database folder; omitted = in memory
  appSecret: string;
  clock?: Clock;
  logLevel?: string;
  bodyLimit?: number;
  redisUrl?: string;
  secureCookies?: boolean;
  authRateLimit?: number;
  webDir?: string | null;
  poolSize?: number;
}

export interface Platform {
  app: App;
  services: Services;
  jobs: JobRunner;
  database: Database;
  close(): Promise<void>;
}

// Everything the server, the jobs, the seed and the tests share, assembled in one place.
export async function createPlatform(o: PlatformOptions): Promise<Platform> {
  const database = await openDatabase({ url: o.databaseUrl, dataDir: o.dataDir, poolSize: o.poolSize });
  await database.migrate();
  await syncBuiltinRoles(database.db);
  const services: Services = { db: database.db, dbKind: database.kind, clock: o.clock ?? systemClock, sealer: createSealer(o.appSecret) };
  const jobs = new JobRunner(services, modules.flatMap((m) => m.jobs ?? []));
  const app = await buildHttp({
    services, modules: modules.flatMap((m) => (m.routes ? [m.routes] : [])),
    logLevel: o.logLevel, bodyLimit: o.bodyLimit, redisUrl: o.redisUrl, secureCookies: o.secureCookies, webDir: o.webDir, authRateLimit: o.authRateLimit,
  });
  await app.ready();
  return {
    app, services, jobs, database,
    async close() {
      await jobs.stop();
      await app.close();
      await database.close();
    },
  };
}
