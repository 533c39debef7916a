// Creates a platform administrator: how a production installation gets its first account.
//   ADMIN_PASSWORD='…' npm run admin:create -- <login> "<display name>"
import { loadConfig } from "../server/config.js";
import { createPlatform } from "../server/platform.js";
import { ctxFor, systemActor } from "../server/context.js";
import { createAccount } from "../modules/identity/index.js";
import { AppError } from "../server/errors.js";

const [login, displayName = "Administrator"] = process.argv.slice(2);
const password = process.env.ADMIN_PASSWORD;
if (!login || !password) {
  console.error('usage: ADMIN_PASSWORD=\'…\' npm run admin:create -- <login> "<display name>"');
  process.exit(2);
}
const config = loadConfig();
const platform = await createPlatform({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, appSecret: config.appSecret, logLevel: "warn", webDir: null });
try {
  const user = await createAccount(ctxFor(platform.services, systemActor("cli:admin:create")), { kind: "staff", login, displayName, password, roles: ["platform_admin"] });
  console.log(`created platform administrator ${user.login} (${user.id})`);
} catch (e) {
  console.error(e instanceof AppError ? `${e.code}: ${e.message}` : e);
  process.exitCode = 1;
} finally {
  await platform.close();
}
