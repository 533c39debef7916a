import { sql } from "drizzle-orm";
import { shanghaiDay, type Clock } from "../lib/clock.js";
import { rowsOf } from "../lib/db-types.js";
import { ctxFor, systemActor, type Actor, type Ctx, type Services } from "../server/context.js";
import { createAgreement } from "../modules/logistics/carriers.js";
import { shipOrder } from "../modules/logistics/shipments.js";
import { addManualTracking } from "../modules/logistics/tracking.js";
import { openException } from "../modules/exceptions/service.js";
import { confirmReceipt } from "../modules/orders/receipt.js";
import { flagOverdueShipping } from "../modules/orders/sla.js";
import { createSampling } from "../modules/quality/samplings.js";
import { pushDueTracking } from "../modules/logistics/tracking/sandbox.js";
import { receiveTrackingPush } from "../modules/logistics/tracking.js";

export interface DemoPurchase { (at: Date, buyer: 0 | 1, items: { productId: string; skuCode: string; quantity: number }[]): Promise<{ id: string; no: string; merchantId: string }[]> }

const HOUR = 3_600_000;
const at = (s: Services, hoursAgo: number): Services => ({ ...s, clock: { now: () => new Date(s.clock.now().getTime() - hoursAgo * HOUR) } satisfies Clock });
const staff = (s: Services, label: string): Ctx => ctxFor(s, { ...systemActor(label), kind: "staff" } as Actor);

