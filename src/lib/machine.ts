import { RuleViolation } from "../server/errors.js";

// A state machine is data: state -> event -> next state. `next` is the only way a
// module computes a new status, so an edge that is not in the table cannot happen.
export type Machine<S extends string, E extends string> = {
  name: string;
  table: Record<S, Partial<Record<E, S>>>;
};

export function defineMachine<S extends string, E extends string>(name: string, table: Record<S, Partial<Record<E, S>>>): Machine<S, E> {
  return { name, table };
}

export function next<S extends string, E extends string>(m: Machine<S, E>, from: S, event: E): S {
  const to = m.table[from]?.[event];
  if (!to) {
    const allowed = Object.keys(m.table[from] ?? {});
    throw new RuleViolation("INVALID_TRANSITION", `A ${m.name} that is "${from}" cannot be "${event}"${allowed.length ? `; possible now: ${allowed.join(", ")}` : ""}.`, { from, event, allowed });
  }
  return to;
}

// Start-up check: every state can be reached from the initial one.
export function unreachableStates<S extends string, E extends string>(m: Machine<S, E>, initial: S): S[] {
  const seen = new Set<S>([initial]);
  const queue: S[] = [initial];
  while (queue.length) {
    for (const to of Object.values(m.table[queue.shift()!] ?? {}) as S[]) if (!seen.has(to)) { seen.add(to); queue.push(to); }
  }
  return (Object.keys(m.table) as S[]).filter((s) => !seen.has(s));
}
