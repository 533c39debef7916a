import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { verifyStock } from "./index.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

// Every inventory write, in both scopes, with bodies a careless or hostile client sends:
// the answer is a 4xx with a code and a message, never a 500, and the books stay whole.
const bodies: [string, unknown][] = [
  ["empty object", {}],
  ["wrong types", { quantity: "lots", lines: "all", warehouseId: 42, reason: ["x"], counts: { a: 1 }, minutes: -5 }],
  ["huge numbers", { quantity: 1e308, lines: [{ productId: "0193a7e0-0000-7000-8000-000000000000", skuCode: "X", quantity: 2 ** 53 }], referenceId: "r", referenceType: "manual" }],
  ["negative quantities", { quantity: -3, lines: [{ productId: "0193a7e0-0000-7000-8000-000000000000", skuCode: "X", quantity: -1 }], referenceId: "r", referenceType: "manual" }],
  ["JSON null", null],
];

describe("I1–I7 bad input to inventory", () => {
  it("I1 I2 I3 I4 I5 I6 every inventory write answers bad input with a 4xx and a stable code, and changes no stock", async () => {
    const spec = (await w.http("GET", "/api/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(spec.paths).filter(([p]) => /^\/api\/v1\/(admin|merchant)\/inventory\//.test(p))
      .flatMap(([p, ops]) => Object.keys(ops).filter((m) => ["post", "put", "patch"].includes(m)).map((m) => [m.toUpperCase(), p] as const));
    expect(writes.length).toBeGreaterThan(20);
    const tokens = { admin: await w.loginAs("warehouse"), merchant: await w.loginAs("owner@tea-house.example") };
    const someId = "0193a7e0-0000-7000-8000-000000000000";
    for (const [method, path] of writes) {
      const token = path.startsWith("/api/v1/admin") ? tokens.admin : tokens.merchant;
      const url = path.replace(/\{[^}]+\}/g, someId);
      for (const [name, body] of bodies) {
        const r = await w.http(method, url, { token, body: body === null ? "null" : body });
        expect(r.status, `${method} ${path} ${name}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${method} ${path} ${name}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
        expect(r.body?.error?.code, `${method} ${path} ${name}`).toMatch(/^[A-Z_]+$/);
      }
    }
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
