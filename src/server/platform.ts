import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock, type Clock } from "../lib/clock.js";
import { localStorage } from "./storage.js";
import { unreachableStates } from "../lib/machine.js";
import { createSealer } from "../lib/crypto.js";
import { syncBuiltinRoles } from "../modules/access/index.js";
import type { Services } from "./context.js";
import { openDatabase, type Database } from "./db.js";
import { buildHttp, type App, type HttpOptions } from "./http.js";
import { createMetrics } from "./metrics.js";
import { JobRunner } from "./jobs.js";
import { modules } from "./modules.js";

export interface PlatformOptions extends Omit<HttpOptions, "services" | "modules" | "metrics"> {
  databaseUrl?: string;
  dataDir?: string;          // embedded database folder; omitted = in memory
  appSecret: string;
  clock?: Clock;
  poolSize?: number;
  pgliteSnapshot?: Blob;
  // Uploaded files; defaults to DATA_DIR/files, or a temporary folder for an in-memory database.
  storageDir?: string;
}

export interface Platform {
  app: App;
  services: Services;
  jobs: JobRunner;
  database: Database;
  close(): Promise<void>;
}

// Everything the server, the jobs, the seed and the tests share, assembled in one place.
export function checkMachines() {
  for (const m of modules) for (const [machine, initial] of m.machines ?? []) {
    const lost = unreachableStates(machine, initial);
    if (lost.length) throw new Error(`state machine "${machine.name}" has unreachable states: ${lost.join(", ")}`);
  }
}

export async function createPlatform(o: PlatformOptions): Promise<Platform> {
  checkMachines();
  const database = await openDatabase({ url: o.databaseUrl, dataDir: o.dataDir, poolSize: o.poolSize, snapshot: o.pgliteSnapshot });
  await database.migrate();
  await syncBuiltinRoles(database.db);
  const storageDir = o.storageDir ?? (o.dataDir ? join(o.dataDir, "files") : mkdtempSync(join(tmpdir(), "sg-files-")));
  const services: Services = { db: database.db, dbKind: database.kind, clock: o.clock ?? systemClock, sealer: createSealer(o.appSecret), storage: localStorage(storageDir) };
  const metrics = createMetrics();
  const jobs = new JobRunner(services, modules.flatMap((m) => m.jobs ?? []), metrics);
  const app = await buildHttp({ ...o, services, metrics, modules: modules.flatMap((m) => (m.routes ? [m.routes] : [])) });
  await app.ready();
  services.loopback = async (url, headers, body) => {
    const u = new URL(url, "http://platform.local");
    const res = await app.inject({ method: "POST", url: u.pathname + u.search, headers, payload: body });
    return { status: res.statusCode, body: res.body };
  };
  return {
    app, services, jobs, database,
    async close() {
      await jobs.stop();
      await app.close();
      await database.close();
    },
  };
}
