import { buildReport } from "@/core/accounting/build-report";
import type { Run } from "@/core/accounting/location-timeline";
import { nearestRank } from "@/core/accounting/percentile";
import type { Month } from "@/core/accounting/periods";
import type { ServiceReport } from "@/core/accounting/report-types";
import type { LedgerConfig } from "@/core/config/resolve";
import { readResultsFile } from "@/lib/results-file/read-results-file";
import { accountingInputs, ReportError, reportContract } from "./service-report";

/** A report straight from a results file and a configuration: no database involved. */
export async function fileReport(opts: { config: LedgerConfig; file: string; slug: string; month: Month; asOf: Date }): Promise<ServiceReport> {
  const svc = opts.config.services.find((s) => s.slug === opts.slug);
  if (!svc) throw new ReportError("not_found", `no service "${opts.slug}" in the configuration (${opts.config.services.map((s) => s.slug).join(", ")})`);
  if (!svc.contract) throw new ReportError("no_contract", `service "${opts.slug}" has no contract in the configuration`);
  const contract = reportContract(svc.slug, [svc.contract], opts.month, opts.asOf);
  const { results } = await readResultsFile(opts.file, opts.config);
  const mine = results.filter((r) => svc.probes.some((p) => p.key === r.probeKey));
  const runsByProbe = new Map<string, Run[]>();
  const latency = new Map<string, { at: number; ms: number }[]>();
  for (const r of mine) {
    (runsByProbe.get(r.probeKey) ?? runsByProbe.set(r.probeKey, []).get(r.probeKey)!).push({
      at: r.at.getTime(),
      state: r.state,
      intervalMs: r.intervalSec * 1000,
    });
    const fn = svc.probes.find((p) => p.key === r.probeKey)!.functionKey;
    if ((r.state === "UP" || r.state === "DEGRADED") && r.latencyMs !== null)
      (latency.get(fn) ?? latency.set(fn, []).get(fn)!).push({ at: r.at.getTime(), ms: r.latencyMs });
  }
  return buildReport({
    service: { slug: svc.slug, name: svc.name, nameEn: svc.nameEn, quorum: svc.quorum, functions: svc.functions, provenance: svc.provenance },
    contract,
    month: opts.month,
    asOf: opts.asOf.getTime(),
    probes: svc.probes.map((p) => ({ functionKey: p.functionKey, location: p.location, confirm: p.confirm, runs: runsByProbe.get(p.key) ?? [] })),
    ...accountingInputs({ quorum: svc.quorum, maintenance: svc.maintenance, forceMajeure: svc.forceMajeure, incidents: svc.incidents }),
    latencyP95: (functions, w) =>
      nearestRank(
        functions.flatMap((f) => (latency.get(f) ?? []).filter((l) => l.at >= w.start && l.at < w.end).map((l) => l.ms)),
        0.95,
      ),
  });
}
