import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../lib/db-types.js";
import { documentCounters } from "./schema.js";

// RK20261201-0007: prefix, the Shanghai date, and a counter of that prefix and day. Taken
// inside the document's transaction, so a rolled-back document gives its number back.
export async function nextNumber(tx: Tx, prefix: string, now: Date): Promise<string> {
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(now).replaceAll("-", "");
  const key = `${prefix}${day}`;
  const [row] = rowsOf<{ value: number }>(await tx.execute(sql`insert into ${documentCounters} (key, value) values (${key}, 1)
    on conflict (key) do update set value = ${documentCounters.value} + 1 returning value`));
  return `${key}-${String(row!.value).padStart(4, "0")}`;
}
