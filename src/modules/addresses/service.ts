import { and, count, desc, eq, ne, sql } from "drizzle-orm";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { maskMobile } from "../../lib/crypto.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import type { OrderAddress } from "../orders/schema.js";
import { regionPath } from "./regions.js";
import { buyerAddresses } from "./schema.js";

type AddressRow = typeof buyerAddresses.$inferSelect;
export interface AddressInput {
  recipient: string; mobile: string; provinceCode: string; cityCode: string; districtCode: string; detail: string;
  label?: string | null; isDefault?: boolean;
}

export const MAX_ADDRESSES = 20;
const MOBILE = /^1[3-9]\d{9}$/;
// Arbitrary constant: the first key of the per-buyer advisory lock that serialises address book writes.
const ADDRESS_BOOK_LOCK = 0x5347_4144;

const chars = (s: string) => Array.from(s);
const collapse = (s: string) => s.normalize("NFKC").replace(/\s+/g, " ").trim();

// A person's name is shown by its first character: "张三" as "张*", "欧阳娜娜" as "欧***".
export const maskName = (name: string) => {
  const c = chars(name);
  return c.length <= 1 ? "*" : `${c[0]}${"*".repeat(Math.min(c.length - 1, 3))}`;
};
// The street shown shortened, its numbers hidden: enough to tell addresses apart.
export const maskDetail = (detail: string) => {
  const c = chars(detail.replace(/\s+/g, ""));
  return `${c.slice(0, Math.min(6, Math.ceil(c.length / 2))).join("").replace(/\d/g, "*")}****`;
};

// +86, spaces and dashes are how people write numbers; one spelling is stored.
export function normalMobile(raw: string) {
  return raw.normalize("NFKC").replace(/[\s-]/g, "").replace(/^(\+?86|0086)(?=1\d{10}$)/, "");
}

function clean(input: AddressInput) {
  const recipient = collapse(input.recipient);
  if (chars(recipient).length < 1 || chars(recipient).length > 25) {
    throw new ValidationError("RECIPIENT_INVALID", "Enter the recipient's name (1 to 25 characters).", { field: "recipient" });
  }
  const mobile = normalMobile(input.mobile);
  if (!MOBILE.test(mobile)) throw new ValidationError("MOBILE_INVALID", "Enter a mainland mobile number: 11 digits starting with 13 to 19.", { field: "mobile" });
  const regionName = regionPath(input.provinceCode, input.cityCode, input.districtCode);
  const detail = collapse(input.detail);
  if (chars(detail).length < 5 || chars(detail).length > 120) {
    throw new ValidationError("DETAIL_INVALID", "Enter the street, building and room (5 to 120 characters).", { field: "detail" });
  }
  const label = input.label ? collapse(input.label) : "";
  if (chars(label).length > 10) throw new ValidationError("LABEL_INVALID", "A label has at most 10 characters (家, 公司 …).", { field: "label" });
  return { recipient, mobile, detail, regionName, label: label || null, provinceCode: input.provinceCode, cityCode: input.cityCode, districtCode: input.districtCode };
}

// F4 finds many buyers shipping to one door by this, without opening any address.
function addressDigest(ctx: Ctx, a: { provinceCode: string; cityCode: string; districtCode: string; detail: string }) {
  return ctx.sealer.digest([a.provinceCode, a.cityCode, a.districtCode, a.detail].join("|").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim());
}

const regionOf = (r: AddressRow) => {
  try {
    return regionPath(r.provinceCode, r.cityCode, r.districtCode);
  } catch {
    // A code retired from the region list after the address was saved: the codes still ship.
    return [r.provinceCode, r.cityCode, r.districtCode].join(" ");
  }
};

const maskedView = (ctx: Ctx, r: AddressRow) => ({
  id: r.id, recipient: maskName(ctx.sealer.open(r.recipientSealed)), mobile: maskMobile(ctx.sealer.open(r.mobileSealed)),
  provinceCode: r.provinceCode, cityCode: r.cityCode, districtCode: r.districtCode, regionName: regionOf(r), detail: maskDetail(ctx.sealer.open(r.detailSealed)),
  label: r.label, isDefault: r.isDefault, createdAt: r.createdAt, updatedAt: r.updatedAt,
});

