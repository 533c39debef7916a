import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

// Before the browser suite: make sure Chromium is installed, (re)build the web app
// when web/dist is missing or older than its sources, and start one test server
// (fresh in-memory database with the demo data) that the test files share. The
// files run one after another (fileParallelism: false); a file that changes
// platform-wide state starts a server of its own (startWorld({ ownServer: true })).
const root = fileURLToPath(new URL("../../", import.meta.url));

declare module "vitest" {
  export interface ProvidedContext {
    browserBaseUrl: string;
  }
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function webBuildIsStale(): boolean {
  const index = join(root, "web/dist/index.html");
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(root, "web/src"), join(root, "web/index.html"), join(root, "vite.config.ts")].filter((p) => existsSync(p));
  return sources.some((p) => newestMtime(p) > built);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync("sh", [join(root, "scripts/ensure-chromium.sh")], { stdio: "inherit" });
  if (webBuildIsStale()) {
    const { build } = await import("vite");
    // Vitest runs with NODE_ENV=test, which would make Vite bundle React and antd in
    // their development builds: test what ships.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({ configFile: join(root, "vite.config.ts"), mode: "production", logLevel: "warn" });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  }
  // Started after the build: the server lists web/dist's files when it starts.
  const { startTestServer } = await import("../support/server.js");
  const server = await startTestServer();
  project.provide("browserBaseUrl", server.url);
  return () => server.close();
}
