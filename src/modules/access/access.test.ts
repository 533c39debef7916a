import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditCodeCheckChar } from "../onboarding/rules.js";
import { world, type World } from "../../../test/support/world.js";
import { builtinRoles } from "./catalogue.js";

let w: World;
let ops: { method: string; path: string; permission: string }[];
beforeAll(async () => {
  w = await world({ seed: true });
  const spec = (await w.http("GET", "/api/openapi.json")).body;
  ops = Object.entries(spec.paths as Record<string, Record<string, any>>).flatMap(([path, m]) =>
    Object.entries(m).map(([method, op]) => ({ method: method.toUpperCase(), path, permission: op["x-permission"] as string })));
});
afterAll(async () => { await w?.close(); });

const fill = (path: string, ids: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k] ?? ({ key: "order.shipByHours", role: "operations" } as Record<string, string>)[k] ?? "0193a7e0-0000-7000-8000-000000000000");

const accounts: [string, string][] = [
  ["admin", "platform_admin"], ["operations", "operations"], ["service", "customer_service"], ["warehouse", "warehouse"],
  ["finance", "finance"], ["quality", "quality"], ["auditor", "auditor"],
  ["owner@tea-house.example", "merchant_owner"], ["staff@tea-house.example", "merchant_staff"], ["buyer@example.com", "buyer"],
];

describe("S2 permissions are declared on every route", () => {
  it("S2 every API route declares a permission or public (walks the OpenAPI document)", () => {
    expect(ops.length).toBeGreaterThan(25);
    const known = new Set<string>(["public", "authenticated", ...Object.values(builtinRoles).flatMap((r) => r.permissions)]);
    for (const op of ops) expect(known.has(op.permission), `${op.method} ${op.path} → ${op.permission}`).toBe(true);
  });

  it("S2 anonymous callers reach only public routes", async () => {
    for (const op of ops.filter((o) => o.permission !== "public")) {
      const r = await w.http(op.method, fill(op.path), { body: ["POST", "PATCH", "PUT"].includes(op.method) ? {} : undefined });
      expect(r.status, `${op.method} ${op.path}`).toBe(401);
    }
  });
});

describe("S2 each role reaches only its own routes", () => {
  for (const [login, role] of accounts) {
    it(`S2 ${role} (${login}) is refused every route its role does not grant`, async () => {
      const token = await w.loginAs(login);
      const granted = new Set<string>(builtinRoles[role]!.permissions);
      let refused = 0;
      for (const op of ops.filter((o) => o.permission !== "public" && o.permission !== "authenticated")) {
        if (op.method === "POST" && op.path.endsWith("/auth/logout")) continue;
        const r = await w.http(op.method, fill(op.path), { token, body: ["POST", "PATCH", "PUT"].includes(op.method) ? {} : undefined });
        if (granted.has(op.permission)) {
          expect(r.status, `${role} ${op.method} ${op.path}`).not.toBe(403);
        } else {
          expect(r.status, `${role} ${op.method} ${op.path}`).toBe(403);
          expect(r.body.error.code).toBe("FORBIDDEN");
          refused++;
        }
      }
      if (role !== "platform_admin") expect(refused).toBeGreaterThan(0);
    });
  }
});

