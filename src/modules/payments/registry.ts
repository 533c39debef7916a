import type { Services } from "../../server/context.js";
import { ValidationError } from "../../server/errors.js";
import { sandboxProvider } from "./sandbox/provider.js";
import { alipayProvider } from "./providers/alipay.js";
import { providerConfigFromEnv } from "./providers/config.js";
import type { PaymentProvider, ProviderName } from "./providers/provider.js";
import { wechatpayProvider } from "./providers/wechatpay.js";

// Read at start-up: a half-configured provider stops the server with the missing names.
const configured = providerConfigFromEnv();

// Which providers this installation offers. The sandbox is always there; the licensed
// providers appear when their credentials are configured.
// Kept per database and clock: a provider keeps the time of the services it was made for,
// and a caller on another clock (a replayed past, a test's clock) must not inherit it.
const cache = new WeakMap<Services["db"], WeakMap<Services["clock"], Map<ProviderName, PaymentProvider>>>();

export function providers(s: Services): Map<ProviderName, PaymentProvider> {
  let byClock = cache.get(s.db);
  if (!byClock) cache.set(s.db, (byClock = new WeakMap()));
  let m = byClock.get(s.clock);
  if (!m) {
    const now = () => s.clock.now();
    m = new Map<ProviderName, PaymentProvider>([["sandbox", sandboxProvider(s)]]);
    if (configured.alipay) m.set("alipay", alipayProvider(configured.alipay, { now }));
    if (configured.wechatpay) m.set("wechatpay", wechatpayProvider(configured.wechatpay, { now }));
    byClock.set(s.clock, m);
  }
  return m;
}

export function providerFor(s: Services, name: string): PaymentProvider {
  const p = providers(s).get(name as ProviderName);
  if (!p) throw new ValidationError("PROVIDER_UNAVAILABLE", `The payment method "${name}" is not available here. Choose one of: ${[...providers(s).keys()].join(", ")}.`, { field: "provider" });
  return p;
}
