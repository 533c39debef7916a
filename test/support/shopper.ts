// A buyer driving a running server over HTTP with fetch, as the storefront does: sign-up,
// address, cart, checkout with an Idempotency-Key, payment, and the "pay" button on the
// sandbox gateway's page. Shared by the crash test and bench/checkout.ts.

export interface Answer { status: number; body: any; location: string | null }
export interface Item { productId: string; skuCode: string; quantity: number }

// The server did not answer at all (refused, reset, killed mid-request): the request may or
// may not have taken effect, so the caller retries it unchanged.
export class NoAnswer extends Error {}

export async function call(base: string, method: string, path: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(base + path, {
      method, redirect: "manual", signal: AbortSignal.timeout(60_000),
      headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.body !== undefined ? { "content-type": "application/json" } : {}), ...o.headers },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
  } catch (e) {
    throw new NoAnswer(`${method} ${path}: ${(e as Error).cause ?? (e as Error).message}`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new NoAnswer(`${method} ${path}: answer cut off (${(e as Error).message})`);
  }
  let body: unknown = text;
  try { body = text ? JSON.parse(text) : null; } catch { /* an HTML page */ }
  return { status: res.status, body, location: res.headers.get("location") };
}

const PASSWORD = "Shopper#Pass2026";

export class Shopper {
  token = "";
  addressId = "";
  constructor(readonly base: string, readonly login: string) {}

  // A new account with its own address: F4 holds payments of several buyers shipping to one address.
  async signUp(n: number) {
    const r = await call(this.base, "POST", "/api/v1/auth/register", { body: { login: this.login, password: PASSWORD, displayName: `买家 ${n}`, acceptPolicyVersion: await policyVersion(this.base) } });
    if (r.status !== 201) throw new Error(`register ${this.login}: ${r.status} ${JSON.stringify(r.body)}`);
    this.token = r.body.token;
    const a = await call(this.base, "POST", "/api/v1/me/addresses", {
      token: this.token, body: { recipient: `买家${n}`, mobile: "13800138000", provinceCode: "330000", cityCode: "330100", districtCode: "330106", detail: `文三路 ${n + 1} 号 ${n % 30 + 1} 幢 ${n + 101} 室` },
    });
    if (a.status !== 201) throw new Error(`address of ${this.login}: ${a.status} ${JSON.stringify(a.body)}`);
    this.addressId = a.body.id;
    return this;
  }

  addToCart(item: Item) {
    return call(this.base, "POST", "/api/v1/me/cart/items", { token: this.token, body: item });
  }
  checkout(items: Item[], key: string) {
    return call(this.base, "POST", "/api/v1/me/checkouts", { token: this.token, body: { addressId: this.addressId, items }, headers: { "idempotency-key": key } });
  }
  startPayment(checkoutId: string) {
    return call(this.base, "POST", `/api/v1/me/checkouts/${checkoutId}/payments`, { token: this.token, body: { provider: "sandbox" } });
  }
  // The buyer's "pay" on the gateway's page: 303 to the result page once the gateway has notified the platform.
  pay(payUrl: string) {
    return call(this.base, "POST", `${payUrl}/pay`);
  }

  // The whole purchase, each step expected to succeed at once (no server is being killed).
  async purchase(items: Item[], key: string, viaCart = true) {
    if (viaCart) for (const i of items) expectStatus(await this.addToCart(i), [201], "cart");
    const c = expectStatus(await this.checkout(items, key), [201], "checkout");
    const p = expectStatus(await this.startPayment(c.body.id), [200], "payment");
    expectStatus(await this.pay(p.body.payUrl), [303], "sandbox pay");
    return { checkout: c.body, payment: p.body };
  }
}

export function expectStatus(a: Answer, ok: number[], what: string) {
  if (!ok.includes(a.status)) throw new Error(`${what}: ${a.status} ${typeof a.body === "string" ? a.body.slice(0, 300) : JSON.stringify(a.body)}`);
  return a;
}

const policies = new Map<string, Promise<string>>();
// The privacy policy in force, which registration must accept by version (U1).
function policyVersion(base: string) {
  let p = policies.get(base);
  if (!p) {
    p = call(base, "GET", "/api/v1/privacy/policy").then((r) => {
      if (r.status !== 200 || !r.body?.version) throw new Error(`privacy policy: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.version as string;
    });
    policies.set(base, p);
  }
  return p;
}
