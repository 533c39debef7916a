import ExcelJS from "exceljs";
import type { Ctx } from "../../server/context.js";
import { ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { categoryTree, type EffectiveCategory } from "./categories.js";
import { ProductContent as ContentSchema } from "./content.js";
import { insertDraft, checkContent } from "./products.js";
import type { ProductContent } from "./schema.js";

// P2: bulk creation from the XLSX template. One row per SKU; rows with the same product
// code form one product. Either every row is right and every product is created (as a
// draft: pictures are added in the editor), or nothing is and each wrong row is reported.
export const importColumns = [
  ["productCode", "商品编号 Product code"], ["title", "标题 Title"], ["category", "类目 Category key"], ["description", "描述 Description"],
  ["origin", "产地 Origin"], ["afterSales", "售后 After-sales"], ["attributes", "属性 Attributes (key=value; …)"], ["material", "材质 Material"],
  ["productionDate", "生产日期 Production date"], ["shelfLifeDays", "保质期(天) Shelf life (days)"],
  ["skuCode", "SKU 编码 SKU code"], ["options", "规格 Options (name=value; …)"], ["price", "价格(元) Price (yuan)"], ["barcode", "条码 Barcode"], ["weightGrams", "重量(克) Weight (g)"],
] as const;
type Column = (typeof importColumns)[number][0];
const MAX_ROWS = 2000;

export async function importTemplate(ctx: Ctx) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("products");
  sheet.addRow(importColumns.map(([, label]) => label)).font = { bold: true };
  sheet.addRow(["LJ-001", "西湖龙井 明前特级", "green-tea", "手工炒制", "浙江杭州", "未拆封七日无理由退货", "origin=杭州西湖; net_weight=250; grade=特级", "", "2026-03-28", 540, "LJ-001-250", "规格=250g", 688, "6901234567892", 400]);
  sheet.columns.forEach((c) => { c.width = 22; });
  // The second sheet lists the category keys and the attributes each asks for.
  const cats = wb.addWorksheet("categories");
  cats.addRow(["key", "名称 name", "属性 attributes (key: type, * = required)"]).font = { bold: true };
  const walk = (nodes: (EffectiveCategory & { children: unknown[] })[]) => nodes.forEach((n) => {
    cats.addRow([n.key, n.path.map((p) => p.name.zh).join(" / "), n.attributes.map((a) => `${a.key}${a.required ? "*" : ""}: ${a.type}${a.options ? ` (${a.options.join("|")})` : ""}`).join("; ")]);
    walk(n.children as never);
  });
  walk((await categoryTree(ctx, { activeOnly: true })).items as never);
  cats.columns.forEach((c) => { c.width = 40; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const text = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  if (typeof v === "object" && "text" in v) return String(v.text);
  if (typeof v === "object" && "result" in v) return String(v.result ?? "");
  return String(v).trim();
};
const pairs = (s: string) => Object.fromEntries(s.split(/[;；]/).map((x) => x.trim()).filter(Boolean).map((x) => {
  const [k, ...rest] = x.split(/[=＝]/);
  return [k!.trim(), rest.join("=").trim()];
}));

export async function importProducts(ctx: Ctx, file: Buffer) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError("IMPORT_FILE_INVALID", "The file is not an XLSX workbook. Download the template, fill it in and upload it again.", { field: "file" });
  }
  const sheet = wb.getWorksheet("products") ?? wb.worksheets[0];
  if (!sheet) throw new ValidationError("IMPORT_FILE_INVALID", "The workbook has no sheet of products.");
  const tree = (await categoryTree(ctx, { activeOnly: true })).items;
  const byKey = new Map<string, EffectiveCategory>();
  const walk = (ns: typeof tree) => ns.forEach((n) => { byKey.set(n.key, n as unknown as EffectiveCategory); walk(n.children); });
  walk(tree);

  const rows: { row: number; v: Record<Column, string> }[] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const v = Object.fromEntries(importColumns.map(([k], i) => [k, text(r.getCell(i + 1).value)])) as Record<Column, string>;
    if (Object.values(v).some(Boolean)) rows.push({ row: n, v });
  });
  if (!rows.length) throw new ValidationError("IMPORT_EMPTY", "The sheet has no product rows under the header.");
  if (rows.length > MAX_ROWS) throw new ValidationError("IMPORT_TOO_LARGE", `At most ${MAX_ROWS} rows per file; split the file.`);

  const problems: { row: number; field: string; message: string }[] = [];
  const groups = new Map<string, { rows: number[]; first: Record<Column, string>; skus: Record<Column, string>[] }>();
  for (const { row, v } of rows) {
    if (!v.productCode) { problems.push({ row, field: "productCode", message: "Give every row a product code; rows with the same code are one product." }); continue; }
    const g = groups.get(v.productCode) ?? { rows: [], first: v, skus: [] };
    g.rows.push(row);
    g.skus.push(v);
    groups.set(v.productCode, g);
  }
  const contents: { code: string; content: ProductContent }[] = [];
  for (const [code, g] of groups) {
    const f = g.first;
    const category = byKey.get(f.category);
    if (!category) { problems.push({ row: g.rows[0]!, field: "category", message: `Unknown category key "${f.category}"; see the categories sheet.` }); continue; }
    const attributes = Object.fromEntries(Object.entries(pairs(f.attributes)).map(([k, val]) => {
      const def = category.attributes.find((a) => a.key === k);
      return [k, def?.type === "number" && val !== "" && !Number.isNaN(Number(val)) ? Number(val) : val];
    }));
    const candidate = {
      title: f.title, categoryId: category.id, description: f.description, attributes, material: f.material || null, afterSales: f.afterSales, origin: f.origin,
      productionDate: f.productionDate || null, shelfLifeDays: f.shelfLifeDays ? Number(f.shelfLifeDays) : null,
      skus: g.skus.map((s) => ({
        code: s.skuCode, options: pairs(s.options), priceFen: Math.round(Number(s.price) * 100), barcode: s.barcode || null, weightGrams: Number(s.weightGrams || 0),
      })),
    };
    const parsed = ContentSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [first, index, field] = issue.path as (string | number)[];
        const row = first === "skus" && typeof index === "number" ? g.rows[index]! : g.rows[0]!;
        problems.push({ row, field: first === "skus" ? String(field ?? "skus") : String(first ?? "row"), message: issue.message });
      }
      continue;
    }
    try {
      checkContent(parsed.data as ProductContent);
    } catch (e) {
      problems.push({ row: g.rows[0]!, field: "skus", message: (e as Error).message });
      continue;
    }
    contents.push({ code, content: parsed.data as ProductContent });
  }
  if (problems.length) {
    problems.sort((a, b) => a.row - b.row);
    throw new ValidationError("IMPORT_ROWS_INVALID", `Nothing was imported: ${problems.length} problem${problems.length > 1 ? "s" : ""} in the file, listed by row. Fix them and upload the whole file again.`, { problems });
  }
  return ctx.db.transaction(async (tx) => {
    const created: { id: string; code: string; title: string }[] = [];
    for (const { code, content } of contents) created.push({ id: (await insertDraft(tx, ctx, content)).id, code, title: content.title });
    await recordAudit(tx, ctx, { action: "product.import", entityType: "merchant", entityId: ctx.actor.merchantId, summary: { products: created.length, rows: rows.length } });
    return { imported: created.length, products: created };
  });
}
