import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { creditCodeCheckChar } from "../onboarding/rules.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

const code = (first17: string) => first17 + creditCodeCheckChar(first17);
const supplier = (name: string, first17: string) => ({ name, creditCode: code(first17), contactName: "周经理", contactPhone: "13905711111", address: "浙江省杭州市", qualifications: [{ kind: "食品生产许可证", number: "SC11233010600001", validUntil: "2029-06-30" }] });

describe("P7 suppliers", () => {
  it("P7 a merchant keeps suppliers with qualifications, scores them per period with the rule's weights and sees a ranking", async () => {
    const owner = await w.loginAs("owner@tea-house.example");
    const a = await w.http("POST", "/api/v1/merchant/suppliers", { token: owner, body: supplier("龙坞茶叶合作社", "93330106MA2B1C2D3") });
    const b = await w.http("POST", "/api/v1/merchant/suppliers", { token: owner, body: supplier("梅家坞茶厂", "91330106MA2E4F5G6") });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await w.http("POST", "/api/v1/merchant/suppliers", { token: owner, body: supplier("重复", "93330106MA2B1C2D3") })).body.error.code).toBe("SUPPLIER_EXISTS");
    expect((await w.http("POST", "/api/v1/merchant/suppliers", { token: owner, body: { ...supplier("错码", "91330106MA2E4F5G6"), creditCode: "91330106MA2E4F5G60" } })).body.error.code).toBe("CREDIT_CODE_INVALID");

    // Weights 40/20/25/15: 90*.4 + 80*.2 + 70*.25 + 60*.15 = 78.5
    const scored = await w.http("POST", `/api/v1/merchant/suppliers/${a.body.id}/evaluations`, { token: owner, body: { period: "2026-Q1", quality: 90, price: 80, delivery: 70, service: 60 } });
    expect(scored.body).toMatchObject({ score: 78.5, weights: { quality: 40, price: 20, delivery: 25, service: 15 } });
    await w.http("POST", `/api/v1/merchant/suppliers/${b.body.id}/evaluations`, { token: owner, body: { period: "2026-Q1", quality: 95, price: 90, delivery: 90, service: 90 } });
    expect((await w.http("POST", `/api/v1/merchant/suppliers/${a.body.id}/evaluations`, { token: owner, body: { period: "2026-Q1", quality: 1, price: 1, delivery: 1, service: 1 } })).body.error.code).toBe("EVALUATION_EXISTS");
    expect((await w.http("POST", `/api/v1/merchant/suppliers/${a.body.id}/evaluations`, { token: owner, body: { period: "Q1", quality: 1, price: 1, delivery: 1, service: 101 } })).status).toBe(400);
    await w.http("POST", `/api/v1/merchant/suppliers/${a.body.id}/evaluations`, { token: owner, body: { period: "2026-Q2", quality: 98, price: 95, delivery: 96, service: 99 } });

    // The demo's own supplier has no scorecard yet: it is listed unranked, after these.
    const ranking = (await w.http("GET", "/api/v1/merchant/suppliers", { token: owner })).body.items.filter((s: { rank: number | null }) => s.rank);
    expect(ranking.map((s: { name: string; rank: number; latest: { period: string } }) => [s.name, s.rank, s.latest.period])).toEqual([["龙坞茶叶合作社", 1, "2026-Q2"], ["梅家坞茶厂", 2, "2026-Q1"]]);
    const history = (await w.http("GET", `/api/v1/merchant/suppliers/${a.body.id}`, { token: owner })).body;
    expect(history.evaluations.map((e: { period: string }) => e.period)).toEqual(["2026-Q2", "2026-Q1"]);

    // Another shop sees none of them and cannot link them to its products.
    const other = await w.loginAs("owner@bamboo.example");
    expect((await w.http("GET", "/api/v1/merchant/suppliers", { token: other })).body.items).toEqual([]);
    expect((await w.http("GET", `/api/v1/merchant/suppliers/${a.body.id}`, { token: other })).status).toBe(404);
    const mine = (await w.http("GET", "/api/v1/merchant/products?status=listed", { token: other })).body.items[0];
    const full = (await w.http("GET", `/api/v1/merchant/products/${mine.id}`, { token: other })).body.live.content;
    expect((await w.http("PUT", `/api/v1/merchant/products/${mine.id}`, { token: other, body: { ...full, supplierId: a.body.id } })).body.error.code).toBe("SUPPLIER_NOT_FOUND");
    // The platform keeps its own list, separate from the merchants'.
    expect((await w.http("GET", "/api/v1/admin/suppliers", { token: await w.loginAs("quality") })).body.items).toEqual([]);
    expect((await w.http("GET", "/api/v1/admin/suppliers", { token: await w.loginAs("operations") })).status).toBe(403);
  });
});