describe("S2 tenancy", () => {
  it("S2 merchant A's owner cannot read or change merchant B's data through any route that takes an id", async () => {
    const admin = await w.loginAs("admin");
    const merchants = (await w.http("GET", "/api/v1/admin/merchants", { token: admin })).body.items as { id: string; name: string }[];
    const b = merchants.find((m) => m.name.includes("Bamboo"))!;
    const ownerB = await w.loginAs("owner@bamboo.example");
    const staffB = await w.http("POST", "/api/v1/merchant/staff", { token: ownerB, body: { login: "helper@bamboo.example", password: "Assist#Pass2026x", displayName: "B helper" } });
    expect(staffB.status).toBe(201);
    const sessionB = (await w.http("GET", "/api/v1/auth/sessions", { token: ownerB })).body.items[0].id as string;
    const penaltyB = await w.http("POST", `/api/v1/admin/merchants/${b.id}/penalties`, { token: admin, body: { kind: "warning", reason: "Late shipments in May", evidence: "Orders 1001-1009 shipped after 72 h" } });
    expect(penaltyB.status).toBe(201);
    const taskB = (await w.http("GET", "/api/v1/merchant/tasks", { token: ownerB })).body.items[0].id as string;
    const licenceB = (await w.http("GET", "/api/v1/merchant/qualifications", { token: ownerB })).body.documents.find((d: { kind: string }) => d.kind === "business_licence");
    const renewalB = await w.upload("/api/v1/merchant/qualifications/renewals", ownerB, { kind: "business_licence", number: "R-2030", issuer: "市场监督管理局", validFrom: "2026-01-01", replaces: licenceB.id }, { name: "l.pdf", content: "%PDF-1.4\n%%EOF\n" });
    expect(renewalB.status).toBe(201);
    type Node = { id: string; key: string; children: Node[] };
    const flat = (ns: Node[]): Node[] => ns.flatMap((n) => [n, ...flat(n.children)]);
    const kitchen = flat((await w.http("GET", "/api/v1/categories")).body.items).find((c) => c.key === "kitchen")!.id;
    const productBody = {
      title: "竹制砧板 大号", categoryId: kitchen, description: "整竹压制。", attributes: { material: "楠竹" }, afterSales: "七日无理由退货", origin: "浙江安吉",
      skus: [{ code: "CB-L", options: {}, priceFen: 8_800, weightGrams: 1200 }],
    };
    const productB = await w.http("POST", "/api/v1/merchant/products", { token: ownerB, body: productBody });
    expect(productB.status).toBe(201);
    const supplierBody = { name: "安吉竹材厂", creditCode: "91330523MA2B3C4D5" + creditCodeCheckChar("91330523MA2B3C4D5"), contactName: "李", contactPhone: "13905712222" };
    const supplierB = await w.http("POST", "/api/v1/merchant/suppliers", { token: ownerB, body: supplierBody });
    expect(supplierB.status).toBe(201);
    const warehouseB = await w.http("POST", "/api/v1/merchant/inventory/warehouses", { token: ownerB, body: { code: "BAMBOO-01", name: "竹韵安吉仓" } });
    expect(warehouseB.status).toBe(201);
    const levelB = (await w.http("GET", "/api/v1/merchant/inventory/stock?q=CB-M", { token: ownerB })).body.items[0];
    const batchB = (await w.http("GET", `/api/v1/merchant/inventory/stock/${levelB.id}`, { token: ownerB })).body.batches[0].id as string;
    const holdB = await w.http("POST", "/api/v1/merchant/inventory/reservations", { token: ownerB, body: { referenceType: "manual", referenceId: "B-HOLD", lines: [{ productId: levelB.productId, skuCode: levelB.skuCode, quantity: 1 }] } });
    expect(holdB.status).toBe(201);
    const receiptB = await w.http("POST", "/api/v1/merchant/inventory/receipts", { token: ownerB, body: { warehouseId: warehouseB.body.id, supplierId: supplierB.body.id, purchaseRef: "PO-B-1", lines: [{ productId: productB.body.id, skuCode: "CB-L", expectedQty: 1 }] } });
    expect(receiptB.status).toBe(201);
    const bIds = [b.id, staffB.body.id as string, sessionB, penaltyB.body.id as string, taskB, renewalB.body.id as string, productB.body.id as string, supplierB.body.id as string, warehouseB.body.id as string, levelB.id as string, batchB, holdB.body.id as string, receiptB.body.id as string];
    // Bodies that pass validation, so that the answer is about whose data it is.
    const bodies: Record<string, unknown> = {
      "/api/v1/merchant/penalties/{id}/appeal": { statement: "We shipped on time; see the carrier receipts." },
      "/api/v1/merchant/orders/{id}/shipments": { carrierId: "0193f000-0000-7000-8021-000000000001", trackingNo: "SF1234567890123" },
      "/api/v1/merchant/shipments/{id}/tracking": { kind: "in_transit", text: "probe" },
      "/api/v1/merchant/shipping-templates/{id}": { name: "probe" },
      "/api/v1/merchant/orders/{id}/exceptions": { kind: "customer", description: "probe of another shop's order" },
      "/api/v1/merchant/exceptions/{id}/resolve": { resolution: "no_action", note: "probe of another shop's case" },
      "/api/v1/merchant/products/{id}": productBody,
      "/api/v1/merchant/products/{id}/delist": { reason: "换季" },
      "/api/v1/merchant/suppliers/{id}": supplierBody,
      "/api/v1/merchant/suppliers/{id}/evaluations": { period: "2026-Q1", quality: 1, price: 1, delivery: 1, service: 1 },
      "/api/v1/merchant/inventory/warehouses/{id}": { name: "改名仓库" },
      "/api/v1/merchant/inventory/warehouses/{id}/locations": { code: "X-01" },
      "/api/v1/merchant/inventory/warehouses/{id}/locations/{locationId}": { active: false },
      "/api/v1/merchant/inventory/stock/{id}/settings": { lowStockUnits: 1, coverDays: null, safetyStock: 0, leadTimeDays: 3 },
      "/api/v1/merchant/inventory/stock/batches/{id}/block": { quantity: 1, reason: "damaged" },
      "/api/v1/merchant/inventory/stock/batches/{id}/unblock": { quantity: 1 },
      "/api/v1/merchant/inventory/stock/batches/{id}/scrap": { quantity: 1, note: "probe" },
      "/api/v1/merchant/inventory/stocktakes/{id}/counts": { lines: [{ lineId: "0193a7e0-0000-7000-8000-000000000000", countedQty: 1 }] },
      "/api/v1/merchant/inventory/stocktakes/{id}/scan": { code: "CB-L", quantity: 1 },
      "/api/v1/merchant/inventory/stocktakes/{id}/submit": { reason: "盘亏" },
      "/api/v1/merchant/inventory/stocktakes/{id}/approve": {},
      "/api/v1/merchant/inventory/stocktakes/{id}/reject": { note: "请复盘" },
      "/api/v1/merchant/inventory/stocktakes/{id}/cancel": {},
      "/api/v1/merchant/inventory/receipts/{id}/accept": { lines: [{ lineId: "0193a7e0-0000-7000-8000-000000000000", receivedQty: 1, acceptedQty: 1, rejectedQty: 0 }] },
      "/api/v1/merchant/inventory/receipts/{id}/cancel": { reason: "probe" },
      "/api/v1/merchant/inventory/outbound/{id}/cancel": { reason: "probe" },
    };

    const ownerA = await w.loginAs("owner@tea-house.example");
    // Public pages (a shop's licence page, M4) are for everyone by design.
    const withIds = ops.filter((o) => /\{id\}/.test(o.path) && o.permission !== "public");
    expect(withIds.length).toBeGreaterThan(5);
    for (const op of withIds) {
      for (const id of bIds) {
        const r = await w.http(op.method, fill(op.path, { id }), { token: ownerA, body: ["POST", "PATCH", "PUT"].includes(op.method) ? bodies[op.path] ?? { role: "merchant_staff" } : undefined });
        expect([401, 403, 404], `${op.method} ${op.path} with ${id}: ${r.status} ${JSON.stringify(r.body)}`).toContain(r.status);
      }
    }
    // B's data is untouched and B still signs in.
    expect((await w.http("GET", "/api/v1/auth/me", { token: ownerB })).status).toBe(200);
    // Lists are scoped too: A sees only A's people and A's shop.
    const staffA = (await w.http("GET", "/api/v1/merchant/staff", { token: ownerA })).body.items as { merchantId: string; login: string }[];
    const shopA = (await w.http("GET", "/api/v1/merchant/shop", { token: ownerA })).body;
    expect(shopA.name).toContain("Tea House");
    expect(staffA.length).toBe(2);
    expect(staffA.every((u) => u.merchantId === shopA.id)).toBe(true);
  });
});

