import { sql } from "drizzle-orm";
import { rowsOf } from "../../src/lib/db-types.js";
import { accountBalances } from "../../src/modules/ledger/service.js";
import { world, type World } from "./world.js";

// Listed demo goods with stock to sell, one per shop first: what a buyer can put in a cart.
export async function sellable(w: World, minAvailable = 1) {
  return rowsOf<{ productId: string; skuCode: string; merchantId: string; available: number; title: string }>(await w.services.db.execute(sql`
    select p.id as "productId", l.sku_code as "skuCode", p.merchant_id as "merchantId", p.title, sum(l.on_hand - l.reserved)::int as available
    from products p join stock_levels l on l.product_id = p.id
    where p.status = 'listed' group by p.id, l.sku_code having sum(l.on_hand - l.reserved) >= ${minAvailable} order by p.merchant_id, p.id, l.sku_code`));
}

export async function addAddress(w: World, token: string) {
  const r = await w.http("POST", "/api/v1/me/addresses", { token, body: { recipient: "张三", mobile: "13800138000", provinceCode: "330000", cityCode: "330100", districtCode: "330106", detail: "文三路 90 号 3 幢 501 室" } });
  if (r.status !== 201) throw new Error(`address: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

// Checkout, sandbox payment, the buyer's "pay" on the gateway page: the whole purchase.
export async function buyAndPay(w: World, token: string, items: { productId: string; skuCode: string; quantity: number }[], addressId: string, key = `k-${Math.random().toString(36).slice(2)}`) {
  const c = await w.http("POST", "/api/v1/me/checkouts", { token, body: { addressId, items }, headers: { "idempotency-key": key } });
  if (c.status !== 201) throw new Error(`checkout: ${c.status} ${JSON.stringify(c.body)}`);
  const p = await w.http("POST", `/api/v1/me/checkouts/${c.body.id}/payments`, { token, body: { provider: "sandbox" } });
  if (p.status !== 200) throw new Error(`payment: ${p.status} ${JSON.stringify(p.body)}`);
  const done = await w.app.inject({ method: "POST", url: `${p.body.payUrl}/pay` });
  if (done.statusCode !== 303) throw new Error(`sandbox pay: ${done.statusCode} ${done.body}`);
  return { checkout: c.body, payment: p.body };
}

type Item = { productId: string; skuCode: string; quantity: number };

// A buyer of their own, registered through the API, for tests that need several people.
export async function newBuyer(w: World, login: string) {
  const r = await w.http("POST", "/api/v1/auth/register", { body: { login, password: "Strong#Pass2026", displayName: login.split("@")[0], acceptPolicyVersion: "2026-01" } });
  if (r.status !== 201) throw new Error(`register ${login}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

// An address with its own street line, so that F4's shared-address screening sees only
// the buyers a test means to put at one address.
export async function addressAt(w: World, token: string, detail: string, region = { provinceCode: "330000", cityCode: "330100", districtCode: "330106" }) {
  const r = await w.http("POST", "/api/v1/me/addresses", { token, body: { recipient: "张三", mobile: "13800138000", ...region, detail } });
  if (r.status !== 201) throw new Error(`address: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

export const productIds = async (w: World) =>
  new Map(rowsOf<{ id: string; title: string }>(await w.services.db.execute(sql`select id, title from products`)).map((r) => [r.title.split(" ")[0]!, r.id]));

export async function available(w: World, productId: string, skuCode: string) {
  const [r] = rowsOf<{ n: number }>(await w.services.db.execute(sql`select coalesce(sum(on_hand - reserved), 0)::int as n from stock_levels where product_id = ${productId} and sku_code = ${skuCode}`));
  return r!.n;
}

export async function placeOrders(w: World, token: string, items: Item[], addressId: string, o: { key?: string; device?: string } = {}) {
  const headers: Record<string, string> = { "idempotency-key": o.key ?? `k-${Math.random().toString(36).slice(2)}` };
  if (o.device) headers["x-device-id"] = o.device;
  const c = await w.http("POST", "/api/v1/me/checkouts", { token, body: { addressId, items }, headers });
  if (c.status !== 201) throw new Error(`checkout: ${c.status} ${JSON.stringify(c.body)}`);
  return c.body as { id: string; totalFen: number; orders: { id: string; no: string; merchantId: string; status: string; totalFen: number }[] };
}

export async function startPayment(w: World, token: string, checkoutId: string) {
  const p = await w.http("POST", `/api/v1/me/checkouts/${checkoutId}/payments`, { token, body: { provider: "sandbox" } });
  if (p.status !== 200) throw new Error(`payment: ${p.status} ${JSON.stringify(p.body)}`);
  return p.body as { id: string; no: string; status: string; payUrl: string | null; amountFen: number; failureReason: string | null; orderIds: string[] };
}

// The gateway's signed notifications for one payment, as it queued them, newest last.
export async function outboxOf(w: World, paymentNo: string) {
  return rowsOf<{ id: string; body: string; headers: Record<string, string>; delivered_at: Date | null }>(await w.services.db.execute(sql`
    select o.id, o.body, o.headers, o.delivered_at from sandbox_outbox o join sandbox_trades t on t.id = o.trade_id where t.out_trade_no = ${paymentNo} order by o.created_at, o.id`));
}

// Posts a notification to the platform exactly as the gateway would.
export async function notify(w: World, body: string, headers: Record<string, string>) {
  const r = await w.app.inject({ method: "POST", url: "/api/v1/payments/notify/sandbox", headers, payload: body });
  return { status: r.statusCode, body: r.body };
}

export async function ledgerBalances(w: World) {
  const rows = await accountBalances(w.services.db);
  return (code: string) => rows.find((r) => r.code === code)?.balanceFen ?? 0;
}

// A seeded world with the demo buyer at an address of their own (see addressAt), finance
// staff signed in, and the demo products by the first word of their titles.
export async function tradeScene(street: string) {
  const w = await world({ seed: true });
  const [buyer, finance] = [await w.loginAs("buyer@example.com"), await w.loginAs("finance")];
  return { w, buyer, finance, home: await addressAt(w, buyer, street), ids: await productIds(w) };
}
