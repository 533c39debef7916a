// The whole trade loop, 1 000 orders, on the embedded database, through the HTTP API as the
// screens drive it: buyers check out and pay on the sandbox gateway, shops ship with waybills,
// the tracking aggregator pushes signed deliveries, buyers confirm or the rule confirms for
// them, escrow goes to the shops less commission, statements are issued and paid out, and
// each day's gateway statement is reconciled. The clock is the platform's own (moved, not
// waited for): the ship-by and auto-confirm jobs run at their deadlines.
// Prints orders per second by stage, the ledger totals and the ship-by (O5) figures; exits
// non-zero when a check fails.
// Run: npm run demo:trade [-- --orders 1000]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { FakeClock } from "../src/lib/clock.js";
import { rowsOf } from "../src/lib/db-types.js";
import { seedDemo } from "../src/demo/seed.js";
import { levelFor, receiveIntoBatch, verifyStock } from "../src/modules/inventory/index.js";
import { accountBalances } from "../src/modules/ledger/service.js";
import { verifyLedger } from "../src/modules/ledger/verify.js";
import { pushSalt } from "../src/modules/logistics/tracking.js";
import { pushBody } from "../src/modules/logistics/tracking/push.js";
import { autoConfirmDue } from "../src/modules/orders/receipt.js";
import { flagOverdueShipping } from "../src/modules/orders/sla.js";
import { ctxFor, systemActor } from "../src/server/context.js";
import { createPlatform } from "../src/server/platform.js";
import { call, expectStatus, Shopper, type Item } from "../test/support/shopper.js";

const ORDERS = Number(process.argv[process.argv.indexOf("--orders") + 1]) || 1000;
const BUYERS = 20;
const CONCURRENCY = 8;
const LATE_SHARE = 0.05;
const CONFIRM_SHARE = 0.6;
const PASSWORD = "Shangguan@2026";

