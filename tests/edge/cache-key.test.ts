import { describe, expect, it } from "vitest";
import { normalizeUrl, routeParams } from "@/edge/cache-key";

describe("cache keys keep only the query parameters the route reads, sorted", () => {
  it.each([
    // [url, rsc, key, forwarded to the origin]
    ["/ko", false, "/ko", "/ko"],
    ["/ko?r=123", false, "/ko", "/ko"],
    [
      "/ko/services/a?speed=60&at=2022-04-01T00:00:00Z&utm_source=x",
      false,
      "/ko/services/a?at=2022-04-01T00%3A00%3A00Z&speed=60",
      "/ko/services/a?at=2022-04-01T00%3A00%3A00Z&speed=60",
    ],
    [
      "/ko/services/a?at=2022-04-01T09:00:00+09:00",
      false,
      "/ko/services/a?at=2022-04-01T09%3A00%3A00+09%3A00",
      "/ko/services/a?at=2022-04-01T09%3A00%3A00+09%3A00",
    ],
    ["/en/compare?sort=name&sort=worst", false, "/en/compare?sort=name&sort=worst", "/en/compare?sort=name&sort=worst"],
    ["/en/audit?before=42&page=2", false, "/en/audit?before=42", "/en/audit?before=42"],
    ["/ko/outages/7?notice=acknowledged&x=1", false, "/ko/outages/7?notice=acknowledged", "/ko/outages/7?notice=acknowledged"],
    ["/api/v1/services?cb=1", false, "/api/v1/services", "/api/v1/services"],
    ["/api/v1/services/s/outages?to=b&from=a&x=1", false, "/api/v1/services/s/outages?from=a&to=b", "/api/v1/services/s/outages?from=a&to=b"],
    [
      "/api/v1/services/s/badge.svg?lang=en&kind=uptime&function=topup",
      false,
      "/api/v1/services/s/badge.svg?function=topup&kind=uptime&lang=en",
      "/api/v1/services/s/badge.svg?function=topup&kind=uptime&lang=en",
    ],
    ["/api/v1/services/s/meter?at=x&y=1", false, "/api/v1/services/s/meter?at=x", "/api/v1/services/s/meter?at=x"],
    ["/api/v1/services/s/sla?month=2022-04", false, "/api/v1/services/s/sla?month=2022-04", "/api/v1/services/s/sla?month=2022-04"],
    ["/api/v1/feed.atom?r=1", false, "/api/v1/feed.atom", "/api/v1/feed.atom"],
    // _rsc follows the router headers (in the key already): forwarded on RSC requests only
    ["/ko/services/a?_rsc=h1&r=1", true, "/ko/services/a", "/ko/services/a?_rsc=h1"],
    ["/ko/services/a?_rsc=h1", false, "/ko/services/a", "/ko/services/a"],
  ])("%s (rsc %s)", (url, rsc, key, forward) => {
    expect(normalizeUrl(url, rsc)).toEqual({ path: url.split("?")[0], key, forward });
  });

  it("a route not listed reads no parameters", () => {
    expect(routeParams("/en/methodology")).toEqual([]);
    expect(routeParams("/ko/services/a/council/2022-04")).toEqual([]);
  });
});
