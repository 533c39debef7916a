import { desc, eq } from "drizzle-orm";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { NotFound } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { createAccount, createAccountIn, getUser, listUsers } from "../identity/index.js";
import { merchants } from "./schema.js";
import { publicLicence } from "../onboarding/index.js";
import { standingOf, standings, type Standing } from "../penalties/index.js";

type MerchantRow = typeof merchants.$inferSelect;
const view = (m: MerchantRow, s: Standing) => ({ id: m.id, name: m.name, status: s.status, canList: s.canList, canSell: s.canSell, createdAt: m.createdAt });

export async function listMerchants(ctx: Ctx) {
  const rows = await ctx.db.select().from(merchants).orderBy(desc(merchants.createdAt));
  const st = await standings(ctx.db, rows.map((m) => m.id), ctx.clock.now());
  return { items: rows.map((m) => view(m, st.get(m.id)!)) };
}

export async function getMerchant(ctx: Ctx, id: string) {
  const [m] = await ctx.db.select().from(merchants).where(eq(merchants.id, id));
  if (!m) throw new NotFound("Merchant", "MERCHANT_NOT_FOUND");
  const s = await standingOf(ctx.db, id, ctx.clock.now());
  return { ...view(m, s), restrictions: s.restrictions };
}

// Third-party shops enter through onboarding (M1, M2). An administrator may also open a
// shop directly, such as the operator's own (自营), with its owner account: both or neither.
export async function createMerchant(ctx: Ctx, input: { name: string; owner: { login: string; password: string; displayName: string } }) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(merchants).values({ id: newId(), name: input.name.trim(), createdAt: ctx.clock.now() }).returning();
    await createAccountIn(tx, ctx, { kind: "merchant", merchantId: row!.id, roles: ["merchant_owner"], ...input.owner });
    await recordAudit(tx, ctx, { action: "merchant.create", entityType: "merchant", entityId: row!.id, summary: { name: row!.name } });
    return view(row!, await standingOf(tx, row!.id, ctx.clock.now()));
  });
}

const serviceView = (m: MerchantRow) => ({ servicePhone: m.servicePhone, serviceEmail: m.serviceEmail, serviceHours: m.serviceHours, afterSalesPolicy: m.afterSalesPolicy });

export async function myShop(ctx: Ctx) {
  const [m] = await ctx.db.select().from(merchants).where(eq(merchants.id, ctx.actor.merchantId!));
  if (!m) throw new NotFound("Merchant", "MERCHANT_NOT_FOUND");
  return { ...view(m, await standingOf(ctx.db, m.id, ctx.clock.now())), ...serviceView(m) };
}

export interface ServiceContacts { servicePhone?: string | null; serviceEmail?: string | null; serviceHours?: string | null; afterSalesPolicy?: string | null }

export async function updateShopService(ctx: Ctx, input: ServiceContacts) {
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx.update(merchants).set(input).where(eq(merchants.id, ctx.actor.merchantId!)).returning();
    if (!m) throw new NotFound("Merchant", "MERCHANT_NOT_FOUND");
    await recordAudit(tx, ctx, { action: "merchant.service_update", entityType: "merchant", entityId: m.id, summary: { fields: Object.keys(input) } });
    return { ...view(m, await standingOf(tx, m.id, ctx.clock.now())), ...serviceView(m) };
  });
}

// M4 (E-Commerce Law art. 15): what anyone may see about a shop — licence facts,
// how to reach it, after-sales terms and where to complain.
export async function publicShop(ctx: Ctx, id: string) {
  const [m] = await ctx.db.select().from(merchants).where(eq(merchants.id, id));
  if (!m) throw new NotFound("Shop", "SHOP_NOT_FOUND");
  const standing = await standingOf(ctx.db, m.id, ctx.clock.now());
  return {
    id: m.id, name: m.name, status: standing.status, selling: standing.canSell, openedAt: m.createdAt,
    licence: await publicLicence(ctx.db, m.id),
    contact: { phone: m.servicePhone, email: m.serviceEmail, hours: m.serviceHours },
    afterSalesPolicy: m.afterSalesPolicy,
    complaints: { merchant: m.servicePhone ?? m.serviceEmail, platformPath: "/about#complaints" },
    // Merchant credit (M7) will fill this in.
    rating: null,
  };
}

export const listShopStaff = async (ctx: Ctx) => listUsers(ctx, { kind: "merchant", merchantId: ctx.actor.merchantId!, limit: 200 });

export const getShopStaff = (ctx: Ctx, id: string) => getUser(ctx, id);

export async function createShopStaff(ctx: Ctx, input: { login: string; password: string; displayName: string }) {
  return createAccount(ctx, { kind: "merchant", merchantId: ctx.actor.merchantId!, roles: ["merchant_staff"], ...input });
}
