import { defineMachine } from "../../lib/machine.js";
import type { PaymentStatus } from "./schema.js";

// F1/F4: a payment attempt. A provider's verified word that money arrived wins over
// what we decided meanwhile (closed it, saw it fail): the money is then captured and,
// if its orders are gone, refunded.
export const paymentMachine = defineMachine<PaymentStatus, "hold" | "clear" | "succeed" | "fail" | "close">("payment", {
  pending: { succeed: "succeeded", fail: "failed", close: "closed", hold: "review" },
  review: { clear: "pending", close: "closed", succeed: "succeeded" },
  failed: { succeed: "succeeded" },
  closed: { succeed: "succeeded" },
  succeeded: {},
});
