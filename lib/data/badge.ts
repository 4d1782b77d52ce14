import { availabilityColor, STATE_COLORS, type Badge } from "@/core/badge-svg";
import { dailyBars } from "@/core/daily-availability";
import { formatPercent } from "@/core/format";
import { localDateOf } from "@/core/time-zone";
import type { Db } from "@/lib/db";
import { t, type Lang } from "@/lib/i18n";
import { downIntervals, functionCoverage, listServices } from "./services";

/** Status badges: the state shown on the home page, or 30-day availability as the service page's daily bars compute it. */

export const BADGE_KINDS = ["status", "uptime30d"] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];
export const UPTIME_DAYS = 30;
const DEFAULT_TZ = "Asia/Seoul";

export class BadgeNotFoundError extends Error {
  constructor(
    message: string,
    readonly parameter?: "function",
  ) {
    super(message);
    this.name = "BadgeNotFoundError";
  }
}

/**
 * Availability over the last `days` local calendar days (today so far
 * included): the daily bars summed, 1 − Σdown / Σmeasured. Null when nothing
 * was measured, never 100%.
 */
export function barsAvailability(bars: { downSec: number; measuredSec: number }[]): number | null {
  const measured = bars.reduce((s, b) => s + b.measuredSec, 0);
  const down = bars.reduce((s, b) => s + b.downSec, 0);
  return measured > 0 ? 1 - down / measured : null;
}

export async function functionAvailability(db: Db, slug: string, functionKey: string, days: number, now: Date): Promise<number | null> {
  const s = await db.service.findUnique({
    where: { slug },
    select: {
      id: true,
      contracts: { select: { timeZone: true }, orderBy: { termStart: "desc" }, take: 1 },
      functions: { where: { key: functionKey }, select: { id: true, probes: { where: { active: true }, select: { id: true } } } },
    },
  });
  const f = s?.functions[0];
  if (!s || !f) return null;
  const timeZone = s.contracts[0]?.timeZone ?? DEFAULT_TZ;
  // One day of slack before the first local day, whatever the zone's offset.
  const start = new Date(now.getTime() - (days + 1) * 86_400_000);
  const [rollups, outages] = await Promise.all([
    db.rollupHour.findMany({ where: { probeId: { in: f.probes.map((p) => p.id) }, hourStart: { gte: start } }, select: { hourStart: true, measuredSec: true } }),
    db.outage.findMany({ where: { functionId: f.id, source: "MEASURED", startedAt: { lt: now }, OR: [{ endedAt: null }, { endedAt: { gte: start } }] }, select: { startedAt: true, endedAt: true, measuredUntil: true, unmeasured: true } }),
  ]);
  const bars = dailyBars({
    lastDay: localDateOf(now, timeZone),
    days,
    timeZone,
    now,
    outages: outages.flatMap((o) => downIntervals(o, now)),
    coverage: functionCoverage(rollups),
  });
  return barsAvailability(bars);
}

/** The badge for a service (its overall state) or one of its functions. */
export async function serviceBadge(db: Db, q: { slug: string; functionKey?: string; kind: BadgeKind; lang: Lang }, now: Date): Promise<Badge> {
  const service = (await listServices(db, now)).find((s) => s.slug === q.slug);
  if (!service) throw new BadgeNotFoundError(`no service with slug "${q.slug}"`);
  const m = t(q.lang);
  const serviceName = q.lang === "ko" ? service.name : service.nameEn;
  const fn = q.functionKey === undefined ? null : service.functions.find((f) => f.key === q.functionKey);
  if (fn === undefined) throw new BadgeNotFoundError(`service "${q.slug}" has no function "${q.functionKey}"`, "function");
  const label = fn ? `${serviceName} ${q.lang === "ko" ? fn.name : fn.nameEn}` : serviceName;

  if (q.kind === "status") {
    const state = fn ? fn.state : service.state;
    return { label, message: m.states[state], color: STATE_COLORS[state] };
  }
  // Availability is per function, as on the service page; the route asks for one.
  if (!fn) throw new Error("a 30-day availability badge needs a function");
  const availability = await functionAvailability(db, q.slug, fn.key, UPTIME_DAYS, now);
  return {
    label: `${label} ${q.lang === "ko" ? `${UPTIME_DAYS}일` : `${UPTIME_DAYS}d`}`,
    message: availability === null ? m.states.NO_DATA : formatPercent(availability),
    color: availabilityColor(availability),
  };
}
