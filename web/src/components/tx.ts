import i18n from "../i18n";

/**
 * Translates a dynamic key (role, status, unit …) when the dictionary has it,
 * else shows the raw value: data from the server is never hidden.
 */
export function tx(key: string, fallback: string, options?: Record<string, unknown>): string {
  return i18n.exists(key, options as never) ? String(i18n.t(key as never, options as never)) : fallback;
}
