import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { FakeClock } from "../../src/lib/clock.js";
import { rowsOf } from "../../src/lib/db-types.js";
import { ctxFor, systemActor } from "../../src/server/context.js";
import { createPlatform, type Platform } from "../../src/server/platform.js";
import { seedDemo } from "../../src/demo/seed.js";
import { DEMO_PLATFORM_WAREHOUSE } from "../../src/demo/inventory.js";
import { levelFor, receiveIntoBatch, releaseExpiredReservations, verifyStock } from "../../src/modules/inventory/index.js";
import { cancelOverdueOrders } from "../../src/modules/orders/cancel.js";
import { deliverDue } from "../../src/modules/payments/sandbox/gateway.js";
import { verifyLedger } from "../../src/modules/ledger/verify.js";
import { freshPostgresDatabase } from "../support/world.js";
import { call, NoAnswer, Shopper, type Answer, type Item } from "../support/shopper.js";

// Durability is proven, not assumed: the production server is killed with SIGKILL at random
// moments while buyers check out and pay, restarted, killed again, until 1 000 checkouts
// were acknowledged. Every retry after a kill reuses its Idempotency-Key. Then the
// database itself is read: what the server acknowledged is there, once, with its stock
// hold; money the gateway took is in the books; holds end with their orders.
const TARGET = Number(process.env.CRASH_CHECKOUTS ?? 1000);
const SLOTS = 8;
const BUYERS = 16;
const SECRET = "crash-secret-crash-secret-crash-secret-0123";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The server as `npm start` runs it (tsx, src/server/main.ts), in production mode, jobs on.
function serverProcess(databaseUrl: string, port: number) {
  let child: ChildProcess | null = null;
  let exited = Promise.resolve();
  let log = "";
  return {
    get log() { return log.slice(-4000); },
    start: () => new Promise<void>((resolve, reject) => {
      const c = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, APP_SECRET: SECRET, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", AUTH_RATE_LIMIT: "100000" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = c;
      let up = false;
      const take = (d: Buffer) => {
        log = (log + d).slice(-20_000);
        if (!up && log.includes("is running at")) { up = true; resolve(); }
      };
      c.stdout!.on("data", take);
      c.stderr!.on("data", take);
      exited = new Promise((done) => c.on("exit", (code, sig) => { if (!up) reject(new Error(`server exited (${code ?? sig}) before it was up:\n${log}`)); done(); }));
    }),
    async kill() {
      child?.kill("SIGKILL");
      await exited;
      child = null;
    },
  };
}

const one = async <T>(p: Platform, query: ReturnType<typeof sql>) => rowsOf<T>(await p.services.db.execute(query));

