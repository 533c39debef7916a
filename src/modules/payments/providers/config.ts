import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

export interface AlipayConfig {
  appId: string;
  privateKey: string;        // PEM (PKCS#8): our application private key, signs requests
  alipayPublicKey: string;   // PEM (SPKI): Alipay's public key, verifies responses and notifications
  gateway: string;
}
export interface WechatPayConfig {
  mchId: string;
  appId: string;
  serialNo: string;          // serial of our merchant API certificate, named in every request
  privateKey: string;        // PEM (PKCS#8)
  apiV3Key: string;          // 32 bytes, decrypts notification resources
  platformPublicKey: string; // PEM (SPKI): WeChat Pay platform key, verifies responses and notifications
  platformSerial: string;
  base: string;
}

type Env = Record<string, string | undefined>;

// A provider with none of its variables is simply switched off; one with some of them is a
// mistake that must stop the start-up rather than fail on the first buyer's payment.
export function providerConfigFromEnv(env: Env = process.env): { alipay: AlipayConfig | null; wechatpay: WechatPayConfig | null } {
  const alipay = section(env, "Alipay", ["ALIPAY_APP_ID", "ALIPAY_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY"]);
  const wechat = section(env, "WeChat Pay", [
    "WECHATPAY_MCH_ID", "WECHATPAY_APP_ID", "WECHATPAY_SERIAL_NO", "WECHATPAY_PRIVATE_KEY",
    "WECHATPAY_API_V3_KEY", "WECHATPAY_PLATFORM_PUBLIC_KEY", "WECHATPAY_PLATFORM_SERIAL",
  ]);
  if (wechat && Buffer.byteLength(wechat.WECHATPAY_API_V3_KEY!, "utf8") !== 32) {
    throw new Error("WECHATPAY_API_V3_KEY must be the 32-character APIv3 key set in the WeChat Pay merchant platform (账户中心 → API安全).");
  }
  return {
    alipay: alipay && {
      appId: alipay.ALIPAY_APP_ID!,
      privateKey: pemKey(alipay.ALIPAY_PRIVATE_KEY!, "private", "ALIPAY_PRIVATE_KEY"),
      alipayPublicKey: pemKey(alipay.ALIPAY_PUBLIC_KEY!, "public", "ALIPAY_PUBLIC_KEY"),
      gateway: httpsUrl(env, "ALIPAY_GATEWAY", "https://openapi.alipay.com/gateway.do"),
    },
    wechatpay: wechat && {
      mchId: wechat.WECHATPAY_MCH_ID!,
      appId: wechat.WECHATPAY_APP_ID!,
      serialNo: wechat.WECHATPAY_SERIAL_NO!,
      privateKey: pemKey(wechat.WECHATPAY_PRIVATE_KEY!, "private", "WECHATPAY_PRIVATE_KEY"),
      apiV3Key: wechat.WECHATPAY_API_V3_KEY!,
      platformPublicKey: pemKey(wechat.WECHATPAY_PLATFORM_PUBLIC_KEY!, "public", "WECHATPAY_PLATFORM_PUBLIC_KEY"),
      platformSerial: wechat.WECHATPAY_PLATFORM_SERIAL!,
      base: httpsUrl(env, "WECHATPAY_BASE", "https://api.mch.weixin.qq.com").replace(/\/+$/, ""),
    },
  };
}

function section(env: Env, provider: string, names: string[]): Env | null {
  const set = names.filter((n) => env[n]?.trim());
  if (set.length === 0) return null;
  const missing = names.filter((n) => !env[n]?.trim());
  if (missing.length) {
    throw new Error(`${provider} is only partly configured: ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} missing. Set ${missing.length > 1 ? "them" : "it"}, or remove ${set.join(", ")} to switch ${provider} off.`);
  }
  return Object.fromEntries(names.map((n) => [n, env[n]!.trim()]));
}

function httpsUrl(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  let url: URL;
  try { url = new URL(value); } catch { throw new Error(`${name} must be an absolute URL, got "${value}".`); }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`${name} must be an http(s) URL, got "${value}".`);
  return value;
}

// Env files carry PEM with literal "\n"; the Alipay key tool hands out bare base64 (PKCS#8 or
// PKCS#1 private keys, SPKI public keys); WeChat Pay hands out a platform certificate. All become PEM.
export function pemKey(value: string, kind: "private" | "public", name = "key"): string {
  const text = value.replace(/\\r/g, "").replace(/\\n/g, "\n").trim();
  let key: KeyObject;
  try {
    if (text.includes("-----BEGIN")) key = kind === "private" ? createPrivateKey(text) : createPublicKey(text);
    else {
      const der = Buffer.from(text.replace(/\s+/g, ""), "base64");
      key = kind === "public"
        ? createPublicKey({ key: der, format: "der", type: "spki" })
        : tryEach([() => createPrivateKey({ key: der, format: "der", type: "pkcs8" }), () => createPrivateKey({ key: der, format: "der", type: "pkcs1" })]);
    }
  } catch {
    throw new Error(`${name} is not a readable RSA ${kind} key: give the PEM text (line breaks may be written as \\n) or the bare base64 key.`);
  }
  if (key.asymmetricKeyType !== "rsa") throw new Error(`${name} must be an RSA key (RSA2 / SHA256withRSA), got ${key.asymmetricKeyType}.`);
  return key.export({ type: kind === "private" ? "pkcs8" : "spki", format: "pem" }) as string;
}

function tryEach<T>(attempts: Array<() => T>): T {
  let last: unknown;
  for (const attempt of attempts) { try { return attempt(); } catch (e) { last = e; } }
  throw last;
}

// Wire formats both adapters share. Providers state money as decimal yuan text and time as
// Beijing wall-clock time; neither may pass through a float or the server's time zone.

// "1234.50" → 123450. At most two decimals, unless `round`: WeChat Pay bills state fees to
// 0.00001 yuan, rounded here half away from zero to the 分 that is actually settled.
export function yuanToFen(text: string, round = false): number {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (!round && m[3] !== undefined && m[3].length > 2)) throw new RangeError(`"${text}" is not an amount in yuan`);
  const decimals = (m[3] ?? "").padEnd(3, "0");
  let fen = BigInt(m[2]!) * 100n + BigInt(decimals.slice(0, 2));
  if (round && decimals.charCodeAt(2) >= 53 /* "5" */) fen += 1n;
  const n = Number(m[1] === "-" ? -fen : fen);
  if (!Number.isSafeInteger(n)) throw new RangeError(`"${text}" is out of range`);
  return n;
}

export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`amount must be a whole, non-negative number of 分, got ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
const SHANGHAI = 8 * 3_600_000;

// "yyyy-MM-dd HH:mm:ss" in Asia/Shanghai.
export function shanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI).toISOString().slice(0, 19).replace("T", " ");
}

export function fromShanghai(text: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(text.trim());
  const at = m ? new Date(`${m[1]}T${m[2]}+08:00`) : null;
  if (!at || Number.isNaN(at.getTime())) throw new RangeError(`"${text}" is not a "yyyy-MM-dd HH:mm:ss" time`);
  return at;
}
