import { escapeXml } from "./atom";
import type { DisplayState } from "./function-state";

/**
 * A flat status badge in the shields.io style: a grey label on the left, a
 * coloured message on the right, text centred in each. Widths come from
 * approximate glyph widths of 11 px Verdana (Hangul and other wide scripts at
 * one em), and each text carries `textLength`, so whatever font the reader has
 * the text fits its box.
 */
export type Badge = { label: string; message: string; color: string; labelColor?: string };

export const BADGE_CONTENT_TYPE = "image/svg+xml; charset=utf-8";

/**
 * Colours with at least 4.5:1 contrast against the white text (WCAG AA for
 * small text), unlike the classic shields palette whose yellow and light green fail it.
 */
export const STATE_COLORS: Record<DisplayState, string> = {
  UP: "#1a7f37",
  DEGRADED: "#8a6100",
  FAILING: "#b35000",
  DOWN: "#c4222d",
  UNKNOWN: "#636c76",
  STOPPED: "#636c76",
  NO_DATA: "#636c76",
};

/** Availability tiers as the service page's daily bars draw them: 100%, ≥ 99%, ≥ 95%, below; grey without data. */
export function availabilityColor(availability: number | null): string {
  if (availability === null) return STATE_COLORS.NO_DATA;
  if (availability >= 1) return STATE_COLORS.UP;
  if (availability >= 0.99) return "#4d7a00";
  if (availability >= 0.95) return STATE_COLORS.DEGRADED;
  return STATE_COLORS.DOWN;
}

const FONT_SIZE = 11;
const PADDING = 6;
const HEIGHT = 20;
const DEFAULT_WIDTH = 7;
const WIDE = 11;

// Verdana 11 px advance widths, rounded to 0.1 px (the characters badges use most).
const WIDTHS: Record<string, number> = {
  " ": 3.9,
  "!": 4.6,
  '"': 5.4,
  "#": 9.2,
  $: 7.0,
  "%": 11.8,
  "&": 8.0,
  "'": 3.0,
  "(": 5.0,
  ")": 5.0,
  "*": 7.0,
  "+": 9.2,
  ",": 3.5,
  "-": 5.0,
  ".": 3.5,
  "/": 5.0,
  "0": 7.0,
  "1": 7.0,
  "2": 7.0,
  "3": 7.0,
  "4": 7.0,
  "5": 7.0,
  "6": 7.0,
  "7": 7.0,
  "8": 7.0,
  "9": 7.0,
  ":": 5.0,
  ";": 5.0,
  "<": 9.2,
  "=": 9.2,
  ">": 9.2,
  "?": 6.0,
  "@": 11.0,
  A: 7.5,
  B: 7.5,
  C: 7.7,
  D: 8.5,
  E: 7.0,
  F: 6.3,
  G: 8.5,
  H: 8.3,
  I: 4.6,
  J: 5.0,
  K: 7.6,
  L: 6.1,
  M: 9.3,
  N: 8.2,
  O: 8.7,
  P: 6.6,
  Q: 8.7,
  R: 7.7,
  S: 7.5,
  T: 6.8,
  U: 8.1,
  V: 7.5,
  W: 10.9,
  X: 7.5,
  Y: 6.8,
  Z: 7.5,
  "[": 5.0,
  "\\": 5.0,
  "]": 5.0,
  _: 7.0,
  a: 6.7,
  b: 6.8,
  c: 5.7,
  d: 6.8,
  e: 6.6,
  f: 3.8,
  g: 6.8,
  h: 7.0,
  i: 3.0,
  j: 3.8,
  k: 6.5,
  l: 3.0,
  m: 10.7,
  n: 7.0,
  o: 6.7,
  p: 6.8,
  q: 6.8,
  r: 4.7,
  s: 5.7,
  t: 4.3,
  u: 7.0,
  v: 6.5,
  w: 9.0,
  x: 6.5,
  y: 6.5,
  z: 5.8,
  "·": 3.5,
  "—": 11.0,
  "–": 7.0,
};

/** East Asian wide characters: Hangul (jamo, compatibility jamo, syllables), CJK ideographs, kana, full-width forms. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x2e80 && cp <= 0x303f) ||
    (cp >= 0x3040 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7ff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Approximate rendered width in px at 11 px. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += WIDTHS[ch] ?? (isWide(cp) ? WIDE : DEFAULT_WIDTH);
  }
  return Math.round(w * 10) / 10;
}

// FNV-1a, so two badges inlined in one HTML page never share gradient or clip ids.
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const num = (n: number) => String(Math.round(n * 10) / 10);

export function renderBadge(b: Badge): string {
  const labelText = textWidth(b.label);
  const messageText = textWidth(b.message);
  const lw = Math.ceil(labelText + 2 * PADDING);
  const mw = Math.ceil(messageText + 2 * PADDING);
  const w = lw + mw;
  const id = shortHash(`${b.label}\u0000${b.message}\u0000${b.color}`);
  const accessible = escapeXml(`${b.label}: ${b.message}`);
  const label = escapeXml(b.label);
  const message = escapeXml(b.message);
  const color = escapeXml(b.color);
  const labelColor = escapeXml(b.labelColor ?? "#555");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${HEIGHT}" role="img" aria-label="${accessible}">`,
    `<title>${accessible}</title>`,
    `<linearGradient id="s${id}" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r${id}"><rect width="${w}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r${id})"><rect width="${lw}" height="${HEIGHT}" fill="${labelColor}"/><rect x="${lw}" width="${mw}" height="${HEIGHT}" fill="${color}"/><rect width="${w}" height="${HEIGHT}" fill="url(#s${id})"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,'DejaVu Sans','Noto Sans CJK KR','Malgun Gothic',sans-serif" font-size="${FONT_SIZE}" aria-hidden="true">`,
    `<text x="${num(lw / 2)}" y="15" fill="#010101" fill-opacity=".3" textLength="${num(labelText)}">${label}</text>`,
    `<text x="${num(lw / 2)}" y="14" textLength="${num(labelText)}">${label}</text>`,
    `<text x="${num(lw + mw / 2)}" y="15" fill="#010101" fill-opacity=".3" textLength="${num(messageText)}">${message}</text>`,
    `<text x="${num(lw + mw / 2)}" y="14" textLength="${num(messageText)}">${message}</text>`,
    `</g>`,
    `</svg>`,
    "",
  ].join("\n");
}
