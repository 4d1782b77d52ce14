/**
 * Removes secrets from text that will be stored or shown (a delivery attempt's
 * detail): every given secret, and for a URL also its path and query, which for
 * Slack-style webhooks are the secret.
 */
export function scrub(text: string, secrets: (string | null | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    out = out.split(s).join("…");
    try {
      const u = new URL(s);
      const tail = `${u.pathname}${u.search}`;
      if (tail.length > 1) out = out.split(tail).join("/…");
    } catch {
      // not a URL
    }
  }
  return out.slice(0, 500);
}
