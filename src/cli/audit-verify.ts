// Walks the audit chain (S3) and reports the first broken row; exits 1 when broken.
import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db.js";
import { verifyAuditChain } from "../modules/audit/index.js";

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const report = await verifyAuditChain(db.db);
await db.close();
if (report.ok) {
  console.log(`audit chain intact: ${report.checked} rows, last seq ${report.lastSeq}`);
} else {
  console.error(`audit chain BROKEN at seq ${report.firstBroken.seq}: ${report.firstBroken.reason} (${report.checked} rows verified before it)`);
  process.exitCode = 1;
}
