import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { inject } from "vitest";
import pg from "pg";
import { newId } from "../../src/lib/ids.js";

// Scale path step 2: several stateless API processes on one PostgreSQL.
describe("two API processes on one PostgreSQL", () => {
  const children: ChildProcess[] = [];
  const name = `sg_nodes_${newId().replace(/-/g, "").slice(-12)}`;
  const base = inject("pgUrl");
  afterAll(async () => {
    for (const c of children) c.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });

  const start = (port: number, url: string) => new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", APP_SECRET: "two-nodes-secret-two-nodes-secret-0123", LOG_LEVEL: "warn", DATA_DIR: `.test-data/${name}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (d) => { out += d; if (out.includes("is running at")) resolve(); });
    child.stderr!.on("data", (d) => { out += d; });
    child.on("exit", (code) => reject(new Error(`node on ${port} exited ${code}: ${out}`)));
  });

  it("both start together on an empty database (migrations serialised), share sessions and lockouts", async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    const [p1, p2] = [39101 + Math.floor(Math.random() * 400), 39601 + Math.floor(Math.random() * 300)];
    await Promise.all([start(p1, u.toString()), start(p2, u.toString())]);
    for (const p of [p1, p2]) {
      const h = await (await fetch(`http://127.0.0.1:${p}/api/health`)).json();
      expect(h).toMatchObject({ status: "ok", database: "postgres" });
    }
    // No demo data on a server database: create the first account directly through node 1's seed-free API.
    const reg = await fetch(`http://127.0.0.1:${p1}/api/v1/auth/register`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "shared@example.com", password: "Common#Pass2026", displayName: "Shared", acceptPolicyVersion: "2026-01" }),
    });
    expect(reg.status).toBe(201);
    const { token } = await reg.json();
    // A session opened on node 1 is valid on node 2; logging out on node 2 ends it on node 1.
    expect((await fetch(`http://127.0.0.1:${p2}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${p2}/api/v1/auth/logout`, { method: "POST", headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
    expect((await fetch(`http://127.0.0.1:${p1}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    // Failed sign-ins on either node count towards one lockout.
    const fail = (p: number) => fetch(`http://127.0.0.1:${p}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login: "shared@example.com", password: "Wrong#Pass2026" }) });
    for (const p of [p1, p2, p1, p2, p1]) expect((await fail(p)).status).toBe(401);
    expect((await fail(p2)).status).toBe(429);
  }, 90_000);
});
