// Alipay open platform, RSA2 (SHA256withRSA) signatures, PC website payment (alipay.trade.page.pay).
import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from "node:crypto";
import { crc32, inflateRawSync } from "node:zlib";
import { type AlipayConfig, fenToYuan, fromShanghai, shanghaiDateTime, yuanToFen } from "./config.js";
import { ProviderError, type PaymentProvider, type QueryResult, type StatementLine, type VerifiedNotification } from "./provider.js";

type Deps = { fetch?: typeof fetch; now?: () => Date };
type Fields = Record<string, unknown>;

const OK = "10000";
const TIMEOUT_MS = 15_000;
const tradeStatus = { WAIT_BUYER_PAY: "pending", TRADE_SUCCESS: "succeeded", TRADE_FINISHED: "succeeded", TRADE_CLOSED: "closed" } as const;

export function alipayProvider(config: AlipayConfig, deps: Deps = {}): PaymentProvider {
  const http = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  const ourKey = createPrivateKey(config.privateKey);
  const alipayKey = createPublicKey(config.alipayPublicKey);
  const fail = (code: string, message: string) => new ProviderError("alipay", code, message);

  function signedParams(method: string, biz: object, extra: Record<string, string> = {}): Record<string, string> {
    const params: Record<string, string> = {
      app_id: config.appId, method, format: "JSON", charset: "utf-8", sign_type: "RSA2",
      timestamp: shanghaiDateTime(now()), version: "1.0", ...extra, biz_content: JSON.stringify(biz),
    };
    return { ...params, sign: createSign("RSA-SHA256").update(signContent(params), "utf8").sign(ourKey, "base64") };
  }

  async function download(url: string, init: RequestInit, what: string): Promise<Buffer> {
    let res: Response, bytes: Buffer;
    try {
      res = await http(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      throw fail("UNREACHABLE", `Alipay did not answer ${what}: ${(e as Error).message}`);
    }
    if (!res.ok) throw fail(`HTTP_${res.status}`, `Alipay answered ${what} with HTTP ${res.status}.`);
    return bytes;
  }

  // The response node, once its signature holds. Alipay signs the node's exact JSON text, so the
  // text is cut out of the answer as it came, never re-serialised. An error answer is thrown
  // unless its sub_code is one the caller expects, and only a signed one can be expected.
  async function call(method: string, biz: object, expect: string[] = []): Promise<Fields> {
    const body = new URLSearchParams(signedParams(method, biz)).toString();
    const text = (await download(config.gateway, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" }, body }, method)).toString("utf8");
    const members = topLevelMembers(text);
    const raw = members?.get(`${method.replaceAll(".", "_")}_response`) ?? members?.get("error_response");
    if (!members || raw === undefined || !raw.startsWith("{")) throw fail("MALFORMED_RESPONSE", `Alipay's answer to ${method} is not the JSON its documentation describes.`);
    const node = JSON.parse(raw) as Fields;
    const sign = members.has("sign") ? JSON.parse(members.get("sign")!) as unknown : undefined;
    const trusted = typeof sign === "string" && verify(raw, sign, alipayKey);
    const code = String(node.code ?? "");
    if (!trusted && (sign !== undefined || code === OK)) {
      throw fail("BAD_RESPONSE_SIGNATURE", `Alipay's answer to ${method} does not carry a valid signature from the configured Alipay public key, so it was not trusted.`);
    }
    if (code === OK) return node;
    const subCode = String(node.sub_code ?? code);
    if (trusted && expect.includes(subCode)) return node;
    throw fail(subCode, `Alipay refused ${method}: ${String(node.sub_msg ?? node.msg ?? code)} (${code}).`);
  }

  const amount = (value: unknown, what: string): number => {
    try { return yuanToFen(String(value)); } catch { throw fail("MALFORMED_RESPONSE", `Alipay's ${what} "${String(value)}" is not an amount in yuan.`); }
  };
  const time = (value: unknown): Date | null => {
    if (typeof value !== "string" || value === "") return null;
    try { return fromShanghai(value); } catch { throw fail("MALFORMED_RESPONSE", `Alipay's time "${value}" is not "yyyy-MM-dd HH:mm:ss".`); }
  };

  return {
    name: "alipay",

    async createPayment(input) {
      if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 1) throw new RangeError(`a payment must be at least 1 分, got ${input.amountFen}`);
      const params = signedParams("alipay.trade.page.pay", {
        out_trade_no: input.paymentNo,
        total_amount: fenToYuan(input.amountFen),
        subject: subjectText(input.subject) || input.paymentNo,
        product_code: "FAST_INSTANT_TRADE_PAY",
        time_expire: shanghaiDateTime(input.expiresAt),
      }, { return_url: input.returnUrl, notify_url: input.notifyUrl });
      const query = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
      return { payUrl: `${config.gateway}${config.gateway.includes("?") ? "&" : "?"}${query}`, qrCode: null, providerRef: null };
    },

    async verifyNotification({ body }): Promise<VerifiedNotification> {
      const fields: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body)) {
        if (Object.hasOwn(fields, k)) return { ok: false, reason: "malformed", detail: `parameter ${k} appears twice` };
        fields[k] = v;
      }
      const { sign } = fields;
      if (!sign) return { ok: false, reason: "malformed", detail: "no sign parameter: not an Alipay notification" };
      if (fields.sign_type && fields.sign_type !== "RSA2") return { ok: false, reason: "bad_signature", detail: `sign_type ${fields.sign_type} is not RSA2` };
      const signed = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== "sign" && k !== "sign_type"));
      if (!verify(signContent(signed), sign, alipayKey)) return { ok: false, reason: "bad_signature", detail: "the signature does not verify with the configured Alipay public key" };
      if (fields.app_id !== config.appId) return { ok: false, reason: "bad_signature", detail: `addressed to app_id ${fields.app_id ?? "(none)"}, not ours` };
      // A refund reaches us as the trade's own notification with refund_fee (the cumulative
      // refunded total, not this refund's amount) and, after a full refund, TRADE_CLOSED. Neither
      // says which refund succeeded or by how much, and the synchronous refund answer has already
      // told us, so it is verified and reported as unsupported; it must not read as "closed".
      if (fields.out_biz_no || fields.refund_fee || fields.gmt_refund) {
        return { ok: false, reason: "unsupported", detail: `refund notice for ${fields.out_trade_no ?? "?"} (out_biz_no ${fields.out_biz_no ?? "-"}, refunded in total ${fields.refund_fee ?? "-"}); refunds are settled by the refund answer` };
      }
      const status = tradeStatus[fields.trade_status as keyof typeof tradeStatus];
      if (!status || status === "pending") return { ok: false, reason: "unsupported", detail: `trade_status ${fields.trade_status ?? "(none)"} carries no outcome` };
      if (!fields.out_trade_no || !fields.trade_no) return { ok: false, reason: "malformed", detail: "out_trade_no or trade_no is missing" };
      try {
        const amountFen = yuanToFen(fields.total_amount ?? "");
        const when = status === "succeeded" ? fields.gmt_payment : fields.gmt_close;
        return { ok: true, kind: "payment", paymentNo: fields.out_trade_no, providerTxnId: fields.trade_no, amountFen, status, at: when ? fromShanghai(when) : null, raw: fields };
      } catch (e) {
        return { ok: false, reason: "malformed", detail: (e as Error).message };
      }
    },

    // Alipay retries (8 times over about a day) until the body is exactly "success".
    acknowledge(accepted) {
      return { status: 200, contentType: "text/plain; charset=utf-8", body: accepted ? "success" : "failure" };
    },

    async query(paymentNo): Promise<QueryResult> {
      const r = await call("alipay.trade.query", { out_trade_no: paymentNo }, ["ACQ.TRADE_NOT_EXIST"]);
      // Page payments exist at Alipay only once the buyer opens the cashier page. TRADE_CLOSED
      // also follows a full refund, so "closed" does not mean "never paid".
      if (r.code !== OK) return { status: "pending", providerTxnId: null, amountFen: null, at: null };
      return {
        status: tradeStatus[r.trade_status as keyof typeof tradeStatus] ?? "unknown",
        providerTxnId: typeof r.trade_no === "string" && r.trade_no ? r.trade_no : null,
        amountFen: r.total_amount === undefined ? null : amount(r.total_amount, "total_amount"),
        at: time(r.send_pay_date),
      };
    },

    // A trade the buyer never opened does not exist at Alipay and cannot be closed; its pay URL
    // stays usable until time_expire, so a late payment for a cancelled order is still possible
    // and arrives as an ordinary notification.
    async close(paymentNo) {
      await call("alipay.trade.close", { out_trade_no: paymentNo }, ["ACQ.TRADE_NOT_EXIST"]);
    },

    // out_request_no makes the refund idempotent at Alipay: a repeat answers fund_change "N"
    // without moving money, and the refund query then says whether the first one went through.
    // Alipay has no refund id; a refund is known by the trade and our refund number.
    async refund(input) {
      const r = await call("alipay.trade.refund", {
        out_trade_no: input.paymentNo,
        ...(input.providerTxnId ? { trade_no: input.providerTxnId } : {}),
        refund_amount: fenToYuan(input.amountFen),
        out_request_no: input.refundNo,
        ...(input.reason ? { refund_reason: [...input.reason].slice(0, 256).join("") } : {}),
      });
      if (r.fund_change === "Y") return { status: "succeeded", providerRefundId: null };
      const q = await call("alipay.trade.fastpay.refund.query", { out_trade_no: input.paymentNo, out_request_no: input.refundNo });
      if (q.refund_status === "REFUND_SUCCESS") {
        if (q.refund_amount !== undefined && amount(q.refund_amount, "refund_amount") !== input.amountFen) {
          throw fail("REFUND_AMOUNT_MISMATCH", `Alipay holds refund ${input.refundNo} at ${String(q.refund_amount)} yuan, not ${fenToYuan(input.amountFen)}.`);
        }
        return { status: "succeeded", providerRefundId: null };
      }
      return { status: "pending", providerRefundId: null, detail: "Alipay has not confirmed this refund yet; ask again with the same refund number." };
    },

    // The trade bill: a URL, valid for 30 seconds, to a zip holding the business detail CSV (GBK).
    async statement(day) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`a statement day is YYYY-MM-DD, got "${day}"`);
      const r = await call("alipay.data.dataservice.bill.downloadurl.query", { bill_type: "trade", bill_date: day }, ["isp.bill_not_exist"]);
      if (r.code !== OK) throw fail("NO_STATEMENT", `Alipay has no trade bill for ${day}: there were no trades that day, or it is not ready yet (bills come the next morning).`);
      if (typeof r.bill_download_url !== "string") throw fail("MALFORMED_RESPONSE", "Alipay's bill answer has no bill_download_url.");
      const bytes = await download(r.bill_download_url, { method: "GET" }, "the bill download");
      try {
        const files = bytes.subarray(0, 4).equals(ZIP_LOCAL) ? unzip(bytes) : [bytes];
        for (const file of files) {
          const lines = parseBusinessDetail(decodeBill(file));
          if (lines) return lines;
        }
      } catch (e) {
        throw e instanceof ProviderError ? e : fail("MALFORMED_STATEMENT", `Alipay's bill for ${day} could not be read: ${(e as Error).message}`);
      }
      throw fail("MALFORMED_STATEMENT", `Alipay's bill for ${day} holds no business detail (业务明细) list.`);
    },
  };
}

