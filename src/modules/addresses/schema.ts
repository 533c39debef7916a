import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";

// O1: a buyer's address book. Name, mobile and street are personal data, sealed at rest
// (U4); the region codes are not, so shipping fees and reports can use them. The digest
// of the whole address finds many buyers shipping to one door (F4) without opening it.
export const buyerAddresses = pgTable("buyer_addresses", {
  id: id(),
  userId: uuid("user_id").notNull().references(() => users.id),
  recipientSealed: text("recipient_sealed").notNull(),
  mobileSealed: text("mobile_sealed").notNull(),
  provinceCode: text("province_code").notNull(),
  cityCode: text("city_code").notNull(),
  districtCode: text("district_code").notNull(),
  detailSealed: text("detail_sealed").notNull(),
  label: text("label"),
  isDefault: boolean("is_default").notNull().default(false),
  digest: text("digest").notNull(),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [
  index("buyer_addresses_user_idx").on(t.userId, t.createdAt),
  uniqueIndex("buyer_addresses_one_default_uq").on(t.userId).where(sql`${t.isDefault}`),
]);
