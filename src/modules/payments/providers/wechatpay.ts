// WeChat Pay API v3 (direct merchant), Native QR payment; SHA256withRSA both ways, AES-256-GCM resources.
import { createDecipheriv, createHash, createPrivateKey, createPublicKey, createSign, createVerify, randomBytes } from "node:crypto";
import { type WechatPayConfig, fromShanghai, shanghaiDateTime, yuanToFen } from "./config.js";
import { ProviderError, type PaymentProvider, type QueryResult, type StatementLine, type VerifiedNotification } from "./provider.js";

type Deps = { fetch?: typeof fetch; now?: () => Date };
type Fields = Record<string, unknown>;
type Header = (name: string) => string | undefined;

const TIMEOUT_MS = 15_000;
const MAX_SKEW_S = 300;
const tradeState = {
  SUCCESS: "succeeded", REFUND: "succeeded", NOTPAY: "pending", USERPAYING: "pending",
  CLOSED: "closed", REVOKED: "closed", PAYERROR: "failed",
} as const;
const refundState = { SUCCESS: "succeeded", PROCESSING: "pending", CLOSED: "failed", ABNORMAL: "failed" } as const;

export function wechatpayProvider(config: WechatPayConfig, deps: Deps = {}): PaymentProvider {
  const http = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  const ourKey = createPrivateKey(config.privateKey);
  const platformKey = createPublicKey(config.platformPublicKey);
  const aesKey = Buffer.from(config.apiV3Key, "utf8");
  const fail = (code: string, message: string) => new ProviderError("wechatpay", code, message);

  function authorization(method: string, pathAndQuery: string, body: string): string {
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const nonce = randomBytes(16).toString("hex").toUpperCase();
    const signature = createSign("RSA-SHA256").update(`${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`, "utf8").sign(ourKey, "base64");
    return `WECHATPAY2-SHA256-RSA2048 mchid="${config.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${config.serialNo}"`;
  }

  // Why a response or notification cannot be trusted, or null when it can. The timestamp window
  // stops a captured message from being replayed later.
  function distrust(header: Header, body: Buffer): string | null {
    const serial = header("wechatpay-serial"), timestamp = header("wechatpay-timestamp");
    const nonce = header("wechatpay-nonce"), signature = header("wechatpay-signature");
    if (!serial || !timestamp || !nonce || !signature) return "the Wechatpay-Serial, -Timestamp, -Nonce and -Signature headers are not all there";
    if (serial !== config.platformSerial) return `signed with platform key ${serial}, not the configured ${config.platformSerial}`;
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now().getTime() / 1000 - Number(timestamp)) > MAX_SKEW_S) return `timestamp ${timestamp} is more than 5 minutes away from now`;
    const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), body, Buffer.from("\n")]);
    try {
      if (createVerify("RSA-SHA256").update(message).verify(platformKey, signature, "base64")) return null;
    } catch { /* a malformed signature is simply not a valid one */ }
    return "the signature does not verify with the configured platform public key";
  }

  async function exchange(url: string, method: string, pathAndQuery: string, body: string): Promise<{ res: Response; bytes: Buffer }> {
    try {
      const res = await http(url, {
        method,
        headers: {
          authorization: authorization(method, pathAndQuery, body),
          accept: "application/json",
          "user-agent": "shangguan-payments",
          ...(body ? { "content-type": "application/json" } : {}),
        },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      return { res, bytes: Buffer.from(await res.arrayBuffer()) };
    } catch (e) {
      throw fail("UNREACHABLE", `WeChat Pay did not answer ${method} ${pathAndQuery}: ${(e as Error).message}`);
    }
  }

  // A verified answer. An error is thrown unless its code is one the caller expects, and only a
  // signed error can be expected.
  async function request(method: "GET" | "POST", pathAndQuery: string, payload?: object, expect: string[] = []): Promise<{ ok: boolean; data: Fields }> {
    const { res, bytes } = await exchange(config.base + pathAndQuery, method, pathAndQuery, payload === undefined ? "" : JSON.stringify(payload));
    const problem = distrust((name) => res.headers.get(name) ?? undefined, bytes);
    let parsed: unknown = {};
    try { if (bytes.length) parsed = JSON.parse(bytes.toString("utf8")); } catch { parsed = null; }
    const data: Fields = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed as Fields : {};
    if (res.ok) {
      if (problem) throw fail("BAD_RESPONSE_SIGNATURE", `WeChat Pay's answer to ${method} ${pathAndQuery} was not trusted: ${problem}.`);
      if (data !== parsed) throw fail("MALFORMED_RESPONSE", `WeChat Pay's answer to ${method} ${pathAndQuery} is not a JSON object.`);
      return { ok: true, data };
    }
    const code = typeof data.code === "string" ? data.code : `HTTP_${res.status}`;
    if (!problem && expect.includes(code)) return { ok: false, data };
    throw fail(code, `WeChat Pay refused ${method} ${pathAndQuery}: ${typeof data.message === "string" ? data.message : `HTTP ${res.status}`}${problem ? " (an answer that was not signed)" : ""}.`);
  }

  const decrypt = (r: { ciphertext: string; nonce: string; associated_data?: unknown }): string => {
    const sealed = Buffer.from(r.ciphertext, "base64");
    const decipher = createDecipheriv("aes-256-gcm", aesKey, Buffer.from(r.nonce, "utf8"));
    decipher.setAAD(Buffer.from(typeof r.associated_data === "string" ? r.associated_data : "", "utf8"));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString("utf8");
  };
  const orderPath = (paymentNo: string) => `/v3/pay/transactions/out-trade-no/${encodeURIComponent(paymentNo)}`;

  return {
    name: "wechatpay",

    async createPayment(input) {
      if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 1) throw new RangeError(`a payment must be at least 1 分, got ${input.amountFen}`);
      const { data } = await request("POST", "/v3/pay/transactions/native", {
        appid: config.appId,
        mchid: config.mchId,
        description: clip(input.subject, 127) || input.paymentNo,
        out_trade_no: input.paymentNo,
        time_expire: rfc3339(input.expiresAt),
        notify_url: input.notifyUrl,
        amount: { total: input.amountFen, currency: "CNY" },
        ...(input.clientIp ? { scene_info: { payer_client_ip: input.clientIp } } : {}),
      });
      if (typeof data.code_url !== "string") throw fail("MALFORMED_RESPONSE", "WeChat Pay's Native order answer has no code_url.");
      return { payUrl: null, qrCode: data.code_url, providerRef: null };
    },

    async verifyNotification({ headers, body }): Promise<VerifiedNotification> {
      const header: Header = (name) => {
        for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
        return undefined;
      };
      const problem = distrust(header, Buffer.from(body, "utf8"));
      if (problem) return { ok: false, reason: "bad_signature", detail: problem };
      let event: { event_type?: unknown; resource?: { algorithm?: unknown; ciphertext?: unknown; nonce?: unknown; associated_data?: unknown } };
      try { event = JSON.parse(body) as typeof event; } catch { return { ok: false, reason: "malformed", detail: "the body is not JSON" }; }
      const r = event?.resource;
      if (r?.algorithm !== "AEAD_AES_256_GCM" || typeof r.ciphertext !== "string" || typeof r.nonce !== "string") {
        return { ok: false, reason: "malformed", detail: "resource is not an AEAD_AES_256_GCM envelope" };
      }
      let plain: string;
      try { plain = decrypt({ ciphertext: r.ciphertext, nonce: r.nonce, associated_data: r.associated_data }); } catch {
        return { ok: false, reason: "bad_signature", detail: "the resource does not decrypt and authenticate with the configured APIv3 key" };
      }
      let d: Fields & { amount?: Fields };
      try { d = JSON.parse(plain) as typeof d; } catch { return { ok: false, reason: "malformed", detail: "the decrypted resource is not JSON" }; }
      if (d.mchid !== config.mchId) return { ok: false, reason: "bad_signature", detail: `for merchant ${String(d.mchid)}, not ours` };
      const at = d.success_time === undefined ? null : new Date(String(d.success_time));
      if (at && Number.isNaN(at.getTime())) return { ok: false, reason: "malformed", detail: `success_time ${String(d.success_time)} is not a time` };

      if (event.event_type === "TRANSACTION.SUCCESS") {
        if (d.appid !== config.appId) return { ok: false, reason: "bad_signature", detail: `for appid ${String(d.appid)}, not ours` };
        if (d.trade_state !== "SUCCESS") return { ok: false, reason: "unsupported", detail: `trade_state ${String(d.trade_state)} carries no outcome` };
        const total = d.amount?.total;
        if (typeof d.out_trade_no !== "string" || typeof d.transaction_id !== "string" || !isFen(total)) {
          return { ok: false, reason: "malformed", detail: "out_trade_no, transaction_id or amount.total is missing" };
        }
        return { ok: true, kind: "payment", paymentNo: d.out_trade_no, providerTxnId: d.transaction_id, amountFen: total, status: "succeeded", at, raw: d };
      }
      if (event.event_type === "REFUND.SUCCESS" || event.event_type === "REFUND.ABNORMAL" || event.event_type === "REFUND.CLOSED") {
        const refunded = d.amount?.refund;
        if (typeof d.out_refund_no !== "string" || typeof d.refund_id !== "string" || !isFen(refunded)) {
          return { ok: false, reason: "malformed", detail: "out_refund_no, refund_id or amount.refund is missing" };
        }
        return { ok: true, kind: "refund", refundNo: d.out_refund_no, providerRefundId: d.refund_id, amountFen: refunded, status: d.refund_status === "SUCCESS" ? "succeeded" : "failed", at, raw: d };
      }
      return { ok: false, reason: "unsupported", detail: `event_type ${String(event.event_type)} is not handled` };
    },

    // Success is any 2xx; a failure needs a 4xx or 5xx with {"code":"FAIL"}, after which WeChat Pay
    // retries (15 times over about a day). 400 rather than 500: the refusal is deliberate, and a
    // forged notification must not page anyone as a server fault.
    acknowledge(accepted) {
      return accepted
        ? { status: 200, contentType: "application/json", body: JSON.stringify({ code: "SUCCESS", message: "成功" }) }
        : { status: 400, contentType: "application/json", body: JSON.stringify({ code: "FAIL", message: "失败" }) };
    },

    async query(paymentNo): Promise<QueryResult> {
      const { ok, data } = await request("GET", `${orderPath(paymentNo)}?mchid=${encodeURIComponent(config.mchId)}`, undefined, ["ORDER_NOT_EXIST"]);
      if (!ok) return { status: "pending", providerTxnId: null, amountFen: null, at: null };
      const total = (data.amount as Fields | undefined)?.total;
      return {
        status: tradeState[data.trade_state as keyof typeof tradeState] ?? "unknown",
        providerTxnId: typeof data.transaction_id === "string" && data.transaction_id ? data.transaction_id : null,
        amountFen: isFen(total) ? total : null,
        at: typeof data.success_time === "string" ? new Date(data.success_time) : null,
      };
    },

    async close(paymentNo) {
      await request("POST", `${orderPath(paymentNo)}/close`, { mchid: config.mchId }, ["ORDER_NOT_EXIST"]);
    },

    // out_refund_no is WeChat Pay's idempotency key: the same number answers the same refund.
    async refund(input) {
      const { data } = await request("POST", "/v3/refund/domestic/refunds", {
        out_trade_no: input.paymentNo,
        out_refund_no: input.refundNo,
        ...(input.reason ? { reason: clip(input.reason, 80) } : {}),
        ...(input.notifyUrl ? { notify_url: input.notifyUrl } : {}),
        amount: { refund: input.amountFen, total: input.totalFen, currency: "CNY" },
      });
      const status = refundState[data.status as keyof typeof refundState];
      if (!status) throw fail("MALFORMED_RESPONSE", `WeChat Pay's refund answer has status ${String(data.status)}.`);
      return {
        status,
        providerRefundId: typeof data.refund_id === "string" ? data.refund_id : null,
        ...(data.status === "ABNORMAL" ? { detail: "The refund could not reach the buyer's account (card closed or frozen); it needs handling in the merchant platform." } : {}),
      };
    },

    // The trade bill comes from a download URL; the file itself is not signed, so its SHA1 from
    // the signed answer is what vouches for it.
    async statement(day) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`a statement day is YYYY-MM-DD, got "${day}"`);
      let bill: Fields;
      try {
        bill = (await request("GET", `/v3/bill/tradebill?bill_date=${day}&bill_type=ALL`)).data;
      } catch (e) {
        if (e instanceof ProviderError && e.code === "NO_STATEMENT_EXIST") throw fail("NO_STATEMENT", `WeChat Pay has no trade bill for ${day}: there were no trades that day, or it is not ready yet (bills come the next morning).`);
        throw e;
      }
      if (typeof bill.download_url !== "string" || bill.hash_type !== "SHA1" || typeof bill.hash_value !== "string") {
        throw fail("MALFORMED_RESPONSE", "WeChat Pay's bill answer lacks download_url or its SHA1 hash.");
      }
      const url = new URL(bill.download_url);
      const { res, bytes } = await exchange(url.href, "GET", url.pathname + url.search, "");
      if (!res.ok) throw fail(`HTTP_${res.status}`, `WeChat Pay answered the bill download with HTTP ${res.status}.`);
      if (createHash("sha1").update(bytes).digest("hex") !== bill.hash_value.toLowerCase()) {
        throw fail("STATEMENT_HASH_MISMATCH", `The downloaded bill for ${day} does not match the SHA1 WeChat Pay signed for it.`);
      }
      try {
        return parseTradeBill(bytes.toString("utf8"));
      } catch (e) {
        throw fail("MALFORMED_STATEMENT", `WeChat Pay's bill for ${day} could not be read: ${(e as Error).message}`);
      }
    },
  };
}

