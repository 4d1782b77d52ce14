import type { DetectorEvent } from "@/core/outage-detector";
import { functionOutages, type FunctionOutage, type LocationParts } from "@/core/accounting/function-outages";
import { coveredUntil } from "@/core/accounting/location-fold";
import type { Tx } from "@/lib/db";
import { foldOf, spanOf } from "./location-state";

export type RecordedEvent = DetectorEvent & { functionId: number; serviceId: number; outageId?: number };

/** Whether stored results changed the public record (an outage confirmed or ended), not only extended it. */
export function changesRecord(events: readonly RecordedEvent[]): boolean {
  return events.some((e) => e.type === "outage_opened" || e.type === "outage_closed");
}

/** How far the window may be pushed back to reach the start of an outage in progress: a bound on the work, far above any real chain. */
const MAX_EXTEND_STEPS = 50;

type StatusRow = Awaited<ReturnType<Tx["probeStatus"]["findMany"]>>[number] & { probe: { functionId: number } };

/**
 * The live outages of every function a batch touched. Most batches touch functions
 * with no outage anywhere near (no location in an outage, none of their outages open
 * or ending after the batch's first result): three queries for the whole batch tell so,
 * and nothing more is done for them. The others are rebuilt (rebuildFunctionOutages).
 */
export async function rebuildOutages(
  tx: Tx,
  touched: Map<number, { serviceId: number; from: number }>,
  quorumOf: (serviceId: number) => number,
): Promise<RecordedEvent[]> {
  if (touched.size === 0) return [];
  const functionIds = [...touched.keys()];
  const minFrom = new Date(Math.min(...[...touched.values()].map((t) => t.from)));
  const [statuses, outages, downSpans] = await Promise.all([
    tx.probeStatus.findMany({ where: { probe: { functionId: { in: functionIds } } }, include: { probe: { select: { functionId: true } } } }),
    tx.outage.findMany({
      where: { functionId: { in: functionIds }, source: "MEASURED", OR: [{ endedAt: null }, { endedAt: { gte: minFrom } }] },
      select: { functionId: true, endedAt: true },
    }),
    tx.locationSpan.findMany({
      where: { probe: { functionId: { in: functionIds } }, kind: "DOWN", end: { gte: minFrom } },
      select: { probe: { select: { functionId: true } }, end: true },
    }),
  ]);
  const events: RecordedEvent[] = [];
  for (const [functionId, t] of touched) {
    const mine = statuses.filter((s) => s.probe.functionId === functionId) as StatusRow[];
    const quiet =
      mine.every((s) => s.outageStart === null) &&
      !outages.some((o) => o.functionId === functionId && (o.endedAt === null || o.endedAt.getTime() >= t.from)) &&
      !downSpans.some((d) => d.probe.functionId === functionId && d.end.getTime() >= t.from);
    if (!quiet)
      events.push(...(await rebuildFunctionOutages(tx, { functionId, serviceId: t.serviceId, quorum: quorumOf(t.serviceId), from: t.from, statuses: mine })));
  }
  return events;
}

/**
 * Rebuilds a function's live outages from `from` on, after new results of some of
 * its locations were folded in: the window is pushed back to the start of any
 * outage in progress at `from`, the core rules (functionOutages: quorum, joined
 * across unmeasured holes) give the outages in the window, and the stored rows are
 * brought in line: updated in place (ids stay, so links and alerts stay valid),
 * created, or, where late results of another location merged two outages into
 * one, the later row is removed. Reads O(spans), never raw results.
 */
