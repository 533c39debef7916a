import type { Clock } from "../lib/clock.js";
import type { Sealer } from "../lib/crypto.js";
import type { Db } from "../lib/db-types.js";
import type { DatabaseKind } from "./db.js";
import type { Storage } from "./storage.js";

export type ActorKind = "staff" | "merchant" | "buyer" | "system" | "anonymous";

// Who is acting and within which scope: the platform, one merchant, or a buyer's own data.
export interface Actor {
  userId: string | null;
  kind: ActorKind;
  label: string;
  merchantId: string | null;
  permissions: ReadonlySet<string>;
  sessionId: string | null;
  // Staff who must enrol in MFA (security.staffMfaRequired) may only reach enrolment.
  mfaPending: boolean;
}

export const systemActor = (label = "system"): Actor => ({
  userId: null, kind: "system", label, merchantId: null, permissions: new Set(), sessionId: null, mfaPending: false,
});

// The services every operation may use; built once at start-up.
export interface Services {
  db: Db;
  dbKind: DatabaseKind;
  clock: Clock;
  sealer: Sealer;
  storage: Storage;
  // A request to this same server through its whole HTTP stack; set once the app is built.
  // The built-in payment sandbox delivers its notifications this way.
  loopback?: (url: string, headers: Record<string, string>, body: string) => Promise<{ status: number; body: string }>;
}

// What an operation receives: the services plus who is acting and the request it serves.
export interface Ctx extends Services {
  actor: Actor;
  requestId?: string;
  ip?: string;
}

export const ctxFor = (s: Services, actor: Actor, extra: { requestId?: string; ip?: string } = {}): Ctx => ({ ...s, actor, ...extra });

export const anonymousActor: Actor = {
  userId: null, kind: "anonymous", label: "anonymous", merchantId: null, permissions: new Set(), sessionId: null, mfaPending: false,
};
