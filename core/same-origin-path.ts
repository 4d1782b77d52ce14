/**
 * A path on this site to send a browser to after a form, or null. Browsers drop
 * tabs and newlines from a Location and read "\" as "/", so "/\t/evil.example"
 * is "//evil.example": another site. Only a plain path passes, checked as sent
 * and percent-decoded.
 */
const MAX_LENGTH = 500;
// control characters, and every kind of whitespace
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\s]/u;

export function sameOriginPath(value: string | null | undefined): string | null {
  if (!value || value.length > MAX_LENGTH) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  for (const v of [value, decoded]) {
    if (!v.startsWith("/") || v.startsWith("//") || v.includes("\\") || UNSAFE.test(v)) return null;
  }
  const base = "http://same-origin.invalid";
  return new URL(value, base).origin === base ? value : null;
}