describe("S2 role assignment", () => {
  it("S2 grants and revokes roles with audit, refusing roles of the wrong scope", async () => {
    const admin = await w.loginAs("admin");
    const created = await w.http("POST", "/api/v1/admin/users", { token: admin, body: { kind: "staff", login: "newhire", password: "Newbie#Pass2026", displayName: "New Hire", roles: [] } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const token = await w.loginAs("newhire", "Newbie#Pass2026");
    expect((await w.http("GET", "/api/v1/auth/me", { token })).body.areas).toEqual(["shop"]);

    const grant = await w.http("POST", `/api/v1/admin/users/${id}/roles`, { token: admin, body: { role: "finance" } });
    expect(grant.body.roles).toEqual(["finance"]);
    expect((await w.http("GET", "/api/v1/auth/me", { token })).body.areas).toEqual(["shop", "admin"]);
    const again = await w.http("POST", `/api/v1/admin/users/${id}/roles`, { token: admin, body: { role: "finance" } });
    expect(again.body.error.code).toBe("ROLE_ALREADY_GRANTED");
    const wrongScope = await w.http("POST", `/api/v1/admin/users/${id}/roles`, { token: admin, body: { role: "merchant_owner" } });
    expect(wrongScope.status).toBe(400);
    expect(wrongScope.body.error.code).toBe("ROLE_SCOPE_MISMATCH");
    const unknown = await w.http("POST", `/api/v1/admin/users/${id}/roles`, { token: admin, body: { role: "superuser" } });
    expect(unknown.body.error.code).toBe("ROLE_UNKNOWN");

    const revoke = await w.http("DELETE", `/api/v1/admin/users/${id}/roles/finance`, { token: admin });
    expect(revoke.body.roles).toEqual([]);
    expect((await w.http("GET", "/api/v1/admin/audit?action=role.", { token: admin })).body.items.map((e: { action: string; entityId: string }) => [e.action, e.entityId]))
      .toEqual([["role.revoke", id], ["role.grant", id]]);
  });

  it("S2 an administrator cannot remove their own administrator role or deactivate themselves", async () => {
    const admin = await w.loginAs("admin");
    const me = (await w.http("GET", "/api/v1/auth/me", { token: admin })).body.user.id;
    expect((await w.http("DELETE", `/api/v1/admin/users/${me}/roles/platform_admin`, { token: admin })).body.error.code).toBe("ROLE_SELF_REVOKE");
    expect((await w.http("POST", `/api/v1/admin/users/${me}/deactivate`, { token: admin })).body.error.code).toBe("SELF_DEACTIVATE");
  });
});
