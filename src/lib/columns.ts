import { timestamp, uuid } from "drizzle-orm/pg-core";

export const id = () => uuid("id").primaryKey();
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
