import { sha256 } from "../../lib/crypto.js";

export const GENESIS = "0".repeat(64);

export interface ChainRow {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: unknown;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
}

// Key order is fixed here because jsonb does not keep the order it was given.
export function canonical(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
}

export function rowHash(r: ChainRow): string {
  return sha256(canonical([r.seq, r.at.toISOString(), r.actorId, r.actorLabel, r.action, r.entityType, r.entityId, r.summary, r.requestId, r.ip, r.prevHash]));
}
