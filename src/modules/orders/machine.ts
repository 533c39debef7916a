import { defineMachine } from "../../lib/machine.js";
import type { ActorKind } from "../../server/context.js";
import type { OrderStatus } from "./schema.js";

export type OrderEvent = "pay" | "cancel" | "expire" | "ship_part" | "ship" | "deliver" | "complete" | "close";

// O3: every state an order can be in and every way out of it. "cancelled" ends an order
// that was never paid; "closed" ends a paid one whose money went back to the buyer.
export const orderMachine = defineMachine<OrderStatus, OrderEvent>("order", {
  pending_payment: { pay: "paid", cancel: "cancelled", expire: "cancelled" },
  paid: { ship_part: "partly_shipped", ship: "shipped", close: "closed" },
  partly_shipped: { ship_part: "partly_shipped", ship: "shipped", close: "closed" },
  shipped: { deliver: "delivered", close: "closed" },
  delivered: { complete: "completed", close: "closed" },
  completed: {},
  cancelled: {},
  closed: {},
});

// Who may cause each event; the scope (own order, own shop) is checked where the order is loaded.
export const orderEventActors: Record<OrderEvent, ActorKind[]> = {
  pay: ["system"],
  cancel: ["buyer", "staff", "system"],
  expire: ["system"],
  ship_part: ["merchant", "staff"],
  ship: ["merchant", "staff"],
  deliver: ["system", "staff"],
  complete: ["buyer", "system", "staff"],
  close: ["buyer", "staff", "system"],
};

export const endStates: OrderStatus[] = ["completed", "cancelled", "closed"];