const fullView = (ctx: Ctx, r: AddressRow) => ({
  ...maskedView(ctx, r), recipient: ctx.sealer.open(r.recipientSealed), mobile: ctx.sealer.open(r.mobileSealed), detail: ctx.sealer.open(r.detailSealed),
});

function buyerId(ctx: Ctx) {
  if (!ctx.actor.userId) throw new NotFound("Address", "ADDRESS_NOT_FOUND");
  return ctx.actor.userId;
}

async function ownAddress(q: Queryable, userId: string, id: string) {
  const [row] = await q.select().from(buyerAddresses).where(and(eq(buyerAddresses.id, id), eq(buyerAddresses.userId, userId)));
  if (!row) throw new NotFound("Address", "ADDRESS_NOT_FOUND");
  return row;
}

// One writer per address book at a time: the count limit and the single default hold.
const lockBook = (tx: Tx, userId: string) => tx.execute(sql`select pg_advisory_xact_lock(${ADDRESS_BOOK_LOCK}, hashtext(${userId}))`);

// U4: the list shows names, numbers and streets masked; the region is not personal.
export async function listAddresses(ctx: Ctx) {
  const rows = await ctx.db.select().from(buyerAddresses).where(eq(buyerAddresses.userId, buyerId(ctx)))
    .orderBy(desc(buyerAddresses.isDefault), desc(buyerAddresses.createdAt));
  return { items: rows.map((r) => maskedView(ctx, r)), limit: MAX_ADDRESSES };
}

// The address in clear, for the buyer's edit form; the unmasked read is audited (U4).
export async function getAddress(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await ownAddress(tx, buyerId(ctx), id);
    await recordAudit(tx, ctx, { action: "address.open", entityType: "buyer_address", entityId: id });
    return fullView(ctx, row);
  });
}

export async function createAddress(ctx: Ctx, input: AddressInput) {
  const userId = buyerId(ctx);
  const a = clean(input);
  return ctx.db.transaction(async (tx) => {
    await lockBook(tx, userId);
    const [{ n, defaults }] = (await tx.select({ n: count(), defaults: sql<number>`count(*) filter (where ${buyerAddresses.isDefault})::int` })
      .from(buyerAddresses).where(eq(buyerAddresses.userId, userId))) as [{ n: number; defaults: number }];
    if (n >= MAX_ADDRESSES) {
      throw new RuleViolation("ADDRESS_BOOK_FULL", `An address book holds at most ${MAX_ADDRESSES} addresses; delete one you no longer use first.`, { limit: MAX_ADDRESSES });
    }
    const isDefault = defaults === 0 || input.isDefault === true;
    if (isDefault) await tx.update(buyerAddresses).set({ isDefault: false }).where(and(eq(buyerAddresses.userId, userId), eq(buyerAddresses.isDefault, true)));
    const now = ctx.clock.now();
    const [row] = await tx.insert(buyerAddresses).values({
      id: newId(), userId, recipientSealed: ctx.sealer.seal(a.recipient), mobileSealed: ctx.sealer.seal(a.mobile), detailSealed: ctx.sealer.seal(a.detail),
      provinceCode: a.provinceCode, cityCode: a.cityCode, districtCode: a.districtCode, label: a.label, isDefault, digest: addressDigest(ctx, a), createdAt: now, updatedAt: now,
    }).returning();
    await recordAudit(tx, ctx, { action: "address.create", entityType: "buyer_address", entityId: row!.id, summary: { districtCode: a.districtCode, isDefault } });
    return maskedView(ctx, row!);
  });
}

