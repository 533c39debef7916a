import { and, eq, inArray } from "drizzle-orm";
import { addDays } from "../lib/clock.js";
import { ctxFor, type Ctx, type Services } from "../server/context.js";
import { users } from "../modules/identity/schema.js";
import { merchants } from "../modules/merchants/schema.js";
import { products, productVersions } from "../modules/catalog/schema.js";
import { creditCodeCheckChar } from "../modules/onboarding/index.js";
import { createSupplier } from "../modules/suppliers/service.js";
import { levelFor, receiveIntoBatch, reserveStock, shanghaiDay } from "../modules/inventory/index.js";
import { stockBatches } from "../modules/inventory/schema.js";
import { createLocation, createWarehouse } from "../modules/inventory/warehouses.js";
import { blockBatch, updateLevelSettings } from "../modules/inventory/levels.js";

// Codes other parts of the demo (receipts, counts, alerts) find the warehouses by.
export const DEMO_PLATFORM_WAREHOUSE = "HZ-01";
export const DEMO_TEA_WAREHOUSE = "TEA-01";
const RECEIVED_DAYS_AGO = 30;

const TEA_HOUSE = "西湖茶舍 West Lake Tea House";
const BAMBOO = "竹韵家居 Bamboo Home";

type Lot = { batchNo: string; quantity: number; expiresInDays: number | null; location: string; producedDaysAgo?: number; supplier?: boolean };
type Stock = { shop: string; sku: string; warehouse: string; lots: Lot[]; lowStockUnits?: number; coverDays?: number; safetyStock?: number; leadTimeDays?: number };

// What the demo shows: a batch about to expire (LJ-250), one already past its date
// (BLC-250), SKUs below their threshold (LJ-500, CB-L) and one sold out (CS-8).
const demoStock: Stock[] = [
  { shop: TEA_HOUSE, sku: "LJ-250", warehouse: DEMO_PLATFORM_WAREHOUSE, lowStockUnits: 20, coverDays: 14, safetyStock: 10, leadTimeDays: 5, lots: [
    { batchNo: "LJ250-2601", quantity: 30, expiresInDays: 18, location: "A-01-01", producedDaysAgo: 520, supplier: true },
    { batchNo: "LJ250-2602", quantity: 60, expiresInDays: 420, location: "A-01-02", producedDaysAgo: 120, supplier: true },
  ] },
  { shop: TEA_HOUSE, sku: "LJ-500", warehouse: DEMO_PLATFORM_WAREHOUSE, lowStockUnits: 10, safetyStock: 5, lots: [
    { batchNo: "LJ500-2601", quantity: 8, expiresInDays: 300, location: "A-01-02", producedDaysAgo: 240, supplier: true },
  ] },
  { shop: TEA_HOUSE, sku: "BLC-250", warehouse: DEMO_PLATFORM_WAREHOUSE, lowStockUnits: 10, lots: [
    { batchNo: "BLC-2509", quantity: 12, expiresInDays: -4, location: "A-02-01", producedDaysAgo: 544 },
    { batchNo: "BLC-2601", quantity: 45, expiresInDays: 360, location: "A-02-01", producedDaysAgo: 180 },
  ] },
  { shop: TEA_HOUSE, sku: "OF-500", warehouse: DEMO_PLATFORM_WAREHOUSE, lowStockUnits: 20, lots: [
    { batchNo: "OF-2601", quantity: 120, expiresInDays: 200, location: "A-02-02", producedDaysAgo: 165 },
  ] },
  { shop: TEA_HOUSE, sku: "DH-200", warehouse: DEMO_TEA_WAREHOUSE, lowStockUnits: 10, lots: [
    { batchNo: "DH-2511", quantity: 24, expiresInDays: 45, location: "T-01-01", producedDaysAgo: 500 },
    { batchNo: "DH-2602", quantity: 50, expiresInDays: 480, location: "T-01-01", producedDaysAgo: 60 },
  ] },
  { shop: TEA_HOUSE, sku: "PE-357", warehouse: DEMO_TEA_WAREHOUSE, lowStockUnits: 5, lots: [
    { batchNo: "PE-2019", quantity: 25, expiresInDays: null, location: "T-01-02" },
  ] },
  { shop: TEA_HOUSE, sku: "OF-500", warehouse: DEMO_TEA_WAREHOUSE, lots: [
    { batchNo: "OF-2512", quantity: 20, expiresInDays: 150, location: "T-01-02", producedDaysAgo: 215 },
  ] },
  { shop: BAMBOO, sku: "CB-M", warehouse: DEMO_PLATFORM_WAREHOUSE, lowStockUnits: 15, lots: [{ batchNo: "CB-M-2601", quantity: 80, expiresInDays: null, location: "B-01-01" }] },
  { shop: BAMBOO, sku: "CB-L", warehouse: DEMO_PLATFORM_WAREHOUSE, lowStockUnits: 5, lots: [{ batchNo: "CB-L-2601", quantity: 3, expiresInDays: null, location: "B-01-01" }] },
  { shop: BAMBOO, sku: "SB-3", warehouse: DEMO_PLATFORM_WAREHOUSE, lowStockUnits: 10, lots: [{ batchNo: "SB-3-2512", quantity: 40, expiresInDays: null, location: "B-01-02" }] },
  { shop: BAMBOO, sku: "CS-4", warehouse: DEMO_PLATFORM_WAREHOUSE, lots: [{ batchNo: "CS-4-2601", quantity: 20, expiresInDays: null, location: "B-01-02" }] },
  { shop: BAMBOO, sku: "CS-8", warehouse: DEMO_PLATFORM_WAREHOUSE, lowStockUnits: 10, lots: [] },
];

