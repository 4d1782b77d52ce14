import { sameOriginPath } from "@/core/same-origin-path";
import { env } from "@/lib/env";

/** Cookies of a request, by name. */
export function requestCookies(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

/** The client's address as the edge saw it (it sets X-Forwarded-For), for the rate limits. */
export function clientAddress(req: Request): string {
  return (req.headers.get("x-forwarded-for") ?? "").split(",")[0]!.trim() || "local";
}

/** Whether the browser reached the site over https (directly or through a proxy that says so). */
export function isSecureRequest(req: Request): boolean {
  if (env.publicUrl.startsWith("https:")) return true;
  if ((req.headers.get("x-forwarded-proto") ?? "").split(",")[0]!.trim() === "https") return true;
  return new URL(req.url).protocol === "https:";
}

/**
 * A state-changing request must come from this site's own pages: a browser sends
 * Origin (and Sec-Fetch-Site) with every POST, and a forged cross-site form
 * carries the other site's. Requests without either (scripts, curl) are left to
 * the CSRF token.
 */
export function isSameOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const allowed = new Set([new URL(env.publicUrl).origin]);
  if (host) for (const proto of ["http", "https"]) allowed.add(`${proto}://${host}`);
  return allowed.has(origin);
}

/** A path on this site to go back to after a form: relative, never another host (else the fallback). */
export function safeBackPath(value: string | null | undefined, fallback: string): string {
  return sameOriginPath(value) ?? fallback;
}
