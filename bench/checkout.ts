// Whole purchases through the HTTP API: cart add → checkout (Idempotency-Key) → payment →
// "pay" on the sandbox gateway, whose signed notification the platform applies before the
// gateway answers 303. Purchases per second and p50/p99 of the whole purchase at 1, 8 and 32
// concurrent buyers (a distinct buyer, with its own address, per slot: F4 screens shared
// addresses), on PostgreSQL and on PGlite (in a temporary folder). Then the oversell check
// (I2): 200 buyers at once for a SKU with exactly 10 units. The stock books and the ledger
// are verified after each database.
// Run: npm run bench:checkout [-- --seconds 5]
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { rowsOf } from "../src/lib/db-types.js";
import { Shopper, type Item } from "../test/support/shopper.js";

interface Load { base: string; buyers: { login: string; token: string; addressId: string }[]; pool: { tea: Item[]; home: Item[] }; seconds?: number; amount?: number; tag: string }
interface LoadResult { purchases: number; elapsedMs: number; latencies: number[]; errors: string[] }

// The load runs on a worker thread, so that driving it does not take the server's turn.
async function drive(load: Load): Promise<LoadResult> {
  const until = performance.now() + (load.seconds ?? 0) * 1000;
  const latencies: number[] = [];
  const errors: string[] = [];
  let started = 0;
  const t0 = performance.now();
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  await Promise.all(load.buyers.map(async (b, slot) => {
    const s = Object.assign(new Shopper(load.base, b.login), { token: b.token, addressId: b.addressId });
    for (let n = 0; load.amount ? started < load.amount : performance.now() < until; n++) {
      started++;
      const t = performance.now();
      try {
        await s.purchase([pick(load.pool.tea), pick(load.pool.home)], `bench-${load.tag}-${slot}-${n}`);
        latencies.push(performance.now() - t);
      } catch (e) {
        errors.push((e as Error).message);
        if (errors.length > 20) return;
      }
    }
  }));
  return { purchases: latencies.length, elapsedMs: performance.now() - t0, latencies, errors };
}

if (!isMainThread) {
  parentPort!.postMessage(await drive(workerData as Load));
} else {
  await main();
}

function onWorker(load: Load): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The worker loads this file again, from TypeScript: it registers the loader first
    // (on Node 20 a worker does not inherit the one tsx registered here).
    const w = new Worker(`import("tsx/esm/api").then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); })`, { eval: true, workerData: load });
    w.once("message", (r: LoadResult) => { resolve(r); void w.terminate(); });
    w.once("error", reject);
  });
}

