import { createSign, createVerify, generateKeyPairSync, type KeyObject } from "node:crypto";
import { crc32, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { alipayProvider } from "./alipay.js";
import { type AlipayConfig, providerConfigFromEnv, yuanToFen } from "./config.js";
import { ProviderError } from "./provider.js";

// Keys made here, as in the Alipay console: our application pair, and Alipay's pair whose public
// half the console hands out. A third pair plays an impostor.
const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const app = rsa(), alipay = rsa(), impostor = rsa();
const pem = (k: KeyObject) => k.export({ type: k.type === "private" ? "pkcs8" : "spki", format: "pem" }) as string;

const APP_ID = "2021000123456789";
const GATEWAY = "https://openapi.alipay.com/gateway.do";
const NOW = new Date("2024-05-20T06:30:00Z"); // 14:30:00 in Shanghai
const config: AlipayConfig = { appId: APP_ID, privateKey: pem(app.privateKey), alipayPublicKey: pem(alipay.publicKey), gateway: GATEWAY };

// The documented string to sign, written out again here so the adapter is checked against the
// protocol rather than against itself: sorted, empty values dropped, raw (not URL-encoded) values.
const content = (p: Record<string, string>) => Object.keys(p).filter((k) => p[k] !== "").sort().map((k) => `${k}=${p[k]}`).join("&");
const rsa2 = (text: string, key: KeyObject) => createSign("RSA-SHA256").update(text, "utf8").sign(key, "base64");
const rsa2ok = (text: string, sig: string, key: KeyObject) => createVerify("RSA-SHA256").update(text, "utf8").verify(key, sig, "base64");

type Call = { method: string; params: Record<string, string>; biz: Record<string, unknown> };
type Answer = object | { raw: string };

// Alipay's gateway as its documentation describes it: it checks our RSA2 signature and answers
// {"<method>_response": {...}, "sign": "<RSA2 over that node's JSON text>"}.
function gateway(answer: (c: Call) => Answer, opts: { signWith?: KeyObject; files?: Record<string, Buffer> } = {}) {
  const calls: Call[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    if (opts.files?.[url]) return new Response(new Uint8Array(opts.files[url]));
    expect(url).toBe(GATEWAY);
    expect(init?.method).toBe("POST");
    const params = Object.fromEntries(new URLSearchParams(String(init?.body)));
    const { sign, ...rest } = params;
    expect(rsa2ok(content(rest), sign!, app.publicKey), "our request signature").toBe(true);
    expect(rest).toMatchObject({ app_id: APP_ID, charset: "utf-8", sign_type: "RSA2", format: "JSON", version: "1.0", timestamp: "2024-05-20 14:30:00" });
    const call = { method: rest.method!, params, biz: JSON.parse(rest.biz_content!) as Record<string, unknown> };
    calls.push(call);
    const a = answer(call);
    if ("raw" in a) return new Response(a.raw);
    const node = JSON.stringify(a);
    const name = `${call.method.replaceAll(".", "_")}_response`;
    return new Response(`{"${name}":${node},"sign":"${rsa2(node, opts.signWith ?? alipay.privateKey)}"}`, { headers: { "content-type": "text/html;charset=utf-8" } });
  };
  return { calls, provider: alipayProvider(config, { fetch: fetch as typeof globalThis.fetch, now: () => NOW }) };
}

// An asynchronous notification exactly as Alipay posts it for a PC website payment: the signature
// covers every parameter but sign and sign_type.
function notification(over: Record<string, string> = {}, key: KeyObject = alipay.privateKey): string {
  const p: Record<string, string> = {
    gmt_create: "2024-05-20 14:29:41", charset: "utf-8", seller_email: "shop@example.com", subject: "龙井茶 250g 礼盒",
    buyer_id: "2088102122524333", invoice_amount: "1234.50", notify_id: "2024052000222142958086011483524031",
    fund_bill_list: '[{"amount":"1234.50","fundChannel":"ALIPAYACCOUNT"}]', notify_type: "trade_status_sync",
    trade_status: "TRADE_SUCCESS", receipt_amount: "1234.50", app_id: APP_ID, buyer_pay_amount: "1234.50",
    seller_id: "2088102170185321", gmt_payment: "2024-05-20 14:29:58", notify_time: "2024-05-20 14:29:59",
    version: "1.0", out_trade_no: "P202405200001", total_amount: "1234.50", trade_no: "2024052022001424330501234567",
    auth_app_id: APP_ID, buyer_logon_id: "fzx***@sandbox.com", point_amount: "0.00", ...over,
  };
  return new URLSearchParams({ ...p, sign: rsa2(content(p), key), sign_type: "RSA2" }).toString();
}

describe("Alipay adapter", () => {
  it("F1 builds a page-pay URL signed with our key: common parameters, biz_content in yuan and Shanghai time", async () => {
    const { provider } = gateway(() => ({}));
    const created = await provider.createPayment({
      paymentNo: "P202405200001", amountFen: 123450, subject: "龙井茶 250g / 礼盒 & 茶具", notifyUrl: "https://shop.example/api/v1/payments/notify/alipay",
      returnUrl: "https://shop.example/orders/1", expiresAt: new Date("2024-05-20T07:00:00Z"),
    });
    const url = new URL(created.payUrl!);
    expect(url.origin + url.pathname).toBe(GATEWAY);
    const params = Object.fromEntries(url.searchParams);
    const { sign, ...rest } = params;
    expect(rsa2ok(content(rest), sign!, app.publicKey)).toBe(true);
    expect(rest).toMatchObject({
      app_id: APP_ID, method: "alipay.trade.page.pay", format: "JSON", charset: "utf-8", sign_type: "RSA2", version: "1.0",
      timestamp: "2024-05-20 14:30:00", notify_url: "https://shop.example/api/v1/payments/notify/alipay", return_url: "https://shop.example/orders/1",
    });
    expect(JSON.parse(rest.biz_content!)).toEqual({
      out_trade_no: "P202405200001", total_amount: "1234.50", subject: "龙井茶 250g   礼盒   茶具",
      product_code: "FAST_INSTANT_TRADE_PAY", time_expire: "2024-05-20 15:00:00",
    });
    // Spaces travel as %20, never "+", so the gateway reads the timestamp back exactly.
    expect(created.payUrl).toContain("timestamp=2024-05-20%2014%3A30%3A00");
    await expect(provider.createPayment({ paymentNo: "P0", amountFen: 0, subject: "x", notifyUrl: "", returnUrl: "", expiresAt: NOW })).rejects.toThrow(RangeError);
  });

  it("F2 a notification signed by Alipay verifies and parses to our payment number, exact amount and Shanghai time", async () => {
    const { provider } = gateway(() => ({}));
    const v = await provider.verifyNotification({ headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: notification() });
    expect(v).toMatchObject({
      ok: true, kind: "payment", paymentNo: "P202405200001", providerTxnId: "2024052022001424330501234567",
      amountFen: 123450, status: "succeeded", at: new Date("2024-05-20T06:29:58Z"),
    });
    const cent = await provider.verifyNotification({ headers: {}, body: notification({ total_amount: "0.01" }) });
    expect(cent).toMatchObject({ ok: true, amountFen: 1 });
    const closed = await provider.verifyNotification({ headers: {}, body: notification({ trade_status: "TRADE_CLOSED", gmt_close: "2024-05-20 15:00:01" }) });
    expect(closed).toMatchObject({ ok: true, kind: "payment", status: "closed", at: new Date("2024-05-20T07:00:01Z") });
  });

  it("F2 a tampered body, another key, another app or a stray form is refused", async () => {
    const { provider } = gateway(() => ({}));
    const body = notification();
    const tampered = body.replace("total_amount=1234.50", "total_amount=0.01");
    expect(tampered).not.toBe(body);
    expect(await provider.verifyNotification({ headers: {}, body: tampered })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await provider.verifyNotification({ headers: {}, body: notification({}, impostor.privateKey) })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await provider.verifyNotification({ headers: {}, body: notification({ app_id: "2021000999999999" }) })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await provider.verifyNotification({ headers: {}, body: notification().replace("sign_type=RSA2", "sign_type=RSA") })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await provider.verifyNotification({ headers: {}, body: "hello=world" })).toMatchObject({ ok: false, reason: "malformed" });
    expect(await provider.verifyNotification({ headers: {}, body: `${notification()}&total_amount=0.01` })).toMatchObject({ ok: false, reason: "malformed" });
    expect(await provider.verifyNotification({ headers: {}, body: notification({ total_amount: "12.345" }) })).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("F6 a refund notice verifies but is reported unsupported, never as a closed payment", async () => {
    const { provider } = gateway(() => ({}));
    const v = await provider.verifyNotification({
      headers: {},
      body: notification({ trade_status: "TRADE_CLOSED", out_biz_no: "R202405200001", refund_fee: "1234.50", gmt_refund: "2024-05-21 09:00:00.123", gmt_close: "2024-05-21 09:00:00" }),
    });
    expect(v).toMatchObject({ ok: false, reason: "unsupported" });
  });

  it("answers exactly \"success\" to stop Alipay's retries, anything else to have it retry", () => {
    const { provider } = gateway(() => ({}));
    expect(provider.acknowledge(true)).toEqual({ status: 200, contentType: "text/plain; charset=utf-8", body: "success" });
    expect(provider.acknowledge(false).body).toBe("failure");
  });

  it("F2 yuan text becomes 分 without floating point", () => {
    expect(yuanToFen("0.01")).toBe(1);
    expect(yuanToFen("1234.50")).toBe(123450);
    expect(yuanToFen("12")).toBe(1200);
    expect(yuanToFen("12.5")).toBe(1250);
    expect(yuanToFen("-35.80")).toBe(-3580);
    expect(yuanToFen("0.29")).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(yuanToFen("90071992547409.91")).toBe(9007199254740991);
    for (const bad of ["", "1.234", "1e3", "1,000.00", ".5", "abc", "90071992547409.92"]) expect(() => yuanToFen(bad), bad).toThrow(RangeError);
    expect(yuanToFen("0.00500", true)).toBe(1);
    expect(yuanToFen("0.00499", true)).toBe(0);
    expect(yuanToFen("-0.00600", true)).toBe(-1);
  });

  it("F1 query trusts only a signed answer, cut from the response text exactly as Alipay signed it", async () => {
    const paid = {
      code: "10000", msg: "Success", trade_no: "2024052022001424330501234567", out_trade_no: "P202405200001",
      buyer_logon_id: "a}b{\"c]", trade_status: "TRADE_SUCCESS", total_amount: "1234.50", send_pay_date: "2024-05-20 14:29:58",
    };
    const { provider, calls } = gateway(() => paid);
    expect(await provider.query("P202405200001")).toEqual({ status: "succeeded", providerTxnId: "2024052022001424330501234567", amountFen: 123450, at: new Date("2024-05-20T06:29:58Z") });
    expect(calls[0]).toMatchObject({ method: "alipay.trade.query", biz: { out_trade_no: "P202405200001" } });

    const missing = gateway(() => ({ code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST", sub_msg: "交易不存在" }));
    expect(await missing.provider.query("P1")).toEqual({ status: "pending", providerTxnId: null, amountFen: null, at: null });

    const forged = gateway(() => paid, { signWith: impostor.privateKey });
    await expect(forged.provider.query("P1")).rejects.toMatchObject({ provider: "alipay", code: "BAD_RESPONSE_SIGNATURE" });
    // A signed node whose text was altered in transit (spacing included) no longer verifies.
    const node = JSON.stringify(paid);
    const altered = gateway(() => ({ raw: `{"alipay_trade_query_response":${JSON.stringify(paid, null, 1)},"sign":"${rsa2(node, alipay.privateKey)}"}` }));
    await expect(altered.provider.query("P1")).rejects.toMatchObject({ code: "BAD_RESPONSE_SIGNATURE" });
    const unsigned = gateway(() => ({ raw: `{"alipay_trade_query_response":${node}}` }));
    await expect(unsigned.provider.query("P1")).rejects.toMatchObject({ code: "BAD_RESPONSE_SIGNATURE" });
    // A forged "not found" must not read as "not paid yet".
    const forgedMissing = gateway(() => ({ code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST" }), { signWith: impostor.privateKey });
    await expect(forgedMissing.provider.query("P1")).rejects.toBeInstanceOf(ProviderError);
    const unsignedMissing = gateway(() => ({ raw: '{"alipay_trade_query_response":{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST"}}' }));
    await expect(unsignedMissing.provider.query("P1")).rejects.toMatchObject({ code: "ACQ.TRADE_NOT_EXIST" });
    const garbage = gateway(() => ({ raw: "<html>502 Bad Gateway</html>" }));
    await expect(garbage.provider.query("P1")).rejects.toMatchObject({ code: "MALFORMED_RESPONSE" });
  });

  it("maps Alipay business errors to ProviderError with the sub_code and its message", async () => {
    const { provider, calls } = gateway(() => ({ code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_STATUS_ERROR", sub_msg: "交易状态不合法" }));
    const err = await provider.close("P202405200001").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: "alipay", code: "ACQ.TRADE_STATUS_ERROR" });
    expect((err as Error).message).toContain("交易状态不合法");
    expect(calls[0]).toMatchObject({ method: "alipay.trade.close", biz: { out_trade_no: "P202405200001" } });
    const gone = gateway(() => ({ code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST", sub_msg: "交易不存在" }));
    await expect(gone.provider.close("P1")).resolves.toBeUndefined();
    const down = alipayProvider(config, { fetch: (async () => { throw new TypeError("fetch failed"); }) as typeof fetch, now: () => NOW });
    await expect(down.query("P1")).rejects.toMatchObject({ code: "UNREACHABLE" });
  });

  it("F6 refunds send our refund number as out_request_no, so a repeat is answered without paying twice", async () => {
    let refunded = false;
    const { provider, calls } = gateway((c) => {
      if (c.method === "alipay.trade.refund") {
        const first = !refunded;
        refunded = true;
        return { code: "10000", msg: "Success", trade_no: "2024052022001424330501234567", out_trade_no: "P202405200001", fund_change: first ? "Y" : "N", refund_fee: "12.34" };
      }
      return { code: "10000", msg: "Success", trade_no: "2024052022001424330501234567", out_trade_no: "P202405200001", out_request_no: c.biz.out_request_no, refund_amount: "12.34", total_amount: "1234.50", refund_status: "REFUND_SUCCESS" };
    });
    const input = { paymentNo: "P202405200001", providerTxnId: "2024052022001424330501234567", refundNo: "R202405200001", amountFen: 1234, totalFen: 123450, reason: "七日无理由退货" };
    expect(await provider.refund(input)).toEqual({ status: "succeeded", providerRefundId: null });
    expect(calls[0]!.biz).toEqual({ out_trade_no: "P202405200001", trade_no: "2024052022001424330501234567", refund_amount: "12.34", out_request_no: "R202405200001", refund_reason: "七日无理由退货" });
    expect(await provider.refund(input)).toEqual({ status: "succeeded", providerRefundId: null });
    expect(calls.map((c) => c.method)).toEqual(["alipay.trade.refund", "alipay.trade.refund", "alipay.trade.fastpay.refund.query"]);
    expect(calls[1]!.biz.out_request_no).toBe("R202405200001");
    expect(calls[2]!.biz).toEqual({ out_trade_no: "P202405200001", out_request_no: "R202405200001" });

    const unconfirmed = gateway((c) => c.method === "alipay.trade.refund"
      ? { code: "10000", msg: "Success", fund_change: "N", refund_fee: "0.00" }
      : { code: "10000", msg: "Success", out_trade_no: "P202405200001", out_request_no: "R202405200001" });
    expect(await unconfirmed.provider.refund(input)).toMatchObject({ status: "pending" });
    const refused = gateway(() => ({ code: "40004", msg: "Business Failed", sub_code: "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", sub_msg: "退款金额超限" }));
    await expect(refused.provider.refund(input)).rejects.toMatchObject({ code: "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL" });
  });

  it("F3 reads the day's trade bill: zipped GBK business detail, payments and refunds in 分 with fees", async () => {
    const header = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
    const row = (txn: string, no: string, type: string, amount: string, done: string, requestNo: string, fee: string, name = "龙井茶 250g") =>
      [`${txn}\t`, `${no}\t`, type, name, "2024-05-20 14:29:41", done, "", "", "", "", "fzx***@sandbox.com", amount, amount, "0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00", "0.00", requestNo ? `${requestNo}\t` : "", fee, "0.00", ""].join(",");
    const detail = [
      "#支付宝业务明细查询",
      "#账号：[20881021701853210156]",
      "#起始日期：[2024年05月20日 00:00:00]   终止日期：[2024年05月21日 00:00:00]",
      "#-----------------------------------------业务明细列表----------------------------------------",
      header,
      row("2024052022001424330501234567", "P202405200001", "交易", "1234.50", "2024-05-20 14:29:58", "", "-7.41"),
      row("2024052022001424330501234567", "P202405200001", "退款", "-12.34", "2024-05-20 18:00:02", "R202405200001", "0.07"),
      row("2024052022001424330509999999", "P202405200002", "交易", "0.01", "2024-05-20 20:00:00", "", "0.00", '"茶具, 紫砂"'),
      "#-----------------------------------------业务明细列表结束------------------------------------",
      "#交易合计：2笔，商家实收共1234.51元，商家优惠共0.00元",
      "#退款合计：1笔，商家实收共-12.34元，商家优惠共0.00元",
      "#导出时间：[2024年05月21日 09:12:10]",
    ].join("\r\n");
    const summary = ["#支付宝业务汇总查询", "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）", ",合计,2,1,1222.17"].join("\r\n");
    const zip = zipOf({ "20881021701853210156_20240520_业务明细(汇总).csv": gbk(summary), "20881021701853210156_20240520_业务明细.csv": gbk(detail) });
    const billUrl = "https://dwbillcenter.alipay.com/downloadBillFile.resource?bizType=trade&userId=20881021701853210156&fileType=csv.zip&bizDates=20240520&downloadFileName=20881021701853210156_20240520.csv.zip&fileId=%2Ftrade%2F20881021701853210156%2F20240520&timestamp=1716254000&token=abc";
    const { provider, calls } = gateway(() => ({ code: "10000", msg: "Success", bill_download_url: billUrl }), { files: { [billUrl]: zip } });
    expect(await provider.statement("2024-05-20")).toEqual([
      { kind: "payment", no: "P202405200001", providerTxnId: "2024052022001424330501234567", amountFen: 123450, feeFen: 741, at: new Date("2024-05-20T06:29:58Z") },
      { kind: "refund", no: "R202405200001", providerTxnId: "2024052022001424330501234567", amountFen: 1234, feeFen: -7, at: new Date("2024-05-20T10:00:02Z") },
      { kind: "payment", no: "P202405200002", providerTxnId: "2024052022001424330509999999", amountFen: 1, feeFen: 0, at: new Date("2024-05-20T12:00:00Z") },
    ]);
    expect(calls[0]).toMatchObject({ method: "alipay.data.dataservice.bill.downloadurl.query", biz: { bill_type: "trade", bill_date: "2024-05-20" } });

    const none = gateway(() => ({ code: "40004", msg: "Business Failed", sub_code: "isp.bill_not_exist", sub_msg: "账单不存在" }));
    await expect(none.provider.statement("2024-05-19")).rejects.toMatchObject({ code: "NO_STATEMENT" });
    // A byte changed in transit: the stored entry's CRC gives it away.
    const damaged = zipOf({ "20881021701853210156_20240520_业务明细.csv": gbk(detail) }, false);
    damaged[damaged.indexOf(Buffer.from("1234.50")) + 1] = "9".charCodeAt(0);
    const bad = gateway(() => ({ code: "10000", msg: "Success", bill_download_url: billUrl }), { files: { [billUrl]: damaged } });
    await expect(bad.provider.statement("2024-05-20")).rejects.toMatchObject({ code: "MALFORMED_STATEMENT" });
  });

  it("reads its configuration from the environment: PEM with literal \\n, bare base64, and nothing half set", () => {
    const escaped = pem(app.privateKey).trim().replaceAll("\n", "\\n");
    const bare = (alipay.publicKey.export({ type: "spki", format: "der" }) as Buffer).toString("base64");
    const cfg = providerConfigFromEnv({ ALIPAY_APP_ID: APP_ID, ALIPAY_PRIVATE_KEY: escaped, ALIPAY_PUBLIC_KEY: bare });
    expect(cfg.wechatpay).toBeNull();
    expect(cfg.alipay).toEqual({ appId: APP_ID, privateKey: pem(app.privateKey), alipayPublicKey: pem(alipay.publicKey), gateway: GATEWAY });
    const pkcs1 = (app.privateKey.export({ type: "pkcs1", format: "der" }) as Buffer).toString("base64");
    expect(providerConfigFromEnv({ ALIPAY_APP_ID: APP_ID, ALIPAY_PRIVATE_KEY: pkcs1, ALIPAY_PUBLIC_KEY: bare, ALIPAY_GATEWAY: "https://openapi-sandbox.dl.alipaydev.com/gateway.do" }).alipay)
      .toMatchObject({ privateKey: pem(app.privateKey), gateway: "https://openapi-sandbox.dl.alipaydev.com/gateway.do" });
    expect(providerConfigFromEnv({})).toEqual({ alipay: null, wechatpay: null });
    expect(() => providerConfigFromEnv({ ALIPAY_APP_ID: APP_ID })).toThrow(/ALIPAY_PRIVATE_KEY, ALIPAY_PUBLIC_KEY are missing/);
    expect(() => providerConfigFromEnv({ ALIPAY_APP_ID: APP_ID, ALIPAY_PRIVATE_KEY: "not a key", ALIPAY_PUBLIC_KEY: bare })).toThrow(/ALIPAY_PRIVATE_KEY is not a readable RSA private key/);
  });
});

// GBK, as Alipay writes its bills; Node decodes GBK but has no encoder, so one is derived from the decoder.
let gbkTable: Map<string, Buffer> | undefined;
function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gbk");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== "\uFFFD" && !gbkTable.has(ch)) gbkTable.set(ch, Buffer.of(lead, trail));
      }
    }
  }
  return Buffer.concat([...text].map((ch) => ch.charCodeAt(0) < 0x80 ? Buffer.from(ch) : gbkTable!.get(ch) ?? Buffer.from("?")));
}

// A zip archive, names in GBK as Alipay's archiver writes them; entries deflated, or stored as they are.
function zipOf(files: Record<string, Buffer>, deflate = true): Buffer {
  const locals: Buffer[] = [], centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const packed = deflate ? deflateRawSync(data) : data, nameBytes = gbk(name), method = deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(data), 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(data), 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(files).length, 8); end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
