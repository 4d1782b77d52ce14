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

/**
 * An exact fraction for scores and other figures compared against table thresholds (never
 * floating point): den > 0, not necessarily reduced.
 */
export type Fraction = { num: bigint; den: bigint };

export const fraction = (num: bigint, den: bigint = 1n): Fraction => (den < 0n ? { num: -num, den: -den } : { num, den });

/**
 * The exact value of a number as written in a configuration file (99.5, 1000, 0.25, 1e-7): the decimal
 * JavaScript prints for it, which is the shortest one that reads back as the same number.
 */
export function fractionOf(n: number): Fraction {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const [mantissa, exp = "0"] = String(n).split("e");
  const negative = mantissa!.startsWith("-");
  const [int, frac = ""] = mantissa!.replace("-", "").split(".");
  let num = BigInt(int! + frac) * (negative ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e > 0) num *= 10n ** BigInt(e);
  else den *= 10n ** BigInt(-e);
  return { num, den };
}

export const addF = (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
export const subF = (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.den - b.num * a.den, den: a.den * b.den });
export const mulF = (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.num, den: a.den * b.den });
export const divF = (a: Fraction, b: Fraction): Fraction => {
  if (b.num === 0n) throw new Error("division by zero");
  return fraction(a.num * b.den, a.den * b.num);
};
export const cmpF = (a: Fraction, b: Fraction): number => compare({ ...a, text: "" }, { ...b, text: "" });

/** floor(a × 10^decimals) / 10^decimals, as the integer count of 10^−decimals (89.999… → 8999 for 2 decimals). */
export function floorScaled(a: Fraction, decimals: number): bigint {
  const n = a.num * 10n ** BigInt(decimals);
  return n >= 0n ? n / a.den : -((-n + a.den - 1n) / a.den);
}

/** A fraction with the given decimals, rounded half away from zero, for display only: 200/3 → "66.67". */
export function fractionText(a: Fraction, decimals = 2): string {
  const scale = 10n ** BigInt(decimals);
  const neg = a.num < 0n;
  const abs = neg ? -a.num : a.num;
  const scaled = (abs * scale * 2n + a.den) / (2n * a.den);
  const int = scaled / scale;
  const frac = (scaled % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${neg && scaled > 0n ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}
