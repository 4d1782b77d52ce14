import type { ChangeoverConfig, LedgerConfig } from "@/core/config/resolve";
import type { Db } from "@/lib/db";
import { dayWindow, parseLocalDate } from "@/core/time-zone";

/**
 * Writes the validated configuration into the database in one transaction:
 * upserts services, functions, locations, probes and contracts; probes no longer
 * configured are deactivated, never deleted, so their results stay citable.
 */
export async function syncConfig(db: Db, config: LedgerConfig): Promise<{ services: number; probes: number }> {
  return db.$transaction(
    async (tx) => {
      const locationIds = new Map<string, number>();
      for (const loc of config.locations) {
        const row = await tx.location.upsert({
          where: { key: loc.key },
          create: { key: loc.key, name: loc.name, nameEn: loc.nameEn },
          update: { name: loc.name, nameEn: loc.nameEn },
        });
        locationIds.set(loc.key, row.id);
      }
      // Agents are known by their public keys; one no longer configured is deactivated (its
      // batches stay as evidence) and a key given to another agent moves with the configuration.
      const agentKeys = config.agents.map((a) => a.key);
      await tx.agent.updateMany({ where: { key: { notIn: agentKeys } }, data: { active: false } });
      for (const a of config.agents) {
        const data = { locationId: locationIds.get(a.location)!, publicKey: a.publicKey, maxClockSkewMs: a.maxClockSkewMs, active: true };
        const previous = await tx.agent.findFirst({ where: { publicKey: a.publicKey, key: { not: a.key } } });
        if (previous) await tx.agent.update({ where: { id: previous.id }, data: { publicKey: `retired:${previous.key}:${a.publicKey}`, active: false } });
        await tx.agent.upsert({ where: { key: a.key }, create: { key: a.key, ...data }, update: data });
      }
      const activeProbeKeys: string[] = [];
      for (const svc of config.services) {
        const serviceData = {
          name: svc.name,
          nameEn: svc.nameEn,
          operator: svc.operator,
          operatorEn: svc.operatorEn,
          description: svc.description,
          homepage: svc.homepage,
          accounting: JSON.stringify({
            quorum: svc.quorum,
            maintenance: svc.maintenance,
            forceMajeure: svc.forceMajeure,
            incidents: svc.incidents,
            provenance: svc.provenance,
            changeover: storedChangeover(svc.changeover),
            peakWarnings: svc.peakWarnings,
            citizenReports: svc.citizenReports,
          }),
        };
        const service = await tx.service.upsert({ where: { slug: svc.slug }, create: { slug: svc.slug, ...serviceData }, update: serviceData });
        const functionIds = new Map<string, number>();
        for (const fn of svc.functions) {
          const data = { name: fn.name, nameEn: fn.nameEn, critical: fn.critical, sortOrder: fn.sortOrder };
          const row = await tx.function.upsert({
            where: { serviceId_key: { serviceId: service.id, key: fn.key } },
            create: { serviceId: service.id, key: fn.key, ...data },
            update: data,
          });
          functionIds.set(fn.key, row.id);
        }
        for (const p of svc.probes) {
          const data = {
            serviceId: service.id,
            functionId: functionIds.get(p.functionKey)!,
            locationId: locationIds.get(p.location)!,
            kind: p.kind,
            intervalSec: p.intervalMs / 1000,
            timeoutMs: p.timeoutMs,
            confirm: p.confirm,
            definition: JSON.stringify(p),
            active: true,
          };
          await tx.probe.upsert({ where: { key: p.key }, create: { key: p.key, ...data }, update: data });
          activeProbeKeys.push(p.key);
        }
        if (svc.contract) {
          const c = svc.contract;
          const data = {
            serviceId: service.id,
            title: c.title,
            operator: c.operator,
            amountKrw: BigInt(c.amountKrw),
            // The term is inclusive local dates; stored as the half-open UTC window [first day 00:00, day after last 00:00).
            termStart: dayWindow(parseLocalDate(c.term.start), c.timeZone).start,
            termEnd: dayWindow(parseLocalDate(c.term.end), c.timeZone).end,
            timeZone: c.timeZone,
            goLiveDeadline: c.goLive ? new Date(c.goLive.deadline) : null,
            actualStart: c.goLive?.actualStart ? new Date(c.goLive.actualStart) : null,
            definition: JSON.stringify(c),
          };
          await tx.contract.upsert({ where: { key: c.key }, create: { key: c.key, ...data }, update: data });
        }
      }
      // Compared here rather than with `notIn`: a query binds only so many parameters, and a
      // configuration may hold tens of thousands of probes; the ids are updated in parts of 500.
      const configured = new Set(activeProbeKeys);
      const gone = (await tx.probe.findMany({ where: { active: true }, select: { id: true, key: true } }))
        .filter((p) => !configured.has(p.key))
        .map((p) => p.id);
      for (let i = 0; i < gone.length; i += 500) await tx.probe.updateMany({ where: { id: { in: gone.slice(i, i + 500) } }, data: { active: false } });
      return { services: config.services.length, probes: activeProbeKeys.length };
      // A statement or more per service, function and probe: thousands of probes take longer than
      // the default 5 s of an interactive transaction (300 services of 4 probes do on PostgreSQL).
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}

/** The changeover as the public pages read it: dates and operators, and which functions readiness watches (not the probes' requests). */
export type StoredChangeover = Omit<ChangeoverConfig, "readinessProbes"> & { readinessFunctions: string[] };

function storedChangeover(c: ChangeoverConfig | null): StoredChangeover | null {
  if (!c) return null;
  const { readinessProbes, ...rest } = c;
  return { ...rest, readinessFunctions: [...new Set(readinessProbes.map((p) => p.functionKey))] };
}
