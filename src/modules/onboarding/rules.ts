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

// Until the category tree (P1) exists, merchants declare these business categories.
export const businessCategories = ["food", "tea", "apparel", "electronics", "home", "beauty", "baby"] as const;

export interface Requirement { entityType: string; category: string; documentKind: string }

export function requiredKinds(reqs: Requirement[], entityType: string, categories: string[]): string[] {
  const kinds = reqs.filter((r) => (r.entityType === "*" || r.entityType === entityType) && (r.category === "*" || categories.includes(r.category))).map((r) => r.documentKind);
  return [...new Set(kinds)].sort();
}

// M5: the agreement a merchant accepts. Versioned publication (G1) will replace this constant.
export const platformAgreement = {
  version: "2026-01",
  title: { zh: "商管平台商家入驻协议", en: "Shangguan Merchant Agreement" },
  sections: [
    { key: "truth", zh: "商家保证所提交的主体信息与资质文件真实、有效，并在变更后及时更新。", en: "The merchant warrants that its entity data and documents are true and valid, and updates them when they change." },
    { key: "rules", zh: "商家遵守平台公示的规则：付款后 72 小时内发货、24 小时内响应投诉、七日无理由退货等。", en: "The merchant follows the published platform rules: ship within 72 hours of payment, answer complaints within 24 hours, 7-day no-reason returns and others." },
    { key: "funds", zh: "货款由平台监管，订单完成后扣除类目佣金结算给商家。", en: "Payments are held in escrow by the platform and settled to the merchant, less the category commission, when the order completes." },
    { key: "review", zh: "平台每六个月复核商家资质；资质过期将暂停销售直至更新。", en: "The platform re-verifies qualifications every six months; an expired document suspends selling until renewed." },
  ],
} as const;

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
