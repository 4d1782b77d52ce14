/**
 * The request a redirect leads to, by the fetch standard's rules: a
 * 301/302 after POST and a 303 after anything but GET or HEAD become a GET
 * without body; credentials never follow to another origin (scheme, host and
 * port), and once dropped they stay dropped for the rest of the chain.
 */
export type HopRequest = { method: string; url: string; headers: Record<string, string>; body?: string };

export type RedirectTarget = { ok: true; url: string } | { ok: false; message: string };

/** Headers that describe the body: meaningless, and misleading, once the body is gone. */
const BODY_HEADERS = new Set(["content-type", "content-length", "content-encoding", "content-language", "content-location"]);

/** Credentials by the fetch standard, plus Host: a configured Host names the first origin, not the next one. */
const CREDENTIAL_HEADERS = new Set(["authorization", "cookie", "proxy-authorization", "host"]);

/** Where a Location header points, resolved against the URL that answered; only http(s) is a place a probe may go. */
export function redirectTarget(location: string, base: string): RedirectTarget {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch {
    return { ok: false, message: `redirect to something that is not a URL: Location ${JSON.stringify(location.slice(0, 200))}` };
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") {
    return { ok: false, message: `redirect to a ${next.protocol} URL; only http: and https: redirects are followed` };
  }
  return { ok: true, url: next.toString() };
}

/** The next hop's request after a `status` redirect to `url`; `isSecretHeader` names the headers the configuration treats as secret. */
export function nextHop(req: HopRequest, status: number, url: string, isSecretHeader: (name: string) => boolean): HopRequest {
  const toGet = ((status === 301 || status === 302) && req.method === "POST") || (status === 303 && req.method !== "GET" && req.method !== "HEAD");
  const crossOrigin = new URL(url).origin !== new URL(req.url).origin;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    if (toGet && BODY_HEADERS.has(lower)) continue;
    if (crossOrigin && (CREDENTIAL_HEADERS.has(lower) || isSecretHeader(lower))) continue;
    headers[name] = value;
  }
  const method = toGet ? "GET" : req.method;
  return { method, url, headers, ...(toGet || req.body === undefined ? {} : { body: req.body }) };
}
