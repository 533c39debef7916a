import { useEffect, useState } from "react";
import i18n from "../../i18n";
import { isApiError } from "../../api";
import { errorText } from "../errors";
import { formatDateTime } from "../format";

// Words and numbers of shipping and receipt, shared by the storefront and the trade screens.

/** A carrier by its name in the reader's language. */
export const carrierName = (c: { name: string; nameEn: string }) => (i18n.language === "en-US" ? c.nameEn : c.name);

/** Grams as kilograms: 1250 → "1.25 kg". */
export const kg = (grams: number) => i18n.t("fulfil.kg", { kg: Number((grams / 1000).toFixed(3)).toString() });

/** A length of time in the largest sensible unit: "35 分钟", "5 小时", "2 天 3 小时". */
export function duration(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes < 60) return i18n.t("fulfil.duration.minutes", { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return i18n.t("fulfil.duration.hours", { count: hours });
  return i18n.t("fulfil.duration.days", { days: Math.floor(hours / 24), hours: hours % 24 });
}

/**
 * Shipping and receipt errors in the reader's language; a code this screen does not know
 * falls back to `fallback` (the area's own error words), then to the server's message.
 */
export function fulfilErrorText(e: unknown, fallback: (e: unknown) => string = errorText): string {
  if (isApiError(e) && i18n.exists(`fulfil.errors.${e.code}`)) {
    const values: Record<string, string | number> = {};
    for (const [k, v] of Object.entries((e.details ?? {}) as Record<string, unknown>)) {
      if (typeof v === "number") values[k] = v;
      else if (typeof v === "string") values[k] = /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDateTime(v) : v;
    }
    return String(i18n.t(`fulfil.errors.${e.code}` as never, values as never));
  }
  return fallback(e);
}

/** The form field a server error names (details.field: "trackingNo", "parcels", "lines" …). */
export function errorField(e: unknown): string | null {
  const field = isApiError(e) ? (e.details as { field?: unknown } | undefined)?.field : undefined;
  return typeof field === "string" ? field : null;
}

/** A clock that ticks, for countdowns to a deadline. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
