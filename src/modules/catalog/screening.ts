// P3 pre-screening of listing text against the maintained word list. Sellers dodge a
// list with full-width letters (ｂｅｓｔ), spaces or symbols between characters (最 佳,
// 最*佳, b.e.s.t) and mixed case; the text is folded before matching so that these
// still match, while Latin terms only match whole words ("best" is not in "asbestos").

export type TermCategory = "absolute" | "medical" | "prohibited";
export type Severity = "block" | "warn";
export interface Term { term: string; category: TermCategory; severity: Severity }
export interface Finding { term: string; category: TermCategory; severity: Severity; field: string; excerpt: string }

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const isLatinTerm = (t: string) => /^[a-z0-9 %.'-]+$/i.test(t);

// NFKC turns full-width letters, digits and symbols into their ordinary forms.
export const fold = (s: string) => s.normalize("NFKC").replace(ZERO_WIDTH, "").toLowerCase();

// Everything but letters, digits and % removed: "最 * 佳" and "最佳" read the same.
const compact = (s: string) => fold(s).replace(/[^\p{L}\p{N}%]/gu, "");

// Words of Latin text, with letter-spaced runs joined again: "b e s t", "b.e.s.t" → "best".
function latinWords(s: string) {
  const spaced = fold(s).replace(/\b(?:\p{L}[\s.*_·|/\\-]+){2,}\p{L}\b/gu, (run) => run.replace(/[^\p{L}]/gu, ""));
  return ` ${spaced.replace(/[^\p{L}\p{N}%]+/gu, " ").trim()} `;
}

function excerpt(text: string, term: string) {
  const at = fold(text).indexOf(term);
  if (at < 0) return text.slice(0, 40);
  return text.slice(Math.max(0, at - 10), at + term.length + 10);
}

export function screenText(fields: Record<string, string | null | undefined>, terms: Term[]): Finding[] {
  const findings: Finding[] = [];
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const packed = compact(text);
    const words = latinWords(text);
    for (const t of terms) {
      const needle = fold(t.term);
      const hit = isLatinTerm(needle) && /[a-z]/.test(needle) ? words.includes(` ${needle.replace(/[^\p{L}\p{N}%]+/gu, " ")} `) : packed.includes(compact(needle));
      if (hit) findings.push({ term: t.term, category: t.category, severity: t.severity, field, excerpt: excerpt(text, needle) });
    }
  }
  return findings;
}
