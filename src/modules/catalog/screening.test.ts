import { describe, expect, it } from "vitest";
import { screenText, type Term } from "./screening.js";

const terms: Term[] = [
  { term: "最佳", category: "absolute", severity: "block" },
  { term: "国家级", category: "absolute", severity: "block" },
  { term: "100%", category: "absolute", severity: "warn" },
  { term: "根治", category: "medical", severity: "block" },
  { term: "best", category: "absolute", severity: "block" },
  { term: "number one", category: "absolute", severity: "block" },
];
const hits = (text: string) => screenText({ title: text }, terms).map((f) => f.term);

describe("P3 banned and absolute terms", () => {
  it("P3 finds terms in plain text", () => {
    expect(hits("国家级非遗 龙井茶 最佳口感")).toEqual(["最佳", "国家级"]);
    expect(hits("西湖龙井 明前特级 250g")).toEqual([]);
  });
  it("P3 catches full-width characters, spaces and symbols between characters", () => {
    expect(hits("最 佳 口 感")).toEqual(["最佳"]);
    expect(hits("最*佳口感，国·家·级")).toEqual(["最佳", "国家级"]);
    expect(hits("最\u200b佳")).toEqual(["最佳"]);
    expect(hits("纯度１００％")).toEqual(["100%"]);
    expect(hits("ＢＥＳＴ tea")).toEqual(["best"]);
    expect(hits("the b e s t tea, b.e.s.t price")).toEqual(["best"]);
    expect(hits("Number  One seller")).toEqual(["number one"]);
    expect(hits("可根-治失眠")).toEqual(["根治"]);
  });
  it("P3 matches Latin terms as whole words only", () => {
    expect(hits("asbestos-free bestseller")).toEqual([]);
    expect(hits("Best-in-class")).toEqual(["best"]);
  });
  it("P3 reports the field and an excerpt", () => {
    const [f] = screenText({ title: "龙井", description: "本品可根治失眠，效果显著" }, terms);
    expect(f).toMatchObject({ term: "根治", field: "description", category: "medical", severity: "block" });
    expect(f!.excerpt).toContain("根治");
  });
});
