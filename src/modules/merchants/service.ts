import { desc, eq } from "drizzle-orm";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { NotFound } from "../../server/errors.js";
import { recordAudit } from "../audit/index.js";
import { createAccount, createAccountIn, getUser, listUsers } from "../identity/index.js";
import { merchants } from "./schema.js";

type MerchantRow = typeof merchants.$inferSelect;
const view = (m: MerchantRow) => ({ id: m.id, name: m.name, status: m.status, createdAt: m.createdAt });

export async function listMerchants(ctx: Ctx) {
  return { items: (await ctx.db.select().from(merchants).orderBy(desc(merchants.createdAt))).map(view) };
}

export async function getMerchant(ctx: Ctx, id: string) {
  const [m] = await ctx.db.select().from(merchants).where(eq(merchants.id, id));
  if (!m) throw new NotFound("Merchant", "MERCHANT_NOT_FOUND");
  return view(m);
}

// Until onboarding and qualification review exist, an administrator opens a shop
// directly together with its owner account: both or neither.
export async function createMerchant(ctx: Ctx, input: { name: string; owner: { login: string; password: string; displayName: string } }) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(merchants).values({ id: newId(), name: input.name.trim(), createdAt: ctx.clock.now() }).returning();
    await createAccountIn(tx, ctx, { kind: "merchant", merchantId: row!.id, roles: ["merchant_owner"], ...input.owner });
    await recordAudit(tx, ctx, { action: "merchant.create", entityType: "merchant", entityId: row!.id, summary: { name: row!.name } });
    return view(row!);
  });
}

export async function myShop(ctx: Ctx) {
  return getMerchant(ctx, ctx.actor.merchantId!);
}

export const listShopStaff = async (ctx: Ctx) => listUsers(ctx, { kind: "merchant", merchantId: ctx.actor.merchantId!, limit: 200 });

export const getShopStaff = (ctx: Ctx, id: string) => getUser(ctx, id);

export async function createShopStaff(ctx: Ctx, input: { login: string; password: string; displayName: string }) {
  return createAccount(ctx, { kind: "merchant", merchantId: ctx.actor.merchantId!, roles: ["merchant_staff"], ...input });
}
