import { createHash, timingSafeEqual } from "node:crypto";

// L3: the push protocol of the tracking aggregators Chinese shops subscribe to (the
// 快递100 style): a form POST with `param`, the JSON of the waybill's whole history, and
// `sign`, the upper-case MD5 of param + the salt given when subscribing. The aggregator
// sends again until it is answered {"result":true,"returnCode":"200"}.

export type TrackingKind = "collected" | "in_transit" | "out_for_delivery" | "delivered" | "problem" | "returned" | "rejected";
export interface TrackingEventInput { at: Date; kind: TrackingKind; text: string; location?: string | null }

export type Parsed =
  | { kind: "bad_signature" }
  | { kind: "malformed"; reason: string }
  | { kind: "ok"; carrierCode: string; trackingNo: string; events: TrackingEventInput[] };

export const pushSign = (param: string, salt: string) => createHash("md5").update(param + salt, "utf8").digest("hex").toUpperCase();

// The aggregator's state of a waybill (lastResult.state) and of each event (data[].status).
const stateKinds: Record<string, TrackingKind> = {
  "0": "in_transit", "1": "collected", "2": "problem", "3": "delivered", "4": "returned", "5": "out_for_delivery", "6": "returned", "7": "in_transit", "8": "in_transit", "14": "rejected",
};
const statusKinds: Record<string, TrackingKind> = {
  在途: "in_transit", 揽收: "collected", 疑难: "problem", 签收: "delivered", 退签: "returned", 派件: "out_for_delivery", 退回: "returned", 转投: "in_transit", 清关: "in_transit", 拒签: "rejected",
};

// "2026-12-01 16:33:19" is Beijing time.
function beijingTime(s: unknown): Date | null {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(s)) return null;
  const d = new Date(`${s.replace(" ", "T")}${s.length === 16 ? ":00" : ""}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function parsePush(body: string, salt: string): Parsed {
  const form = new URLSearchParams(body);
  const param = form.get("param");
  const sign = form.get("sign") ?? "";
  if (!param) return { kind: "malformed", reason: "no param" };
  const expected = Buffer.from(pushSign(param, salt));
  const given = Buffer.from(sign.toUpperCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: "bad_signature" };
  let json: { lastResult?: { nu?: unknown; com?: unknown; state?: unknown; data?: unknown } };
  try { json = JSON.parse(param); } catch { return { kind: "malformed", reason: "param is not JSON" }; }
  const last = json.lastResult;
  if (!last || typeof last.nu !== "string" || typeof last.com !== "string" || !Array.isArray(last.data)) return { kind: "malformed", reason: "lastResult incomplete" };
  const events: TrackingEventInput[] = [];
  const data = last.data as { time?: unknown; ftime?: unknown; context?: unknown; status?: unknown; areaName?: unknown }[];
  for (const [i, e] of data.entries()) {
    const at = beijingTime(e.ftime ?? e.time);
    if (!at || typeof e.context !== "string") return { kind: "malformed", reason: `event ${i} has no time or text` };
    // The newest event (first in the list) carries the waybill's state when it has no status of its own.
    const kind = (typeof e.status === "string" && statusKinds[e.status]) || (i === 0 ? stateKinds[String(last.state)] : undefined) || "in_transit";
    events.push({ at, kind, text: e.context, location: typeof e.areaName === "string" ? e.areaName : null });
  }
  return { kind: "ok", carrierCode: last.com, trackingNo: last.nu.trim().toUpperCase(), events };
}

// What the aggregator would send for a waybill: used by the built-in tracking sandbox and tests.
export function pushBody(p: { carrierCode: string; trackingNo: string; state: string; events: { at: Date; text: string; status?: string; areaName?: string }[] }, salt: string) {
  const fmt = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(d);
  const sorted = [...p.events].sort((a, b) => b.at.getTime() - a.at.getTime());
  const param = JSON.stringify({
    status: "polling", billstatus: "got", message: "",
    lastResult: {
      message: "ok", nu: p.trackingNo, com: p.carrierCode, state: p.state, ischeck: p.state === "3" ? "1" : "0", condition: "F00", status: "200",
      data: sorted.map((e) => ({ time: fmt(e.at), ftime: fmt(e.at), context: e.text, ...(e.status ? { status: e.status } : {}), ...(e.areaName ? { areaName: e.areaName } : {}) })),
    },
  });
  return new URLSearchParams({ param, sign: pushSign(param, salt) }).toString();
}
