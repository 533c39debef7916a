// Loads the demo data into an empty database. Refuses production and non-empty databases.
import { loadConfig } from "../server/config.js";
import { isEmpty } from "../server/db.js";
import { createPlatform } from "../server/platform.js";
import { demoLoginsText, seedDemo } from "../demo/seed.js";

const config = loadConfig();
if (config.production) {
  console.error("Refusing to load demo data with NODE_ENV=production.");
  process.exit(1);
}
const platform = await createPlatform({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, appSecret: config.appSecret, logLevel: "warn", webDir: null });
try {
  if (!(await isEmpty(platform.services.db))) {
    console.error("Refusing to load demo data: the database already has accounts.");
    process.exitCode = 1;
  } else {
    await seedDemo(platform.services);
    console.log(demoLoginsText());
  }
} finally {
  await platform.close();
}
