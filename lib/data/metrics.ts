import { DISPLAY_STATES, type DisplayState } from "@/core/function-state";
import { PROBE_STATES } from "@/core/probe-result";
import type { MetricFamily, MetricSample } from "@/core/prometheus-text";
import type { Db } from "@/lib/db";
import { readBeats } from "@/lib/health/process-beat";
import { listServices } from "./services";

/**
 * Everything /metrics exposes, read in five queries whatever the size of the
 * record: states come from the live status rows, result counts from the hourly
 * roll-ups (O(hours), never a count over raw results).
 */

/**
 * 1 while a function answers (UP, DEGRADED), 0 while it fails (FAILING, DOWN).
 * UNKNOWN, STOPPED and NO_DATA have no sample: the monitor did not see the service, so
 * `== 0` alerts stay quiet and avg_over_time() skips those spans, as the
 * accounting does (docs/methodology.md: unmeasured time is never downtime).
 */
export function upValue(state: DisplayState): number | null {
  if (state === "UP" || state === "DEGRADED") return 1;
  if (state === "DOWN" || state === "FAILING") return 0;
  return null;
}

const ROLLUP_FIELD = { UP: "up", DEGRADED: "degraded", DOWN: "down", UNKNOWN: "unknown" } as const;

export async function collectMetrics(db: Db, now: Date): Promise<MetricFamily[]> {
  const [services, functions, probes, outageCounts, blipCounts, rollups, beats] = await Promise.all([
    listServices(db, now),
    db.function.findMany({ select: { id: true, key: true, service: { select: { slug: true } } } }),
    db.probe.findMany({ select: { id: true, functionId: true } }),
    db.outage.groupBy({ by: ["functionId"], where: { source: "MEASURED" }, _count: { _all: true } }),
    db.blip.groupBy({ by: ["functionId"], _count: { _all: true } }),
    db.rollupHour.groupBy({ by: ["probeId"], _sum: { up: true, degraded: true, down: true, unknown: true } }),
    readBeats(db),
  ]);

  const fnKey = (serviceSlug: string, functionKey: string) => `${serviceSlug}\u0000${functionKey}`;
  const functionIdOf = new Map(functions.map((f) => [fnKey(f.service.slug, f.key), f.id]));
  const functionOfProbe = new Map(probes.map((p) => [p.id, p.functionId]));
  const outagesOf = new Map(outageCounts.map((o) => [o.functionId, o._count._all]));
  const blipsOf = new Map(blipCounts.map((b) => [b.functionId, b._count._all]));
  const resultsOf = new Map<number, Record<keyof typeof ROLLUP_FIELD, number>>();
  for (const r of rollups) {
    const functionId = functionOfProbe.get(r.probeId);
    if (functionId === undefined) continue;
    const acc = resultsOf.get(functionId) ?? { UP: 0, DEGRADED: 0, DOWN: 0, UNKNOWN: 0 };
    for (const s of PROBE_STATES) acc[s] += r._sum[ROLLUP_FIELD[s]] ?? 0;
    resultsOf.set(functionId, acc);
  }

  const up: MetricSample[] = [];
  const state: MetricSample[] = [];
  const lastResult: MetricSample[] = [];
  const lastLatency: MetricSample[] = [];
  const outagesTotal: MetricSample[] = [];
  const blipsTotal: MetricSample[] = [];
  const resultsTotal: MetricSample[] = [];
  const openOutages: MetricSample[] = [];
  const serviceUp: MetricSample[] = [];

  for (const s of services) {
    openOutages.push({ labels: { service: s.slug }, value: s.openOutages });
    const su = upValue(s.state);
    if (su !== null) serviceUp.push({ labels: { service: s.slug }, value: su });
    for (const f of s.functions) {
      const labels = { service: s.slug, function: f.key };
      const id = functionIdOf.get(fnKey(s.slug, f.key));
      const u = upValue(f.state);
      if (u !== null) up.push({ labels, value: u });
      for (const st of DISPLAY_STATES) state.push({ labels: { ...labels, state: st }, value: f.state === st ? 1 : 0 });
      if (f.lastResultAt) lastResult.push({ labels, value: Date.parse(f.lastResultAt) / 1000 });
      if (f.lastLatencyMs !== null) lastLatency.push({ labels, value: f.lastLatencyMs / 1000 });
      outagesTotal.push({ labels, value: id === undefined ? 0 : (outagesOf.get(id) ?? 0) });
      blipsTotal.push({ labels, value: id === undefined ? 0 : (blipsOf.get(id) ?? 0) });
      const counts = id === undefined ? undefined : resultsOf.get(id);
      for (const st of PROBE_STATES) resultsTotal.push({ labels: { ...labels, state: st }, value: counts?.[st] ?? 0 });
    }
  }

  return [
    { name: "ledger_function_up", type: "gauge", help: "1 while the function answers (UP or DEGRADED), 0 while it fails (FAILING or DOWN); no sample while UNKNOWN, STOPPED or NO_DATA.", samples: up },
    { name: "ledger_function_state", type: "gauge", help: "The function's state now, one-hot: UP, DEGRADED, FAILING, DOWN, UNKNOWN, STOPPED, NO_DATA.", samples: state },
    { name: "ledger_service_up", type: "gauge", help: "1 while the service's worst critical function answers, 0 while it fails; no sample while UNKNOWN, STOPPED or NO_DATA.", samples: serviceUp },
    { name: "ledger_last_result_timestamp_seconds", type: "gauge", help: "Unix time of the start of the function's last probe run.", samples: lastResult },
    { name: "ledger_last_latency_seconds", type: "gauge", help: "Latency of the function's last probe run, in seconds.", samples: lastLatency },
    { name: "ledger_open_outages", type: "gauge", help: "Measured outages of the service that have not ended.", samples: openOutages },
    { name: "ledger_outages_total", type: "counter", help: "Measured outages recorded for the function (confirmed failing streaks).", samples: outagesTotal },
    { name: "ledger_blips_total", type: "counter", help: "Failing streaks shorter than the confirmation count: kept, never downtime.", samples: blipsTotal },
    { name: "ledger_results_total", type: "counter", help: "Probe results stored for the function, by result state.", samples: resultsTotal },
    {
      name: "ledger_process_beat_age_seconds",
      type: "gauge",
      help: "Seconds since the instance's process (worker, alerter) last said it was alive; /readyz turns unready past twice the smallest probe interval.",
      samples: beats.map((b) => ({ labels: { role: b.role }, value: Math.max(0, (now.getTime() - b.at) / 1000) })),
    },
  ];
}