// Fulfilment the demo shows: carrier agreements; orders of the last weeks shipped, tracked,
// delivered and completed (so the statement, the carriers' evaluation and the ship-by board
// have figures); one in transit, one partly shipped, one delivered awaiting confirmation, one
// overdue for shipping, a damaged-parcel case, and a planned quality sampling.
export async function seedFulfilment(s: Services, buy: DemoPurchase, buyers: Actor[], goods: { a: { productId: string; skuCode: string }; b: { productId: string; skuCode: string } }) {
  const ops = staff(s, "demo-seed");
  const carriers = new Map(rowsOf<{ id: string; code: string }>(await s.db.execute(sql`select id, code from carriers`)).map((c) => [c.code, c.id]));
  const deal = (code: string, levels: { provinces: string[]; hours: number }[], firstFen: number, coverage: string[] = []) => createAgreement(ops, carriers.get(code)!, {
    validFrom: "2026-01-01", validUntil: "2027-12-31", note: "年度框架协议 Annual framework agreement",
    terms: { serviceLevels: levels, price: { firstGrams: 1000, firstFen, extraGrams: 1000, extraFen: Math.round(firstFen / 3) }, coverage, claimLimitFen: 100_000 },
  });
  await deal("shunfeng", [{ provinces: ["330000", "310000", "320000"], hours: 24 }, { provinces: [], hours: 48 }], 1200);
  await deal("yuantong", [{ provinces: [], hours: 72 }], 700);
  await deal("zhongtong", [{ provinces: [], hours: 72 }], 650, []);
  await deal("jd", [{ provinces: ["330000", "310000", "320000", "110000"], hours: 24 }, { provinces: [], hours: 48 }], 1000);
  await deal("ems", [{ provinces: [], hours: 96 }], 900);

  const shopOf = async (merchantId: string) => {
    const [u] = rowsOf<{ id: string }>(await s.db.execute(sql`select id from users where merchant_id = ${merchantId} order by created_at limit 1`));
    return ctxFor(s, { userId: u?.id ?? null, kind: "merchant", label: "demo-seed", merchantId, permissions: new Set(), sessionId: null, mfaPending: false });
  };
  const asShop = async (w: Services, merchantId: string) => ({ ...(await shopOf(merchantId)), clock: w.clock });
  const asBuyer = (w: Services, i: 0 | 1) => ctxFor(w, buyers[i]!);
  const pushUpTo = async (w: Services) => pushDueTracking(w, async (_url, _headers, body) => {
    const r = await receiveTrackingPush(w, body);
    return { status: r.ok ? 200 : 400, body: JSON.stringify({ result: r.ok }) };
  });
  const waybills = { shunfeng: 0, yuantong: 0, jd: 0, zhongtong: 0 };
  const waybill = (code: keyof typeof waybills) => {
    const n = ++waybills[code] + 100;
    return code === "shunfeng" ? `SF${String(9_260_000_000_000 + n)}` : code === "yuantong" ? `YT${String(9_260_000_000_000 + n)}` : code === "jd" ? `JDVA${String(92_600_000_000 + n)}` : `7${String(9_260_000_000_000 + n)}`;
  };

  // Steps run in the order of their moments, each scheduling what follows it, so stock
  // movements, tracking and deadlines happen as they would have.
  const steps: { hoursAgo: number; seq: number; run: () => Promise<unknown> }[] = [];
  const then = (hoursAgo: number, run: () => Promise<unknown>) => steps.push({ hoursAgo, seq: steps.length, run });

  // The last three weeks: ordered, shipped a day later (one of them late), delivered as the
  // carrier's story says, confirmed by the buyer.
  const history: [number, 0 | 1, keyof typeof waybills, number][] = [
    [21 * 24, 0, "shunfeng", 20], [18 * 24, 1, "yuantong", 30], [16 * 24, 0, "jd", 8], [14 * 24, 1, "zhongtong", 80],
    [12 * 24, 0, "shunfeng", 26], [11 * 24, 1, "yuantong", 12], [9 * 24, 0, "jd", 30], [8 * 24, 1, "shunfeng", 40],
  ];
  for (const [ago, who, code, shipAfter] of history) {
    const shipped = ago - shipAfter;
    then(ago, async () => {
      for (const o of await buy(at(s, ago).clock.now(), who, [{ ...goods.a, quantity: 1 }, { ...goods.b, quantity: 1 }])) {
        then(shipped, async () => shipOrder(await asShop(at(s, shipped), o.merchantId), o.id, { carrierId: carriers.get(code)!, trackingNo: waybill(code) }));
        then(shipped - 110, () => confirmReceipt(asBuyer(at(s, shipped - 110), who), o.id).catch(() => undefined));
      }
    });
    if (shipAfter > 72) then(ago - 73, () => flagOverdueShipping(at(s, ago - 73)));
    then(shipped - 100, () => pushUpTo(at(s, shipped - 100)));
  }

  // Now: one parcel on its way, one order partly shipped, one delivered awaiting the buyer.
  then(30, async () => {
    const [moving] = await buy(at(s, 30).clock.now(), 1, [{ ...goods.a, quantity: 1 }]);
    then(26, async () => shipOrder(await asShop(at(s, 26), moving!.merchantId), moving!.id, { carrierId: carriers.get("shunfeng")!, trackingNo: waybill("shunfeng") }));
  });
  then(20, async () => {
    const [partly] = await buy(at(s, 20).clock.now(), 0, [{ ...goods.a, quantity: 2 }]);
    const [line] = rowsOf<{ id: string }>(await s.db.execute(sql`select id from order_lines where order_id = ${partly!.id}`));
    then(18, async () => shipOrder(await asShop(at(s, 18), partly!.merchantId), partly!.id, {
      carrierId: carriers.get("yuantong")!, trackingNo: waybill("yuantong"), lines: [{ orderLineId: line!.id, quantity: 1 }], note: "先发一件，余下一件补货后发 One now, one after restocking",
    }));
  });
  then(100, async () => {
    const [waiting] = await buy(at(s, 100).clock.now(), 0, [{ ...goods.b, quantity: 1 }]);
    then(96, async () => shipOrder(await asShop(at(s, 96), waiting!.merchantId), waiting!.id, { carrierId: carriers.get("jd")!, trackingNo: waybill("jd") }));
  });
  then(0, () => pushUpTo(s));

  // A parcel that arrived damaged: the buyer has reported it; the shop must answer.
  then(90, async () => {
    const [damaged] = await buy(at(s, 90).clock.now(), 1, [{ ...goods.b, quantity: 1 }]);
    then(80, async () => {
      const local = await shipOrder(await asShop(at(s, 80), damaged!.merchantId), damaged!.id, { carrierId: carriers.get("local")!, trackingNo: "LOCAL-0001" });
      then(60, async () => addManualTracking(await asShop(at(s, 60), damaged!.merchantId), local.shipment.id, { kind: "delivered", text: "同城骑手已送达 Delivered by the local courier", at: at(s, 60).clock.now() }));
      then(0, () => openException(asBuyer(s, 1), damaged!.id, { kind: "damaged", description: "外箱压坏，竹制托盘有裂纹 The box was crushed and the bamboo tray is cracked", shipmentId: local.shipment.id }));
    });
  });

  // An order nobody shipped in time: the ship-by job has flagged it.
  then(80, () => buy(at(s, 80).clock.now(), 0, [{ ...goods.a, quantity: 1 }]));
  then(0, () => flagOverdueShipping(s));

  while (steps.length) {
    steps.sort((x, y) => y.hoursAgo - x.hoursAgo || x.seq - y.seq);
    await steps.shift()!.run();
  }

  // P5: this quarter's sampling plan for the tea shop's batch.
  const [batch] = rowsOf<{ id: string }>(await s.db.execute(sql`select id from stock_batches where product_id = ${goods.a.productId} and sku_code = ${goods.a.skuCode} order by created_at limit 1`));
  if (batch) await createSampling(ctxFor(s, { ...systemActor("demo-seed"), kind: "staff" } as Actor), { batchId: batch.id, plan: "季度抽检：重金属、农药残留 Quarterly sampling: heavy metals, pesticide residues", standard: "GB 2762-2022, GB 2763-2021", plannedOn: shanghaiDay(new Date(s.clock.now().getTime() + 7 * 24 * HOUR)) });
}