const isFen = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

const rfc3339 = (at: Date) => `${shanghaiDateTime(at).replace(" ", "T")}+08:00`;

// Cut to a byte length without splitting a character.
function clip(text: string, maxBytes: number): string {
  let out = "", bytes = 0;
  for (const ch of text.trim()) {
    bytes += Buffer.byteLength(ch, "utf8");
    if (bytes > maxBytes) break;
    out += ch;
  }
  return out;
}

// The trade bill: a header row, one row per payment or refund with every field prefixed by "`"
// (so that spreadsheets keep long numbers as text), then the totals after "总交易单数". Amounts
// are the order's own (订单金额, 申请退款金额), which is what our records hold; 手续费 is stated
// to 0.00001 yuan and negative on refunds, the fee given back. A refund's providerTxnId is its
// refund id (微信退款单号), the providerRefundId that refund() returned.
function parseTradeBill(text: string): StatementLine[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const h = lines.findIndex((l) => l.includes("交易时间") && l.includes("商户订单号"));
  if (h < 0) throw new Error("no header row");
  const header = lines[h]!.split(",").map((name) => name.trim());
  const column = (...names: string[]) => {
    const i = header.findIndex((name) => names.includes(name));
    if (i < 0) throw new Error(`no column ${names[0]}`);
    return i;
  };
  const c = {
    time: column("交易时间"), txn: column("微信订单号"), no: column("商户订单号"), state: column("交易状态"),
    refundId: column("微信退款单号"), refundNo: column("商户退款单号"), refundState: column("退款状态"),
    fee: column("手续费"), amount: column("订单金额", "应结订单金额"), refunded: column("申请退款金额", "退款金额"),
  };
  const out: StatementLine[] = [];
  for (let n = h + 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.startsWith("总交易单数")) break;
    if (!line.startsWith("`")) continue;
    const f = line.slice(1).split(",`").map((v) => v.trim());
    const get = (i: number) => f[i] ?? "";
    try {
      const base = { feeFen: yuanToFen(get(c.fee) || "0", true) || 0, at: fromShanghai(get(c.time)) };
      if (get(c.state) === "SUCCESS") {
        out.push({ kind: "payment", no: get(c.no), providerTxnId: get(c.txn), amountFen: yuanToFen(get(c.amount)), ...base });
      } else if (get(c.state) === "REFUND" && get(c.refundState) === "SUCCESS") {
        out.push({ kind: "refund", no: get(c.refundNo), providerTxnId: get(c.refundId), amountFen: Math.abs(yuanToFen(get(c.refunded))), ...base });
      }
    } catch (e) {
      throw new Error(`line ${n + 1}: ${(e as Error).message}`);
    }
  }
  return out;
}