async function main() {
  const { createPlatform } = await import("../src/server/platform.js");
  const { seedDemo } = await import("../src/demo/seed.js");
  const { ctxFor, systemActor } = await import("../src/server/context.js");
  const { levelFor, receiveIntoBatch, verifyStock } = await import("../src/modules/inventory/index.js");
  const { verifyLedger } = await import("../src/modules/ledger/verify.js");
  const { pgDatabase, pgUrl, secret, seconds } = await import("./support.js");
  const CLIENTS = [1, 8, 32];
  const RUSH = 200;
  const SCARCE = 10;
  // Goods of the demo's platform warehouse: the tea shop's and the home shop's cheaper SKUs
  // (a buyer's daily limit stays far away); CS-8, sold out in the demo, becomes the scarce SKU.
  const TEA = ["OF-500", "BLC-250"];
  const HOME = ["CB-M", "SB-3", "CS-4"];

  interface Row { rate: number; p50: number; p99: number; purchases: number }
  const results: Record<string, Record<string, Row>> = {};
  const checks: string[] = [];
  const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0); };

  for (const kind of ["postgres", "pglite"] as const) {
    const server = kind === "postgres" ? await pgDatabase() : null;
    if (kind === "postgres" && !server) { console.log("postgres: no server at", pgUrl, "- skipped"); continue; }
    const dataDir = kind === "pglite" ? mkdtempSync(join(tmpdir(), "sg-bench-checkout-")) : undefined;
    const p = await createPlatform({ databaseUrl: server?.url, dataDir, appSecret: secret, logLevel: "silent", webDir: null, authRateLimit: 1e9, poolSize: 40 });
    try {
      const t0 = performance.now();
      await seedDemo(p.services);
      const levels = rowsOf<{ productId: string; skuCode: string; warehouseId: string; available: number }>(await p.services.db.execute(sql`
        select l.product_id as "productId", l.sku_code as "skuCode", l.warehouse_id as "warehouseId", (l.on_hand - l.reserved - l.blocked)::int as available
        from stock_levels l join warehouses w on w.id = l.warehouse_id where w.code = 'HZ-01' and l.sku_code in (${sql.join([...TEA, ...HOME, "CS-8"].map((c) => sql`${c}`), sql`, `)})`));
      const level = (code: string) => { const l = levels.find((x) => x.skuCode === code); if (!l) throw new Error(`no ${code} in HZ-01`); return l; };
      const scarce = level("CS-8");
      if (scarce.available > SCARCE) throw new Error(`CS-8 has ${scarce.available} units available, more than ${SCARCE}`);
      const ctx = ctxFor(p.services, systemActor("bench"));
      await p.services.db.transaction(async (tx) => {
        for (const l of [...TEA, ...HOME].map(level)) await receiveIntoBatch(tx, ctx, await levelFor(tx, ctx, l.warehouseId, l.productId, l.skuCode), 1_000_000, { batchNo: "BENCH" }, { type: "receipt", no: "PO-BENCH" });
        if (scarce.available < SCARCE) await receiveIntoBatch(tx, ctx, await levelFor(tx, ctx, scarce.warehouseId, scarce.productId, scarce.skuCode), SCARCE - scarce.available, { batchNo: "BENCH-SCARCE" }, { type: "receipt", no: "PO-BENCH" });
      });
      const item = (code: string): Item => ({ productId: level(code).productId, skuCode: code, quantity: 1 });
      const pool = { tea: TEA.map(item), home: HOME.map(item) };

      const base = await p.app.listen({ port: 0, host: "127.0.0.1" });
      let n = 0;
      const signUp = async (count: number) => {
        const out: Shopper[] = [];
        for (let i = 0; i < count; i += 16) out.push(...(await Promise.all(Array.from({ length: Math.min(16, count - i) }, () => { const k = n++; return new Shopper(base, `bench-${k}@example.com`).signUp(k); }))));
        return out.map((s) => ({ login: s.login, token: s.token, addressId: s.addressId }));
      };
      const buyersOf = await Promise.all([8, ...CLIENTS].map((c) => signUp(c)));
      const rushers = await signUp(RUSH);
      console.log(`${kind}: demo data, stock and ${n} buyers in ${Math.round(performance.now() - t0)} ms`);

      // Unmeasured warm-up: the first requests pay for compiling the server's code paths.
      const warm = await onWorker({ base, buyers: buyersOf[0]!, pool, amount: 80, tag: `${kind}-warm` });
      if (warm.errors.length) throw new Error(`warm-up: ${warm.errors[0]}`);
      const rows: Record<string, Row> = {};
      for (const [i, c] of CLIENTS.entries()) {
        const r = await onWorker({ base, buyers: buyersOf[i + 1]!, pool, seconds, tag: `${kind}-${c}` });
        if (r.errors.length) throw new Error(`${c} buyers: ${r.errors.length} failed purchases, first: ${r.errors[0]}`);
        rows[`${c} buyer${c > 1 ? "s" : ""}`] = { rate: Math.round((r.purchases / r.elapsedMs) * 10_000) / 10, p50: quantile(r.latencies, 0.5), p99: quantile(r.latencies, 0.99), purchases: r.purchases };
      }
      results[kind] = rows;

      // I2: everyone at once for the last units. Exactly SCARCE orders, the rest refused.
      const answers = await Promise.all(rushers.map((b, i) => Object.assign(new Shopper(base, b.login), b).checkout([item("CS-8")], `rush-${kind}-${i}`)));
      const placed = answers.filter((a) => a.status === 201).length;
      const refused = answers.filter((a) => a.status === 409 && a.body?.error?.code === "OUT_OF_STOCK").length;
      const [after] = rowsOf<{ onHand: number; reserved: number; orders: number }>(await p.services.db.execute(sql`
        select l.on_hand as "onHand", l.reserved, (select count(*)::int from order_lines ol join orders o on o.id = ol.order_id where ol.sku_code = 'CS-8' and o.status = 'pending_payment') as orders
        from stock_levels l where l.product_id = ${scarce.productId} and l.sku_code = 'CS-8' and l.warehouse_id = ${scarce.warehouseId}`));
      const books = await verifyStock(p.services.db);
      const ledger = await verifyLedger(p.services.db);
      const [dup] = rowsOf<{ applied: number; duplicate: number }>(await p.services.db.execute(sql`
        select count(*) filter (where outcome = 'applied')::int as applied, count(*) filter (where outcome = 'duplicate')::int as duplicate from payment_notifications`));
      const exact = placed === SCARCE && refused === RUSH - SCARCE && after!.orders === SCARCE && after!.onHand - after!.reserved === 0;
      checks.push(`${kind.padEnd(9)} oversell: ${RUSH} buyers at once for ${SCARCE} units of CS-8 → ${placed} orders placed (201), ${refused} refused OUT_OF_STOCK (409), `
        + `${RUSH - placed - refused} other answers; ${after!.orders} orders in the database, ${after!.onHand - after!.reserved} units left available${exact ? "" : "  <-- WRONG"}`);
      checks.push(`${kind.padEnd(9)} books: ${books.levels} stock levels, ${books.movements} movements, ${books.problems.length} problems; ledger: ${ledger.checked.transactions} transactions, `
        + `${ledger.problems.length} problems; gateway notifications: ${dup!.applied} applied, ${dup!.duplicate} delivered again (duplicates)`);
      if (!exact || books.problems.length || !ledger.ok) process.exitCode = 1;
    } finally {
      await p.close();
      await server?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }

  console.log(`\nWhole purchases (cart add → checkout → payment → sandbox pay with its notification) over HTTP, ${seconds}s per row,`);
  console.log(`one server process, the load on a worker thread, ${cpus().length} CPUs`);
  console.log("database  buyers      purchases/s   p50 ms   p99 ms   purchases");
  for (const [db, rows] of Object.entries(results)) {
    for (const [name, r] of Object.entries(rows)) {
      console.log(`${db.padEnd(9)} ${name.padEnd(11)} ${String(r.rate).padStart(11)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.purchases).padStart(11)}`);
    }
  }
  if (results.pglite && results.postgres) {
    for (const k of Object.keys(results.postgres)) console.log(`ratio postgres/pglite ${k.padEnd(11)} ${(results.postgres[k]!.rate / results.pglite[k]!.rate).toFixed(2)}x`);
  }
  console.log("\nchecks:");
  for (const c of checks) console.log(c);
}
