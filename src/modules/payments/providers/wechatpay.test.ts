import { createCipheriv, createHash, createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type WechatPayConfig, providerConfigFromEnv } from "./config.js";
import { ProviderError } from "./provider.js";
import { wechatpayProvider } from "./wechatpay.js";

// Our merchant API key pair, WeChat Pay's platform pair, and an impostor's.
const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const merchant = rsa(), platform = rsa(), impostor = rsa();
const pem = (k: KeyObject) => k.export({ type: k.type === "private" ? "pkcs8" : "spki", format: "pem" }) as string;

const MCH_ID = "1900009191";
const APP_ID = "wxd678efh567hg6787";
const SERIAL = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C";
const PLATFORM_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
const API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
const BASE = "https://api.mch.weixin.qq.com";
const NOW = new Date("2024-05-20T06:30:00Z");
const SECONDS = Math.floor(NOW.getTime() / 1000);
const config: WechatPayConfig = {
  mchId: MCH_ID, appId: APP_ID, serialNo: SERIAL, privateKey: pem(merchant.privateKey), apiV3Key: API_V3_KEY,
  platformPublicKey: pem(platform.publicKey), platformSerial: PLATFORM_SERIAL, base: BASE,
};

// The response/notification signature as documented: "timestamp\nnonce\nbody\n", SHA256withRSA.
function signedHeaders(body: string | Buffer, o: { key?: KeyObject; serial?: string; at?: number } = {}): Record<string, string> {
  const timestamp = String(o.at ?? SECONDS), nonce = randomBytes(16).toString("hex");
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), Buffer.from(body), Buffer.from("\n")]);
  return {
    "Wechatpay-Timestamp": timestamp, "Wechatpay-Nonce": nonce, "Wechatpay-Serial": o.serial ?? PLATFORM_SERIAL,
    "Wechatpay-Signature": createSign("RSA-SHA256").update(message).sign(o.key ?? platform.privateKey, "base64"),
    "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
  };
}

type Call = { method: string; path: string; body: Record<string, unknown> | null };
type Answer = { status?: number; body?: unknown; raw?: string; unsigned?: boolean; key?: KeyObject; at?: number };

