import type { AlertKind, AlertPayload } from "@/core/alerts/alert-payload";
import type { Tx } from "@/lib/db";

const DEFAULT_TZ = "Asia/Seoul";

export type OutageFacts = {
  id: number;
  serviceId: number;
  functionId: number;
  service: { slug: string; name: string; nameEn: string; timeZone: string };
  function: { key: string; name: string; nameEn: string };
  outage: NonNullable<AlertPayload["outage"]>;
};

/** The public facts of an outage, for an alert about it. */
export async function outageFacts(tx: Tx, outageId: number): Promise<OutageFacts | null> {
  const o = await tx.outage.findUnique({
    where: { id: outageId },
    include: {
      service: { select: { slug: true, name: true, nameEn: true, contracts: { select: { timeZone: true }, orderBy: { termStart: "desc" }, take: 1 } } },
      function: { select: { key: true, name: true, nameEn: true } },
    },
  });
  if (!o) return null;
  return {
    id: o.id,
    serviceId: o.serviceId,
    functionId: o.functionId,
    service: { slug: o.service.slug, name: o.service.name, nameEn: o.service.nameEn, timeZone: o.service.contracts[0]?.timeZone ?? DEFAULT_TZ },
    function: o.function,
    outage: {
      id: o.id,
      startedAt: o.startedAt.toISOString(),
      confirmedAt: o.confirmedAt?.toISOString() ?? null,
      endedAt: o.endedAt?.toISOString() ?? null,
      failures: o.failures,
      errorClass: o.errorClass,
      message: o.message,
    },
  };
}

export function outagePayload(
  f: OutageFacts,
  kind: AlertKind,
  t: { round: number; level: number; escalated: boolean; publicUrl: string; now: Date },
): AlertPayload {
  return {
    kind,
    service: f.service,
    function: f.function,
    outage: f.outage,
    budget: null,
    round: t.round,
    level: t.level,
    escalated: t.escalated,
    url: `${t.publicUrl}/ko/outages/${f.id}`,
    createdAt: t.now.toISOString(),
  };
}
