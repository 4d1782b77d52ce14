import type { LedgerConfig, ProbeDefinition } from "@/core/config/resolve";
import { ERROR_CLASSES, type ErrorClass, type ProbeResult } from "@/core/probe-result";
import { resultsLineSchema } from "@/core/results-line";
import { outsideWindow, type ResultWindow } from "@/core/result-window";
import { fileLines, MAX_LINE_BYTES } from "./file-lines";

export type LineIssue = { line: number; message: string };

export class ResultsFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: LineIssue[],
    count = issues.length,
  ) {
    const shown = issues.slice(0, 20).map((i) => `  ${file}:${i.line}  ${i.message}`);
    super(
      `Invalid results file (${count} bad line${count === 1 ? "" : "s"}; nothing was read):\n${shown.join("\n")}${count > 20 ? `\n  … and ${count - 20} more` : ""}`,
    );
    this.name = "ResultsFileError";
  }
}

/** Where a result goes: the SLA's results, or the runs of a changeover's readiness probes (kept apart). */
export type ScannedResult = { result: ProbeResult; probe: ProbeDefinition; readiness: boolean; line: number };

export type ScanOptions = {
  /** a line dated outside it is a bad line (what an import stores must be plausible) */
  window?: ResultWindow;
  /**
   * Each probe's results must come in time order (a repeat or an earlier instant is a bad line): checked
   * with one instant per probe, so a file of any size is checked in bounded memory. Without it, repeats
   * are found with a set of every result seen (for files read whole anyway).
   */
  inTimeOrder?: boolean;
};

/**
 * Reads a JSON Lines results file (plain or .gz) line by line, checks every line against the schema and
 * the configuration (the service, function and location must have a probe), and hands each good result
 * to `visit`. Returns every bad line by number (at most `maxIssues` kept, all counted): a caller that
 * needs the whole file good throws ResultsFileError when there are any.
 */
export async function scanResultsFile(
  file: string,
  config: LedgerConfig,
  opts: ScanOptions,
  visit: (r: ScannedResult) => void | Promise<void>,
): Promise<{ issues: LineIssue[]; issueCount: number; lines: number }> {
  const probesByKey = new Map<string, ProbeDefinition[]>();
  const readinessByKey = new Map<string, ProbeDefinition[]>();
  const add = (m: Map<string, ProbeDefinition[]>, key: string, p: ProbeDefinition) => (m.get(key) ?? m.set(key, []).get(key)!).push(p);
  for (const s of config.services) {
    for (const p of s.probes) add(probesByKey, `${s.slug}/${p.functionKey}`, p);
    for (const p of s.changeover?.readinessProbes ?? []) add(readinessByKey, `${s.slug}/${p.functionKey}`, p);
  }
  const issues: LineIssue[] = [];
  let issueCount = 0;
  const issue = (line: number, message: string) => {
    issueCount++;
    if (issues.length < 1000) issues.push({ line, message });
  };
  const seen = new Set<string>();
  const lastAt = new Map<ProbeDefinition, { at: number; line: number }>();
  let n = 0;
  try {
    for await (const l of fileLines(file)) {
      n = l.n;
      if ("tooLongBytes" in l) {
        issue(
          l.n,
          `a line of ${l.tooLongBytes.toLocaleString("en-US")} bytes: one result fits in far less; lines over ${MAX_LINE_BYTES.toLocaleString("en-US")} bytes are refused`,
        );
        continue;
      }
      if (l.text.trim() === "") continue;
      let raw: unknown;
      try {
        raw = JSON.parse(l.text);
      } catch {
        issue(l.n, "not JSON");
        continue;
      }
      const parsed = resultsLineSchema.safeParse(raw);
      if (!parsed.success) {
        issue(l.n, parsed.error.issues.map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`).join("; "));
        continue;
      }
      const line = parsed.data;
      const isReadiness = line.purpose === "readiness";
      const candidates = (isReadiness ? readinessByKey : probesByKey).get(`${line.service}/${line.function}`) ?? [];
      const probe = line.location ? candidates.find((p) => p.location === line.location) : candidates.length === 1 ? candidates[0] : undefined;
      if (!probe) {
        issue(
          l.n,
          candidates.length === 0
            ? `no ${isReadiness ? "readiness " : ""}probe for service "${line.service}", function "${line.function}" in the configuration`
            : `several locations probe ${line.service}/${line.function}: give "location"`,
        );
        continue;
      }
      const at = new Date(line.at);
      const implausible = opts.window ? outsideWindow(at.getTime(), opts.window) : null;
      if (implausible) {
        issue(l.n, implausible);
        continue;
      }
      if (opts.inTimeOrder) {
        const before = lastAt.get(probe);
        if (before && at.getTime() <= before.at) {
          issue(
            l.n,
            at.getTime() === before.at
              ? `a second result for ${probe.key} at ${line.at} (the first is line ${before.line})`
              : `not in time order: ${probe.key} at ${line.at} comes after its result of line ${before.line}, which is later; each probe's results must be in time order`,
          );
          continue;
        }
        lastAt.set(probe, { at: at.getTime(), line: l.n });
      } else {
        const dupKey = `${probe.key}@${at.getTime()}`;
        if (seen.has(dupKey)) {
          issue(l.n, `a second result for ${probe.key} at ${line.at}`);
          continue;
        }
        seen.add(dupKey);
      }
      const errorClass = line.error ? (ERROR_CLASSES.find((c) => line.error!.startsWith(c)) ?? null) : null;
      await visit({
        result: {
          probeKey: probe.key,
          at,
          intervalSec: probe.intervalMs / 1000,
          state: line.state,
          latencyMs: line.latencyMs ?? null,
          httpStatus: line.httpStatus ?? null,
          errorClass: errorClass as ErrorClass | null,
          message: line.error ?? null,
        },
        probe,
        readiness: isReadiness,
        line: l.n,
      });
    }
  } catch (err) {
    issue(n + 1, `could not read: ${(err as Error).message}`);
  }
  return { issues, issueCount, lines: n };
}

/**
 * Reads a whole results file into memory (a file report): the results only if every line is good; one
 * bad line and nothing is returned, with every bad line reported by number.
 */
export async function readResultsFile(
  file: string,
  config: LedgerConfig,
  opts: { window?: ResultWindow } = {},
): Promise<{ results: ProbeResult[]; probes: ProbeDefinition[]; readiness: ProbeResult[] }> {
  const results: ProbeResult[] = [];
  const readiness: ProbeResult[] = [];
  const used = new Set<ProbeDefinition>();
  const { issues, issueCount } = await scanResultsFile(file, config, { window: opts.window }, (r) => {
    if (r.readiness) readiness.push(r.result);
    else {
      used.add(r.probe);
      results.push(r.result);
    }
  });
  if (issueCount > 0) throw new ResultsFileError(file, issues, issueCount);
  return { results, probes: [...used], readiness };
}
