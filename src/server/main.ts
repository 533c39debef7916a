import { loadConfig } from "./config.js";
import { isEmpty } from "./db.js";
import { createPlatform } from "./platform.js";
import { demoLoginsText, seedDemo } from "../demo/seed.js";

const config = loadConfig();
const started = Date.now();
const platform = await createPlatform({
  databaseUrl: config.databaseUrl, dataDir: config.dataDir, appSecret: config.appSecret, logLevel: config.logLevel,
  bodyLimit: config.bodyLimit, redisUrl: config.redisUrl, secureCookies: config.production && process.env.COOKIE_SECURE !== "false",
  authRateLimit: config.authRateLimit,
});
const { app, services, jobs } = platform;

// Demo data only ever goes into a fresh embedded database, never into a server database.
if (services.dbKind === "pglite" && !config.production && (await isEmpty(services.db))) {
  app.log.info("empty embedded database: loading demo data");
  await seedDemo(services);
  app.log.info("demo data loaded");
}

await jobs.scheduleRecurring();
if (process.env.JOBS !== "off") jobs.start();
await app.listen({ port: config.port, host: config.host });

const shown = config.host === "0.0.0.0" ? "localhost" : config.host;
console.log(`\nShangguan 商管 is running at http://${shown}:${config.port}  (database: ${services.dbKind}, started in ${Date.now() - started} ms)`);
console.log(`  storefront /   merchant portal /merchant   admin console /admin   API docs /api/docs`);
if (services.dbKind === "pglite" && !config.production) console.log(demoLoginsText() + "\n");

let closing = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    app.log.info({ sig }, "shutting down");
    platform.close().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
  });
}
