import { pgTable, text } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";

// The shop a third-party merchant runs on the platform. Onboarding and
// qualification review (M1-M6) extend this table.
export const merchants = pgTable("merchants", {
  id: id(),
  name: text("name").notNull(),
  status: text("status", { enum: ["active", "suspended", "closed"] }).notNull().default("active"),
  // M4 (E-Commerce Law art. 15): how buyers reach the shop for service, after-sales and complaints.
  servicePhone: text("service_phone"),
  serviceEmail: text("service_email"),
  serviceHours: text("service_hours"),
  afterSalesPolicy: text("after_sales_policy"),
  createdAt: at("created_at").notNull(),
});
