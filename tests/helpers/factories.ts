import { randomUUID } from "node:crypto";
import { resolveConfig, type LedgerConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";
import type { Db } from "@/lib/db";
import type { ProbeRef } from "@/lib/store/record-results";
import { syncConfig } from "@/lib/store/sync-config";

/**
 * A unique service with the given functions, one HTTP probe each per location (by
 * default the one location "local"), synced into the database. Locations and agents
 * given here are added to the configuration (keys are global: make them unique).
 */
export async function createService(
  db: Db,
  opts: {
    functions?: string[];
    intervalSec?: number;
    confirm?: number;
    url?: string;
    /** a contract; `true` for the 2022–2025 term, or fields that replace the defaults (e.g. `{ term: {…} }`) */
    contract?: boolean | Record<string, unknown>;
    alerts?: (slug: string) => Record<string, unknown>;
    locations?: { key: string; control?: { url?: string; tcp?: string; timeout?: string } }[];
    agents?: { key: string; location: string; publicKey: string; maxClockSkew?: string }[];
    quorum?: number;
    operator?: [string, string];
    /** a changeover (services[].changeover in the configuration) */
    changeover?: Record<string, unknown>;
    /** an intensified watch (services[].watch) */
    watch?: Record<string, unknown>;
    /** citizens' reports (services[].citizenReports) */
    citizenReports?: Record<string, unknown>;
  } = {},
): Promise<{ slug: string; config: LedgerConfig; refs: Map<string, ProbeRef>; probeKey: (fn: string, location?: string) => string }> {
  const slug = `svc-${randomUUID().slice(0, 8)}`;
  const functions = opts.functions ?? ["topup"];
  const locations = opts.locations ?? [{ key: "local" }];
  const file = configFileSchema.parse({
    locations: locations.map((l) => ({ key: l.key, name: `위치 ${l.key}`, nameEn: `Location ${l.key}`, ...(l.control ? { control: l.control } : {}) })),
    agents: opts.agents ?? [],
    services: [
      {
        slug,
        name: `서비스 ${slug}`,
        nameEn: `Service ${slug}`,
        operator: opts.operator?.[0] ?? "운영사",
        operatorEn: opts.operator?.[1] ?? "Operator",
        functions: functions.map((key) => ({ key, name: key, nameEn: key })),
        probes: functions.flatMap((fn) =>
          locations.map((l) => ({
            function: fn,
            location: l.key,
            interval: `${opts.intervalSec ?? 10}s`,
            timeout: `${Math.min(2, opts.intervalSec ?? 10) * 1000}ms`,
            confirm: opts.confirm ?? 3,
            request: { url: opts.url ?? "http://127.0.0.1:9/health" },
          })),
        ),
        ...(opts.quorum ? { quorum: opts.quorum } : {}),
        ...(opts.changeover ? { changeover: opts.changeover } : {}),
        ...(opts.watch ? { watch: opts.watch } : {}),
        ...(opts.citizenReports ? { citizenReports: opts.citizenReports } : {}),
        ...(opts.contract
          ? {
              contract: {
                key: `${slug}-c`,
                title: "계약",
                operator: "운영사",
                amountKrw: 3_640_000_000,
                term: { start: "2022-04-01", end: "2025-03-31" },
                ...(typeof opts.contract === "object" ? opts.contract : {}),
              },
            }
          : {}),
      },
    ],
    ...(opts.alerts ? { alerts: opts.alerts(slug) } : {}),
  });
  const { config, issues } = resolveConfig([{ file: "factory.yaml", data: file }]);
  if (issues.length > 0) throw new Error(JSON.stringify(issues));
  await syncConfig(db, config);
  const rows = await db.probe.findMany({ where: { service: { slug } } });
  const refs = new Map(rows.map((r) => [r.key, { id: r.id, functionId: r.functionId, serviceId: r.serviceId, confirm: r.confirm }]));
  return { slug, config, refs, probeKey: (fn, location = locations[0]!.key) => `${slug}-${fn}-${location}` };
}