const platformLocations = [
  ["A-01-01", "茶叶 A 区 1 排 1 层 Tea A-1-1", "storage"], ["A-01-02", "茶叶 A 区 1 排 2 层 Tea A-1-2", "storage"],
  ["A-02-01", "茶叶 A 区 2 排 1 层 Tea A-2-1", "storage"], ["A-02-02", "食品 A 区 2 排 2 层 Food A-2-2", "storage"],
  ["B-01-01", "家居 B 区 1 排 1 层 Home B-1-1", "storage"], ["B-01-02", "家居 B 区 1 排 2 层 Home B-1-2", "storage"],
  ["R-01", "收货区 Receiving", "receiving"], ["Q-01", "待检隔离区 Quarantine", "quarantine"],
] as const;
const teaLocations = [
  ["T-01-01", "红茶架 Black tea shelf", "storage"], ["T-01-02", "普洱架 Pu'er shelf", "storage"], ["T-R-01", "收货台 Receiving", "receiving"],
] as const;

// Demo stock goes in as real receipts would: batches with dates, supplier and location,
// each a "receive" movement, so the books verify from the first minute.
export async function seedInventory(s: Services) {
  const now = s.clock.now();
  const [staff] = await s.db.select({ id: users.id, name: users.displayName }).from(users).where(and(eq(users.kind, "staff"), eq(users.displayName, "仓储 Warehouse")));
  const shops = await s.db.select({ id: merchants.id, name: merchants.name }).from(merchants).where(inArray(merchants.name, [TEA_HOUSE, BAMBOO]));
  const shopId = new Map(shops.map((m) => [m.name, m.id]));
  const teaId = shopId.get(TEA_HOUSE);
  if (!staff || !teaId) return;
  const [teaOwner] = await s.db.select({ id: users.id, name: users.displayName }).from(users).where(and(eq(users.merchantId, teaId), eq(users.displayName, "陈店主 Owner Chen")));
  const actor = (userId: string | null, label: string, merchantId: string | null): Ctx =>
    ctxFor(s, { userId, kind: merchantId ? "merchant" : "staff", label, merchantId, permissions: new Set(), sessionId: null, mfaPending: false });
  const warehouseStaff = actor(staff.id, `${staff.name} (warehouse)`, null);
  const tea = actor(teaOwner?.id ?? null, `${teaOwner?.name ?? "陈店主"} (owner@tea-house.example)`, teaId);

  const hz = await createWarehouse(warehouseStaff, { code: DEMO_PLATFORM_WAREHOUSE, name: "杭州中心仓 Hangzhou Central", address: "浙江省杭州市余杭区仓前街道良睦路 1399 号" });
  const teaWarehouse = await createWarehouse(tea, { code: DEMO_TEA_WAREHOUSE, name: "西湖茶舍自营仓 Tea House Store Room", address: "浙江省杭州市西湖区龙井路 18 号" });
  const locations = new Map<string, string>();
  for (const [code, name, kind] of platformLocations) locations.set(`${hz.id}/${code}`, (await createLocation(warehouseStaff, hz.id, { code, name, kind })).id);
  for (const [code, name, kind] of teaLocations) locations.set(`${teaWarehouse.id}/${code}`, (await createLocation(tea, teaWarehouse.id, { code, name, kind })).id);
  const warehouseIds = new Map([[DEMO_PLATFORM_WAREHOUSE, hz.id], [DEMO_TEA_WAREHOUSE, teaWarehouse.id]]);

  const code17 = "91330106MA2LJ6Q8C";
  const supplier = await createSupplier(tea, {
    name: "杭州西湖龙井茶叶专业合作社 Longjing Tea Cooperative", creditCode: code17 + creditCodeCheckChar(code17), contactName: "周合作 Zhou", contactPhone: "0571-87651234",
    address: "浙江省杭州市西湖区梅家坞村", qualifications: [{ kind: "食品生产许可证 SC", number: "SC11433010600123", validUntil: "2028-06-30" }],
  });

  // The SKU code → product of each shop, from the live versions.
  const skuProduct = new Map<string, string>();
  const rows = await s.db.select({ id: products.id, merchantId: products.merchantId, content: productVersions.content }).from(products)
    .innerJoin(productVersions, eq(productVersions.id, products.liveVersionId)).where(inArray(products.merchantId, shops.map((m) => m.id)));
  for (const r of rows) for (const sku of r.content.skus) skuProduct.set(`${r.merchantId}/${sku.code}`, r.id);

  const day = (n: number) => shanghaiDay(addDays(now, n));
  // The stock arrived a month ago, before the order history the trade demo replays, so every
  // level's movements run in time order and the monthly books agree.
  const arrived = { now: () => addDays(now, -RECEIVED_DAYS_AGO) };
  const levelIds = new Map<string, string>();
  for (const item of demoStock) {
    const productId = skuProduct.get(`${shopId.get(item.shop)}/${item.sku}`);
    const warehouseId = warehouseIds.get(item.warehouse)!;
    const by = { ...(item.warehouse === DEMO_TEA_WAREHOUSE ? tea : warehouseStaff), clock: arrived };
    if (!productId) continue;
    const level = await s.db.transaction(async (tx) => {
      const l = await levelFor(tx, by, warehouseId, productId, item.sku);
      for (const lot of item.lots) {
        const purchaseRef = `PO-${lot.batchNo}`;
        await receiveIntoBatch(tx, by, l, lot.quantity, {
          batchNo: lot.batchNo, locationId: locations.get(`${warehouseId}/${lot.location}`) ?? null, supplierId: lot.supplier ? supplier.id : null, purchaseRef,
          productionDate: lot.producedDaysAgo ? day(-lot.producedDaysAgo) : null, expiryDate: lot.expiresInDays === null ? null : day(lot.expiresInDays),
        }, { type: "receipt", no: purchaseRef });
      }
      return l;
    });
    levelIds.set(`${item.warehouse}/${item.sku}`, level.id);
    if (item.lowStockUnits !== undefined || item.coverDays !== undefined || item.safetyStock !== undefined || item.leadTimeDays !== undefined) {
      await updateLevelSettings(item.warehouse === DEMO_TEA_WAREHOUSE ? tea : warehouseStaff, level.id, {
        lowStockUnits: item.lowStockUnits ?? null, coverDays: item.coverDays ?? null, safetyStock: item.safetyStock ?? 0, leadTimeDays: item.leadTimeDays ?? 7,
      });
    }
  }

  // Two baskets crushed in transit, set aside on arrival until someone decides.
  const [crushed] = await s.db.select({ id: stockBatches.id }).from(stockBatches).where(eq(stockBatches.batchNo, "SB-3-2512"));
  if (crushed) await blockBatch({ ...warehouseStaff, clock: arrived }, crushed.id, { quantity: 2, reason: "damaged", note: "运输挤压 crushed in transit" });

  // Holds a person placed by hand: samples for a trade fair, a corporate order being confirmed.
  const product = (shop: string, sku: string) => skuProduct.get(`${shopId.get(shop)}/${sku}`);
  const holds = [
    { ref: "HOLD-TRADE-FAIR", ctx: warehouseStaff, lines: [{ shop: TEA_HOUSE, sku: "LJ-250", quantity: 6, warehouse: hz.id }, { shop: TEA_HOUSE, sku: "OF-500", quantity: 10, warehouse: hz.id }], minutes: 14 * 24 * 60 },
    { ref: "HOLD-CORPORATE-GIFTS", ctx: tea, lines: [{ shop: TEA_HOUSE, sku: "DH-200", quantity: 12, warehouse: teaWarehouse.id }], minutes: 3 * 24 * 60 },
  ];
  for (const h of holds) {
    const lines = h.lines.flatMap((l) => { const productId = product(l.shop, l.sku); return productId ? [{ productId, skuCode: l.sku, quantity: l.quantity, warehouseId: l.warehouse }] : []; });
    if (!lines.length) continue;
    await s.db.transaction((tx) => reserveStock(tx, h.ctx, { referenceType: "manual", referenceId: h.ref, lines, minutes: h.minutes }));
  }
  return { platformWarehouseId: hz.id, teaWarehouseId: teaWarehouse.id, levels: levelIds.size };
}
