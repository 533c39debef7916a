import { ValidationError } from "../../server/errors.js";
import { maskEmail, maskMobile } from "../../lib/crypto.js";

export type LoginType = "email" | "mobile" | "username";

// Mainland mobile numbers: 11 digits starting 13-19; +86 / 86 prefixes and spaces tolerated.
const MOBILE = /^1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

export function parseLogin(raw: string, allowed: LoginType[]): { type: LoginType; value: string; masked: string } {
  const s = raw.trim().normalize("NFKC");
  const mobile = s.replace(/[\s-]/g, "").replace(/^\+?86/, "");
  if (allowed.includes("mobile") && MOBILE.test(mobile)) return { type: "mobile", value: mobile, masked: maskMobile(mobile) };
  const lower = s.toLowerCase();
  if (allowed.includes("email") && EMAIL.test(lower) && lower.length <= 254) return { type: "email", value: lower, masked: maskEmail(lower) };
  if (allowed.includes("username") && USERNAME.test(lower)) return { type: "username", value: lower, masked: lower };
  const what = allowed.map((t) => ({ email: "an e-mail address", mobile: "a mainland mobile number (11 digits)", username: "a user name (3-32 letters, digits, . _ -)" })[t]);
  throw new ValidationError("LOGIN_INVALID", `Enter ${what.join(" or ")}.`, { field: "login" });
}

// Password policy (S1): long enough, mixed, and not the login itself.
export function checkPasswordPolicy(password: string, login: string) {
  const problems: string[] = [];
  if (password.length < 10) problems.push("at least 10 characters");
  if (password.length > 128) problems.push("at most 128 characters");
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) problems.push("at least three of: lowercase letter, uppercase letter, digit, symbol");
  const bare = login.toLowerCase().split("@")[0] ?? "";
  if (bare.length >= 3 && password.toLowerCase().includes(bare)) problems.push("must not contain your login");
  if (problems.length) throw new ValidationError("PASSWORD_TOO_WEAK", `Choose a stronger password: ${problems.join("; ")}.`, { field: "password", problems });
}

// Back-off after repeated failures: the first lock lasts lockoutMinutes, each further
// failure while over the limit doubles it, capped at a day.
export function lockoutSeconds(failures: number, maxFailures: number, lockoutMinutes: number): number {
  if (failures < maxFailures) return 0;
  return Math.min(24 * 3600, lockoutMinutes * 60 * 2 ** Math.min(failures - maxFailures, 16));
}
