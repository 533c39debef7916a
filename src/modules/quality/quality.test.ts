import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../lib/db-types.js";
import { world, type World } from "../../../test/support/world.js";
import { addressAt, buyAndPay, newBuyer } from "../../../test/support/trade.js";
import { shipOrder } from "../logistics/shipments.js";
import { verifyStock } from "../inventory/verify.js";
import { ctxFor } from "../../server/context.js";
import { followUpRecalls } from "./recalls.js";
import { createWarehouse } from "../inventory/warehouses.js";
import { delistProduct } from "../catalog/products.js";

// P5/P6 on the demo world, in a warehouse of the test's own (QA-01) so that whatever the
// demo ships elsewhere does not count. Longjing LJ-250 arrives there in two batches on two
// receipts: QA-LJ-A (30 units, expires first, so shipments take it first) and QA-LJ-B (500).
// Alice, Bob (two orders) and Carol receive 27 units of A; Dave and Erin pay before the
// sampling of A fails and ship after it, from B — the same product, another batch.
const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
let waybill = 0;
const nextWaybill = () => `SF9${String(++waybill).padStart(12, "0")}`;

describe("quality sampling, recalls and traceability", () => {
  let w: World;
  let quality: string;
  let warehouse: string;
  let carrierId: string;
  let qa: string;
  let supplier: string;
  const buyers: Record<string, { token: string; address: string }> = {};
  const orders: Record<string, string> = {};
  const receipts: Record<string, { id: string; number: string }> = {};
  let ids: { lj: string; ljA: string; ljB: string; of: string; ofQ: string; blc: string; cbm: string; cbm2601: string };

  const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await w.services.db.execute(q))[0]!;
  const batchId = async (no: string) => (await one<{ id: string }>(sql`select id from stock_batches where batch_no = ${no}`)).id;
  const productOf = async (no: string) => (await one<{ id: string }>(sql`select product_id as id from stock_batches where batch_no = ${no}`)).id;
  const batch = (no: string) => one<{ on_hand: number; blocked: number; blocked_reason: string | null }>(sql`select on_hand, blocked, blocked_reason from stock_batches where batch_no = ${no}`);
  const productStatus = async (id: string) => one<{ status: string; delist_kind: string | null; delist_reason: string | null; relist_needs_review: boolean }>(sql`select status, delist_kind, delist_reason, relist_needs_review from products where id = ${id}`);

  // Goods arrive on a receipt from the tea house's supplier, with the inspection report.
  async function receive(productId: string, skuCode: string, batchNo: string, quantity: number, expiryDate: string) {
    const created = await w.http("POST", "/api/v1/admin/inventory/receipts", {
      token: warehouse, body: { warehouseId: qa, supplierId: supplier, purchaseRef: `PO-${batchNo}`, lines: [{ productId, skuCode, expectedQty: quantity }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await w.upload(`/api/v1/admin/inventory/receipts/${created.body.id}/inspection-report`, warehouse, {}, { name: "inbound.pdf", content: PDF })).status).toBe(200);
    const accepted = await w.http("POST", `/api/v1/admin/inventory/receipts/${created.body.id}/accept`, {
      token: warehouse, body: { lines: [{ lineId: created.body.lines[0].id, receivedQty: quantity, acceptedQty: quantity, rejectedQty: 0, batchNo, productionDate: "2025-12-01", expiryDate }] },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    receipts[batchNo] = { id: created.body.id, number: created.body.number };
    return batchId(batchNo);
  }

  async function buy(who: string, productId: string, skuCode: string, quantity: number) {
    const b = buyers[who]!;
    const { checkout } = await buyAndPay(w, b.token, [{ productId, skuCode, quantity }], b.address);
    return checkout.orders[0].id as string;
  }
  // Warehouse staff hand the parcels over.
  const ship = (orderId: string) => shipOrder(
    ctxFor(w.services, { userId: null, kind: "staff", label: "仓储 Warehouse", merchantId: null, permissions: new Set(["logistics.manage"]), sessionId: null, mfaPending: false }),
    orderId, { carrierId, trackingNo: nextWaybill() },
  );

  async function sampling(batchNo: string, report = true) {
    const created = await w.http("POST", "/api/v1/admin/quality/samplings", { token: quality, body: { batchId: await batchId(batchNo), plan: "抽取 2 罐送检：铅、农药残留", standard: "GB 2762-2022", plannedOn: "2026-01-06" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sampled = await w.http("POST", `/api/v1/admin/quality/samplings/${created.body.id}/sample`, { token: quality, body: { sampleSize: 2 } });
    expect(sampled.status, JSON.stringify(sampled.body)).toBe(200);
    if (report) expect((await w.upload(`/api/v1/admin/quality/samplings/${created.body.id}/report`, quality, {}, { name: "report.pdf", content: PDF })).status).toBe(200);
    return created.body.id as string;
  }

  beforeAll(async () => {
    w = await world({ seed: true });
    [quality, warehouse] = [await w.loginAs("quality"), await w.loginAs("warehouse")];
    carrierId = (await one<{ id: string }>(sql`select id from carriers where code = 'shunfeng'`)).id;
    supplier = (await one<{ id: string }>(sql`select id from suppliers where name like '%Longjing%'`)).id;
    const staff = ctxFor(w.services, { userId: null, kind: "staff", label: "仓储 Warehouse", merchantId: null, permissions: new Set(["inventory.manage"]), sessionId: null, mfaPending: false });
    qa = (await createWarehouse(staff, { code: "QA-01", name: "质检测试仓 QA", address: "杭州" })).id;
    const [lj, of, blc] = [await productOf("LJ250-2601"), await productOf("OF-2601"), await productOf("BLC-2601")];
    ids = {
      lj, of, blc, cbm: await productOf("CB-M-2601"), cbm2601: await batchId("CB-M-2601"),
      ljA: await receive(lj, "LJ-250", "QA-LJ-A", 30, "2026-06-01"), ljB: await receive(lj, "LJ-250", "QA-LJ-B", 500, "2027-01-01"),
      ofQ: await receive(of, "OF-500", "QA-OF", 300, "2026-12-01"),
    };
    await receive(blc, "BLC-250", "QA-BLC", 200, "2026-12-01");
    for (const [i, name] of ["alice", "bob", "carol", "dave", "erin", "fang", "gao", "hua"].entries()) {
      const token = await newBuyer(w, `qa-${name}@example.com`);
      buyers[name] = { token, address: await addressAt(w, token, `质检路 ${i + 1} 号 ${name}`) };
    }
    orders.alice = await buy("alice", ids.lj, "LJ-250", 12);
    orders.bob1 = await buy("bob", ids.lj, "LJ-250", 6);
    orders.bob2 = await buy("bob", ids.lj, "LJ-250", 4);
    orders.carol = await buy("carol", ids.lj, "LJ-250", 5);
    for (const o of ["alice", "bob1", "bob2", "carol"]) await ship(orders[o]!);
    // Paid before the sampling fails, shipped after it.
    orders.dave = await buy("dave", ids.lj, "LJ-250", 5);
    orders.erin = await buy("erin", ids.lj, "LJ-250", 2);
  }, 180_000);
  afterAll(async () => { await w?.close(); });

  it("P6 shipments record the batch each unit left from", async () => {
    expect(await batch("QA-LJ-A")).toMatchObject({ on_hand: 3, blocked: 0 });
    const picks = rowsOf<{ order_id: string; quantity: number }>(await w.services.db.execute(sql`select order_id, quantity from shipment_picks where batch_id = ${ids.ljA} order by order_id`));
    expect(picks.reduce((n, p) => n + p.quantity, 0)).toBe(27);
    expect(new Set(picks.map((p) => p.order_id))).toEqual(new Set([orders.alice, orders.bob1, orders.bob2, orders.carol]));
  });

  it("P5 a passed sampling leaves the product on sale and the batch sellable", async () => {
    const id = await sampling("CB-M-2601", false);
    const before = await batch("CB-M-2601");
    const r = await w.http("POST", `/api/v1/admin/quality/samplings/${id}/decide`, { token: quality, body: { result: "passed", findings: "各项指标符合 GB/T 24984" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: "passed", effects: null, product: { status: "listed" } });
    expect(await batch("CB-M-2601")).toEqual(before);
    expect((await productStatus(ids.cbm)).status).toBe("listed");
    const breaches = await one<{ n: number }>(sql`select count(*)::int as n from merchant_breaches where subject_id = ${id}`);
    expect(breaches.n).toBe(0);
    // Decided once: no second result.
    const again = await w.http("POST", `/api/v1/admin/quality/samplings/${id}/decide`, { token: quality, body: { result: "failed", findings: "铅超标" } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("INVALID_TRANSITION");
  });

  it("P5 P6 a failed sampling delists the product, blocks the batch, counts against the shop and its recall reaches exactly the buyers of the batch", async () => {
    const id = await sampling("QA-LJ-A");
    const r = await w.http("POST", `/api/v1/admin/quality/samplings/${id}/decide`, {
      token: quality,
      body: { result: "failed", findings: "铅（以 Pb 计）实测 6.1 mg/kg，限量 5.0 mg/kg", recall: { reason: "抽检不合格：铅超标", instructions: "请停止饮用，联系店铺退货退款" } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe("failed");
    expect(r.body.effects).toMatchObject({ delisted: true, productStatus: "delisted", blocked: 3, heldForOrders: 0, recall: { buyersNotified: 3, unitsShipped: 27 } });

    const p = await productStatus(ids.lj);
    expect(p).toMatchObject({ status: "delisted", delist_kind: "quality", relist_needs_review: true });
    expect(p.delist_reason).toContain(r.body.no);
    expect(await batch("QA-LJ-A")).toEqual({ on_hand: 0, blocked: 3, blocked_reason: "quality" });
    expect((await verifyStock(w.services.db)).problems).toEqual([]);

    const breaches = rowsOf<{ kind: string; requirement: string }>(await w.services.db.execute(sql`
      select kind, requirement from merchant_breaches where subject_id in (${id}, ${r.body.effects.recall.id}) order by kind`));
    expect(breaches).toEqual([{ kind: "quality_failed", requirement: "P5" }, { kind: "recall", requirement: "P5" }]);
    const tasks = rowsOf<{ kind: string }>(await w.services.db.execute(sql`
      select kind from tasks where audience = 'merchant' and subject_id in (${id}, ${r.body.effects.recall.id}, ${ids.lj}) order by kind`));
    expect(tasks.map((t) => t.kind)).toEqual(["product_delisted", "quality_failed", "recall_opened"]);

    // Each buyer of the batch hears once, Bob too with two orders; Dave and Erin (other batch, not shipped yet) hear nothing.
    const recallId = r.body.effects.recall.id as string;
    for (const name of ["alice", "bob", "carol", "dave", "erin"]) {
      const notices = await w.http("GET", "/api/v1/me/notices", { token: buyers[name]!.token });
      const recallNotices = notices.body.items.filter((n: { kind: string }) => n.kind === "recall");
      expect(recallNotices, name).toHaveLength(["alice", "bob", "carol"].includes(name) ? 1 : 0);
      if (recallNotices[0]) {
        expect(recallNotices[0]).toMatchObject({ subjectType: "recall", subjectId: recallId, params: { batchNo: "QA-LJ-A", recallNo: r.body.effects.recall.no, instructions: "请停止饮用，联系店铺退货退款" } });
        expect(recallNotices[0].params.title).toContain("龙井");
      }
    }
    const detail = await w.http("GET", `/api/v1/admin/quality/recalls/${recallId}`, { token: quality });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: "open", buyersNotified: 3, unitsShipped: 27, pending: { orders: 0, units: 0 }, sampling: { id } });
    expect(detail.body.reached.map((x: { orderId: string }) => x.orderId).sort()).toEqual([orders.alice, orders.bob1, orders.bob2, orders.carol].sort());
    expect(detail.body.reached.find((x: { orderId: string }) => x.orderId === orders.bob2).units).toBe(4);

    // The paid orders still ship, from the other batch, and a second notice run finds no one new.
    await ship(orders.dave!);
    await ship(orders.erin!);
    const again = await w.http("POST", `/api/v1/admin/quality/recalls/${recallId}/notify`, { token: quality });
    expect(again.status).toBe(200);
    expect(again.body.reached).toEqual({ orders: 0, buyers: 0 });
    expect(await batch("QA-LJ-B")).toMatchObject({ on_hand: 493 });
  });

  it("P6 the trace of a batch lists supplier, purchase, receipt, samplings, recalls and every order with its buyer masked", async () => {
    const found = await w.http("GET", "/api/v1/admin/quality/batches?q=QA-LJ", { token: quality });
    expect(found.status).toBe(200);
    expect(found.body.items.map((b: { batchNo: string }) => b.batchNo).sort()).toEqual(["QA-LJ-A", "QA-LJ-B"]);
    const exact = await w.http("GET", "/api/v1/admin/quality/batches?q=qa-lj-b", { token: quality });
    expect(exact.body.items[0].batchNo).toBe("QA-LJ-B");
    // Without a query: the batches received last.
    const latest = await w.http("GET", "/api/v1/admin/quality/batches", { token: quality });
    expect(latest.status).toBe(200);
    expect(latest.body.items[0].batchNo).toBe("QA-BLC");

    const t = await w.http("GET", `/api/v1/admin/quality/batches/${ids.ljA}/trace`, { token: quality });
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({
      batch: { batchNo: "QA-LJ-A", skuCode: "LJ-250", productionDate: "2025-12-01", expiryDate: "2026-06-01" }, product: { status: "delisted" }, warehouse: { code: "QA-01" },
      purchaseRef: "PO-QA-LJ-A", receipt: { number: receipts["QA-LJ-A"]!.number, status: "accepted", purchaseRef: "PO-QA-LJ-A" },
      quantities: { received: 30, onHand: 0, blocked: 3, shipped: 27, orders: 4, buyers: 3 },
    });
    expect(t.body.receipt.acceptedAt).toBeTruthy();
    expect(t.body.supplier.name).toContain("Longjing");
    expect(t.body.samplings).toHaveLength(1);
    expect(t.body.samplings[0].status).toBe("failed");
    expect(t.body.recalls).toHaveLength(1);
    const byOrder = new Map(t.body.orders.map((o: { orderId: string }) => [o.orderId, o]));
    expect([...byOrder.keys()].sort()).toEqual([orders.alice, orders.bob1, orders.bob2, orders.carol].sort());
    expect(byOrder.get(orders.alice)).toMatchObject({ quantity: 12, notified: true, buyer: { name: "q***", recipient: "张*", mobile: "138****8000" } });
    expect((byOrder.get(orders.alice) as { shipments: { status: string }[] }).shipments[0]!.status).toBe("in_transit");
    // U4: no login, phone number or street in clear.
    const raw = JSON.stringify(t.body);
    for (const secret of ["qa-alice@example.com", "13800138000", "质检路"]) expect(raw).not.toContain(secret);

    // The other batch lists only the buyers who received it.
    const other = await w.http("GET", `/api/v1/admin/quality/batches/${ids.ljB}/trace`, { token: quality });
    expect(other.body.orders.map((o: { orderId: string }) => o.orderId).sort()).toEqual([orders.dave, orders.erin].sort());
    expect(other.body.recalls).toEqual([]);
  });

  it("P6 the inspection report received with a batch opens from its trace", async () => {
    const t = await w.http("GET", `/api/v1/admin/quality/batches/${ids.ljB}/trace`, { token: quality });
    expect(t.body.receipt.number).toBe(receipts["QA-LJ-B"]!.number);
    const report = await w.app.inject({ method: "GET", url: t.body.inspectionReport.url, headers: { authorization: `Bearer ${quality}` } });
    expect(report.statusCode).toBe(200);
    expect(report.headers["content-type"]).toContain("application/pdf");
    expect(report.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // A seeded batch without a report has no link, and its report is not found.
    const seeded = await w.http("GET", `/api/v1/admin/quality/batches/${ids.cbm2601}/trace`, { token: quality });
    expect(seeded.body.inspectionReport).toBeNull();
    expect((await w.http("GET", `/api/v1/admin/quality/batches/${ids.cbm2601}/inspection-report`, { token: quality })).status).toBe(404);
  });

  it("P5 re-running a recall's notice reaches only buyers not yet notified", async () => {
    const fang1 = await buy("fang", ids.of, "OF-500", 2);
    await ship(fang1);
    const opened = await w.http("POST", "/api/v1/admin/quality/recalls", { token: quality, body: { batchId: ids.ofQ, reason: "供应商通知：包装密封不良", instructions: "请检查包装，如有破损联系店铺更换" } });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ buyersNotified: 1, unitsShipped: 2, sampling: null });
    const dup = await w.http("POST", "/api/v1/admin/quality/recalls", { token: quality, body: { batchId: ids.ofQ, reason: "再次召回", instructions: "同上" } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("RECALL_ALREADY_OPEN");

    // Shipped after the recall opened: Gao is new, Fang's second order adds no second notice.
    await ship(await buy("gao", ids.of, "OF-500", 1));
    await ship(await buy("fang", ids.of, "OF-500", 1));
    expect((await w.http("GET", `/api/v1/admin/quality/recalls/${opened.body.id}`, { token: quality })).body.pending).toEqual({ orders: 2, units: 2 });
    const again = await w.http("POST", `/api/v1/admin/quality/recalls/${opened.body.id}/notify`, { token: quality });
    expect(again.status).toBe(200);
    expect(again.body.reached).toEqual({ orders: 2, buyers: 1 });
    expect(again.body.recall).toMatchObject({ buyersNotified: 2, unitsShipped: 4, pending: { orders: 0 } });
    expect(again.body.recall.reached).toHaveLength(3);
    const count = async (name: string) => (await w.http("GET", "/api/v1/me/notices", { token: buyers[name]!.token })).body.items.filter((n: { kind: string }) => n.kind === "recall").length;
    expect([await count("fang"), await count("gao")]).toEqual([1, 1]);
    const third = await w.http("POST", `/api/v1/admin/quality/recalls/${opened.body.id}/notify`, { token: quality });
    expect(third.body.reached).toEqual({ orders: 0, buyers: 0 });

    const closed = await w.http("POST", `/api/v1/admin/quality/recalls/${opened.body.id}/close`, { token: quality, body: { note: "3 件已退回销毁" } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", closingNote: "3 件已退回销毁" });
    const late = await w.http("POST", `/api/v1/admin/quality/recalls/${opened.body.id}/notify`, { token: quality });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("RECALL_CLOSED");
  });

  it("P5 units held for a paid order when the batch is set aside stay for it, and the recall follow-up reaches its buyer once it ships", async () => {
    const held = await buy("hua", ids.blc, "BLC-250", 2);
    const id = await sampling("QA-BLC");
    const r = await w.http("POST", `/api/v1/admin/quality/samplings/${id}/decide`, {
      token: quality, body: { result: "failed", findings: "稀土元素 3.2 mg/kg，超过 2.0 mg/kg 限量", recall: { reason: "稀土超标", instructions: "请停止饮用并联系店铺退货" } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.effects).toMatchObject({ blocked: 198, heldForOrders: 2, recall: { buyersNotified: 0, unitsShipped: 0 } });
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
    await ship(held);
    expect(await followUpRecalls(w.services)).toMatchObject({ buyers: 1 });
    expect(await followUpRecalls(w.services)).toMatchObject({ buyers: 0 });
    const notices = (await w.http("GET", "/api/v1/me/notices", { token: buyers.hua!.token })).body.items.filter((n: { kind: string }) => n.kind === "recall");
    expect(notices).toHaveLength(1);
    expect(notices[0].params).toMatchObject({ batchNo: "QA-BLC", recallNo: r.body.effects.recall.no });
    const recall = await w.http("GET", `/api/v1/admin/quality/recalls/${r.body.effects.recall.id}`, { token: quality });
    expect(recall.body).toMatchObject({ buyersNotified: 1, unitsShipped: 2 });
  });

  it("P5 the shop reads its own quality record; lists filter by status", async () => {
    const owner = await w.loginAs("owner@tea-house.example");
    const batchNos = (body: { items: { batch: { batchNo: string } }[] }) => body.items.map((x) => x.batch.batchNo);
    const s = await w.http("GET", "/api/v1/merchant/quality/samplings", { token: owner });
    expect(s.status).toBe(200);
    expect(batchNos(s.body)).toEqual(expect.arrayContaining(["QA-BLC", "QA-LJ-A"]));
    expect(batchNos(s.body)).not.toContain("CB-M-2601");
    expect(s.body.counts.failed).toBeGreaterThanOrEqual(2);
    const r = await w.http("GET", "/api/v1/merchant/quality/recalls", { token: owner });
    expect(batchNos(r.body)).toEqual(expect.arrayContaining(["QA-BLC", "QA-OF", "QA-LJ-A"]));
    expect(r.body.items.every((x: { merchant: { name: string } }) => x.merchant.name.includes("Tea"))).toBe(true);
    expect((await w.http("GET", "/api/v1/admin/quality/samplings", { token: owner })).status).toBe(403);
    const bamboo = await w.loginAs("owner@bamboo.example");
    expect(batchNos((await w.http("GET", "/api/v1/merchant/quality/samplings", { token: bamboo })).body)).toEqual(["CB-M-2601"]);
    const failed = await w.http("GET", "/api/v1/admin/quality/samplings?status=failed&q=QA-", { token: quality });
    expect(batchNos(failed.body)).toEqual(["QA-BLC", "QA-LJ-A"]);
    expect(failed.body.items.every((x: { recall: unknown }) => x.recall)).toBe(true);
    const open = await w.http("GET", "/api/v1/admin/quality/recalls?status=open&q=QA-", { token: quality });
    expect(batchNos(open.body)).toEqual(["QA-BLC", "QA-LJ-A"]);
  });

  it("P5 bad inputs are refused with 4xx and say what to fix", async () => {
    const post = (url: string, body: unknown) => w.http("POST", `/api/v1/admin/quality${url}`, { token: quality, body });
    const code = (r: { body: { error?: { code: string } } }) => r.body.error?.code;
    const batchOf = ids.cbm2601;
    expect((await post("/samplings", { batchId: "nope", plan: "x", plannedOn: "2026-01-06" })).status).toBe(400);
    expect((await post("/samplings", { batchId: batchOf, plan: "抽样检测", plannedOn: "2026-02-30" })).status).toBe(400);
    expect((await post("/samplings", { batchId: batchOf, plan: "抽样检测", plannedOn: "2026-01-06", extra: 1 })).status).toBe(400);
    const unknown = await post("/samplings", { batchId: "00000000-0000-7000-8000-000000000000", plan: "抽样检测", plannedOn: "2026-01-06" });
    expect([unknown.status, code(unknown)]).toEqual([404, "BATCH_NOT_FOUND"]);
    const wrongProduct = await post("/samplings", { batchId: batchOf, productId: ids.lj, plan: "抽样检测", plannedOn: "2026-01-06" });
    expect([wrongProduct.status, code(wrongProduct)]).toEqual([400, "BATCH_NOT_OF_PRODUCT"]);

    const created = await post("/samplings", { batchId: batchOf, plan: "抽样检测", plannedOn: "2026-01-06" });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const early = await post(`/samplings/${id}/decide`, { result: "passed" });
    expect([early.status, code(early)]).toEqual([409, "INVALID_TRANSITION"]);
    const noSample = await w.upload(`/api/v1/admin/quality/samplings/${id}/report`, quality, {}, { name: "r.pdf", content: PDF });
    expect([noSample.status, noSample.body.error.code]).toEqual([409, "SAMPLE_NOT_DRAWN"]);
    const tooMany = await post(`/samplings/${id}/sample`, { sampleSize: 100_000 });
    expect([tooMany.status, code(tooMany)]).toEqual([400, "SAMPLE_SIZE_TOO_LARGE"]);
    expect((await post(`/samplings/${id}/sample`, { sampleSize: 0 })).status).toBe(400);
    const future = await post(`/samplings/${id}/sample`, { sampleSize: 2, sampledAt: "2030-01-01T00:00:00+08:00" });
    expect([future.status, code(future)]).toEqual([400, "SAMPLED_AT_IN_FUTURE"]);
    expect((await post(`/samplings/${id}/sample`, { sampleSize: 2 })).status).toBe(200);

    const text = await w.upload(`/api/v1/admin/quality/samplings/${id}/report`, quality, {}, { name: "report.pdf", content: "not a pdf at all" });
    expect([text.status, text.body.error.code]).toEqual([400, "FILE_TYPE_NOT_ALLOWED"]);
    const noFindings = await post(`/samplings/${id}/decide`, { result: "failed", findings: " " });
    expect([noFindings.status, code(noFindings)]).toEqual([400, "FINDINGS_REQUIRED"]);
    const noReport = await post(`/samplings/${id}/decide`, { result: "failed", findings: "竹材含水率超标" });
    expect([noReport.status, code(noReport)]).toEqual([409, "REPORT_REQUIRED"]);
    const passRecall = await post(`/samplings/${id}/decide`, { result: "passed", recall: { reason: "不应召回", instructions: "请停止使用" } });
    expect([passRecall.status, code(passRecall)]).toEqual([400, "RECALL_NEEDS_FAILURE"]);
    expect((await post(`/samplings/${id}/decide`, { result: "maybe" })).status).toBe(400);

    const passedSampling = await post("/recalls", { batchId: batchOf, samplingId: id, reason: "召回原因", instructions: "请退货" });
    expect([passedSampling.status, code(passedSampling)]).toEqual([409, "SAMPLING_NOT_FAILED"]);
    const otherBatch = await post("/recalls", { batchId: ids.ljB, samplingId: id, reason: "召回原因", instructions: "请退货" });
    expect([otherBatch.status, code(otherBatch)]).toEqual([400, "SAMPLING_NOT_OF_BATCH"]);
    expect((await post("/recalls", { batchId: batchOf, reason: "", instructions: "请退货" })).status).toBe(400);
    const missing = await w.http("GET", "/api/v1/admin/quality/batches/00000000-0000-7000-8000-000000000000/trace", { token: quality });
    expect([missing.status, code(missing)]).toEqual([404, "BATCH_NOT_FOUND"]);
    const noRecall = await post("/recalls/00000000-0000-7000-8000-000000000000/close", { note: "结束" });
    expect(noRecall.status).toBe(404);
    const list = await w.http("GET", "/api/v1/admin/quality/samplings?status=lost", { token: quality });
    expect(list.status).toBe(400);
  });
  it("P5 a failure of a product its shop had taken off sale puts the platform's reason on record, so it returns only through review", async () => {
    const shop = (await one<{ merchant_id: string }>(sql`select merchant_id from products where id = ${ids.cbm}`)).merchant_id;
    await delistProduct(ctxFor(w.services, { userId: null, kind: "merchant", label: "王店主", merchantId: shop, permissions: new Set(), sessionId: null, mfaPending: false }), ids.cbm, { kind: "merchant", reason: "换季下架" });
    expect(await productStatus(ids.cbm)).toMatchObject({ status: "delisted", delist_kind: "merchant", relist_needs_review: false });
    const id = await sampling("CB-M-2601");
    const r = await w.http("POST", `/api/v1/admin/quality/samplings/${id}/decide`, { token: quality, body: { result: "failed", findings: "竹材霉变，菌落总数超标" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.effects).toMatchObject({ delisted: true, productStatus: "delisted", recall: null });
    expect(await productStatus(ids.cbm)).toMatchObject({ status: "delisted", delist_kind: "quality", relist_needs_review: true });
    expect((await batch("CB-M-2601")).blocked_reason).toBe("quality");
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
