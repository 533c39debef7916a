import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Ctx } from "../../server/context.js";
import { ValidationError } from "../../server/errors.js";
import { merchants } from "../merchants/schema.js";
import { maySell } from "../penalties/index.js";
import { activeSubtree } from "./categories.js";
import { imageUrls } from "./images.js";
import { products } from "./schema.js";
import { latinQuery, toTsQuery } from "./search.js";

export type Sort = "relevance" | "price_asc" | "price_desc" | "sales" | "newest";
export interface BrowseQuery {
  q?: string; categoryId?: string; merchantId?: string; minPriceFen?: number; maxPriceFen?: number; attributes?: Record<string, string>;
  sort?: Sort; cursor?: string; limit: number;
  // MK5: personalised ranking can be switched off; there is none yet, so both rank alike.
  personalised?: boolean;
}

// Keyset cursors: the sort value and id of the last row shown.
const encode = (v: number | string, id: string) => Buffer.from(JSON.stringify([v, id])).toString("base64url");
function decode(cursor: string): [number | string, string] {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [number | string, string];
    if ((typeof v === "number" || typeof v === "string") && typeof id === "string") return [v, id];
  } catch { /* fall through */ }
  throw new ValidationError("CURSOR_INVALID", "This page link is no longer valid; start from the first page.", { field: "cursor" });
}

export async function browseProducts(ctx: Ctx, q: BrowseQuery) {
  const now = ctx.clock.now();
  const none = { items: [], nextCursor: null, sort: q.sort ?? "newest", personalised: false };
  // A shop that may not sell shows nothing (M3, M6, P4).
  const where: SQL[] = [eq(products.status, "listed"), maySell(merchants, now)];
  if (q.categoryId) {
    const ids = await activeSubtree(ctx, q.categoryId);
    if (!ids) return none;
    where.push(inArray(products.categoryId, ids));
  }
  if (q.merchantId) where.push(eq(products.merchantId, q.merchantId));
  if (q.minPriceFen !== undefined) where.push(gte(products.maxPriceFen, q.minPriceFen));
  if (q.maxPriceFen !== undefined) where.push(lte(products.minPriceFen, q.maxPriceFen));
  for (const [k, v] of Object.entries(q.attributes ?? {})) where.push(sql`${products.attributes} @> ${JSON.stringify({ [k]: v })}::jsonb`);

  if (!q.q) return page(ctx, q, where, null, q.sort ?? "newest");
  const tsq = toTsQuery(q.q);
  if (!tsq) return none;
  // Full text first; only when it finds nothing, Latin words are matched by trigrams (typos).
  const sort = q.sort ?? "relevance";
  const text = sql`to_tsquery('simple', ${tsq})`;
  const found = await page(ctx, q, [...where, sql`${products.searchVector} @@ ${text}`], sql<number>`ts_rank(${products.searchVector}, ${text})::real`, sort);
  const latin = latinQuery(q.q);
  if (found.items.length || !latin) return found;
  return page(ctx, q, [...where, sql`${latin} <% ${products.searchLatin}`], sql<number>`word_similarity(${latin}, ${products.searchLatin})::real`, sort);
}

async function page(ctx: Ctx, q: BrowseQuery, where: SQL[], relevance: SQL<number> | null, requested: Sort) {
  // Without search words there is nothing to rank by: newest first.
  const sort: Sort = !relevance && requested === "relevance" ? "newest" : requested;
  const key = {
    relevance: { expr: relevance ?? sql<number>`0::real`, dir: "desc" as const },
    price_asc: { expr: sql<number>`${products.minPriceFen}`, dir: "asc" as const },
    price_desc: { expr: sql<number>`${products.minPriceFen}`, dir: "desc" as const },
    sales: { expr: sql<number>`${products.salesCount}`, dir: "desc" as const },
    newest: { expr: sql<string>`${products.listedAt}`, dir: "desc" as const },
  }[sort];
  const conditions = [...where];
  if (q.cursor) {
    const [v, id] = decode(q.cursor);
    const value = sort === "newest" ? sql`${v}::timestamptz` : sql`${v}`;
    conditions.push(key.dir === "desc"
      ? or(lt(key.expr, value), and(eq(key.expr, value), lt(products.id, id)))!
      : or(gt(key.expr, value), and(eq(key.expr, value), gt(products.id, id)))!);
  }
  const rows = await ctx.db.select({
    id: products.id, title: products.title, merchantId: products.merchantId, merchantName: merchants.name, categoryId: products.categoryId,
    minPriceFen: products.minPriceFen, maxPriceFen: products.maxPriceFen, salesCount: products.salesCount, listedAt: products.listedAt,
    mainImageId: products.mainImageId, sortValue: key.expr,
  }).from(products).innerJoin(merchants, eq(merchants.id, products.merchantId))
    .where(and(...conditions)).orderBy(key.dir === "desc" ? desc(key.expr) : asc(key.expr), key.dir === "desc" ? desc(products.id) : asc(products.id)).limit(q.limit + 1);
  const shown = rows.slice(0, q.limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map(({ mainImageId, sortValue: _s, ...r }) => ({ ...r, image: mainImageId ? imageUrls(mainImageId) : null })),
    nextCursor: rows.length > q.limit && last ? encode(sort === "newest" ? (last.listedAt as Date).toISOString() : (last.sortValue as number), last.id) : null,
    sort,
    personalised: false,
  };
}
