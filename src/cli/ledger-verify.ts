// Checks the ledger (F3): every transaction balances, escrow per order, captures and refunds; exits 1 on any problem.
import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db.js";
import { verifyLedger } from "../modules/ledger/verify.js";

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const report = await verifyLedger(db.db);
await db.close();
console.log(`ledger: ${report.checked.transactions} transactions, ${report.checked.entries} entries, ${report.checked.payments} payments, ${report.checked.orders} orders checked`);
for (const p of report.problems) console.error(`${p.check}: ${p.detail}`);
if (report.problems.length) process.exitCode = 1;
else console.log("every transaction sums to zero; escrow, captures and refunds agree with the orders and payments");
