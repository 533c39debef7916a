// Storefront search without a search engine: words cut by Intl.Segmenter go into a
// Postgres full-text index ('simple' configuration). Chinese runs are also indexed as
// single characters and character pairs, because the segmenter cuts a phrase typed alone
// ("龙井茶") differently from the same words inside a title ("西湖龙井 … 茶").
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const CJK = /\p{Script=Han}/u;

function words(text: string) {
  return [...segmenter.segment(text.normalize("NFKC").toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment);
}

const pairs = (w: string) => [...w].slice(0, -1).map((c, i) => c + [...w][i + 1]);

// What is stored for a product: words, and the characters and character pairs of every
// run of Chinese text (across word boundaries, so "湖龙" of "西湖龙井" is there too).
export function indexTokens(...texts: (string | null | undefined)[]) {
  const out = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    for (const w of words(t)) out.add(w);
    for (const run of t.normalize("NFKC").match(/\p{Script=Han}+/gu) ?? []) for (const x of [...run, ...pairs(run)]) out.add(x);
  }
  return [...out].join(" ");
}

// Latin words only, for typo-tolerant trigram matching ("longjin" finds "longjing").
export function latinText(...texts: (string | null | undefined)[]) {
  return texts.flatMap((t) => (t ? words(t).filter((w) => /\p{Script=Latin}/u.test(w)) : [])).join(" ");
}

const tsQuote = (s: string) => `'${s.replace(/'/g, "''").replace(/\\/g, "\\\\")}'`;

// A query: every word must match, Chinese words by their character pairs, everything
// as a prefix (so "龙" and "long" already find something while typing).
export function toTsQuery(q: string): string | null {
  const parts: string[] = [];
  for (const w of words(q)) {
    const units = CJK.test(w) && [...w].length > 1 ? pairs(w) : [w];
    for (const u of units) parts.push(`${tsQuote(u)}:*`);
  }
  return parts.length ? parts.join(" & ") : null;
}

export const latinQuery = (q: string) => latinText(q);
