import { describe, expect, it } from "vitest";
import { nextHop, redirectTarget, type HopRequest } from "@/core/net/redirect-hop";

const secret = (name: string) => ["x-api-key", "x-session"].includes(name);
const base: HopRequest = {
  method: "POST",
  url: "https://api.service.example/pay",
  headers: {
    Authorization: "Bearer t",
    Cookie: "sid=1",
    "Proxy-Authorization": "Basic p",
    "X-Session": "s",
    "x-api-key": "k",
    "Content-Type": "application/json",
    "X-Trace": "t1",
  },
  body: '{"a":1}',
};
const CREDENTIALS = ["Authorization", "Cookie", "Proxy-Authorization", "X-Session", "x-api-key"];

describe("nextHop", () => {
  it.each([
    // status, from method, to, method after, body kept, credentials kept
    [301, "POST", "https://api.service.example/b", "GET", false, true],
    [302, "POST", "https://api.service.example/b", "GET", false, true],
    [303, "POST", "https://api.service.example/b", "GET", false, true],
    [303, "PUT", "https://api.service.example/b", "GET", false, true],
    [307, "POST", "https://api.service.example/b", "POST", true, true],
    [308, "PUT", "https://api.service.example/b", "PUT", true, true],
    [301, "PUT", "https://api.service.example/b", "PUT", true, true],
    [307, "POST", "https://other.example/b", "POST", true, false],
    [308, "POST", "https://api.service.example:8443/b", "POST", true, false],
    // a scheme change is an origin change
    [307, "POST", "http://api.service.example/b", "POST", true, false],
    [302, "POST", "https://other.example/b", "GET", false, false],
  ] as const)("%i %s → %s: %s, body %s, credentials %s", (status, from, to, method, body, credentials) => {
    const next = nextHop({ ...base, method: from }, status, to, secret);
    expect(next.method).toBe(method);
    expect(next.url).toBe(to);
    expect(next.body).toBe(body ? base.body : undefined);
    expect("Content-Type" in next.headers).toBe(body);
    for (const h of CREDENTIALS) expect(h in next.headers, h).toBe(credentials);
    expect(next.headers["X-Trace"]).toBe("t1");
  });

  it("303 keeps HEAD, and GET stays GET", () => {
    expect(nextHop({ ...base, method: "HEAD", body: undefined }, 303, base.url, secret).method).toBe("HEAD");
    expect(nextHop({ ...base, method: "GET", body: undefined }, 303, base.url, secret).method).toBe("GET");
  });

  it("a configured Host header does not follow to another origin", () => {
    const next = nextHop({ ...base, headers: { host: "api.service.example" } }, 307, "https://other.example/", secret);
    expect(next.headers).toEqual({});
  });
});

describe("redirectTarget", () => {
  it.each([
    ["/next", { ok: true, url: "https://api.service.example/next" }],
    ["https://other.example/x?y=1", { ok: true, url: "https://other.example/x?y=1" }],
    ["//cdn.example/a", { ok: true, url: "https://cdn.example/a" }],
    ["file:///etc/passwd", { ok: false, message: "redirect to a file: URL; only http: and https: redirects are followed" }],
    ["ftp://files.example/", { ok: false, message: "redirect to a ftp: URL; only http: and https: redirects are followed" }],
    ["data:text/plain,hi", { ok: false, message: "redirect to a data: URL; only http: and https: redirects are followed" }],
    ["http://[::1", { ok: false, message: 'redirect to something that is not a URL: Location "http://[::1"' }],
    ["http://exa mple.com/", { ok: false, message: 'redirect to something that is not a URL: Location "http://exa mple.com/"' }],
  ] as const)("%s", (location, expected) => expect(redirectTarget(location, "https://api.service.example/pay")).toEqual(expected));
});
