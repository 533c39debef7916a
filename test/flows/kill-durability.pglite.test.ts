import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// An acknowledged write must survive kill -9 of the process (PGlite has had reports of
// commits returning before they were on disk). Register accounts, kill the server at an
// arbitrary moment, restart it, and check that every acknowledged account signs in.
describe("durability of the embedded database under kill -9", () => {
  const dir = mkdtempSync(join(tmpdir(), "sg-kill-"));
  let child: ChildProcess | null = null;
  afterAll(() => { child?.kill("SIGKILL"); rmSync(dir, { recursive: true, force: true }); });
  const port = 38000 + Math.floor(Math.random() * 1000);

  const start = () => new Promise<void>((resolve, reject) => {
    child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dir, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", JOBS: "off", AUTH_RATE_LIMIT: "100000" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d) => { out += d; if (out.includes("is running at")) resolve(); });
    child.stderr!.on("data", (d) => { out += d; });
    child.on("exit", (code, sig) => { if (!out.includes("is running at")) reject(new Error(`exited ${code ?? sig}: ${out}`)); });
  });
  const post = (path: string, body: unknown) => fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("every acknowledged registration is there after kill -9 and restart", async () => {
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      await start();
      const until = Date.now() + 400 + Math.random() * 800;
      let i = 0;
      // Fire registrations back to back and kill mid-stream, with requests in flight.
      const inflight: Promise<void>[] = [];
      while (Date.now() < until) {
        const login = `k${round}-${i++}@example.com`;
        inflight.push(post("/api/v1/auth/register", { login, password: "Durable#Pass2026", displayName: "K", acceptPolicyVersion: "2026-01" })
          .then((r) => { if (r.status === 201) acknowledged.push(login); }, () => {}));
        if (inflight.length % 4 === 0) await Promise.race(inflight);
      }
      child!.kill("SIGKILL");
      await Promise.allSettled(inflight);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(acknowledged.length).toBeGreaterThan(5);
    await start();
    for (const login of acknowledged) {
      const r = await post("/api/v1/auth/login", { login, password: "Durable#Pass2026" });
      expect(r.status, login).toBe(200);
    }
  }, 120_000);
});
