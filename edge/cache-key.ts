/**
 * Which query parameters each cacheable route reads (the pages' searchParams under
 * app/[lang], the API routes under app/api/v1 and their query-params.ts). Every other
 * parameter is dropped from both the cache key and the request to the origin, so
 * `?r=<random>` neither splits the cache nor forces a render. A route not listed reads none.
 */
const ROUTE_PARAMS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^\/(ko|en)\/services\/[^/]+$/, ["at", "speed", "report"]], // replay of the changeover panel and meter; a report's answer
  [/^\/(ko|en)\/compare$/, ["sort"]],
  [/^\/(ko|en)\/audit$/, ["before"]],
  [/^\/(ko|en)\/outages\/[^/]+$/, ["error", "notice"]], // the flash after an action
  [/^\/api\/v1\/services\/[^/]+\/outages$/, ["from", "to"]],
  [/^\/api\/v1\/services\/[^/]+\/badge\.svg$/, ["function", "kind", "lang"]],
  [/^\/api\/v1\/services\/[^/]+\/meter$/, ["at"]],
  [/^\/api\/v1\/services\/[^/]+\/reports$/, ["from", "to"]],
  [/^\/api\/v1\/services\/[^/]+\/sla$/, ["month"]],
];

/** Next's RSC requests carry a hash of their router headers here; Next answers 307 when it does not match. */
const RSC_PARAM = "_rsc";

export function routeParams(path: string): readonly string[] {
  return ROUTE_PARAMS.find(([re]) => re.test(path))?.[1] ?? [];
}

/**
 * `key`: path and the route's parameters, sorted by name (values of one name keep
 * their order). `forward`: the same for the origin, plus `_rsc` on an RSC request; it is
 * left out of the key, being a function of the router headers that are in the key.
 */
export function normalizeUrl(url: string, rsc: boolean): { path: string; key: string; forward: string } {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const given = new URLSearchParams(q === -1 ? "" : url.slice(q + 1));
  const allowed = routeParams(path);
  const kept = new URLSearchParams([...given].filter(([name]) => allowed.includes(name)));
  kept.sort();
  const withQuery = (s: URLSearchParams) => (s.size > 0 ? `${path}?${s.toString()}` : path);
  const key = withQuery(kept);
  const rscHash = rsc ? given.get(RSC_PARAM) : null;
  if (rscHash !== null) kept.set(RSC_PARAM, rscHash);
  return { path, key, forward: withQuery(kept) };
}
