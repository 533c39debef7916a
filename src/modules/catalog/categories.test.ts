import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { attributeProblems } from "./categories.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

type Node = { id: string; key: string; children: Node[]; [k: string]: unknown };
const find = (nodes: Node[], key: string): Node | undefined => nodes.map((n) => (n.key === key ? n : find(n.children, key))).find(Boolean);

describe("P1 category tree", () => {
  it("P1 each category declares attributes, permits, return eligibility and commission; children inherit and may override", async () => {
    const tree = (await w.http("GET", "/api/v1/categories")).body.items as Node[];
    expect(tree.map((n) => n.key)).toEqual(expect.arrayContaining(["tea", "food", "home"]));
    const greenTea = find(tree, "green-tea")!;
    expect(greenTea).toMatchObject({ businessCategory: "tea", requiredPermits: ["food_licence"], returnEligible: true, commissionBps: 500, requiresProductionDate: true, requiresShelfLife: true });
    expect((greenTea.attributes as { key: string }[]).map((a) => a.key)).toEqual(["origin", "net_weight", "grade", "storage", "harvest"]);
    // Fresh food is excluded from 7-day no-reason returns, unlike the rest of food.
    expect(find(tree, "fresh")).toMatchObject({ returnEligible: false, commissionBps: 300 });
    expect(find(tree, "phones")!.requiredPermits).toEqual(["category_permit"]);
  });

  it("P1 operations add and change categories; clashes and incomplete roots are refused", async () => {
    const ops = await w.loginAs("operations");
    const tree = (await w.http("GET", "/api/v1/admin/categories", { token: ops })).body.items as Node[];
    const tea = find(tree, "tea")!;
    const oolong = await w.http("POST", "/api/v1/admin/categories", {
      token: ops, body: { key: "oolong", parentId: tea.id, name: { zh: "乌龙茶", en: "Oolong" }, commissionBps: 450, attributes: [{ key: "roast", name: { zh: "焙火", en: "Roast" }, type: "enum", options: ["轻", "中", "重"], required: false }] },
    });
    expect(oolong.status).toBe(201);
    expect(oolong.body).toMatchObject({ commissionBps: 450, returnEligible: true, path: [{ key: "tea" }, { key: "oolong" }] });

    const clash = await w.http("POST", "/api/v1/admin/categories", { token: ops, body: { key: "white-tea", parentId: tea.id, name: { zh: "白茶", en: "White tea" }, attributes: [{ key: "origin", name: { zh: "产地", en: "Origin" }, type: "text", required: true }] } });
    expect(clash.body.error.code).toBe("ATTRIBUTE_KEY_TAKEN");
    const noOptions = await w.http("POST", "/api/v1/admin/categories", { token: ops, body: { key: "white-tea", parentId: tea.id, name: { zh: "白茶", en: "White tea" }, attributes: [{ key: "style", name: { zh: "品类", en: "Style" }, type: "enum", required: true }] } });
    expect(noOptions.body.error.code).toBe("ATTRIBUTE_OPTIONS_REQUIRED");
    const root = await w.http("POST", "/api/v1/admin/categories", { token: ops, body: { key: "toys", name: { zh: "玩具", en: "Toys" } } });
    expect(root.body.error.code).toBe("ROOT_CATEGORY_UNKNOWN");
    const dup = await w.http("POST", "/api/v1/admin/categories", { token: ops, body: { key: "oolong", parentId: tea.id, name: { zh: "乌龙", en: "Oolong" } } });
    expect(dup.status).toBe(409);
    const badBps = await w.http("PATCH", `/api/v1/admin/categories/${oolong.body.id}`, { token: ops, body: { commissionBps: 20_000 } });
    expect(badBps.status).toBe(400);
    const rootNull = await w.http("PATCH", `/api/v1/admin/categories/${tea.id}`, { token: ops, body: { commissionBps: null } });
    expect(rootNull.body.error.code).toBe("ROOT_CATEGORY_INCOMPLETE");
    // A parent may not gain an attribute key a child already uses.
    const parentClash = await w.http("PATCH", `/api/v1/admin/categories/${tea.id}`, { token: ops, body: { attributes: [{ key: "roast", name: { zh: "焙火", en: "Roast" }, type: "text", required: false }] } });
    expect(parentClash.body.error.code).toBe("ATTRIBUTE_KEY_TAKEN");

    const hidden = await w.http("PATCH", `/api/v1/admin/categories/${oolong.body.id}`, { token: ops, body: { active: false } });
    expect(hidden.body.active).toBe(false);
    expect(find((await w.http("GET", "/api/v1/categories")).body.items, "oolong")).toBeUndefined();
    expect((await w.http("POST", "/api/v1/admin/categories", { token: await w.loginAs("quality"), body: { key: "x1", parentId: tea.id, name: { zh: "x", en: "x" } } })).status).toBe(403);
  });

  it("P1 P2 product attribute values are checked against the category's definitions", () => {
    const defs = [
      { key: "origin", name: { zh: "产地", en: "Origin" }, type: "text" as const, required: true },
      { key: "net_weight", name: { zh: "净含量", en: "Net weight" }, type: "number" as const, unit: "g", required: true },
      { key: "grade", name: { zh: "等级", en: "Grade" }, type: "enum" as const, options: ["特级", "一级"], required: false },
      { key: "picked", name: { zh: "采摘日期", en: "Picked on" }, type: "date" as const, required: false },
    ];
    expect(attributeProblems(defs, { origin: "杭州", net_weight: 250, grade: "特级", picked: "2026-03-28" })).toEqual([]);
    expect(attributeProblems(defs, { net_weight: "250g", grade: "极品", picked: "March", colour: "green" }).map((p) => p.field))
      .toEqual(["attributes.origin", "attributes.net_weight", "attributes.grade", "attributes.picked", "attributes.colour"]);
  });
});
