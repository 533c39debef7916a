import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  appSecret: string;
  production: boolean;
  logLevel: string;
  bodyLimit: number;
  authRateLimit: number;
}

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("package.json not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}
export const projectRoot = findRoot();

// Encryption of personal data needs a key that outlives the process. In production it
// must come from the environment (every API node needs the same one); elsewhere it
// is generated once and kept beside the embedded database.
function appSecret(env: NodeJS.ProcessEnv, dataDir: string, production: boolean): string {
  if (env.APP_SECRET) {
    if (env.APP_SECRET.length < 32) throw new Error("APP_SECRET must be at least 32 characters");
    return env.APP_SECRET;
  }
  if (production) throw new Error("APP_SECRET is required when NODE_ENV=production (32+ random characters, the same on every node)");
  const file = join(dataDir, "app-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === "production";
  const dataDir = resolve(projectRoot, env.DATA_DIR ?? "data");
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    appSecret: appSecret(env, dataDir, production),
    production,
    logLevel: env.LOG_LEVEL ?? (production ? "info" : "info"),
    bodyLimit: Number(env.BODY_LIMIT ?? 1_048_576),
    authRateLimit: Number(env.AUTH_RATE_LIMIT ?? 30),
  };
}