// Sorted by name, empty values left out, "k=v" joined with "&", values not URL-encoded.
function signContent(params: Record<string, string>): string {
  return Object.keys(params).filter((k) => params[k] !== "").sort().map((k) => `${k}=${params[k]}`).join("&");
}

function verify(content: string, signature: string, key: KeyObject): boolean {
  try { return createVerify("RSA-SHA256").update(content, "utf8").verify(key, signature, "base64"); } catch { return false; }
}

// Alipay refuses "/", "=" and "&" in a subject.
function subjectText(subject: string): string {
  return [...subject.replace(/[/=&]/g, " ").trim()].slice(0, 256).join("");
}

// Each top-level member of a JSON object, as the exact text it has in the document.
function topLevelMembers(text: string): Map<string, string> | null {
  try { if (typeof JSON.parse(text) !== "object") return null; } catch { return null; }
  const out = new Map<string, string>();
  let i = skipSpace(text, 0);
  if (text[i] !== "{") return null;
  i = skipSpace(text, i + 1);
  while (text[i] === '"') {
    const keyEnd = valueEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const start = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const end = valueEnd(text, start);
    out.set(key, text.slice(start, end));
    i = skipSpace(text, end);
    if (text[i] === ",") i = skipSpace(text, i + 1);
  }
  return out;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && " \t\r\n".includes(text[i]!)) i++;
  return i;
}

