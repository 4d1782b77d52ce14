import type { AlertPayload } from "@/core/alerts/alert-payload";
import {
  BUDGET_WINDOWS_MS,
  bucketRange,
  bucketSizeFor,
  evaluateBudget,
  sumWindow,
  type Bucket,
  type Severity,
  type WindowCounts,
} from "@/core/alerts/error-budget";
import { compare, parseRational, type Rational } from "@/core/accounting/rational";
import type { ContractConfig } from "@/core/config/contract-schema";
import type { AlertPolicy, AlertsConfig } from "@/core/config/resolve";
import { formatLocalDate, localDateOf } from "@/core/time-zone";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { enqueueOnce, policiesFor } from "./alert-plan";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DEFAULT_TZ = "Asia/Seoul";

/**
 * The objective and the functions it covers: a policy's own objective (the
 * strictest, if several), else the highest service-credit target of the
 * contract's rules in force today, over that rule's functions (default: the
 * critical ones). Null when there is neither.
 */
export function budgetObjective(
  contract: ContractConfig | null,
  policies: AlertPolicy[],
  functions: { key: string; critical: boolean }[],
  now: Date,
): { objective: Rational; functionKeys: string[] } | null {
  const critical = functions.filter((f) => f.critical).map((f) => f.key);
  const own = policies.map((p) => (p.objective ? parseRational(p.objective) : null)).filter((r): r is Rational => r !== null);
  if (own.length > 0) return { objective: own.sort((a, b) => compare(b, a))[0]!, functionKeys: critical };
  if (!contract) return null;
  const today = formatLocalDate(localDateOf(now, contract.timeZone));
  const ruleset = [...contract.rulesets].reverse().find((r) => r.effectiveFrom <= today);
  const credits = (ruleset?.rules ?? []).filter((r) => r.kind === "service_credit");
  let best: { objective: Rational; functionKeys: string[] } | null = null;
  for (const rule of credits) {
    const target = parseRational(rule.target);
    if (!target || target.num >= target.den) continue;
    if (!best || compare(target, best.objective) > 0) best = { objective: target, functionKeys: rule.functions ?? critical };
  }
  return best;
}

/**
 * Every 30 s or so: for each function under an objective, the burn rates over
 * the workbook's windows from the minute and hour roll-ups, and the page and
 * ticket alerts they start or end. A state change and its alerts are written in
 * one transaction. One alert per firing episode and channel.
 */
export async function evaluateErrorBudgets(
  db: Db,
  alerts: AlertsConfig,
  opts: { now: () => number; publicUrl: string },
): Promise<{ evaluated: number; changes: number }> {
  const nowMs = opts.now();
  const now = new Date(nowMs);
  const services = await db.service.findMany({
    include: {
      functions: {
        select: { id: true, key: true, name: true, nameEn: true, critical: true, probes: { where: { active: true }, select: { id: true, intervalSec: true } } },
      },
      contracts: { select: { definition: true, timeZone: true }, orderBy: { termStart: "desc" }, take: 1 },
    },
  });
  let evaluated = 0;
  let changes = 0;
  const minuteFrom = new Date(bucketRange(nowMs, 6 * HOUR, MIN).firstStart);
  const hourFrom = new Date(bucketRange(nowMs, 72 * HOUR, HOUR).firstStart);
  for (const s of services) {
    const policies = policiesFor(alerts, s.slug, "errorBudget");
    if (policies.length === 0) continue;
    const contract = s.contracts[0] ? (JSON.parse(s.contracts[0].definition) as ContractConfig) : null;
    const target = budgetObjective(contract, policies, s.functions, now);
    if (!target) continue;
    const fns = s.functions.filter((f) => target.functionKeys.includes(f.key) && f.probes.length > 0);
    if (fns.length === 0) continue;
    const probeIds = fns.flatMap((f) => f.probes.map((p) => p.id));
    const [minutes, hours] = await Promise.all([
      db.rollupMinute.findMany({
        where: { probeId: { in: probeIds }, minuteStart: { gte: minuteFrom } },
        select: { probeId: true, minuteStart: true, up: true, degraded: true, down: true },
      }),
      db.rollupHour.findMany({
        where: { probeId: { in: probeIds }, hourStart: { gte: hourFrom } },
        select: { probeId: true, hourStart: true, up: true, degraded: true, down: true },
      }),
    ]);
    for (const f of fns) {
      const mine = new Set(f.probes.map((p) => p.id));
      const minuteBuckets: Bucket[] = minutes
        .filter((m) => mine.has(m.probeId))
        .map((m) => ({ start: m.minuteStart.getTime(), good: m.up + m.degraded, bad: m.down }));
      const hourBuckets: Bucket[] = hours
        .filter((h) => mine.has(h.probeId))
        .map((h) => ({ start: h.hourStart.getTime(), good: h.up + h.degraded, bad: h.down }));
      const counts = new Map<number, WindowCounts>();
      for (const w of BUDGET_WINDOWS_MS) {
        const size = bucketSizeFor(w);
        counts.set(w, sumWindow(size === MIN ? minuteBuckets : hourBuckets, nowMs, w, size));
      }
      const verdict = evaluateBudget(counts, target.objective, Math.min(...f.probes.map((p) => p.intervalSec)) * 1000);
      evaluated++;
      for (const severity of ["PAGE", "TICKET"] as const satisfies Severity[]) {
        const firing = severity === "PAGE" ? verdict.page : verdict.ticket;
        changes += await inTransaction(db, async (tx) => {
          const state = await tx.budgetAlert.findUnique({ where: { functionId_severity: { functionId: f.id, severity } } });
          const lastBurn = JSON.stringify(verdict.burn);
          const wasFiring = state?.firingSince != null;
          const firingSince = firing ? (state?.firingSince ?? now) : null;
          await tx.budgetAlert.upsert({
            where: { functionId_severity: { functionId: f.id, severity } },
            create: { functionId: f.id, severity, firingSince, lastBurn, updatedAt: now },
            update: { firingSince, lastBurn, updatedAt: now },
          });
          if (firing === wasFiring) return 0;
          const episode = (firingSince ?? state!.firingSince!).getTime();
          const kind: AlertPayload["kind"] = firing ? (severity === "PAGE" ? "budget_page" : "budget_ticket") : "budget_resolved";
          const payload: AlertPayload = {
            kind,
            service: { slug: s.slug, name: s.name, nameEn: s.nameEn, timeZone: s.contracts[0]?.timeZone ?? DEFAULT_TZ },
            function: { key: f.key, name: f.name, nameEn: f.nameEn },
            outage: null,
            budget: {
              severity,
              objective: target.objective.text,
              firing: verdict.firing.filter((x) => x.severity === severity).map(({ longMs, shortMs, factor }) => ({ longMs, shortMs, factor })),
              burn: verdict.burn,
              since: new Date(episode).toISOString(),
            },
            round: 0,
            level: 0,
            escalated: false,
            url: `${opts.publicUrl}/ko/services/${s.slug}`,
            createdAt: now.toISOString(),
          };
          await enqueueOnce(tx, {
            policies,
            dedupe: `budget:${f.id}:${severity}:${episode}:${firing ? "fired" : "resolved"}`,
            kind,
            serviceId: s.id,
            functionId: f.id,
            payload,
            now,
          });
          return 1;
        });
      }
    }
  }
  return { evaluated, changes };
}
