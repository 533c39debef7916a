import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../test/support/world.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

describe("HTTP foundation", () => {
  it("answers health with the database kind", async () => {
    const r = await w.http("GET", "/api/health");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "ok", database: w.services.dbKind });
  });

  it("publishes OpenAPI 3.1 with a security requirement on every operation", async () => {
    const r = await w.http("GET", "/api/openapi.json");
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe("3.1.0");
    const ops = Object.entries(r.body.paths as Record<string, Record<string, any>>).flatMap(([path, m]) => Object.entries(m).map(([verb, op]) => ({ path, verb, op })));
    expect(ops.length).toBeGreaterThan(25);
    for (const { path, verb, op } of ops) {
      expect(op["x-permission"], `${verb} ${path}`).toBeTruthy();
      expect(Array.isArray(op.security), `${verb} ${path}`).toBe(true);
      if (op["x-permission"] === "public") expect(op.security).toEqual([]);
      else expect(op.security.length).toBeGreaterThan(0);
    }
  });

  it("serves readable API docs", async () => {
    const r = await w.http("GET", "/api/docs/");
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain("swagger");
  });

  it("S6 sets security headers, no CORS, and a request id", async () => {
    const r = await w.http("GET", "/api/health", { headers: { origin: "https://evil.example", "x-request-id": "req-123" } });
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(r.headers["access-control-allow-origin"]).toBeUndefined();
    expect(r.headers["x-request-id"]).toBe("req-123");
    const generated = await w.http("GET", "/api/health", { headers: { "x-request-id": "bad id with spaces" } });
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("exposes Prometheus metrics", async () => {
    await w.http("GET", "/api/health");
    const r = await w.http("GET", "/metrics");
    expect(r.status).toBe(200);
    expect(String(r.headers["content-type"])).toContain("text/plain");
    expect(String(r.body)).toContain("http_requests_total");
  });

  describe("S6 bad input gets a 4xx with a stable code, never a 500", () => {
    const cases: [string, string, string, Record<string, unknown>, number, string][] = [
      ["malformed JSON", "POST", "/api/v1/auth/login", { raw: '{"login":' }, 400, "MALFORMED_JSON"],
      ["unknown field", "POST", "/api/v1/auth/login", { body: { login: "admin", password: "x", role: "admin" } }, 400, "VALIDATION_FAILED"],
      ["wrong type", "POST", "/api/v1/auth/login", { body: { login: 12, password: true } }, 400, "VALIDATION_FAILED"],
      ["missing body", "POST", "/api/v1/auth/login", {}, 400, "VALIDATION_FAILED"],
      ["array instead of object", "POST", "/api/v1/auth/login", { body: [1, 2] }, 400, "VALIDATION_FAILED"],
      ["oversized body", "POST", "/api/v1/auth/login", { raw: JSON.stringify({ login: "a".repeat(2_000_000), password: "x" }) }, 413, "BODY_TOO_LARGE"],
      ["unknown route", "GET", "/api/v1/nothing-here", {}, 404, "ROUTE_NOT_FOUND"],
      ["prototype pollution", "POST", "/api/v1/auth/login", { raw: '{"login":"a","password":"b","__proto__":{"admin":true}}' }, 400, "MALFORMED_JSON"],
      ["JSON null", "POST", "/api/v1/auth/login", { raw: "null" }, 400, "VALIDATION_FAILED"],
      ["deeply nested", "POST", "/api/v1/auth/login", { raw: "[".repeat(5000) + "]".repeat(5000) }, 400, "VALIDATION_FAILED"],
      ["string too long", "POST", "/api/v1/auth/login", { body: { login: "x".repeat(300), password: "y" } }, 400, "VALIDATION_FAILED"],
    ];
    for (const [name, method, url, o, status, code] of cases) {
      it(name, async () => {
        const r = await w.http(method, url, { body: o.raw ?? o.body });
        expect(r.status).toBe(status);
        expect(r.body.error.code).toBe(code);
        expect(r.body.error.message).toMatch(/\w/);
        expect(JSON.stringify(r.body)).not.toMatch(/at \w+ \(|node_modules/);
      });
    }

    it("a body that is not JSON", async () => {
      const r = await w.http("POST", "/api/v1/auth/login", { body: "login=admin&password=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(r.status).toBe(415);
      expect(r.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    });

    it("bad ids in the path", async () => {
      const token = await w.loginAs("admin");
      for (const id of ["not-a-uuid", "1", "'%20or%201=1", "00000000-0000-0000-0000-00000000000g"]) {
        const r = await w.http("GET", `/api/v1/admin/users/${id}`, { token });
        expect(r.status, id).toBe(400);
        expect(r.body.error.code).toBe("VALIDATION_FAILED");
      }
      const missing = await w.http("GET", "/api/v1/admin/users/0193a7e0-0000-7000-8000-000000000000", { token });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("NOT_FOUND");
    });

    it("bad query values", async () => {
      const token = await w.loginAs("admin");
      for (const q of ["limit=0", "limit=abc", "limit=100000", "kind=robot", "from=yesterday-ish"]) {
        const url = q.startsWith("from") ? `/api/v1/admin/audit?${q}` : `/api/v1/admin/users?${q}`;
        const r = await w.http("GET", url, { token });
        expect(r.status, q).toBe(400);
        expect(r.body.error.code).toBe("VALIDATION_FAILED");
      }
    });
  });
});
