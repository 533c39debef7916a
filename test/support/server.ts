import { createPlatform } from "../../src/server/platform.js";
import { seedDemo } from "../../src/demo/seed.js";
import { TEST_SECRET } from "./world.js";

// A real server on a random port over a fresh in-memory database with the demo data,
// serving the built web app: what the browser tests drive.
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const platform = await createPlatform({ appSecret: TEST_SECRET, logLevel: "warn", authRateLimit: 10_000 });
  await seedDemo(platform.services);
  const address = await platform.app.listen({ port: 0, host: "127.0.0.1" });
  return { url: address, close: () => platform.close() };
}
