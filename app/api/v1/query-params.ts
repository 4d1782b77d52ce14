import { z } from "zod";
import { apiError } from "./responses";

/**
 * Query parsing shared by the open-data routes: the same rules and messages as
 * GET …/outages (ISO instants with an offset, half-open [from, to)), so every
 * endpoint rejects the same input the same way. Failures come back as the 400 response.
 */
const instant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 instant with an offset, e.g. 2022-04-01T00:00:00+09:00" });

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

export function parseWindow(query: URLSearchParams, opts: { now: Date; defaultMs: number; maxMs?: number }): Parsed<{ from: Date; to: Date }> {
  const bounds: Record<"from" | "to", Date | undefined> = { from: undefined, to: undefined };
  for (const name of ["from", "to"] as const) {
    const raw = query.get(name);
    if (raw === null) continue;
    // An unencoded "+09:00" arrives as " 09:00" (form decoding); a space is never valid in an instant.
    const parsed = instant.safeParse(raw.replaceAll(" ", "+"));
    if (!parsed.success) return { ok: false, response: apiError(400, "invalid_parameter", `${name} ${parsed.error.issues[0]?.message ?? "is invalid"}`, name) };
    bounds[name] = new Date(parsed.data);
  }
  const to = bounds.to ?? opts.now;
  const from = bounds.from ?? new Date(to.getTime() - opts.defaultMs);
  if (from.getTime() >= to.getTime()) return { ok: false, response: apiError(400, "invalid_parameter", "from must be earlier than to", "from") };
  if (opts.maxMs !== undefined && to.getTime() - from.getTime() > opts.maxMs) {
    const days = opts.maxMs / 86_400_000;
    return {
      ok: false,
      response: apiError(400, "window_too_long", `from and to may be at most ${days} days apart; ask for longer periods in several requests`, "from"),
    };
  }
  return { ok: true, value: { from, to } };
}

/** One of a fixed set of values, or the default when the parameter is absent. */
export function parseChoice<const T extends string>(query: URLSearchParams, name: string, values: readonly T[], fallback: T): Parsed<T> {
  const raw = query.get(name);
  if (raw === null) return { ok: true, value: fallback };
  if ((values as readonly string[]).includes(raw)) return { ok: true, value: raw as T };
  return { ok: false, response: apiError(400, "invalid_parameter", `${name} must be one of ${values.join(", ")}`, name) };
}

/** A function key (`topup`, `payment` …), when given. */
export function parseFunctionKey(query: URLSearchParams): Parsed<string | undefined> {
  const raw = query.get("function");
  if (raw === null) return { ok: true, value: undefined };
  if (/^[a-z0-9][a-z0-9-]{0,62}$/.test(raw)) return { ok: true, value: raw };
  return { ok: false, response: apiError(400, "invalid_parameter", "function must be a function key such as topup", "function") };
}

const day = z.iso.date({ error: "must be a date YYYY-MM-DD" });
const DAY_MS = 86_400_000;
const shiftDay = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * A half-open window of UTC days [from, to), YYYY-MM-DD. Without either, the
 * `defaultDays` up to `defaultTo`; with one, `defaultDays` from or to it.
 */
export function parseDayWindow(
  query: URLSearchParams,
  opts: { defaultTo: string; defaultDays: number; maxDays: number },
): Parsed<{ from: string; to: string }> {
  const given: Partial<Record<"from" | "to", string>> = {};
  for (const name of ["from", "to"] as const) {
    const raw = query.get(name);
    if (raw === null) continue;
    const parsed = day.safeParse(raw);
    if (!parsed.success) return { ok: false, response: apiError(400, "invalid_parameter", `${name} ${parsed.error.issues[0]?.message ?? "is invalid"}`, name) };
    given[name] = parsed.data;
  }
  const to = given.to ?? (given.from ? shiftDay(given.from, opts.defaultDays) : opts.defaultTo);
  const from = given.from ?? shiftDay(to, -opts.defaultDays);
  if (from >= to) return { ok: false, response: apiError(400, "invalid_parameter", "from must be earlier than to", "from") };
  if ((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS > opts.maxDays) {
    return {
      ok: false,
      response: apiError(400, "window_too_long", `from and to may be at most ${opts.maxDays} days apart; ask for longer periods in several requests`, "from"),
    };
  }
  return { ok: true, value: { from, to } };
}

/** An optional instant (`at`), default now; the same format and message as from/to. */
export function parseInstant(query: URLSearchParams, name: string, now: Date): Parsed<Date> {
  const raw = query.get(name);
  if (raw === null) return { ok: true, value: now };
  const parsed = instant.safeParse(raw.replaceAll(" ", "+"));
  if (!parsed.success) return { ok: false, response: apiError(400, "invalid_parameter", `${name} ${parsed.error.issues[0]?.message ?? "is invalid"}`, name) };
  return { ok: true, value: new Date(parsed.data) };
}
