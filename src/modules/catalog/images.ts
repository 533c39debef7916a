import sharp from "sharp";
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { NotFound, ValidationError } from "../../server/errors.js";
import { getRule } from "../settings/index.js";
import { productImages } from "./schema.js";

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
// Standard sizes a storefront asks for; each fits inside a square of this side.
export const imageSizes = { thumb: 200, medium: 600, large: 1200 } as const;
export type ImageSize = keyof typeof imageSizes;
const keyOf = (id: string, size: ImageSize) => `product-images/${id}/${size}.webp`;

// P2/P3: judged by decoding, not by name: a JPEG, PNG or WebP picture of at least the
// rule's size, then stored in the standard sizes as WebP without its metadata (EXIF
// can carry the seller's location).
export async function uploadProductImage(ctx: Ctx, file: { body: Buffer; fileName: string }) {
  if (file.body.length > MAX_IMAGE_BYTES) throw new ValidationError("FILE_TOO_LARGE", "An image may be at most 10 MB.", { field: "file" });
  const meta = await sharp(file.body).metadata().catch(() => null);
  if (!meta || !["jpeg", "png", "webp"].includes(meta.format ?? "") || !meta.width || !meta.height) {
    throw new ValidationError("IMAGE_TYPE_NOT_ALLOWED", "Upload a JPEG, PNG or WebP picture. The file's content is checked, not its name.", { field: "file" });
  }
  const minSide = await getRule(ctx, "product.minImageSide");
  if (Math.min(meta.width, meta.height) < minSide) {
    throw new ValidationError("IMAGE_TOO_SMALL", `The picture is ${meta.width}×${meta.height} pixels; its shorter side must be at least ${minSide} pixels.`, { field: "file", minSide });
  }
  const id = newId();
  for (const [size, side] of Object.entries(imageSizes) as [ImageSize, number][]) {
    const out = await sharp(file.body).rotate().resize(side, side, { fit: "inside", withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
    await ctx.storage.put(keyOf(id, size), out);
  }
  const [row] = await ctx.db.insert(productImages).values({ id, merchantId: ctx.actor.merchantId!, width: meta.width, height: meta.height, bytes: file.body.length, fileName: file.fileName.slice(0, 200), createdAt: ctx.clock.now() }).returning();
  return { id: row!.id, width: row!.width, height: row!.height, urls: imageUrls(row!.id) };
}

export const imageUrls = (id: string) => Object.fromEntries(Object.keys(imageSizes).map((s) => [s, `/api/v1/images/${id}/${s}`])) as Record<ImageSize, string>;

export async function imageFile(ctx: Ctx, id: string, size: ImageSize) {
  const [row] = await ctx.db.select({ id: productImages.id }).from(productImages).where(eq(productImages.id, id));
  if (!row) throw new NotFound("Image", "IMAGE_NOT_FOUND");
  return ctx.storage.get(keyOf(id, size));
}

// A product may only show its own shop's pictures.
export async function assertOwnImages(q: Queryable, merchantId: string, ids: string[]) {
  if (!ids.length) return;
  const found = await q.select({ id: productImages.id }).from(productImages).where(and(eq(productImages.merchantId, merchantId), inArray(productImages.id, ids)));
  const missing = ids.filter((i) => !found.some((f) => f.id === i));
  if (missing.length) throw new ValidationError("IMAGE_NOT_FOUND", "Some images are not among your shop's uploads; upload them again.", { field: "images", missing });
}
