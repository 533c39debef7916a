// Applies pending migrations to DATABASE_URL (or the embedded database in DATA_DIR).
import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db.js";

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await db.migrate();
console.log(`migrations applied (${db.kind})`);
await db.close();
