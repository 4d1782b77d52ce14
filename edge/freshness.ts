/**
 * How long the edge may answer from a copy: no reader gets data older
 * than the newest stored results by more than `boundMs`, nor a copy rendered more
 * than `ceilingMs` ago (pages show time-dependent states such as "measurements
 * stopped"). The one place these bounds are set.
 */
export type Freshness = { boundMs: number; ceilingMs: number };
export const DEFAULT_FRESHNESS: Freshness = { boundMs: 5_000, ceilingMs: 15_000 };

/**
 * fresh: answer from the copy. stale: answer from it and refresh in the background.
 * expired: the reader waits for the fresh render.
 */
export type EntryState = "fresh" | "stale" | "expired";

/**
 * `invalidatedAt`: the first invalidation after the entry's render began (new
 * results it may lack), or null. An entry younger than `minFreshMs` stays fresh
 * through an invalidation, so a flood of readers costs one render per page per
 * `minFreshMs`, not one per result; it is at most `boundMs`.
 */
export function entryState(e: { builtAt: number; invalidatedAt: number | null }, now: number, f: Freshness & { minFreshMs: number }): EntryState {
  const age = now - e.builtAt;
  const staleFor = e.invalidatedAt === null ? 0 : now - e.invalidatedAt;
  if (age >= f.ceilingMs || staleFor >= f.boundMs) return "expired";
  if (e.invalidatedAt !== null && age >= Math.min(f.minFreshMs, f.boundMs)) return "stale";
  // Refreshed before the ceiling, so steady readers rarely wait on it.
  if (age >= f.ceilingMs - f.boundMs) return "stale";
  return "fresh";
}

/**
 * Cache-Control for a cacheable answer `ageMs` after its render. A shared cache in
 * front (nginx) may keep it fresh for up to the bound, then stale-while-revalidate,
 * both within what is left of the ceiling, less 1 s: nginx counts whole seconds and
 * ignores Age. Browsers revalidate every time.
 */
export function cacheControl(ageMs: number, f: Freshness): string {
  const left = Math.max(0, Math.floor((f.ceilingMs - ageMs) / 1000) - 1);
  const sMaxAge = Math.min(Math.floor(f.boundMs / 1000), left);
  return `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=${left - sMaxAge}`;
}
