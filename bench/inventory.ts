// I2 reservations under load: POST /admin/inventory/reservations (one line of 1 unit, a
// fresh reference each time) through the whole HTTP stack, at 1, 8 and 32 concurrent
// clients, on one hot SKU (every hold queues on the same row lock) and spread over 1 000
// SKUs, on PGlite and PostgreSQL. A last row drains a scarce SKU (--scarce units) at 32
// clients: exactly that many holds may succeed, the rest are refused OUT_OF_STOCK.
// After each database the books are verified (I1).
// Run: npm run bench:inventory [-- --seconds 5 --skus 1000 --scarce 500]
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../src/lib/db-types.js";
import { newId } from "../src/lib/ids.js";
import { ctxFor, systemActor } from "../src/server/context.js";
import { createPlatform } from "../src/server/platform.js";
import { createAccount } from "../src/modules/identity/index.js";
import { merchants } from "../src/modules/merchants/schema.js";
import { categories, products, productVersions, type ProductContent } from "../src/modules/catalog/schema.js";
import { levelFor, receiveIntoBatch, verifyStock } from "../src/modules/inventory/index.js";
import { stockLevels, stockReservations, warehouses } from "../src/modules/inventory/schema.js";
import { pgDatabase, pgUrl, secret, seconds } from "./support.js";

const argN = (name: string, d: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || d;
const SKUS = argN("skus", 1_000);
const SCARCE = argN("scarce", 500);
const CLIENTS = [1, 8, 32];
const setupRequest = fileURLToPath(new URL("./inventory-request.cjs", import.meta.url));

interface Row { rps: number; p50: number; p99: number; succeeded: number; refused: number }
type Line = { productId: string; skuCode: string; quantity: 1; warehouseId: string };

// One shop with SKUS products of one SKU each, a platform warehouse, and stock for each:
// plenty (so a timed run never runs dry), and one scarce SKU.
async function seedStock(db: Db, s: Parameters<typeof ctxFor>[0]) {
  const ctx = ctxFor(s, systemActor("bench"));
  const now = new Date();
  const merchantId = newId();
  await db.insert(merchants).values({ id: merchantId, name: "压测商铺 Bench Shop", createdAt: now });
  const [category] = await db.select().from(categories).limit(1);
  const ids: string[] = [];
  for (let i = 0; i <= SKUS; i += 500) {
    const rows = [];
    const versions = [];
    for (let j = i; j < Math.min(SKUS + 1, i + 500); j++) {
      const id = newId();
      const versionId = newId();
      const content: ProductContent = {
        title: `压测商品 ${j}`, categoryId: category!.id, description: "bench", attributes: {}, material: null, functions: null, usage: null, afterSales: "七日无理由退货", origin: "杭州",
        productionDate: null, shelfLifeDays: null, images: [], supplierId: null, skus: [{ code: `B${j}`, options: {}, priceFen: 1000, barcode: null, weightGrams: 100 }],
      };
      ids.push(id);
      versions.push({ id: versionId, productId: id, number: 1, content, status: "approved" as const, createdAt: now, updatedAt: now });
      rows.push({ id, merchantId, status: "listed" as const, liveVersionId: versionId, title: content.title, categoryId: category!.id, minPriceFen: 1000, maxPriceFen: 1000, createdAt: now, updatedAt: now });
    }
    await db.insert(products).values(rows);
    await db.insert(productVersions).values(versions);
  }
  const warehouseId = newId();
  await db.insert(warehouses).values({ id: warehouseId, code: "BENCH-01", name: "压测仓", createdAt: now, updatedAt: now });
  const lineOf = (j: number): Line => ({ productId: ids[j]!, skuCode: `B${j}`, quantity: 1, warehouseId });
  // Product 0 is the hot SKU, product SKUS the scarce one, 1..SKUS-1 plus 0 the spread.
  for (let j = 0; j <= SKUS; j += 100) {
    await db.transaction(async (tx) => {
      for (let k = j; k < Math.min(SKUS + 1, j + 100); k++) {
        const level = await levelFor(tx, ctx, warehouseId, ids[k]!, `B${k}`);
        await receiveIntoBatch(tx, ctx, level, k === SKUS ? SCARCE : k === 0 ? 10_000_000 : 1_000_000, { batchNo: "BENCH" }, { type: "receipt", no: "PO-BENCH" });
      }
    });
  }
  await db.execute(sql`analyze`);
  return { hot: [lineOf(0)], spread: Array.from({ length: SKUS }, (_, j) => lineOf(j)), scarce: [lineOf(SKUS)], warehouseId };
}

const activeHolds = async (db: Db) => (await db.select({ n: sql<number>`count(*)::int` }).from(stockReservations).where(eq(stockReservations.status, "active")))[0]!.n;

// Succeeded counts the holds the database made: a timed run stops counting answers with
// requests still in flight, which finish after it.
async function reserveLoad(db: Db, url: string, token: string, lines: Line[], connections: number, opts: { amount?: number } = {}): Promise<Row> {
  process.env.BENCH_RESERVE_LINES = JSON.stringify(lines);
  const before = await activeHolds(db);
  const r = await autocannon({
    url: `${url}/api/v1/admin/inventory/reservations`, connections, workers: 1, ...(opts.amount ? { amount: opts.amount } : { duration: seconds }),
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    requests: [{ method: "POST", path: "/api/v1/admin/inventory/reservations", setupRequest }],
  });
  const count = (code: number) => r.statusCodeStats?.[String(code) as keyof typeof r.statusCodeStats]?.count ?? 0;
  const refused = count(409);
  const other = r.requests.sent - count(201) - refused;
  if (r.errors || other > connections) throw new Error(`reservations: ${r.errors} errors, ${other} answers neither 201 nor 409 (${JSON.stringify(r.statusCodeStats)})`);
  await new Promise((done) => setTimeout(done, 500));
  const succeeded = (await activeHolds(db)) - before;
  if (opts.amount && succeeded !== count(201)) throw new Error(`${succeeded} holds made but ${count(201)} answered 201`);
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, succeeded, refused };
}

