import { describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { world } from "../../test/support/world.js";

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
async function redisAnswers() {
  const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  try { await r.connect(); return (await r.ping()) === "PONG"; } catch { return false; } finally { r.disconnect(); }
}

// Redis is optional for the platform; where one answers, the shared limit is proven.
describe.runIf(await redisAnswers())("rate limits shared through Redis", () => {
  it("S6 two API processes with REDIS_URL count one per-IP limit together", async () => {
    const [a, b] = [await world({ authRateLimit: 4, redisUrl }), await world({ authRateLimit: 4, redisUrl })];
    try {
      const attempt = (w: typeof a) => w.http("POST", "/api/v1/auth/login", { body: { login: "nobody@example.com", password: "Whatever#2026" } });
      const statuses = [];
      for (const w of [a, b, a, b, a]) statuses.push((await attempt(w)).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      expect(statuses[4]).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
