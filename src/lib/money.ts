// Money is an integer number of 分 (1/100 yuan); no floating point touches it.
export type Fen = number & { readonly __brand: "Fen" };

export function fen(n: number): Fen {
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount must be a whole number of 分, got ${n}`);
  return n as Fen;
}

// Basis points, rounded half up to the nearest 分: the one place commission rounding lives.
export function percentOf(amount: Fen, bps: number): Fen {
  if (!Number.isInteger(bps) || bps < 0) throw new RangeError(`rate must be whole basis points, got ${bps}`);
  const product = BigInt(amount) * BigInt(bps);
  const q = product / 10_000n;
  const r = product % 10_000n;
  return fen(Number(r * 2n >= 10_000n ? q + 1n : q));
}

export function formatYuan(amount: Fen): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
