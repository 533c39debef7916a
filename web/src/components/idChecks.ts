// Client-side checks of Chinese identifiers, so that typos are explained while typing.
// The server checks the same rules again (APPLICATION_FIELDS_INVALID).

/** GB 32100-2015: 18 characters from a 31-character alphabet (no I, O, S, V, Z); the last is a check character. */
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = "format" | "authority" | "check";

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  const c = code.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c)) return "format";
  if (!/^[1-9ANY]/.test(c)) return "authority";
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(c[i] ?? "") * (USCC_WEIGHTS[i] ?? 0);
  if (USCC_ALPHABET[(31 - (sum % 31)) % 31] !== c[17]) return "check";
  return null;
}

export type ResidentIdProblem = "format" | "check";

/** GB 11643: 17 digits and a check character (0-9 or X). */
export function residentIdProblem(id: string): ResidentIdProblem | null {
  const c = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(c)) return "format";
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, wi, i) => s + wi * Number(c[i]), 0);
  if ("10X98765432"[sum % 11] !== c[17]) return "check";
  return null;
}

/** A mainland mobile number or a landline such as 0571-88888888. */
export function isValidPhone(p: string): boolean {
  const s = p.replace(/\s/g, "");
  return /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-?\d{7,8}$/.test(s);
}