// WeChat Pay's API as documented: it checks our Authorization header and signs every answer.
function gateway(answer: (c: Call) => Answer, files: Record<string, Buffer> = {}) {
  const calls: Call[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? init.body : "";
    const headers = new Headers(init?.headers);
    const auth = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(headers.get("authorization") ?? "");
    expect(auth, "Authorization header").not.toBeNull();
    const fields = Object.fromEntries([...auth![1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect(fields).toMatchObject({ mchid: MCH_ID, serial_no: SERIAL, timestamp: String(SECONDS) });
    expect(fields.nonce_str).toMatch(/^\w{16,32}$/);
    const message = `${method}\n${url.pathname}${url.search}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    expect(createVerify("RSA-SHA256").update(message).verify(merchant.publicKey, fields.signature!, "base64"), "our request signature").toBe(true);
    expect(headers.get("user-agent")).toBeTruthy();
    if (files[url.href]) return new Response(new Uint8Array(files[url.href]!)); // bill files are not signed
    const call = { method, path: url.pathname + url.search, body: body ? JSON.parse(body) as Record<string, unknown> : null };
    calls.push(call);
    const a = answer(call);
    const text = a.raw ?? (a.body === undefined ? "" : JSON.stringify(a.body));
    const status = a.status ?? 200;
    return new Response(status === 204 ? null : text, {
      status, headers: { "content-type": "application/json", ...(a.unsigned ? {} : signedHeaders(text, { key: a.key, at: a.at })) },
    });
  };
  return { calls, provider: wechatpayProvider(config, { fetch: fetch as typeof globalThis.fetch, now: () => NOW }) };
}

// A callback exactly as WeChat Pay posts it: the resource sealed with AEAD_AES_256_GCM under the
// APIv3 key (ciphertext then 16-byte tag, base64), the whole body signed by the platform key.
function notification(eventType: string, resource: object, o: { apiKey?: string; key?: KeyObject; serial?: string; at?: number } = {}) {
  const nonce = randomBytes(6).toString("hex"), associated = eventType.startsWith("REFUND") ? "refund" : "transaction";
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(o.apiKey ?? API_V3_KEY, "utf8"), Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(associated, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(resource), "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64");
  const body = JSON.stringify({
    id: "EV-2018022511223320873", create_time: "2024-05-20T14:29:59+08:00", resource_type: "encrypt-resource", event_type: eventType,
    summary: eventType === "TRANSACTION.SUCCESS" ? "支付成功" : "退款状态变更",
    resource: { original_type: associated, algorithm: "AEAD_AES_256_GCM", ciphertext, associated_data: associated, nonce },
  });
  return { headers: signedHeaders(body, o), body };
}

const transaction = (over: object = {}) => ({
  transaction_id: "4200002209202405201234567890", amount: { payer_total: 123450, total: 123450, currency: "CNY", payer_currency: "CNY" },
  mchid: MCH_ID, trade_state: "SUCCESS", bank_type: "CMC", promotion_detail: [], success_time: "2024-05-20T14:29:58+08:00",
  payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" }, out_trade_no: "P202405200001", appid: APP_ID, trade_state_desc: "支付成功",
  trade_type: "NATIVE", attach: "", ...over,
});
const refundResource = (over: object = {}) => ({
  mchid: MCH_ID, transaction_id: "4200002209202405201234567890", out_trade_no: "P202405200001", refund_id: "50300908092024052012345678901",
  out_refund_no: "R202405200001", refund_status: "SUCCESS", success_time: "2024-05-20T18:00:02+08:00", user_received_account: "支付用户零钱",
  amount: { total: 123450, refund: 1234, payer_total: 123450, payer_refund: 1234 }, ...over,
});

describe("WeChat Pay adapter", () => {
  it("F1 places a Native order with a signed request and hands back the code_url for the QR code", async () => {
    const { provider, calls } = gateway(() => ({ body: { code_url: "weixin://wxpay/bizpayurl?pr=p4lpSuKzz" } }));
    const created = await provider.createPayment({
      paymentNo: "P202405200001", amountFen: 123450, subject: "龙井茶 250g 礼盒", notifyUrl: "https://shop.example/api/v1/payments/notify/wechatpay",
      returnUrl: "https://shop.example/orders/1", expiresAt: new Date("2024-05-20T07:00:00Z"), clientIp: "203.0.113.9",
    });
    expect(created).toEqual({ payUrl: null, qrCode: "weixin://wxpay/bizpayurl?pr=p4lpSuKzz", providerRef: null });
    expect(calls).toEqual([{
      method: "POST", path: "/v3/pay/transactions/native",
      body: {
        appid: APP_ID, mchid: MCH_ID, description: "龙井茶 250g 礼盒", out_trade_no: "P202405200001", time_expire: "2024-05-20T15:00:00+08:00",
        notify_url: "https://shop.example/api/v1/payments/notify/wechatpay", amount: { total: 123450, currency: "CNY" }, scene_info: { payer_client_ip: "203.0.113.9" },
      },
    }]);
    const long = gateway(() => ({ body: { code_url: "weixin://x" } }));
    await long.provider.createPayment({ paymentNo: "P2", amountFen: 1, subject: "茶".repeat(60), notifyUrl: "https://n", returnUrl: "https://r", expiresAt: NOW });
    expect(long.calls[0]!.body!.description).toBe("茶".repeat(42)); // 127 bytes at most, never half a character
  });

  it("F2 a payment callback verifies, decrypts and parses to our payment number and exact amount", async () => {
    const { provider } = gateway(() => ({}));
    const v = await provider.verifyNotification(notification("TRANSACTION.SUCCESS", transaction()));
    expect(v).toEqual({
      ok: true, kind: "payment", paymentNo: "P202405200001", providerTxnId: "4200002209202405201234567890", amountFen: 123450,
      status: "succeeded", at: new Date("2024-05-20T06:29:58Z"), raw: transaction(),
    });
    // Node hands headers over in lower case; either spelling is read.
    const n = notification("TRANSACTION.SUCCESS", transaction({ amount: { total: 1, payer_total: 1, currency: "CNY" } }));
    const lower = Object.fromEntries(Object.entries(n.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(await provider.verifyNotification({ headers: lower, body: n.body })).toMatchObject({ ok: true, amountFen: 1 });
    const fourMinutesOld = notification("TRANSACTION.SUCCESS", transaction(), { at: SECONDS - 240 });
    expect(await provider.verifyNotification(fourMinutesOld)).toMatchObject({ ok: true });
  });

  it("F2 a tampered body, a foreign key or serial, a stale timestamp or a foreign APIv3 key is refused", async () => {
    const { provider } = gateway(() => ({}));
    const good = notification("TRANSACTION.SUCCESS", transaction());
    const refused = async (n: { headers: Record<string, string>; body: string }) => (await provider.verifyNotification(n)) as { ok: boolean; reason?: string };
    expect(await refused({ headers: good.headers, body: good.body.replace("支付成功", "支付失败") })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await refused(notification("TRANSACTION.SUCCESS", transaction(), { key: impostor.privateKey }))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await refused(notification("TRANSACTION.SUCCESS", transaction(), { serial: "0000000000000000000000000000000000000000" }))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await refused(notification("TRANSACTION.SUCCESS", transaction(), { at: SECONDS - 360 }))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await refused(notification("TRANSACTION.SUCCESS", transaction(), { at: SECONDS + 360 }))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await refused(notification("TRANSACTION.SUCCESS", transaction(), { apiKey: "b".repeat(32) }))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await refused(notification("TRANSACTION.SUCCESS", transaction({ mchid: "1900000001" })))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await refused(notification("TRANSACTION.SUCCESS", transaction({ appid: "wx0000000000000000" })))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await refused({ headers: {}, body: good.body })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await refused({ headers: signedHeaders("not json"), body: "not json" })).toMatchObject({ ok: false, reason: "malformed" });
    expect(await refused(notification("TRANSACTION.SUCCESS", transaction({ amount: { total: 12.5 } })))).toMatchObject({ ok: false, reason: "malformed" });
    expect(await refused(notification("MCHTRANSFER.BILL.FINISHED", transaction()))).toMatchObject({ ok: false, reason: "unsupported" });
  });

  it("F6 refund callbacks become refund outcomes keyed by our refund number", async () => {
    const { provider } = gateway(() => ({}));
    expect(await provider.verifyNotification(notification("REFUND.SUCCESS", refundResource()))).toMatchObject({
      ok: true, kind: "refund", refundNo: "R202405200001", providerRefundId: "50300908092024052012345678901", amountFen: 1234,
      status: "succeeded", at: new Date("2024-05-20T10:00:02Z"),
    });
    const abnormal = refundResource({ refund_status: "ABNORMAL", success_time: undefined });
    expect(await provider.verifyNotification(notification("REFUND.ABNORMAL", abnormal))).toMatchObject({ ok: true, kind: "refund", status: "failed", at: null });
    expect(await provider.verifyNotification(notification("REFUND.CLOSED", refundResource({ refund_status: "CLOSED" })))).toMatchObject({ ok: true, status: "failed" });
  });

  it("answers 200 SUCCESS to stop WeChat Pay's retries and 400 FAIL to have it retry", () => {
    const { provider } = gateway(() => ({}));
    expect(provider.acknowledge(true)).toEqual({ status: 200, contentType: "application/json", body: '{"code":"SUCCESS","message":"成功"}' });
    expect(provider.acknowledge(false)).toEqual({ status: 400, contentType: "application/json", body: '{"code":"FAIL","message":"失败"}' });
  });

  it("F1 query trusts only answers signed by the platform key, recent, from the configured serial", async () => {
    const paid = transaction();
    const { provider, calls } = gateway(() => ({ body: paid }));
    expect(await provider.query("P202405200001")).toEqual({ status: "succeeded", providerTxnId: "4200002209202405201234567890", amountFen: 123450, at: new Date("2024-05-20T06:29:58Z") });
    expect(calls[0]).toEqual({ method: "GET", path: `/v3/pay/transactions/out-trade-no/P202405200001?mchid=${MCH_ID}`, body: null });
    const unpaid = gateway(() => ({ body: { ...paid, trade_state: "NOTPAY", transaction_id: undefined, success_time: undefined } }));
    expect(await unpaid.provider.query("P1")).toMatchObject({ status: "pending", providerTxnId: null, at: null });
    const missing = gateway(() => ({ status: 404, body: { code: "ORDER_NOT_EXIST", message: "订单不存在" } }));
    expect(await missing.provider.query("P1")).toEqual({ status: "pending", providerTxnId: null, amountFen: null, at: null });

    for (const [what, a] of [
      ["another key", { body: paid, key: impostor.privateKey }],
      ["no signature", { body: paid, unsigned: true }],
      ["an old timestamp", { body: paid, at: SECONDS - 3600 }],
    ] as const) {
      const g = gateway(() => a);
      await expect(g.provider.query("P1"), what).rejects.toMatchObject({ provider: "wechatpay", code: "BAD_RESPONSE_SIGNATURE" });
    }
    // The body changed after signing: the signature was made over the original text.
    const tampered = wechatpayProvider(config, {
      now: () => NOW,
      fetch: (async () => {
        const text = JSON.stringify(paid);
        return new Response(text.replace('"total":123450', '"total":1'), { headers: signedHeaders(text) });
      }) as typeof fetch,
    });
    await expect(tampered.query("P1")).rejects.toMatchObject({ code: "BAD_RESPONSE_SIGNATURE" });
    // An unsigned "not found" must not read as "not paid yet".
    const forgedMissing = gateway(() => ({ status: 404, body: { code: "ORDER_NOT_EXIST", message: "订单不存在" }, unsigned: true }));
    await expect(forgedMissing.provider.query("P1")).rejects.toMatchObject({ code: "ORDER_NOT_EXIST" });
  });

  it("closes an unpaid order and reports refusals as ProviderError with WeChat Pay's code", async () => {
    const { provider, calls } = gateway(() => ({ status: 204 }));
    await expect(provider.close("P202405200001")).resolves.toBeUndefined();
    expect(calls[0]).toEqual({ method: "POST", path: "/v3/pay/transactions/out-trade-no/P202405200001/close", body: { mchid: MCH_ID } });
    const paid = gateway(() => ({ status: 400, body: { code: "ORDERPAID", message: "订单已支付" } }));
    const err = await paid.provider.close("P1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: "ORDERPAID" });
    expect((err as Error).message).toContain("订单已支付");
    const down = wechatpayProvider(config, { now: () => NOW, fetch: (async () => { throw new TypeError("fetch failed"); }) as typeof fetch });
    await expect(down.close("P1")).rejects.toMatchObject({ code: "UNREACHABLE" });
  });

  it("F6 refunds carry our refund number as out_refund_no, WeChat Pay's idempotency key", async () => {
    const answers = ["PROCESSING", "SUCCESS"];
    const { provider, calls } = gateway(() => ({
      body: {
        refund_id: "50300908092024052012345678901", out_refund_no: "R202405200001", transaction_id: "4200002209202405201234567890",
        out_trade_no: "P202405200001", channel: "ORIGINAL", user_received_account: "支付用户零钱", create_time: "2024-05-20T18:00:00+08:00",
        status: answers.shift(), funds_account: "AVAILABLE", amount: { total: 123450, refund: 1234, payer_total: 123450, payer_refund: 1234, currency: "CNY" },
      },
    }));
    const input = { paymentNo: "P202405200001", providerTxnId: "4200002209202405201234567890", refundNo: "R202405200001", amountFen: 1234, totalFen: 123450, reason: "七日无理由退货", notifyUrl: "https://shop.example/api/v1/payments/notify/wechatpay" };
    expect(await provider.refund(input)).toEqual({ status: "pending", providerRefundId: "50300908092024052012345678901" });
    expect(await provider.refund(input)).toEqual({ status: "succeeded", providerRefundId: "50300908092024052012345678901" });
    for (const c of calls) {
      expect(c).toEqual({
        method: "POST", path: "/v3/refund/domestic/refunds",
        body: { out_trade_no: "P202405200001", out_refund_no: "R202405200001", reason: "七日无理由退货", notify_url: input.notifyUrl, amount: { refund: 1234, total: 123450, currency: "CNY" } },
      });
    }
    const poor = gateway(() => ({ status: 403, body: { code: "NOT_ENOUGH", message: "基本账户余额不足，请充值后重新发起" } }));
    await expect(poor.provider.refund(input)).rejects.toMatchObject({ code: "NOT_ENOUGH" });
  });

  it("F3 reads the day's trade bill, checked against the signed SHA1, fees rounded to the 分", async () => {
    const header = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    const row = (cells: string[]) => cells.map((c) => `\`${c}`).join(",");
    const base = (time: string, txn: string, no: string, state: string) => [time, APP_ID, MCH_ID, "0", "", txn, no, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "NATIVE", state, "OTHERS", "CNY"];
    const bill = [
      header,
      row([...base("2024-05-20 14:29:58", "4200002209202405201234567890", "P202405200001", "SUCCESS"), "1234.50", "0.00", "0", "0", "0.00", "0.00", "", "", "龙井茶, 礼盒", "", "7.40700", "0.60%", "1234.50", "0.00", ""]),
      row([...base("2024-05-20 18:00:02", "4200002209202405201234567890", "P202405200001", "REFUND"), "0.00", "0.00", "50300908092024052012345678901", "R202405200001", "12.34", "0.00", "ORIGINAL", "SUCCESS", "龙井茶, 礼盒", "", "-0.07404", "0.60%", "0.00", "12.34", ""]),
      row([...base("2024-05-20 20:00:00", "4200002209202405209999999999", "P202405200002", "SUCCESS"), "0.01", "0.00", "0", "0", "0.00", "0.00", "", "", "茶具", "", "0.00006", "0.60%", "0.01", "0.00", ""]),
      row([...base("2024-05-20 21:00:00", "4200002209202405208888888888", "P202405200003", "REVOKED"), "5.00", "0.00", "0", "0", "0.00", "0.00", "", "", "茶具", "", "0.00000", "0.60%", "5.00", "0.00", ""]),
      "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额",
      row(["3", "1239.51", "12.34", "0.00", "7.33302", "1239.51", "12.34"]),
    ].join("\r\n") + "\r\n";
    const file = Buffer.from(bill, "utf8");
    const downloadUrl = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO";
    const answer = (hash: string) => () => ({ body: { hash_type: "SHA1", hash_value: hash, download_url: downloadUrl } });
    const sha1 = createHash("sha1").update(file).digest("hex");
    const { provider, calls } = gateway(answer(sha1), { [downloadUrl]: file });
    expect(await provider.statement("2024-05-20")).toEqual([
      { kind: "payment", no: "P202405200001", providerTxnId: "4200002209202405201234567890", amountFen: 123450, feeFen: 741, at: new Date("2024-05-20T06:29:58Z") },
      { kind: "refund", no: "R202405200001", providerTxnId: "50300908092024052012345678901", amountFen: 1234, feeFen: -7, at: new Date("2024-05-20T10:00:02Z") },
      { kind: "payment", no: "P202405200002", providerTxnId: "4200002209202405209999999999", amountFen: 1, feeFen: 0, at: new Date("2024-05-20T12:00:00Z") },
    ]);
    expect(calls[0]).toEqual({ method: "GET", path: "/v3/bill/tradebill?bill_date=2024-05-20&bill_type=ALL", body: null });

    const swapped = gateway(answer(sha1), { [downloadUrl]: Buffer.from(bill.replace("1234.50", "1934.50"), "utf8") });
    await expect(swapped.provider.statement("2024-05-20")).rejects.toMatchObject({ code: "STATEMENT_HASH_MISMATCH" });
    const none = gateway(() => ({ status: 400, body: { code: "NO_STATEMENT_EXIST", message: "要下载的账单不存在" } }));
    await expect(none.provider.statement("2024-05-19")).rejects.toMatchObject({ code: "NO_STATEMENT" });
  });

  it("reads its configuration from the environment and refuses a half-set or malformed one", () => {
    const env = {
      WECHATPAY_MCH_ID: MCH_ID, WECHATPAY_APP_ID: APP_ID, WECHATPAY_SERIAL_NO: SERIAL, WECHATPAY_PRIVATE_KEY: pem(merchant.privateKey).replaceAll("\n", "\\n"),
      WECHATPAY_API_V3_KEY: API_V3_KEY, WECHATPAY_PLATFORM_PUBLIC_KEY: pem(platform.publicKey), WECHATPAY_PLATFORM_SERIAL: PLATFORM_SERIAL,
    };
    expect(providerConfigFromEnv(env)).toEqual({ alipay: null, wechatpay: config });
    expect(providerConfigFromEnv({ ...env, WECHATPAY_BASE: "https://api2.mch.weixin.qq.com/" }).wechatpay!.base).toBe("https://api2.mch.weixin.qq.com");
    expect(() => providerConfigFromEnv({ ...env, WECHATPAY_PLATFORM_SERIAL: " " })).toThrow(/WECHATPAY_PLATFORM_SERIAL is missing/);
    expect(() => providerConfigFromEnv({ ...env, WECHATPAY_API_V3_KEY: "short" })).toThrow(/WECHATPAY_API_V3_KEY must be the 32-character/);
    expect(() => providerConfigFromEnv({ ...env, WECHATPAY_PLATFORM_PUBLIC_KEY: pem(merchant.privateKey).slice(0, 200) })).toThrow(/WECHATPAY_PLATFORM_PUBLIC_KEY is not a readable/);
  });
});
