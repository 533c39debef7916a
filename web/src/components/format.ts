import dayjs from "dayjs";

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY-MM-DD HH:mm") : iso;
}

export function formatDateTimeSeconds(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY-MM-DD HH:mm:ss") : iso;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY-MM-DD") : iso;
}

/** Renders an audit summary: text as is, an object as "key: value · key: value". */
export function formatSummary(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return v;
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return v.map(formatSummary).join(", ");
  const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => {
    const val = x !== null && typeof x === "object" ? JSON.stringify(x) : String(x);
    return `${k}: ${val}`;
  });
  return parts.length ? parts.join(" · ") : "—";
}

/** A short "Browser · OS" description of a user agent string; null when unknown. */
export function describeUserAgent(ua: string | null | undefined): string | null {
  if (!ua) return null;
  const browsers: [RegExp, string][] = [
    [/MicroMessenger\/(\d+)/, "WeChat"],
    [/Edg\/(\d+)/, "Edge"],
    [/(?:Chrome|Chromium|CriOS)\/(\d+)/, "Chrome"],
    [/(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
    [/Version\/(\d+).*Safari\//, "Safari"],
    [/^curl\/(\d+)/, "curl"],
  ];
  let browser: string | null = null;
  for (const [re, name] of browsers) {
    const m = re.exec(ua);
    if (m) {
      browser = `${name} ${m[1] ?? ""}`.trim();
      break;
    }
  }
  const systems: [RegExp, string][] = [
    [/Windows/, "Windows"],
    [/Android/, "Android"],
    [/iPhone|iPad|iPod/, "iOS"],
    [/Mac OS X|Macintosh/, "macOS"],
    [/Linux/, "Linux"],
  ];
  const os = systems.find(([re]) => re.test(ua))?.[1] ?? null;
  if (!browser && !os) return null;
  return [browser, os].filter(Boolean).join(" · ");
}

/** A short form of an id for tables: the end of it (UUIDv7 ids share their time prefix). */
export function shortId(id: string): string {
  return id.length > 12 ? `…${id.slice(-8)}` : id;
}

const yuan = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An amount in fen (分, the API's unit) as yuan: ¥1,280.00. */
export function formatFen(fen: number): string {
  return `${fen < 0 ? "-" : ""}¥${yuan.format(Math.abs(fen) / 100)}`;
}