// Just past the JSON value at i, in a document already known to be valid JSON.
function valueEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j]!;
    if (c === '"') {
      for (j++; text[j] !== '"'; j++) if (text[j] === "\\") j++;
      if (depth === 0) return j + 1;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (depth === 0) return j;
      if (--depth === 0) return j + 1;
    } else if (depth === 0 && (c === "," || " \t\r\n".includes(c))) return j;
  }
  return text.length;
}

const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

// As much of the zip format as Alipay's bill archive uses: the central directory, entries
// stored or deflated, each checked against its CRC.
function unzip(zip: Buffer): Buffer[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("the zip archive has no central directory");
  const files: Buffer[] = [];
  let p = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error("the zip central directory is damaged");
    const method = zip.readUInt16LE(p + 10), crc = zip.readUInt32LE(p + 16), size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28), local = zip.readUInt32LE(p + 42);
    const isDirectory = zip[p + 46 + nameLength - 1] === 0x2f;
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    if (isDirectory) continue;
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error("a zip entry header is damaged");
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const packed = zip.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`zip compression method ${method} is not supported`);
    const data = method === 8 ? inflateRawSync(packed) : packed;
    if (crc32(data) !== crc) throw new Error("a zip entry fails its CRC check");
    files.push(data);
  }
  return files;
}

