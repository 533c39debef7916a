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

// 2026120100000042: the Shanghai date and a database sequence. For numbers taken on the
// hot path (orders, payments, refunds): a sequence never waits on another transaction,
// where a counter row would serialise every checkout. A rolled-back one leaves a gap.
export async function sequenceNumber(tx: Tx, sequence: "order_no_seq" | "payment_no_seq" | "refund_no_seq" | "shipment_no_seq", prefix: string, now: Date): Promise<string> {
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(now).replaceAll("-", "");
  const [row] = rowsOf<{ n: string }>(await tx.execute(sql`select nextval(${sequence}) as n`));
  return `${prefix}${day}${String(row!.n).padStart(8, "0")}`;
}
