import type { Db } from "@/lib/db";

export type DeskSurge = {
  id: number;
  slug: string;
  serviceName: string;
  serviceNameEn: string;
  timeZone: string;
  functionKey: string;
  /** the service's measured functions: an incident is about one of them */
  functions: { key: string; name: string; nameEn: string }[];
  startedAt: string;
  endedAt: string | null;
  peakCount: number;
  threshold: number;
  incidentId: number | null;
};

/** Surges of the last 30 days, newest first, for the admins' desk. */
export async function deskSurges(db: Db, now: Date): Promise<DeskSurge[]> {
  const rows = await db.reportSurge.findMany({
    where: { startedAt: { gte: new Date(now.getTime() - 30 * 86_400_000) } },
    orderBy: { startedAt: "desc" },
    take: 50,
    include: {
      service: {
        select: {
          slug: true,
          name: true,
          nameEn: true,
          functions: { select: { key: true, name: true, nameEn: true }, orderBy: { sortOrder: "asc" } },
          contracts: { select: { timeZone: true }, orderBy: { termStart: "desc" }, take: 1 },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    slug: r.service.slug,
    serviceName: r.service.name,
    serviceNameEn: r.service.nameEn,
    timeZone: r.service.contracts[0]?.timeZone ?? "Asia/Seoul",
    functionKey: r.functionKey,
    functions: r.service.functions,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    peakCount: r.peakCount,
    threshold: r.threshold,
    incidentId: r.incidentId,
  }));
}