function decodeBill(bytes: Buffer): string {
  try { return new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch { return new TextDecoder("gbk").decode(bytes); }
}

// The 业务明细 list: "#" lines around a header row and one row per trade or refund. Refund rows
// carry negative amounts and a positive 服务费 (the fee given back); feeFen is what Alipay
// charged, so a payment's fee is positive and a refund's negative. A refund's providerTxnId is
// the trade's number, Alipay having no refund id.
function parseBusinessDetail(text: string): StatementLine[] | null {
  const lines = text.split(/\r?\n/);
  const h = lines.findIndex((l) => l.includes("支付宝交易号") && l.includes("业务类型"));
  if (h < 0) return null;
  const header = csvFields(lines[h]!).map((name) => name.trim().replace(/[（(]元[）)]$/, ""));
  const column = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the business detail has no column ${name}`);
    return i;
  };
  const c = {
    txn: column("支付宝交易号"), no: column("商户订单号"), type: column("业务类型"), created: column("创建时间"),
    done: column("完成时间"), amount: column("订单金额"), requestNo: column("退款批次号/请求号"), fee: column("服务费"),
  };
  const out: StatementLine[] = [];
  for (let n = h + 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (!line.trim() || line.startsWith("#")) continue;
    const f = csvFields(line).map((v) => v.trim());
    const get = (i: number) => f[i] ?? "";
    const kind = get(c.type) === "交易" ? "payment" : get(c.type) === "退款" ? "refund" : null;
    if (!kind) continue;
    try {
      out.push({
        kind,
        no: kind === "refund" ? get(c.requestNo) || get(c.no) : get(c.no),
        providerTxnId: get(c.txn),
        amountFen: Math.abs(yuanToFen(get(c.amount))),
        feeFen: -yuanToFen(get(c.fee) || "0") || 0,
        at: fromShanghai(get(c.done) || get(c.created)),
      });
    } catch (e) {
      throw new Error(`line ${n + 1}: ${(e as Error).message}`);
    }
  }
  return out;
}

function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === "") { quoted = true; field = ""; }
    else if (c === ",") { out.push(field); field = ""; }
    else field += c;
  }
  out.push(field);
  return out;
}
