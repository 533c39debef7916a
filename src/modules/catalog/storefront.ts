import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Ctx } from "../../server/context.js";
import { ValidationError } from "../../server/errors.js";
import { merchants } from "../merchants/schema.js";
import { bindingStatuses } from "../penalties/machine.js";
import { merchantPenalties } from "../penalties/schema.js";
import { categoryTree } from "./categories.js";
import { imageUrls } from "./images.js";
import { products, productVersions } from "./schema.js";
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

// A shop that may not sell shows nothing (M3, M6, P4): no hold, no binding suspension or closure now.
function sellingShop(now: Date): SQL {
  return sql`not exists (select 1 from ${merchants} m where m.id = ${products.merchantId} and m.qualification_hold_since is not null)
    and not exists (select 1 from ${merchantPenalties} pe where pe.merchant_id = ${products.merchantId} and pe.kind in ('suspension', 'closure')
      and pe.status in (${sql.join(bindingStatuses.map((s) => sql`${s}`), sql`, `)}) and pe.starts_at <= ${now.toISOString()} and (pe.ends_at is null or pe.ends_at > ${now.toISOString()}))`;
}

function descendants(tree: { id: string; children: unknown[] }[], id: string): string[] | null {
  for (const n of tree as { id: string; children: { id: string; children: unknown[] }[] }[]) {
    if (n.id === id) {
      const all: string[] = [];
      const walk = (x: { id: string; children: unknown[] }) => { all.push(x.id); (x.children as { id: string; children: unknown[] }[]).forEach(walk); };
      walk(n);
      return all;
    }
    const inner = descendants(n.children, id);
    if (inner) return inner;
  }
  return null;
}

export async function browseProducts(ctx: Ctx, q: BrowseQuery) {
  const now = ctx.clock.now();
  const where: SQL[] = [eq(products.status, "listed"), sellingShop(now)];
  if (q.categoryId) {
    const ids = descendants((await categoryTree(ctx, { activeOnly: true })).items, q.categoryId);
    if (!ids) return { items: [], nextCursor: null, personalised: false };
    where.push(inArray(products.categoryId, ids));
  }
  if (q.merchantId) where.push(eq(products.merchantId, q.merchantId));
  if (q.minPriceFen !== undefined) where.push(gte(products.maxPriceFen, q.minPriceFen));
  if (q.maxPriceFen !== undefined) where.push(lte(products.minPriceFen, q.maxPriceFen));
  for (const [k, v] of Object.entries(q.attributes ?? {})) where.push(sql`${products.attributes} @> ${JSON.stringify({ [k]: v })}::jsonb`);

  const tsq = q.q ? toTsQuery(q.q) : null;
  const latin = q.q ? latinQuery(q.q) : "";
  if (q.q && !tsq) return { items: [], nextCursor: null, personalised: false };
  const relevance = tsq
    ? sql<number>`(ts_rank(${products.searchVector}, to_tsquery('simple', ${tsq})) + ${latin ? sql`word_similarity(${latin}, ${products.searchLatin})` : sql`0`})::real`
    : sql<number>`0::real`;
  if (tsq) {
    where.push(latin ? or(sql`${products.searchVector} @@ to_tsquery('simple', ${tsq})`, sql`${latin} <% ${products.searchLatin}`)! : sql`${products.searchVector} @@ to_tsquery('simple', ${tsq})`);
  }

  const sort: Sort = q.sort ?? (tsq ? "relevance" : "newest");
  const key = {
    relevance: { expr: relevance, dir: "desc" as const },
    price_asc: { expr: sql<number>`${products.minPriceFen}`, dir: "asc" as const },
    price_desc: { expr: sql<number>`${products.minPriceFen}`, dir: "desc" as const },
    sales: { expr: sql<number>`${products.salesCount}`, dir: "desc" as const },
    newest: { expr: sql<string>`${products.listedAt}`, dir: "desc" as const },
  }[sort];
  if (q.cursor) {
    const [v, id] = decode(q.cursor);
    const value = sort === "newest" ? sql`${v}::timestamptz` : sql`${v}`;
    where.push(key.dir === "desc"
      ? or(lt(key.expr, value), and(eq(key.expr, value), lt(products.id, id)))!
      : or(gt(key.expr, value), and(eq(key.expr, value), gt(products.id, id)))!);
  }
  const rows = await ctx.db.select({
    id: products.id, title: products.title, merchantId: products.merchantId, merchantName: merchants.name, categoryId: products.categoryId,
    minPriceFen: products.minPriceFen, maxPriceFen: products.maxPriceFen, salesCount: products.salesCount, listedAt: products.listedAt,
    images: sql<string[]>`${productVersions.content}->'images'`, sortValue: key.expr,
  }).from(products).innerJoin(merchants, eq(merchants.id, products.merchantId)).innerJoin(productVersions, eq(productVersions.id, products.liveVersionId))
    .where(and(...where)).orderBy(key.dir === "desc" ? desc(key.expr) : asc(key.expr), key.dir === "desc" ? desc(products.id) : asc(products.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ images, sortValue: _s, ...r }) => ({ ...r, image: images?.[0] ? imageUrls(images[0]) : null })),
    nextCursor: rows.length > q.limit && last ? encode(sort === "newest" ? (last.listedAt as Date).toISOString() : (last.sortValue as number), last.id) : null,
    sort,
    personalised: false,
  };
}
