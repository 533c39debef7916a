import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

describe("P3 the maintained screening list", () => {
  it("P3 starts with the Advertising Law's absolute terms and catches them in disguise", async () => {
    const quality = await w.loginAs("quality");
    const list = (await w.http("GET", "/api/v1/admin/screening-terms", { token: quality })).body.items as { term: string; category: string }[];
    expect(list.filter((t) => t.category === "absolute").map((t) => t.term)).toEqual(expect.arrayContaining(["最佳", "国家级", "第一"]));
    const tried = await w.http("POST", "/api/v1/admin/screening-terms/try", { token: quality, body: { text: "国 家 级 非遗，ＢＥＳＴ 龙井，可根治失眠" } });
    expect(tried.body.findings.map((f: { term: string }) => f.term).sort()).toEqual(["best", "国家级", "根治"].sort());
  });

  it("P3 operations add and remove terms; one entry per term whatever its width or case; quality may only read", async () => {
    const ops = await w.loginAs("operations");
    const added = await w.http("POST", "/api/v1/admin/screening-terms", { token: ops, body: { term: "Top1", category: "absolute", severity: "block" } });
    expect(added.status).toBe(201);
    const twice = await w.http("POST", "/api/v1/admin/screening-terms", { token: ops, body: { term: "ＴＯＰ１", category: "absolute", severity: "warn" } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("TERM_EXISTS");
    expect((await w.http("POST", "/api/v1/admin/screening-terms", { token: await w.loginAs("quality"), body: { term: "顶尖", category: "absolute", severity: "warn" } })).status).toBe(403);
    expect((await w.http("POST", "/api/v1/admin/screening-terms", { token: ops, body: { term: "x", category: "rude", severity: "block" } })).status).toBe(400);
    expect((await w.http("DELETE", `/api/v1/admin/screening-terms/${added.body.id}`, { token: ops })).status).toBe(200);
    expect((await w.http("DELETE", `/api/v1/admin/screening-terms/${added.body.id}`, { token: ops })).body.error.code).toBe("TERM_NOT_FOUND");
  });
});