const results: Record<string, Record<string, Row>> = {};
const checks: string[] = [];
for (const kind of ["pglite", "postgres"] as const) {
  const server = kind === "postgres" ? await pgDatabase() : null;
  if (kind === "postgres" && !server) { console.log("postgres: no server at", pgUrl, "- skipped"); continue; }
  const p = await createPlatform({ databaseUrl: server?.url, appSecret: secret, logLevel: "silent", webDir: null, authRateLimit: 1e9, poolSize: 40 });
  const t0 = performance.now();
  const stock = await seedStock(p.services.db, p.services);
  console.log(`${kind}: ${SKUS + 1} SKUs stocked in ${Math.round(performance.now() - t0)} ms`);
  await createAccount(ctxFor(p.services, systemActor("bench")), { kind: "staff", login: "bench-warehouse", displayName: "压测仓管", password: "Bench#Pass2026", roles: ["warehouse"] });
  const base = await p.app.listen({ port: 0, host: "127.0.0.1" });
  const login = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login: "bench-warehouse", password: "Bench#Pass2026" }) });
  const { token } = (await login.json()) as { token: string };
  // Unmeasured warm-up: the first requests pay for compiling the server's code paths.
  await reserveLoad(p.services.db, base, token, stock.spread, 8, { amount: 300 });
  const rows: Record<string, Row> = {};
  for (const c of CLIENTS) rows[`hot SKU, ${c} clients`] = await reserveLoad(p.services.db, base, token, stock.hot, c);
  for (const c of CLIENTS) rows[`${SKUS} SKUs, ${c} clients`] = await reserveLoad(p.services.db, base, token, stock.spread, c);
  // Four times the scarce stock in requests: the guard must stop at exactly SCARCE.
  const scarce = await reserveLoad(p.services.db, base, token, stock.scarce, 32, { amount: SCARCE * 4 });
  rows[`scarce ${SCARCE}, 32 clients`] = scarce;
  results[kind] = rows;

  const [level] = await p.services.db.select().from(stockLevels).where(and(eq(stockLevels.productId, stock.scarce[0]!.productId), eq(stockLevels.warehouseId, stock.warehouseId)));
  const books = await verifyStock(p.services.db);
  const exact = level!.reserved === SCARCE && scarce.succeeded === SCARCE && scarce.refused === SCARCE * 3;
  checks.push(`${kind.padEnd(9)} scarce SKU: ${level!.reserved} of ${level!.onHand} held, ${scarce.succeeded} answered 201, ${scarce.refused} answered 409 OUT_OF_STOCK${exact ? "" : "  <-- WRONG"}; `
    + `books: ${books.levels} levels, ${books.movements} movements, ${books.problems.length} problems`);
  if (books.problems.length || !exact) process.exitCode = 1;
  await p.close();
  await server?.drop();
}

console.log(`\nReservations through POST /api/v1/admin/inventory/reservations, ${seconds}s per timed row, one process (load on a worker thread), ${(await import("node:os")).cpus().length} CPUs`);
console.log("database  scenario                   holds/s   p50 ms   p99 ms   succeeded   refused");
for (const [db, rows] of Object.entries(results)) {
  for (const [name, r] of Object.entries(rows)) {
    console.log(`${db.padEnd(9)} ${name.padEnd(24)} ${String(r.rps).padStart(9)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.succeeded).padStart(11)} ${String(r.refused).padStart(9)}`);
  }
}
if (results.pglite && results.postgres) {
  for (const k of Object.keys(results.postgres)) if (!k.startsWith("scarce")) console.log(`ratio postgres/pglite ${k.padEnd(24)} ${(results.postgres[k]!.rps / results.pglite[k]!.rps).toFixed(2)}x`);
}
console.log("\nchecks:");
for (const c of checks) console.log(c);