export async function rebuildFunctionOutages(
  tx: Tx,
  opts: { functionId: number; serviceId: number; quorum: number; from: number; statuses?: StatusRow[] },
): Promise<RecordedEvent[]> {
  const { functionId, serviceId, quorum } = opts;
  const statuses = opts.statuses ?? (await tx.probeStatus.findMany({ where: { probe: { functionId } } }));
  if (statuses.length === 0) return [];
  const probeIds = statuses.map((s) => s.probeId);
  const folds = new Map(statuses.map((s) => [s.probeId, foldOf(s)]));
  // The window ends where every location still reporting has reported: evaluating past a
  // location's last result, only because another location runs a few seconds later in its
  // interval, would close an outage there that the next result reopens. A location silent
  // for more than 2 intervals (stopped, or an agent cut off) has no data there instead.
  const covered = [...folds.values()].map((f) => ({ end: coveredUntil(f) ?? 0, intervalMs: f.last?.intervalMs ?? 0 }));
  const newest = Math.max(...covered.map((c) => c.end));
  const end = Math.min(...covered.filter((c) => c.end >= newest - 2 * c.intervalMs).map((c) => c.end));

  let from = Math.min(opts.from, end);
  for (let i = 0; i < MAX_EXTEND_STEPS; i++) {
    const at = new Date(from);
    const [row, span] = await Promise.all([
      tx.outage.findFirst({
        where: { functionId, source: "MEASURED", startedAt: { lt: at }, OR: [{ endedAt: null }, { endedAt: { gte: at } }] },
        orderBy: { startedAt: "asc" },
        select: { startedAt: true },
      }),
      tx.locationSpan.findFirst({
        where: { probeId: { in: probeIds }, kind: "DOWN", start: { lt: at }, end: { gte: at } },
        orderBy: { start: "asc" },
        select: { start: true },
      }),
    ]);
    const open = [...folds.values()].flatMap((f) => (f.outage && f.outage.start < from ? [f.outage.start] : []));
    const earliest = Math.min(from, row?.startedAt.getTime() ?? from, span?.start.getTime() ?? from, ...open);
    if (earliest === from) break;
    from = earliest;
  }
  const window = { start: from, end: Math.max(end, from) };
  if (window.end <= window.start) return [];

  const spans = await tx.locationSpan.findMany({
    where: { probeId: { in: probeIds }, end: { gte: new Date(window.start) }, start: { lt: new Date(window.end) } },
    orderBy: { start: "asc" },
  });
  const parts: LocationParts[] = probeIds.map((id) => ({ closed: spans.filter((s) => s.probeId === id).map(spanOf), fold: folds.get(id)! }));
  const { outages } = functionOutages(parts, quorum, window);

  const existing = await tx.outage.findMany({
    where: { functionId, source: "MEASURED", startedAt: { gte: new Date(window.start), lt: new Date(window.end) } },
    orderBy: { startedAt: "asc" },
  });
  const events: RecordedEvent[] = [];
  const used = new Set<number>();
  for (const o of outages) {
    const matches = existing.filter(
      (e) => !used.has(e.id) && e.startedAt.getTime() < (o.end ?? o.measuredUntil) + 1 && (e.endedAt === null || e.endedAt.getTime() >= o.start),
    );
    const data = rowData(o);
    const [keep, ...merged] = matches;
    if (keep) {
      used.add(keep.id);
      await tx.outage.update({ where: { id: keep.id }, data });
      if (keep.endedAt === null && o.end !== null)
        events.push({ type: "outage_closed", endedAt: new Date(o.end), failures: o.failures, functionId, serviceId, outageId: keep.id });
      else if (keep.endedAt !== null && o.end === null)
        events.push({
          type: "outage_opened",
          startedAt: new Date(o.start),
          confirmedAt: new Date(o.confirmedAt),
          failures: o.failures,
          functionId,
          serviceId,
          outageId: keep.id,
        });
      for (const m of merged) {
        used.add(m.id);
        await tx.outage.delete({ where: { id: m.id } });
      }
    } else {
      const row = await tx.outage.create({ data: { serviceId, functionId, ...data } });
      events.push({
        type: "outage_opened",
        startedAt: new Date(o.start),
        confirmedAt: new Date(o.confirmedAt),
        failures: o.failures,
        functionId,
        serviceId,
        outageId: row.id,
      });
      if (o.end !== null) events.push({ type: "outage_closed", endedAt: new Date(o.end), failures: o.failures, functionId, serviceId, outageId: row.id });
    }
  }
  // A stored outage the rules no longer give inside the window was merged into another by late results.
  for (const e of existing) if (!used.has(e.id)) await tx.outage.delete({ where: { id: e.id } });

  return events;
}

function rowData(o: FunctionOutage) {
  return {
    startedAt: new Date(o.start),
    confirmedAt: new Date(o.confirmedAt),
    endedAt: o.end === null ? null : new Date(o.end),
    measuredUntil: o.end === null ? new Date(o.measuredUntil) : null,
    unmeasured: JSON.stringify(o.unmeasured.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() }))),
    failures: o.failures,
    errorClass: o.errorClass,
    message: o.message?.slice(0, 500) ?? null,
  };
}
