/**
 * Redaction of everything kept as evidence: body excerpts, headers, URLs,
 * messages, HAR files. Evidence is published, so a secret that slipped into a
 * response (a token, a phone number, a resident registration number) must not
 * travel with it. Built-in patterns always apply; a configuration adds its own.
 */
export type RedactionPattern = { name: string; pattern: string; flags?: string; replacement?: string };

export type Redactor = {
  text: (text: string) => string;
  headers: (headers: Record<string, string>) => Record<string, string>;
  url: (url: string) => string;
  /** header names whose values are always hidden */
  isSecretHeader: (name: string) => boolean;
  /** query or form parameter names whose values are hidden */
  isSecretParam: (name: string) => boolean;
};

export const REDACTED = "[REDACTED]";

/** Header values never kept, whatever the configuration says. */
export const ALWAYS_SECRET_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token"];

const SECRET_NAME =
  "(?:access[_-]?token|refresh[_-]?token|id[_-]?token|token|secret|password|passwd|api[_-]?key|apikey|session[_-]?id|sessionid|authorization|cookie|otp|pin)";

/**
 * The built-in patterns, in the order they run. Each is documented in
 * docs/configuration.md; tests/evidence/redact.test.ts has an example of each.
 */
export const BUILTIN_REDACTIONS: RedactionPattern[] = [
  // "accessToken": "…" in JSON (a key ending in a secret word), also when the excerpt ends inside the string
  { name: "json-secret-field", pattern: `("[^"]*${SECRET_NAME}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*(?:"|$)`, flags: "gi", replacement: `$1"${REDACTED}"` },
  // token=…, password=… in forms and query strings
  { name: "form-secret-field", pattern: `(\\b[\\w-]*${SECRET_NAME}=)[^&\\s"'<>…]+`, flags: "gi", replacement: `$1${REDACTED}` },
  { name: "bearer", pattern: "\\b(Bearer|Basic|Token)\\s+[A-Za-z0-9._~+/=-]{6,}", flags: "g", replacement: `$1 ${REDACTED}` },
  { name: "jwt", pattern: "\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}(?:\\.[A-Za-z0-9_-]*)?", flags: "g", replacement: "[REDACTED-JWT]" },
  // 주민등록번호 / 외국인등록번호: YYMMDD-GNNNNNN with a real month and day, dash optional
  {
    name: "resident-registration-number",
    pattern: "(?<!\\d)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\s?-?\\s?[1-8]\\d{6}(?!\\d)",
    flags: "g",
    replacement: "[REDACTED-RRN]",
  },
  // Korean mobile and landline numbers, with or without separators, and +82 forms
  {
    name: "phone-kr",
    pattern: "(?<![\\d+])(?:\\+82[-. ]?1[016789]|01[016789]|0(?:2|[3-6][1-5]|70))[-. )]?\\d{3,4}[-. ]?\\d{4}(?!\\d)",
    flags: "g",
    replacement: "[REDACTED-PHONE]",
  },
  // payment card numbers (13–19 digits in groups)
  { name: "card-number", pattern: "(?<!\\d)(?:\\d{4}[- ]){3}\\d{1,7}(?!\\d)|(?<!\\d)\\d{15,16}(?!\\d)", flags: "g", replacement: "[REDACTED-CARD]" },
];

/** Query parameter names whose values are hidden in URLs. */
const SECRET_PARAM = /(key|token|secret|sig|signature|pass|password|auth|session|code)/i;

export type RedactorOptions = { patterns?: RedactionPattern[]; headers?: string[] };

export function createRedactor(opts: RedactorOptions = {}): Redactor {
  const rules = [...BUILTIN_REDACTIONS, ...(opts.patterns ?? [])].map((p) => ({
    re: new RegExp(p.pattern, p.flags?.includes("g") ? p.flags : `${p.flags ?? ""}g`),
    replacement: p.replacement ?? REDACTED,
  }));
  const secretHeaders = new Set([...ALWAYS_SECRET_HEADERS, ...(opts.headers ?? []).map((h) => h.toLowerCase())]);
  const isSecretHeader = (name: string) => secretHeaders.has(name.toLowerCase());
  const text = (input: string) => rules.reduce((acc, r) => acc.replace(r.re, r.replacement), input);
  const url = (raw: string) => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      return text(raw);
    }
    u.username = "";
    u.password = "";
    for (const name of [...u.searchParams.keys()]) if (SECRET_PARAM.test(name)) u.searchParams.set(name, "…");
    // placeholders of a flow definition ({{topupId}}) stay readable
    return text(
      u
        .toString()
        .replace(/%E2%80%A6/g, "…")
        .replace(/%7B%7B(.*?)%7D%7D/g, (_, inner: string) => `{{${decodeURIComponent(inner)}}}`),
    );
  };
  const headers = (h: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(h).map(([k, v]) => [
        k,
        isSecretHeader(k) ? REDACTED : k.toLowerCase() === "location" || k.toLowerCase() === "content-location" ? url(v) : text(v),
      ]),
    );
  return { text, headers, url, isSecretHeader, isSecretParam: (name) => SECRET_PARAM.test(name) };
}

/**
 * The first `limit` bytes of a body as redacted text. A little more than the
 * limit is redacted before cutting, so a secret crossing the cut is still
 * recognised whole; the cut never splits a character.
 */
export function bodyExcerpt(bytes: Uint8Array, limit: number, redactor: Redactor): { text: string; truncated: boolean; binary: boolean } {
  const margin = 1024;
  const head = bytes.subarray(0, limit + margin);
  const decoded = new TextDecoder("utf-8", { fatal: false }).decode(head);
  // Control characters other than whitespace in the first KB: not text, keep nothing of it.
  const sample = decoded.slice(0, 1024);
  const controls = sample.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (sample.length > 0 && controls > sample.length * 0.1) return { text: "", truncated: bytes.length > 0, binary: true };
  const redacted = redactor.text(decoded);
  const cut = cutToBytes(redacted, limit);
  return { text: cut, truncated: bytes.length > limit || cut.length < redacted.length, binary: false };
}

function cutToBytes(text: string, limit: number): string {
  const enc = new TextEncoder();
  if (enc.encode(text).length <= limit) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (enc.encode(text.slice(0, mid)).length <= limit) lo = mid;
    else hi = mid - 1;
  }
  // do not end on the first half of a surrogate pair
  const code = text.charCodeAt(lo - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? lo - 1 : lo);
}
