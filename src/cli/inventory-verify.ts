// Checks the stock books (I1): levels against movements, batches and reservations; exits 1 on any difference.
import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db.js";
import { verifyStock } from "../modules/inventory/index.js";

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const report = await verifyStock(db.db);
await db.close();
console.log(`stock books: ${report.levels} levels, ${report.batches} batches, ${report.movements} movements checked`);
for (const p of report.problems) console.error(`${p.kind} ${p.id} ${JSON.stringify(p.detail)}`);
if (report.problems.length) process.exitCode = 1;
else console.log("every level is the sum of its movements; batches and reservations agree");
