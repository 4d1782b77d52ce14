import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import type { LedgerConfig, ProbeDefinition } from "@/core/config/resolve";
import { ERROR_CLASSES, type ErrorClass, type ProbeResult } from "@/core/probe-result";
import { resultsLineSchema } from "@/core/results-line";
import { outsideWindow, type ResultWindow } from "@/core/result-window";

export type LineIssue = { line: number; message: string };

export class ResultsFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: LineIssue[],
  ) {
    const shown = issues.slice(0, 20).map((i) => `  ${file}:${i.line}  ${i.message}`);
    super(
      `Invalid results file (${issues.length} bad line${issues.length === 1 ? "" : "s"}; nothing was read):\n${shown.join("\n")}${issues.length > 20 ? `\n  … and ${issues.length - 20} more` : ""}`,
    );
    this.name = "ResultsFileError";
  }
}

/**
 * Reads a JSON Lines results file (plain or .gz), checks every line against the
 * schema and the configuration (the service, function and location must have a
 * probe), and returns the results only if every line is good: one bad line and
 * nothing is returned, with every bad line reported by number. With `window`,
 * a line dated outside it is a bad line too (what an import stores must be plausible).
 */
/** `results` count for the SLA; `readiness` are runs of changeover readiness probes, kept apart. */
export async function readResultsFile(
  file: string,
  config: LedgerConfig,
  opts: { window?: ResultWindow } = {},
): Promise<{ results: ProbeResult[]; probes: ProbeDefinition[]; readiness: ProbeResult[] }> {
  const probesByKey = new Map<string, ProbeDefinition[]>();
  for (const s of config.services)
    for (const p of s.probes)
      (probesByKey.get(`${s.slug}/${p.functionKey}`) ?? probesByKey.set(`${s.slug}/${p.functionKey}`, []).get(`${s.slug}/${p.functionKey}`)!).push(p);
  const readinessByKey = new Map<string, ProbeDefinition[]>();
  for (const s of config.services)
    for (const p of s.changeover?.readinessProbes ?? [])
      (readinessByKey.get(`${s.slug}/${p.functionKey}`) ?? readinessByKey.set(`${s.slug}/${p.functionKey}`, []).get(`${s.slug}/${p.functionKey}`)!).push(p);
  const readiness: ProbeResult[] = [];

  const issues: LineIssue[] = [];
  const results: ProbeResult[] = [];
  const used = new Set<ProbeDefinition>();
  const seen = new Set<string>();
  let input: NodeJS.ReadableStream = createReadStream(file);
  if (file.endsWith(".gz")) input = input.pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      if (text.trim() === "") continue;
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        issues.push({ line: n, message: "not JSON" });
        continue;
      }
      const parsed = resultsLineSchema.safeParse(raw);
      if (!parsed.success) {
        issues.push({ line: n, message: parsed.error.issues.map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`).join("; ") });
        continue;
      }
      const l = parsed.data;
      const isReadiness = l.purpose === "readiness";
      const candidates = (isReadiness ? readinessByKey : probesByKey).get(`${l.service}/${l.function}`) ?? [];
      const probe = l.location ? candidates.find((p) => p.location === l.location) : candidates.length === 1 ? candidates[0] : undefined;
      if (!probe) {
        issues.push({
          line: n,
          message:
            candidates.length === 0
              ? `no ${isReadiness ? "readiness " : ""}probe for service "${l.service}", function "${l.function}" in the configuration`
              : `several locations probe ${l.service}/${l.function}: give "location"`,
        });
        continue;
      }
      const at = new Date(l.at);
      const implausible = opts.window ? outsideWindow(at.getTime(), opts.window) : null;
      if (implausible) {
        issues.push({ line: n, message: implausible });
        continue;
      }
      const dupKey = `${probe.key}@${at.getTime()}`;
      if (seen.has(dupKey)) {
        issues.push({ line: n, message: `a second result for ${probe.key} at ${l.at}` });
        continue;
      }
      seen.add(dupKey);
      if (!isReadiness) used.add(probe);
      const errorClass = l.error ? (ERROR_CLASSES.find((c) => l.error!.startsWith(c)) ?? null) : null;
      (isReadiness ? readiness : results).push({
        probeKey: probe.key,
        at,
        intervalSec: probe.intervalMs / 1000,
        state: l.state,
        latencyMs: l.latencyMs ?? null,
        httpStatus: l.httpStatus ?? null,
        errorClass: errorClass as ErrorClass | null,
        message: l.error ?? null,
      });
    }
  } catch (err) {
    throw new ResultsFileError(file, [{ line: n + 1, message: `could not read: ${(err as Error).message}` }]);
  }
  if (issues.length > 0) throw new ResultsFileError(file, issues);
  return { results, probes: [...used], readiness };
}
