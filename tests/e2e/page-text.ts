/**
 * What a page says in the wrong language, found in its visible text: three or more Latin words
 * in a row on a Korean page, Hangul on an English page, and ISO instants on either (an ISO
 * instant belongs in JSON, not in a sentence). Pure: text segments in, findings out, so the rule
 * itself is tested without a browser (tests/e2e/page-language.spec.ts applies it to every page).
 */
export type Lang = "ko" | "en";

/** Names that stay as they are in the other language: product and standard names, units, formats. */
export const ALLOWED_LATIN = ["Uptime Ledger", "GNU Affero General Public License", "Open Data API"];
export const ALLOWED_HANGUL = ["한국어"];

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const URL = /\b(?:https?:\/\/|www\.)\S+/g;
const LATIN_RUN = /[A-Za-z][A-Za-z'’-]*(?:[ \u00a0]+[A-Za-z][A-Za-z'’-]*){2,}/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+/;

function strip(text: string, allowed: string[]): string {
  let s = text.replace(URL, " ");
  for (const a of allowed) s = s.split(a).join(" ");
  return s;
}

/** Each finding quotes the segment it was found in. */
export function languageFindings(segments: string[], lang: Lang): string[] {
  const found: string[] = [];
  for (const raw of segments) {
    const text = raw.replace(/\s+/g, " ").trim();
    if (!text) continue;
    if (ISO_INSTANT.test(text)) found.push(`ISO instant: “${text}”`);
    if (lang === "ko") {
      const m = LATIN_RUN.exec(strip(text, ALLOWED_LATIN));
      if (m) found.push(`English words “${m[0]}” in “${text}”`);
    } else {
      const m = HANGUL.exec(strip(text, ALLOWED_HANGUL));
      if (m) found.push(`Hangul “${m[0]}” in “${text}”`);
    }
  }
  return [...new Set(found)];
}
