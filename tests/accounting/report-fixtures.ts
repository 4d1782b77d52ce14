import { contractSchema, type ContractConfig } from "@/core/config/contract-schema";
import { buildReport, lookbackMs, type ReportInput } from "@/core/accounting/build-report";
import type { Run } from "@/core/accounting/location-timeline";
import { parseMonth } from "@/core/accounting/periods";
import type { ProbeState } from "@/core/probe-result";

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const at = (iso: string) => Date.parse(iso);

/**
 * Runs every `intervalMs` from `from` to `to` (half-open), UP except inside the
 * given spans, where they take the span's state. Missing spans ("GAP") get no runs.
 */
export function runs(from: string, to: string, intervalMs: number, spans: [string, string, ProbeState | "GAP"][] = []): Run[] {
  const out: Run[] = [];
  const parsed = spans.map(([s, e, state]) => ({ s: at(s), e: at(e), state }));
  for (let t = at(from); t < at(to); t += intervalMs) {
    const hit = parsed.find((p) => t >= p.s && t < p.e);
    if (hit?.state === "GAP") continue;
    out.push({ at: t, state: (hit?.state as ProbeState | undefined) ?? "UP", intervalMs });
  }
  return out;
}

export function contract(extra: Record<string, unknown> = {}): ContractConfig {
  return contractSchema.parse({
    key: "c",
    title: "동백전 운영대행",
    operator: "부산은행 컨소시엄",
    amountKrw: 3_640_000_000,
    term: { start: "2022-04-01", end: "2025-03-31" },
    ...extra,
  });
}

export type Fn = { key: string; critical?: boolean; runs: Run[]; location?: string; confirm?: number };

export function report(
  opts: { contract: ContractConfig; month: string; asOf?: string; functions: Fn[]; quorum?: number } & Partial<
    Pick<ReportInput, "maintenance" | "forceMajeure" | "reported" | "latencyP95">
  >,
) {
  const month = parseMonth(opts.month)!;
  const keys = [...new Set(opts.functions.map((f) => f.key))];
  return buildReport({
    service: {
      slug: "s",
      name: "서비스",
      nameEn: "Service",
      quorum: opts.quorum ?? 1,
      functions: keys.map((k) => ({ key: k, name: k, nameEn: k, critical: opts.functions.find((f) => f.key === k)!.critical ?? true })),
    },
    contract: opts.contract,
    month,
    asOf: opts.asOf ? at(opts.asOf) : at("2030-01-01T00:00:00Z"),
    probes: opts.functions.map((f) => ({ functionKey: f.key, location: f.location ?? "local", confirm: f.confirm ?? 3, runs: f.runs })),
    maintenance: opts.maintenance ?? [],
    forceMajeure: opts.forceMajeure ?? [],
    reported: opts.reported ?? [],
    latencyP95: opts.latencyP95 ?? (() => null),
  });
}

export { lookbackMs };
