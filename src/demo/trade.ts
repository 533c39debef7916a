import { sql } from "drizzle-orm";
import { rowsOf } from "../lib/db-types.js";
import { ctxFor, type Services } from "../server/context.js";
import { createAddress } from "../modules/addresses/service.js";
import { saveDefaultTemplate } from "../modules/logistics/templates.js";
import { placeCheckout } from "../modules/orders/checkout.js";
import { cancelOrder } from "../modules/orders/cancel.js";
import { decideTrade, deliverDue } from "../modules/payments/sandbox/gateway.js";
import { receiveNotification, startPayment } from "../modules/payments/service.js";
import { seedFulfilment, type DemoPurchase } from "./fulfilment.js";

type Buyer = { userId: string; label: string };
const urls = { notifyBase: process.env.PUBLIC_URL ?? "http://localhost:3000", returnBase: process.env.PUBLIC_URL ?? "http://localhost:3000" };

// The gateway's notifications, handed to the platform in-process (the seed runs without an HTTP server).
const deliverHere = (s: Services) => deliverDue(s, async (_url, headers, body) => {
  const r = await receiveNotification(s, "sandbox", { headers, body });
  return { status: r.reply.status, body: r.reply.body };
});

// Trade the demo shows: shipping templates, paid orders in both shops, one awaiting payment
// (it cancels itself after the rule's 30 minutes), one cancelled unpaid and one refunded.
export async function seedTrade(s: Services, buyers: Buyer[]) {
  const shops = rowsOf<{ id: string; name: string }>(await s.db.execute(sql`select id, name from merchants order by name`));
  for (const shop of shops) {
    await saveDefaultTemplate(ctxFor(s, { userId: null, kind: "system", label: "demo-seed", merchantId: null, permissions: new Set(), sessionId: null, mfaPending: false }), shop.id, "默认运费 Standard", {
      regions: [
        { provinces: ["650000", "540000"], firstGrams: 1000, firstFen: 2000, extraGrams: 1000, extraFen: 1500 },
        { provinces: [], firstGrams: 1000, firstFen: 800, extraGrams: 1000, extraFen: 400 },
      ],
      freeOverFen: shop.name.includes("Tea") ? 19900 : 29900,
      excluded: ["710000", "810000", "820000"],
    });
  }
  // One good of each shop whose figures the inventory demo's alerts and purchase plan do not
  // hinge on: 杭州西湖藕粉 OF-500 and 竹编收纳篮 SB-3, both at the platform's warehouse.
  const [a, b] = rowsOf<{ productId: string; skuCode: string }>(await s.db.execute(sql`
    select p.id as "productId", l.sku_code as "skuCode" from products p join stock_levels l on l.product_id = p.id
    where p.status = 'listed' and l.sku_code in ('OF-500', 'SB-3') group by p.id, l.sku_code order by l.sku_code`));
  if (!a || !b || buyers.length < 2) return;
  const asBuyer = (u: Buyer) => ctxFor(s, { userId: u.userId, kind: "buyer", label: u.label, merchantId: null, permissions: new Set(), sessionId: null, mfaPending: false });
  const [zhang, li] = [asBuyer(buyers[0]!), asBuyer(buyers[1]!)];
  const home = await createAddress(zhang, { recipient: "张三", mobile: "13800138001", provinceCode: "330000", cityCode: "330100", districtCode: "330106", detail: "文三路 90 号东部软件园 3 幢 501 室", label: "家", isDefault: true });
  const office = await createAddress(li, { recipient: "李四", mobile: "13900139002", provinceCode: "310000", cityCode: "310100", districtCode: "310104", detail: "漕溪北路 88 号 12 楼", label: "公司", isDefault: true });
  const item = (g: { productId: string; skuCode: string }, quantity: number) => ({ productId: g.productId, skuCode: g.skuCode, quantity });
  let n = 0;
  const buy = async (ctx: typeof zhang, addressId: string, items: ReturnType<typeof item>[], pay: boolean) => {
    const c = await placeCheckout(ctx, { idempotencyKey: `demo-${++n}`, addressId, items });
    if (pay) {
      const p = await startPayment(ctx, c.id, "sandbox", urls);
      await decideTrade(s, p.payUrl!.split("/").pop()!, "pay");
      await deliverHere(s);
    }
    return c;
  };

  // Purchases at a moment of the past, paid at once: the history fulfilment builds on.
  const addresses = [home.id, office.id];
  const purchase: DemoPurchase = async (when, who, items) => {
    const w: Services = { ...s, clock: { now: () => when } };
    const ctx = ctxFor(w, who === 0 ? zhang.actor : li.actor);
    const c = await placeCheckout(ctx, { idempotencyKey: `demo-${++n}`, addressId: addresses[who]!, items });
    const p = await startPayment(ctx, c.id, "sandbox", urls);
    await decideTrade(w, p.payUrl!.split("/").pop()!, "pay");
    await deliverHere(w);
    return c.orders.map((o) => ({ id: o.id, no: o.no, merchantId: o.merchantId }));
  };
  await seedFulfilment(s, purchase, [zhang.actor, li.actor], { a, b });

  // Today's orders, after the history they follow.
  await buy(zhang, home.id, [item(a, 2), item(b, 1)], true);
  await buy(li, office.id, [item(a, 3)], true);
  const unwanted = await buy(zhang, home.id, [item(a, 1)], false);
  await cancelOrder(zhang, unwanted.orders[0]!.id, "买错了规格 Wrong size ordered");
  const refunded = await buy(zhang, home.id, [item(b, 1)], true);
  await cancelOrder(zhang, refunded.orders[0]!.id, "不想要了 Changed my mind");
  await buy(zhang, home.id, [item(b, 1)], false);
}
