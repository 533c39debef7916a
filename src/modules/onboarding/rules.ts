import { z } from "zod";
// Pure rules of merchant onboarding: tested without a database.

// GB 32100-2015 unified social credit code: 18 characters from a 31-character alphabet
// (no I, O, S, V, Z); the last is a check character over the first 17.
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? "?");
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function creditCodeProblem(code: string): string | null {
  const c = code.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c)) return "A unified social credit code has 18 characters: digits and capital letters except I, O, S, V and Z.";
  if (!/^[1-9ANY]/.test(c)) return "The first character (registering authority) must be 1-9, A, N or Y.";
  if (creditCodeCheckChar(c.slice(0, 17)) !== c[17]) return "The check character (the 18th) does not match: the code has a typo.";
  return null;
}

export const documentKinds = ["business_licence", "legal_rep_id", "food_licence", "category_permit", "brand_authorisation", "quality_report"] as const;
export type DocumentKind = (typeof documentKinds)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD");
// The facts entered with every qualification document, at application and at renewal.
export const DocumentFields = z.strictObject({
  kind: z.enum(documentKinds),
  number: z.string().trim().min(1, "enter the document number").max(60),
  issuer: z.string().trim().min(1, "enter the issuing authority").max(100),
  validFrom: day,
  validUntil: day.optional(),
  replaces: z.uuid().optional(),
});

// Until the category tree (P1) exists, merchants declare these business categories.
export const businessCategories = ["food", "tea", "apparel", "electronics", "home", "beauty", "baby"] as const;

export interface Requirement { entityType: string; category: string; documentKind: string }

export function requiredKinds(reqs: Requirement[], entityType: string, categories: string[]): string[] {
  const kinds = reqs.filter((r) => (r.entityType === "*" || r.entityType === entityType) && (r.category === "*" || categories.includes(r.category))).map((r) => r.documentKind);
  return [...new Set(kinds)].sort();
}

// GB 11643 resident ID number: 17 digits and a check character (0-9 or X).
export function residentIdCheckChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return "10X98765432"[w.reduce((s, wi, i) => s + wi * Number(first17[i]), 0) % 11]!;
}

export function residentIdProblem(id: string): string | null {
  const c = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(c)) return "A resident ID number has 18 characters: 17 digits and a final digit or X.";
  if (residentIdCheckChar(c) !== c[17]) return "The last character of the ID number does not match: check it for a typo.";
  return null;
}

export const phoneProblem = (p: string) =>
  /^1[3-9]\d{9}$/.test(p) || /^0\d{2,3}-?\d{7,8}$/.test(p) ? null : "Enter a mainland mobile number (11 digits) or a landline such as 0571-88888888.";
