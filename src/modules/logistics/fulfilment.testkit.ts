import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { addressAt, buyAndPay, sellable } from "../../../test/support/trade.js";
import { world, type World } from "../../../test/support/world.js";
import { rowsOf } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { shanghaiDay } from "../inventory/index.js";
import { orders } from "../orders/schema.js";
import { carrierAgreements, type AgreementTerms } from "./schema.js";
import { pushBody } from "./tracking/push.js";
import { pushSalt } from "./tracking.js";

// Fixtures of the shipping, tracking and receipt tests: a seeded world whose sign-ins
// survive the clock being moved by days, purchases by SKU code, waybills and pushes.

// The carriers the migration seeds.
export const CARRIER = {
  sf: "0193f000-0000-7000-8021-000000000001", yt: "0193f000-0000-7000-8021-000000000003", jd: "0193f000-0000-7000-8021-000000000006", local: "0193f000-0000-7000-8021-000000000007",
} as const;

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");
export const waybill = {
  sf: () => `SF${digits(13)}`, yt: () => `YT${digits(13)}`, local: () => `LOCAL-${digits(8)}`,
};

export const TEA_OWNER = "owner@tea-house.example";
export const BAMBOO_OWNER = "owner@bamboo.example";
export const BUYER = "buyer@example.com";

export interface Scene {
  w: World;
  home: string;
  // A token of the login, signed in again once the clock has moved past its session.
  as(login: string): Promise<string>;
  product(sku: string): string;
  merchantOf(sku: string): string;
  buy(items: [sku: string, quantity: number][]): Promise<Order>;
  ship(orderId: string, body: Record<string, unknown>, login?: string): Promise<{ shipment: { id: string; no: string; trackingNo: string; shippedAt: string }; order: Order }>;
  order(id: string): Promise<Order>;
}
export type Order = typeof orders.$inferSelect;

export async function scene(street: string): Promise<Scene> {
  const w = await world({ seed: true });
  const signedIn = new Map<string, { token: string; at: number }>();
  const as = async (login: string) => {
    const known = signedIn.get(login);
    if (known && w.clock.now().getTime() - known.at < 60 * 60_000) return known.token;
    const token = await w.loginAs(login);
    signedIn.set(login, { token, at: w.clock.now().getTime() });
    return token;
  };
  const goods = await sellable(w, 0);
  const bySku = new Map(goods.map((g) => [g.skuCode, g]));
  const home = await addressAt(w, await as(BUYER), street);
  const order = async (id: string) => (await w.services.db.select().from(orders).where(eq(orders.id, id)))[0]!;
  const s: Scene = {
    w, home, as, order,
    product: (sku) => bySku.get(sku)!.productId,
    merchantOf: (sku) => bySku.get(sku)!.merchantId,
    async buy(items) {
      const { checkout } = await buyAndPay(w, await as(BUYER), items.map(([sku, quantity]) => ({ productId: bySku.get(sku)!.productId, skuCode: sku, quantity })), home);
      const o = await order(checkout.orders[0].id);
      expect(o.status).toBe("paid");
      return o;
    },
    async ship(orderId, body, login = TEA_OWNER) {
      const r = await w.http("POST", `/api/v1/merchant/orders/${orderId}/shipments`, { token: await as(login), body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    },
  };
  return s;
}

// The tracking aggregator's push, sent as it would send it.
export async function push(w: World, body: string, contentType = "application/x-www-form-urlencoded") {
  const r = await w.app.inject({ method: "POST", url: "/api/v1/logistics/tracking/push", headers: { "content-type": contentType }, payload: body });
  return { status: r.statusCode, body: r.json() as { result: boolean; returnCode: string; message: string } };
}

export const signedPush = (w: World, p: Parameters<typeof pushBody>[0]) => pushBody(p, pushSalt(w.services));

// A delivered waybill as the aggregator reports it: collected when it left, signed for now.
export async function deliverByPush(w: World, trackingNo: string, shippedAt: Date, carrierCode = "shunfeng") {
  const r = await push(w, signedPush(w, {
    carrierCode, trackingNo, state: "3",
    events: [{ at: new Date(shippedAt.getTime() + 60_000), text: "已揽收 collected", status: "揽收" }, { at: w.clock.now(), text: "已签收 delivered", status: "签收" }],
  }));
  expect(r.body.result, JSON.stringify(r.body)).toBe(true);
}

export async function callbacks(w: World, trackingNo?: string) {
  return rowsOf<{ outcome: string; events_added: number; tracking_no: string | null }>(await w.services.db.execute(
    sql`select outcome, events_added, tracking_no from tracking_callbacks ${trackingNo ? sql`where tracking_no = ${trackingNo}` : sql``} order by received_at, id`));
}

// An agreement for a carrier from today, promising `hours` everywhere: the newest in force wins.
export async function agreement(w: World, carrierId: string, hours: number, terms: Partial<AgreementTerms> = {}) {
  const now = w.clock.now();
  await w.services.db.insert(carrierAgreements).values({
    id: newId(), carrierId, no: `AG-${digits(8)}`, validFrom: shanghaiDay(now), validUntil: "2099-12-31", createdByLabel: "test", createdAt: now, updatedAt: now,
    terms: { serviceLevels: [{ provinces: [], hours }], price: { firstGrams: 1000, firstFen: 1000, extraGrams: 1000, extraFen: 500 }, coverage: [], claimLimitFen: 100_000, ...terms },
  });
}
