import type { sandboxTrades } from "../schema.js";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

// The gateway's own page, deliberately not part of the storefront: the buyer leaves the
// shop to pay, as with a real provider, and is sent back to the return address.
export function sandboxPage(t: typeof sandboxTrades.$inferSelect | null, now: Date, error?: string) {
  const body = !t
    ? `<h1>支付单不存在 · Payment not found</h1>`
    : `<div class="amount" data-testid="sandbox-amount">${yuan(t.amountFen)}</div>
       <p class="subject">${esc(t.subject)}</p>
       <dl><dt>交易号 Trade no.</dt><dd>${esc(t.tradeNo)}</dd><dt>商户订单号 Merchant order no.</dt><dd>${esc(t.outTradeNo)}</dd>
       <dt>状态 Status</dt><dd data-testid="sandbox-status">${esc(t.status)}</dd></dl>
       ${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
       ${t.status === "waiting" && t.expiresAt > now
         ? `<form method="post" action="/api/v1/sandbox/pay/${esc(t.tradeNo)}/pay"><button class="pay" data-testid="sandbox-pay">确认支付 Pay ${yuan(t.amountFen)}</button></form>
            <form method="post" action="/api/v1/sandbox/pay/${esc(t.tradeNo)}/fail"><button class="fail" data-testid="sandbox-fail">模拟支付失败 Fail the payment</button></form>`
         : `<p><a href="${esc(t.returnUrl)}">返回商户 Back to the shop</a></p>`}`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>沙箱收银台 · Sandbox checkout</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f0f2f5;margin:0}main{max-width:420px;margin:48px auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 1px 4px #0002}
header{color:#1677ff;font-weight:600;margin-bottom:24px}.amount{font-size:36px;font-weight:600;text-align:center}.subject{text-align:center;color:#666}dl{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;font-size:13px;color:#555}dd{margin:0;word-break:break-all}
button{width:100%;padding:12px;border-radius:6px;border:0;font-size:16px;margin-top:12px;cursor:pointer}.pay{background:#1677ff;color:#fff}.fail{background:#fff;color:#cf1322;border:1px solid #ffa39e}.error{color:#cf1322}</style></head>
<body><main><header>沙箱支付网关 · Sandbox payment gateway</header>${body}<p style="font-size:12px;color:#999;margin-top:24px">这是内置的测试支付网关，不会产生真实扣款。This built-in test gateway moves no real money.</p></main></body></html>`;
}
