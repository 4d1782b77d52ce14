import type { ProbeResult } from "@/core/probe-result";
import type { Db } from "@/lib/db";

/** Where a readiness probe's results go: its service and function. */
export type ReadinessRef = { serviceId: number; functionKey: string };

/**
 * Stores readiness runs (the new operator's endpoints before go-live) in their
 * own table, apart from the SLA's results: no chain, no outages, no alerts, no
 * roll-ups. A run stored twice (a retried batch) is kept once.
 */
export async function recordReadiness(db: Db, refs: Map<string, ReadinessRef>, batch: ProbeResult[]): Promise<number> {
  let stored = 0;
  for (const r of batch) {
    const ref = refs.get(r.probeKey);
    if (!ref) throw new Error(`readiness probe "${r.probeKey}" is not in the configuration`);
    const data = {
      serviceId: ref.serviceId,
      probeKey: r.probeKey,
      functionKey: ref.functionKey,
      at: r.at,
      intervalSec: r.intervalSec,
      state: r.state,
      latencyMs: r.latencyMs,
      httpStatus: r.httpStatus,
      errorClass: r.errorClass,
      message: r.message?.slice(0, 500) ?? null,
    };
    const row = await db.readinessResult.upsert({ where: { probeKey_at: { probeKey: r.probeKey, at: r.at } }, create: data, update: {} });
    if (row) stored++;
  }
  return stored;
}

/** The services' ids for every configured readiness probe, read once when the worker starts. */
export async function readinessRefs(db: Db, probes: { key: string; serviceSlug: string; functionKey: string }[]): Promise<Map<string, ReadinessRef>> {
  const slugs = [...new Set(probes.map((p) => p.serviceSlug))];
  const services = await db.service.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const ids = new Map(services.map((s) => [s.slug, s.id]));
  const refs = new Map<string, ReadinessRef>();
  for (const p of probes) {
    const serviceId = ids.get(p.serviceSlug);
    if (serviceId !== undefined) refs.set(p.key, { serviceId, functionKey: p.functionKey });
  }
  return refs;
}
