// `npm start`: build the web app when it is missing or older than its sources, then run
// the server from TypeScript sources on the embedded database (or DATABASE_URL).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
// Vite's build sets NODE_ENV=production in this process; the server must not inherit that.
const env = { ...process.env };
const newest = (dir) => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
  const p = join(dir, e.name);
  return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
}, 0);

const built = join(root, "web/dist/index.html");
const sources = Math.max(newest(join(root, "web/src")), statSync(join(root, "web/index.html")).mtimeMs, statSync(join(root, "vite.config.ts")).mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log("Building the web app (first start, or sources changed)…");
  const { build } = await import("vite");
  await build({ root: join(root, "web"), configFile: join(root, "vite.config.ts"), logLevel: "warn" });
}

const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/server/main.ts")], { stdio: "inherit", cwd: root, env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