export async function updateAddress(ctx: Ctx, id: string, input: AddressInput) {
  const userId = buyerId(ctx);
  const a = clean(input);
  return ctx.db.transaction(async (tx) => {
    await lockBook(tx, userId);
    const before = await ownAddress(tx, userId, id);
    // Unticking "default" on the default address would leave the book without one.
    const isDefault = before.isDefault || input.isDefault === true;
    if (isDefault && !before.isDefault) await tx.update(buyerAddresses).set({ isDefault: false }).where(and(eq(buyerAddresses.userId, userId), eq(buyerAddresses.isDefault, true)));
    const [row] = await tx.update(buyerAddresses).set({
      recipientSealed: ctx.sealer.seal(a.recipient), mobileSealed: ctx.sealer.seal(a.mobile), detailSealed: ctx.sealer.seal(a.detail),
      provinceCode: a.provinceCode, cityCode: a.cityCode, districtCode: a.districtCode, label: a.label, isDefault, digest: addressDigest(ctx, a), updatedAt: ctx.clock.now(),
    }).where(eq(buyerAddresses.id, id)).returning();
    await recordAudit(tx, ctx, { action: "address.update", entityType: "buyer_address", entityId: id, summary: { districtCode: a.districtCode, isDefault } });
    return maskedView(ctx, row!);
  });
}

// Orders keep their own copy of the address, so deleting one never moves a parcel.
// When the default goes, the newest remaining address takes its place.
export async function deleteAddress(ctx: Ctx, id: string) {
  const userId = buyerId(ctx);
  return ctx.db.transaction(async (tx) => {
    await lockBook(tx, userId);
    const before = await ownAddress(tx, userId, id);
    await tx.delete(buyerAddresses).where(eq(buyerAddresses.id, id));
    let newDefault: string | null = null;
    if (before.isDefault) {
      const [next] = await tx.select({ id: buyerAddresses.id }).from(buyerAddresses).where(eq(buyerAddresses.userId, userId)).orderBy(desc(buyerAddresses.createdAt)).limit(1);
      if (next) {
        await tx.update(buyerAddresses).set({ isDefault: true, updatedAt: ctx.clock.now() }).where(eq(buyerAddresses.id, next.id));
        newDefault = next.id;
      }
    }
    await recordAudit(tx, ctx, { action: "address.delete", entityType: "buyer_address", entityId: id, summary: { wasDefault: before.isDefault, newDefault } });
    return { deleted: id, newDefault };
  });
}

export async function setDefaultAddress(ctx: Ctx, id: string) {
  const userId = buyerId(ctx);
  return ctx.db.transaction(async (tx) => {
    await lockBook(tx, userId);
    await ownAddress(tx, userId, id);
    await tx.update(buyerAddresses).set({ isDefault: false }).where(and(eq(buyerAddresses.userId, userId), eq(buyerAddresses.isDefault, true), ne(buyerAddresses.id, id)));
    const [row] = await tx.update(buyerAddresses).set({ isDefault: true, updatedAt: ctx.clock.now() }).where(eq(buyerAddresses.id, id)).returning();
    await recordAudit(tx, ctx, { action: "address.default", entityType: "buyer_address", entityId: id });
    return maskedView(ctx, row!);
  });
}

// O2: the address an order is placed to, copied as it is now; the personal parts stay
// sealed. Another buyer's address does not exist for this one.
export async function orderAddress(q: Queryable, ctx: Ctx, addressId: string): Promise<OrderAddress> {
  const r = await ownAddress(q, buyerId(ctx), addressId);
  return {
    recipientSealed: r.recipientSealed, mobileSealed: r.mobileSealed, detailSealed: r.detailSealed,
    provinceCode: r.provinceCode, cityCode: r.cityCode, districtCode: r.districtCode, regionName: regionOf(r), digest: r.digest,
  };
}

// An order's address for display: masked by default (U4). Whoever shows it unmasked
// (a shipping label, the buyer's own order) audits that read in its own transaction.
export function openOrderAddress(ctx: Ctx, a: OrderAddress, opts: { masked: boolean }) {
  const recipient = ctx.sealer.open(a.recipientSealed);
  const mobile = ctx.sealer.open(a.mobileSealed);
  const detail = ctx.sealer.open(a.detailSealed);
  return opts.masked
    ? { recipient: maskName(recipient), mobile: maskMobile(mobile), regionName: a.regionName, detail: maskDetail(detail) }
    : { recipient, mobile, regionName: a.regionName, detail };
}
