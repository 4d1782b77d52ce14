/**
 * Exact rates and shares as fractions of integers, so money is computed without
 * floating point: "1.3/1000", "0.0013", "0.13%", "30%", "1/36".
 */
export type Rational = { num: bigint; den: bigint; text: string };

export function parseRational(text: string): Rational | null {
  const t = text.trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (pct) {
    const d = decimal(pct[1]!);
    return { num: d.num, den: d.den * 100n, text: t };
  }
  const frac = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (frac) {
    const a = decimal(frac[1]!);
    const b = decimal(frac[2]!);
    if (b.num === 0n) return null;
    return { num: a.num * b.den, den: a.den * b.num, text: t };
  }
  if (/^\d+(?:\.\d+)?$/.test(t)) return { ...decimal(t), text: t };
  return null;
}

function decimal(s: string): { num: bigint; den: bigint } {
  const [int, frac = ""] = s.split(".");
  return { num: BigInt(int! + frac), den: 10n ** BigInt(frac.length) };
}

export function compare(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** floor(amount × r): Korean practice truncates below 1 won. */
export function applyTruncate(amountKrw: bigint, ...factors: Rational[]): bigint {
  let num = amountKrw;
  let den = 1n;
  for (const f of factors) {
    num *= f.num;
    den *= f.den;
  }
  return num >= 0n ? num / den : -((-num + den - 1n) / den);
}

export function rationalOf(num: bigint, den: bigint, text: string): Rational {
  return { num, den, text };
}

/** A ratio as a percentage string with the given decimals, truncated: 0.8875 → "88.75%". */
export function percentText(r: Rational, decimals = 2): string {
  const scaled = (r.num * 100n * 10n ** BigInt(decimals)) / r.den;
  const s = scaled.toString().padStart(decimals + 1, "0");
  return `${s.slice(0, -decimals) || "0"}.${s.slice(-decimals)}%`;
}
