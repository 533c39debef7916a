import { z } from "zod";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD");
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);
// P2: everything a merchant says about a product, sent whole on every save.
export const ProductContent = z.strictObject({
  title: z.string().trim().min(4, "at least 4 characters").max(60, "at most 60 characters"),
  categoryId: z.uuid(),
  description: z.string().trim().min(1, "describe the product").max(20_000),
  attributes: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), z.union([z.string().trim().max(200), z.number()])).default({}),
  material: optionalText(200), functions: optionalText(500), usage: optionalText(1000),
  afterSales: z.string().trim().min(4, "state the after-sales terms").max(2000),
  origin: z.string().trim().min(2, "enter where it comes from").max(100),
  productionDate: day.nullable().default(null),
  shelfLifeDays: z.number().int().min(1).max(3650).nullable().default(null),
  images: z.array(z.uuid()).max(20).default([]),
  supplierId: z.uuid().nullable().default(null),
  skus: z.array(z.strictObject({
    code: z.string().trim().min(1).max(40),
    options: z.record(z.string().trim().min(1).max(20), z.string().trim().min(1).max(40)).default({}),
    priceFen: z.number().int().min(1, "a price of at least 1 分").max(100_000_000),
    barcode: z.string().regex(/^\d{8,14}$/, "8 to 14 digits").nullable().default(null),
    weightGrams: z.number().int().min(0).max(1_000_000),
  })).min(1, "add at least one SKU").max(200),
});