describe("crash: kill -9 of the server during checkouts and payments on PostgreSQL", () => {
  let server: ReturnType<typeof serverProcess> | null = null;
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>> | null = null;
  let checker: Platform | null = null;
  afterAll(async () => {
    await server?.kill();
    await checker?.close();
    await db?.drop();
  });

  it("O2/O3/O4/F2/F3/I2: kill -9 during 1 000 checkouts and payments loses no acknowledged order, leaks no hold and keeps the ledger balanced", async () => {
    const started = Date.now();
    db = await freshPostgresDatabase();
    // Demo data, and stock enough that no checkout runs out.
    const setup = await createPlatform({ databaseUrl: db.url, appSecret: SECRET, logLevel: "silent", webDir: null });
    await seedDemo(setup.services);
    const goods = await one<{ productId: string; skuCode: string; warehouseId: string }>(setup, sql`
      select p.id as "productId", l.sku_code as "skuCode", l.warehouse_id as "warehouseId" from stock_levels l
      join products p on p.id = l.product_id join warehouses w on w.id = l.warehouse_id
      where w.code = ${DEMO_PLATFORM_WAREHOUSE} and l.sku_code in ('OF-500', 'CS-4') and p.status = 'listed' order by l.sku_code`);
    expect(goods.map((g) => g.skuCode)).toEqual(["CS-4", "OF-500"]);
    const ctx = ctxFor(setup.services, systemActor("crash test"));
    await setup.services.db.transaction(async (tx) => {
      for (const g of goods) await receiveIntoBatch(tx, ctx, await levelFor(tx, ctx, g.warehouseId, g.productId, g.skuCode), 100_000, { batchNo: "CRASH-01" }, { type: "receipt", no: "PO-CRASH-01" });
    });
    await setup.close();
    // One item from each shop: every checkout is two orders under one payment.
    const items: Item[] = goods.map((g) => ({ productId: g.productId, skuCode: g.skuCode, quantity: 1 }));

    const port = 40000 + Math.floor(Math.random() * 5000);
    const base = `http://127.0.0.1:${port}`;
    server = serverProcess(db.url, port);
    await server.start();
    const buyers = await Promise.all(Array.from({ length: BUYERS }, (_, n) => new Shopper(base, `crash-buyer-${n}@example.com`).signUp(n)));

    const stats = { kills: 0, checkoutsAnsweredOnRetry: 0, payAnswersLost: 0 };
    const resent: Record<string, number> = { checkout: 0, payment: 0, "sandbox pay": 0 };
    const acked: { key: string; checkoutId: string; orderIds: string[] }[] = [];
    const paid: { paymentNo: string; checkoutId: string }[] = [];
    let stop = false;
    let failure: Error | null = null;
    // Closed from the kill until the restarted server answers /api/health.
    let serverUp: Promise<void> = Promise.resolve();
    let open = () => {};

    // Sends one step until the server answers; a request without an answer may have taken
    // effect, so it is sent again unchanged. `afterRetry` are answers acceptable only then.
    const persist = async (what: string, send: () => Promise<Answer>, ok: number[], afterRetry: number[] = []) => {
      let retried = false;
      for (let attempt = 1; ; attempt++) {
        let a: Answer;
        try {
          a = await send();
        } catch (e) {
          if (!(e instanceof NoAnswer)) throw e;
          if (attempt > 20) throw new Error(`${what}: no answer after 20 attempts (${e.message})\n${server!.log}`);
          retried = true;
          resent[what]!++;
          await serverUp;
          continue;
        }
        if (ok.includes(a.status) || (retried && afterRetry.includes(a.status))) return { a, retried };
        throw new Error(`${what}: ${a.status} ${typeof a.body === "string" ? a.body.slice(0, 300) : JSON.stringify(a.body)}\n${server!.log}`);
      }
    };

    const shopper = async (slot: number) => {
      for (let n = 0; !stop; n++) {
        const s = buyers[slot + SLOTS * (n % (BUYERS / SLOTS))]!;
        const key = `crash-${slot}-${n}`;
        const c = await persist("checkout", () => s.checkout(items, key), [201], [200]);
        if (c.a.status === 200) stats.checkoutsAnsweredOnRetry++;
        acked.push({ key, checkoutId: c.a.body.id, orderIds: c.a.body.orders.map((o: { id: string }) => o.id) });
        if (acked.length >= TARGET) stop = true;
        const p = await persist("payment", () => s.startPayment(c.a.body.id), [200]);
        expect(p.a.body, "payment attempt").toMatchObject({ status: "pending", payUrl: expect.stringContaining("/sandbox/pay/") });
        // After a lost answer the gateway may already have taken the money: it then says so (409).
        const r = await persist("sandbox pay", () => s.pay(p.a.body.payUrl), [303], [409]);
        if (r.a.status === 303) paid.push({ paymentNo: p.a.body.no, checkoutId: c.a.body.id });
        else stats.payAnswersLost++;
      }
    };
    // A kill at a random moment 300-1500 ms into the server's life, once it has also
    // acknowledged a random 10-50 more checkouts: the run moves forward however slow the machine.
    const killer = async () => {
      while (!stop) {
        const since = acked.length;
        const want = 10 + Math.floor(Math.random() * 41);
        await sleep(300 + Math.random() * 1200);
        while (!stop && acked.length - since < want) await sleep(20 + Math.random() * 80);
        if (stop) break;
        serverUp = new Promise((r) => { open = r; });
        await server!.kill();
        stats.kills++;
        await server!.start();
        expect((await call(base, "GET", "/api/health")).status).toBe(200);
        open();
      }
    };
    const guard = (p: Promise<void>) => p.catch((e: Error) => { failure ??= e; stop = true; open(); });
    await Promise.all([guard(killer()), ...Array.from({ length: SLOTS }, (_, slot) => guard(shopper(slot)))]);
    if (failure) throw failure;
    // The last crash, with nothing in flight; from here on only the database speaks.
    await server.kill();
    const driven = Date.now();

    const clock = new FakeClock(new Date());
    checker = await createPlatform({ databaseUrl: db.url, appSecret: SECRET, clock, logLevel: "silent", webDir: null });
    const p = checker;

    // Every acknowledged checkout is there exactly once, with both orders and their lines;
    // no retry made a second checkout or a second order. (The demo's own checkouts aside.)
    const checkouts = await one<{ id: string; key: string; orders: string[] }>(p, sql`
      select c.id, c.idempotency_key as key, coalesce(array_agg(o.id::text order by o.id) filter (where o.id is not null), '{}') as orders
      from checkouts c left join orders o on o.checkout_id = c.id where c.idempotency_key like 'crash-%' group by c.id`);
    expect(acked.length).toBeGreaterThanOrEqual(TARGET);
    expect(checkouts.length, "checkouts in the database = checkouts acknowledged").toBe(acked.length);
    const byKey = new Map(checkouts.map((c) => [c.key, c]));
    for (const a of acked) {
      const c = byKey.get(a.key);
      expect(c?.id, `checkout ${a.key}`).toBe(a.checkoutId);
      expect(c!.orders, `orders of checkout ${a.key}`).toEqual([...a.orderIds].sort());
    }
    const orders = await one<{ no: string; lines: number; units: number; reservation: string | null; held: number }>(p, sql`
      select o.no, (select count(*) from order_lines l where l.order_id = o.id)::int as lines,
        (select coalesce(sum(l.quantity), 0) from order_lines l where l.order_id = o.id)::int as units, r.id as reservation,
        (select coalesce(sum(rl.quantity), 0) from stock_reservation_lines rl where rl.reservation_id = r.id)::int as held
      from orders o join checkouts c on c.id = o.checkout_id and c.idempotency_key like 'crash-%'
      left join stock_reservations r on r.id = o.reservation_id and r.reference_type = 'order' and r.reference_id = o.id::text`);
    expect(orders.length).toBe(acked.length * items.length);
    for (const o of orders) {
      expect({ no: o.no, lines: o.lines, units: o.units }).toEqual({ no: o.no, lines: 1, units: 1 });
      expect(o.reservation, `order ${o.no} has its reservation`).not.toBeNull();
      expect(o.held, `order ${o.no}: held units`).toBe(o.units);
    }
    const orphanHolds = await one<{ id: string }>(p, sql`
      select r.id from stock_reservations r where r.reference_type = 'order' and not exists (select 1 from orders o where o.id::text = r.reference_id and o.reservation_id = r.id)`);
    expect(orphanHolds, "holds without their order").toEqual([]);

    // The gateway's notifications not yet acknowledged are delivered, as its job would.
    const outboxBefore = (await one<{ n: number }>(p, sql`select count(*)::int as n from sandbox_outbox where delivered_at is null`))[0]!.n;
    while ((await deliverDue(p.services, p.services.loopback!, { limit: 500 })).due > 0) { /* until nothing is due */ }
    const notPaid = await one<{ no: string; status: string; orders: string[] }>(p, sql`
      select p.no, p.status, array_agg(o.status order by o.no) as orders from payments p join orders o on o.id::text in (select jsonb_array_elements_text(p.order_ids))
      where p.no in (select jsonb_array_elements_text(${JSON.stringify(paid.map((x) => x.paymentNo))}::jsonb)) and (p.status <> 'succeeded' or o.status <> 'paid') group by p.no, p.status`);
    expect(notPaid, "acknowledged payments not captured").toEqual([]);
    expect(paid.length + stats.payAnswersLost).toBe(acked.length);

    // Holds: none active for an ended order; an unpaid order's lasts a few minutes past its pay
    // deadline (the auto-cancel job decides, not the hold's timer), a paid order's far beyond it.
    const badHolds = await one<{ no: string; status: string; hold: string; gap: number }>(p, sql`
      select o.no, o.status, r.status as hold, extract(epoch from r.expires_at - o.pay_deadline)::float as gap
      from orders o join stock_reservations r on r.id = o.reservation_id
      where (o.status in ('cancelled', 'closed') and r.status = 'active')
        or (o.status = 'pending_payment' and not (r.status = 'active' and r.expires_at >= o.pay_deadline and r.expires_at < o.pay_deadline + interval '6 minutes'))
        or (o.status = 'paid' and not (r.status = 'active' and r.expires_at > o.pay_deadline + interval '1 day'))`);
    expect(badHolds, "holds that do not match their order").toEqual([]);
    const takenNotBooked = (await one<{ n: number }>(p, sql`
      select count(*)::int as n from sandbox_trades t join payments p on p.no = t.out_trade_no where t.status = 'paid' and p.status <> 'succeeded'`))[0]!.n;

    // Past every deadline: late payments are asked for at the gateway, unpaid orders end,
    // their holds go back on sale.
    const latest = (await one<{ latest: Date }>(p, sql`select max(pay_deadline) as latest from orders`))[0]!.latest;
    clock.set(new Date(new Date(latest).getTime() + 60_000));
    let expired = 0;
    for (let n = 1; n > 0; expired += n) n = (await cancelOverdueOrders(p.services)).cancelled;
    while ((await releaseExpiredReservations(p.services)).released > 0) { /* until none is due */ }
    const left = await one<{ no: string; status: string }>(p, sql`
      select o.no, o.status from orders o join stock_reservations r on r.id = o.reservation_id where r.status = 'active' and o.status not in ('paid', 'partly_shipped')`);
    // A partly shipped order still holds its unshipped remainder.
    expect(left, "active holds of orders neither paid nor partly shipped, after every deadline").toEqual([]);
    expect((await one<{ n: number }>(p, sql`select count(*)::int as n from orders where status = 'pending_payment'`))[0]!.n).toBe(0);
    const unbooked = await one<{ no: string }>(p, sql`select t.out_trade_no as no from sandbox_trades t join payments p on p.no = t.out_trade_no where t.status = 'paid' and p.status <> 'succeeded'`);
    expect(unbooked, "money taken at the gateway and not in the books").toEqual([]);
    const stillPaid = (await one<{ n: number }>(p, sql`
      select count(*)::int as n from payments p join orders o on o.id::text in (select jsonb_array_elements_text(p.order_ids))
      where p.no in (select jsonb_array_elements_text(${JSON.stringify(paid.map((x) => x.paymentNo))}::jsonb)) and o.status = 'paid'`))[0]!.n;
    expect(stillPaid).toBe(paid.length * items.length);
    // O3: each order's timeline starts with its placing and ends in the state it is in.
    const timelines = await one<{ no: string }>(p, sql`
      select o.no from orders o join checkouts c on c.id = o.checkout_id and c.idempotency_key like 'crash-%'
      where not exists (select 1 from order_events e where e.order_id = o.id and e.event = 'place')
        or (select e.to_status from order_events e where e.order_id = o.id order by e.at desc, e.id desc limit 1) is distinct from o.status`);
    expect(timelines, "orders whose timeline does not lead to their state").toEqual([]);
    expect((await verifyStock(p.services.db)).problems).toEqual([]);
    expect((await verifyLedger(p.services.db)).problems).toEqual([]);

    const outcomes = await one<{ outcome: string; n: number }>(p, sql`select outcome, count(*)::int as n from payment_notifications group by outcome order by outcome`);
    console.log([
      `crash test: ${acked.length} checkouts (${orders.length} orders) acknowledged in ${Math.round((driven - started) / 1000)} s by ${SLOTS} shoppers; ${stats.kills} kill -9 and restarts;`,
      `  requests sent again after a kill took their answer: ${Object.entries(resent).map(([k, v]) => `${k} ${v}`).join(", ")}; ${stats.checkoutsAnsweredOnRetry} checkouts answered only on the retry (200, the first attempt had committed);`,
      `  ${paid.length} payments acknowledged (303), ${stats.payAnswersLost} pay answers lost to a kill; ${outboxBefore} gateway notifications still undelivered after the last kill;`,
      `  ${takenNotBooked} payments taken at the gateway but unknown to the platform before the deadline sweep (settled by query); ${expired} unpaid orders expired;`,
      `  notifications: ${outcomes.map((o) => `${o.outcome} ${o.n}`).join(", ")}`,
    ].join("\n"));
    expect(stats.kills).toBeGreaterThanOrEqual(Math.floor(TARGET / 60));
  }, 600_000);
});