const dataDir = mkdtempSync(join(tmpdir(), "sg-demo-trade-"));
// Monday 09:00 in Shanghai, a few days into a month: the statement period closes later in the run.
const clock = new FakeClock("2026-11-02T09:00:00+08:00");
const p = await createPlatform({ dataDir, appSecret: "demo-trade-secret-demo-trade-secret-0001", clock, logLevel: "silent", webDir: null, authRateLimit: 1e9 });
const failures: string[] = [];
const check = (ok: boolean, what: string) => { if (!ok) failures.push(what); return ok; };
const stages: { name: string; count: number; ms: number }[] = [];
async function stage<T>(name: string, count: number, f: () => Promise<T>) {
  const t = performance.now();
  const out = await f();
  stages.push({ name, count, ms: performance.now() - t });
  console.log(`  ${name}: ${count} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}
// A fixed number of workers take items off a shared list: at most CONCURRENCY requests at once.
async function pool<T>(items: T[], f: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < items.length) { const i = next++; await f(items[i]!, i); } }));
}
const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await p.services.db.execute(query));

try {
  const base = await p.app.listen({ port: 0, host: "127.0.0.1" });
  console.log(`Shangguan trade loop: ${ORDERS} orders on the embedded database (${dataDir})`);
  await seedDemo(p.services);
  const signIn = async (who: string, password = PASSWORD) =>
    expectStatus(await call(base, "POST", "/api/v1/auth/login", { body: { login: who, password } }), [200], `login ${who}`).body as { token: string; user: { id: string; merchantId: string | null } };
  const login = async (who: string) => (await signIn(who)).token;

  // Plenty of one cheap SKU of each shop in the platform warehouse, in one batch each.
  const skus = await q<{ productId: string; skuCode: string; warehouseId: string; merchantId: string }>(sql`
    select distinct on (p.merchant_id) l.product_id as "productId", l.sku_code as "skuCode", l.warehouse_id as "warehouseId", p.merchant_id as "merchantId"
    from stock_levels l join products p on p.id = l.product_id join warehouses w on w.id = l.warehouse_id
    where p.status = 'listed' and w.merchant_id is null and l.sku_code in ('OF-500', 'CB-M') order by p.merchant_id, l.sku_code`);
  if (skus.length < 2) throw new Error("the demo data has no OF-500 and CB-M in a platform warehouse");
  const ctx = ctxFor(p.services, systemActor("demo:trade"));
  await p.services.db.transaction(async (tx) => {
    for (const s of skus) await receiveIntoBatch(tx, ctx, await levelFor(tx, ctx, s.warehouseId, s.productId, s.skuCode), ORDERS * 2, { batchNo: `DEMO-${s.skuCode}` }, { type: "receipt", no: "PO-DEMO" });
  });
  const items: Item[] = skus.map((s) => ({ productId: s.productId, skuCode: s.skuCode, quantity: 1 }));

  // Carrier agreements: what the platform negotiated, so that shipments carry a promise (L1).
  const warehouseStaff = await login("warehouse");
  const carrierList = expectStatus(await call(base, "GET", "/api/v1/admin/carriers", { token: warehouseStaff }), [200], "carriers").body.items as { id: string; code: string; agreement: unknown }[];
  const sf = carrierList.find((c) => c.code === "shunfeng")!;
  const yt = carrierList.find((c) => c.code === "yuantong")!;
  for (const [c, hours, first] of [[sf, 48, 1200], [yt, 72, 800]] as const) {
    if (c.agreement) continue;
    expectStatus(await call(base, "POST", `/api/v1/admin/carriers/${c.id}/agreements`, {
      token: warehouseStaff,
      body: { validFrom: "2026-01-01", validUntil: "2027-12-31", terms: { serviceLevels: [{ provinces: [], hours }], price: { firstGrams: 1000, firstFen: first, extraGrams: 1000, extraFen: 400 }, coverage: [], claimLimitFen: 50_000 } },
    }), [201], "agreement");
  }

  // ---- buyers pay ----------------------------------------------------------------------
  const buyers = await Promise.all(Array.from({ length: BUYERS }, (_, i) => new Shopper(base, `demo-trade-${i}@example.com`).signUp(i)));
  const checkouts = Math.ceil(ORDERS / items.length);
  await stage("checkout + payment (orders)", checkouts * items.length, () => pool(Array.from({ length: checkouts }, (_, i) => i), async (i) => {
    await buyers[i % BUYERS]!.purchase(items, `demo-trade-${i}`, false);
    if (i % 50 === 49) clock.advance({ minutes: 5 });
  }));
  // This run's orders, not the demo data's own.
  const ours = sql`checkout_id in (select id from checkouts where idempotency_key like 'demo-trade-%')`;
  const paid = await q<{ id: string; merchantId: string; buyerId: string; no: string }>(sql`select id, merchant_id as "merchantId", buyer_id as "buyerId", no from orders where status = 'paid' and ${ours} order by no`);
  check(paid.length === checkouts * items.length, `${paid.length} orders paid, ${checkouts * items.length} expected`);

  // ---- shops ship: most within the day, a few too late ------------------------------------
  clock.advance({ hours: 20 });
  const owners = new Map<string, string>();
  for (const who of ["owner@tea-house.example", "owner@bamboo.example"]) owners.set((await signIn(who)).user.merchantId!, who);
  const tokens = new Map<string, string>();
  const merchantToken = async (merchantId: string) => {
    let t = tokens.get(merchantId);
    if (!t) { t = await login(owners.get(merchantId)!); tokens.set(merchantId, t); }
    return t;
  };
  // Orders come in pairs, one per shop: late ones are taken pairwise so both shops have some.
  const late = new Set(paid.filter((_, i) => i % (2 * Math.round(1 / LATE_SHARE)) < 2).map((o) => o.id));
  let waybill = 0;
  const waybillOf = new Map<string, { code: string; no: string }>();
  const ship = async (o: (typeof paid)[number]) => {
    const n = ++waybill;
    const useSf = n % 2 === 0;
    const no = useSf ? `SF${String(1_000_000_000_000 + n)}` : `YT${String(2_000_000_000_000 + n)}`;
    expectStatus(await call(base, "POST", `/api/v1/merchant/orders/${o.id}/shipments`, { token: await merchantToken(o.merchantId), body: { carrierId: useSf ? sf.id : yt.id, trackingNo: no } }), [201], `ship ${o.no}`);
    waybillOf.set(o.id, { code: useSf ? "shunfeng" : "yuantong", no });
  };
  const onTime = paid.filter((o) => !late.has(o.id));
  await stage("shipping within 72 h (orders)", onTime.length, () => pool(onTime, ship));
  clock.advance({ hours: 53 });
  await stage("ship-by job at the deadline (orders flagged)", late.size, () => flagOverdueShipping(p.services));
  const [flagged] = await q<{ n: number }>(sql`select count(*)::int as n from orders where ship_overdue_at is not null and ${ours}`);
  check(flagged!.n === late.size, `${flagged!.n} orders flagged overdue, ${late.size} expected`);
  tokens.clear();
  const lateOnes = paid.filter((o) => late.has(o.id));
  await stage("late shipping (orders)", lateOnes.length, () => pool(lateOnes, ship));

  // ---- the carriers deliver; the aggregator pushes ----------------------------------------
  clock.advance({ hours: 30 });
  const salt = pushSalt(p.services);
  await stage("signed delivery callbacks (orders)", paid.length, () => pool(paid, async (o) => {
    const w = waybillOf.get(o.id)!;
    const at = clock.now();
    const body = pushBody({ carrierCode: w.code, trackingNo: w.no, state: "3", events: [
      { at: new Date(at.getTime() - 20 * 3_600_000), text: "快件已揽收", status: "揽收" },
      { at: new Date(at.getTime() - 2 * 3_600_000), text: "快件正在派送中", status: "派件" },
      { at, text: "快件已签收，签收人：本人", status: "签收" },
    ] }, salt);
    const r = await fetch(`${base}/api/v1/logistics/tracking/push`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    const answer = await r.json() as { result: boolean };
    if (!answer.result) throw new Error(`push ${w.no}: ${JSON.stringify(answer)}`);
  }));

  // ---- buyers confirm; the rest are confirmed by the rule --------------------------------
  clock.advance({ days: 2 });
  const buyerTokens = new Map<string, string>();
  await Promise.all(buyers.map(async (b) => {
    const me = await signIn(b.login, "Shopper#Pass2026");
    buyerTokens.set(me.user.id, me.token);
  }));
  const confirming = paid.filter((_, i) => i % 10 < CONFIRM_SHARE * 10);
  await stage("buyer confirms receipt (orders)", confirming.length, () => pool(confirming, async (o) => {
    expectStatus(await call(base, "POST", `/api/v1/me/orders/${o.id}/confirm-receipt`, { token: buyerTokens.get(o.buyerId) }), [200], `confirm ${o.no}`);
  }));
  clock.advance({ days: 9 });
  const auto = await stage("auto-confirm job after 10 days (orders)", paid.length - confirming.length, async () => {
    let confirmed = 0;
    for (;;) { const r = await autoConfirmDue(p.services); confirmed += r.confirmed; if (!r.confirmed) break; }
    return confirmed;
  });
  const [completed] = await q<{ n: number }>(sql`select count(*)::int as n from orders where status = 'completed' and ${ours}`);
  check(completed!.n === paid.length, `${completed!.n} of this run's ${paid.length} orders completed after the auto-confirm job (${auto} confirmed by it, the demo's own included)`);

  // ---- month end: statements, payouts, reconciliation ------------------------------------
  clock.set("2026-12-01T02:00:00+08:00");
  const finance = await login("finance");
  await stage("statements issued (orders)", paid.length, async () => expectStatus(await call(base, "POST", "/api/v1/admin/statements/issue", { token: finance, body: {} }), [200, 201], "issue"));
  type Statement = { id: string; no: string; merchantId: string; closingFen: number; netFen: number; commissionFen: number; orders: number; status: string };
  const listStatements = async () => expectStatus(await call(base, "GET", "/api/v1/admin/statements", { token: finance }), [200], "statements").body.items as Statement[];
  let statements = await listStatements();
  // A shop's latest statement carries its earlier open ones: that is the one paid out.
  const latest = new Map<string, Statement>();
  for (const s of statements) if (!latest.has(s.merchantId) || latest.get(s.merchantId)!.no < s.no) latest.set(s.merchantId, s);
  for (const s of [...latest.values()].filter((x) => x.status === "issued" && x.closingFen > 0)) {
    expectStatus(await call(base, "POST", "/api/v1/admin/payouts", { token: finance, body: { statementId: s.id, requestKey: `demo-trade-${s.no}` } }), [200, 201], `payout ${s.no}`);
  }
  statements = await listStatements();
  const days = await q<{ day: string }>(sql`select distinct to_char(paid_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day from payments where paid_at is not null order by 1`);
  const recon: { day: string; status: string; differences: number; matched: number }[] = [];
  for (const { day } of days) {
    const r = expectStatus(await call(base, "POST", "/api/v1/admin/reconciliation/run", { token: finance, body: { provider: "sandbox", day } }), [200, 201], `reconcile ${day}`).body;
    recon.push({ day, status: r.status ?? r.run?.status, differences: r.differences ?? r.run?.differences, matched: r.matched ?? r.run?.matched });
  }

  // ---- figures -----------------------------------------------------------------------------
  const sla = expectStatus(await call(base, "GET", "/api/v1/admin/sla/shipping?from=2026-11-01&to=2026-11-30", { token: await login("operations") }), [200], "sla").body;
  const balances = await accountBalances(p.services.db);
  const sum = (prefix: string) => balances.filter((b) => b.code.startsWith(prefix)).reduce((n, b) => n + b.balanceFen, 0);
  const [done] = await q<{ completed: number; paidFen: string; releases: number; released: string; commission: string }>(sql`
    select count(*) filter (where o.status = 'completed')::int as completed, coalesce(sum(o.total_fen), 0) as "paidFen", count(r.id)::int as releases,
      coalesce(sum(r.released_fen), 0) as released, coalesce(sum(r.commission_fen), 0) as commission
    from orders o left join escrow_releases r on r.order_id = o.id where ${ours}`);
  const ledger = await verifyLedger(p.services.db);
  const books = await verifyStock(p.services.db);
  const yuan = (f: number) => `¥${(f / 100).toFixed(2)}`;

  console.log("\nstage                                            orders    seconds   orders/s");
  for (const s of stages) console.log(`${s.name.padEnd(48)} ${String(s.count).padStart(6)} ${(s.ms / 1000).toFixed(1).padStart(10)} ${(s.count / (s.ms / 1000)).toFixed(1).padStart(10)}`);
  const total = stages.reduce((n, s) => n + s.ms, 0);
  console.log(`${"whole loop".padEnd(48)} ${String(paid.length).padStart(6)} ${(total / 1000).toFixed(1).padStart(10)} ${(paid.length / (total / 1000)).toFixed(1).padStart(10)}`);

  console.log("\nledger totals (debit +, credit −)");
  for (const [name, prefix] of [["provider clearing", "provider_clearing"], ["buyer clearing", "buyer_clearing"], ["escrow", "escrow"], ["refunds payable", "refunds_payable"], ["merchant payable", "merchant_payable"], ["platform commission", "platform_commission"]] as const) {
    console.log(`  ${name.padEnd(22)} ${yuan(sum(prefix)).padStart(16)}`);
  }
  console.log(`  ${"sum of all accounts".padEnd(22)} ${yuan(balances.reduce((n, b) => n + b.balanceFen, 0)).padStart(16)}`);
  console.log(`  completed orders ${done!.completed}, escrow releases ${done!.releases}, released ${yuan(Number(done!.released))}, commission ${yuan(Number(done!.commission))}`);
  console.log(`  statements ${statements.length}: ${statements.map((s) => `${s.no} ${s.orders} orders net ${yuan(s.netFen)} ${s.status}`).join("; ")}`);
  console.log(`  reconciliation: ${recon.map((r) => `${r.day} ${r.status} (${r.matched} matched, ${r.differences} differences)`).join("; ")}`);
  console.log(`  ledger:verify ${ledger.ok ? "ok" : "FAILED"} (${ledger.checked.transactions} transactions); stock books ${books.problems.length ? "FAILED" : "ok"} (${books.movements} movements)`);

  console.log(`\nship-by SLA (O5, ${sla.shipByHours} h)`);
  console.log(`  paid ${sla.totals.paid}, on time ${sla.totals.onTime}, late ${sla.totals.late}, overdue and open ${sla.totals.overdueOpen}, compliance ${(sla.totals.rate * 100).toFixed(1)}%`);
  for (const s of sla.shops) console.log(`  ${s.merchantName.padEnd(36)} paid ${String(s.paid).padStart(5)}  on time ${String(s.onTime).padStart(5)}  late ${String(s.late).padStart(4)}  ${(s.rate * 100).toFixed(1)}%`);

  check(ledger.ok, `ledger: ${ledger.problems.map((x) => x.detail).slice(0, 3).join("; ")}`);
  check(!books.problems.length, `stock books: ${books.problems.length} problems`);
  check(Number(done!.released) === Number(done!.paidFen), `escrow released ${yuan(Number(done!.released))} of the ${yuan(Number(done!.paidFen))} paid for this run's orders`);
  check(done!.completed === paid.length, `${done!.completed} orders completed of ${paid.length}`);
  check(recon.every((r) => r.differences === 0), "reconciliation found differences");
  check(sla.totals.late === late.size, `SLA board counts ${sla.totals.late} late, ${late.size} shipped late`);
} catch (e) {
  failures.push((e as Error).stack ?? String(e));
} finally {
  await p.close();
  rmSync(dataDir, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`\nFAILED:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("\nall checks passed");
