import { tagUri, type AtomEntry, type AtomFeed } from "@/core/atom";
import { formatDateTime, formatDuration } from "@/core/format";
import { outageDown } from "@/core/outage-extent";
import { outageProvenance, PROVENANCE_LABEL, sourceText, type ResultsProvenance } from "@/core/provenance";
import type { Db } from "@/lib/db";
import { listRoots, type StoredRoot } from "@/lib/store/daily-roots";
import { provenanceOf } from "./services";

/**
 * The incident feed: one Atom entry per outage, measured or reported, newest
 * change first. An entry's `updated` moves twice at most: when the outage is
 * recorded and when it ends, so feed readers show it again exactly when it closes.
 */

const DEFAULT_TZ = "Asia/Seoul";
/** Entries per feed: the most recent outages, plus every one still open. */
export const FEED_LIMIT = 100;
/** Daily roots in the instance-wide feed: the most recent, so a reader that polls monthly misses none. */
export const FEED_ROOTS = 45;

export type FeedOptions = {
  /** one service, or every service when absent */
  slug?: string;
  /** scheme://host[:port] the feed is served under; links are absolute against it */
  origin: string;
  /** the feed's own URL (rel="self") */
  selfUrl: string;
  now: Date;
  limit?: number;
};

export type FeedOutage = {
  id: number;
  source: string;
  startedAt: Date;
  confirmedAt: Date | null;
  endedAt: Date | null;
  measuredUntil?: Date | null;
  unmeasured?: string;
  createdAt: Date;
  errorClass: string | null;
  message: string | null;
  service: { slug: string; name: string; nameEn: string; timeZone: string; results?: ResultsProvenance };
  function: { key: string; name: string; nameEn: string };
};

/** When the entry last changed in a way a reader should see: recorded, then closed. */
export function outageUpdated(o: Pick<FeedOutage, "startedAt" | "confirmedAt" | "endedAt">): Date {
  return o.endedAt ?? o.confirmedAt ?? o.startedAt;
}

/**
 * One outage as an entry. The id is a tag: URI on the host the feed is served
 * under, dated on the day the record was created (when this instance held that
 * name), so it never changes when the outage ends.
 */
export function outageEntry(o: FeedOutage, origin: string): AtomEntry {
  const reported = o.source === "REPORTED";
  const { service: s, function: f } = o;
  // An outage found in results the ledger did not measure says so first, with what they were built from.
  const results = s.results ?? { provenance: "MEASURED", provenanceSources: [] };
  const provenance = outageProvenance(o.source, results.provenance);
  const unmeasured = !reported && provenance !== "MEASURED";
  const tz = s.timeZone;
  const ongoing = o.endedAt === null;
  const status = ongoing ? "진행 중/ongoing" : "복구/resolved";
  const title = `${reported ? "[보도·제보/reported] " : unmeasured ? `[${PROVENANCE_LABEL[provenance]}] ` : ""}${s.name} ${f.name} 장애 (${s.nameEn} ${f.nameEn} outage) — ${status}`;

  // Downtime as the reports count it: unmeasured time inside the outage left out.
  const durationSec = o.endedAt ? outageDown(o, o.endedAt).downSec : null;
  const ko = [
    reported ? "보도·제보로 알려진 장애 (측정값 아님)" : unmeasured ? "측정값이 아닌 결과에서 찾은 장애" : "측정된 장애",
    `시작 ${formatDateTime(o.startedAt, "ko", tz)}`,
    o.endedAt ? `종료 ${formatDateTime(o.endedAt, "ko", tz)}` : "진행 중",
    durationSec !== null ? `지속 ${formatDuration(durationSec, "ko")}` : "",
  ];
  const en = [
    reported ? "Outage known from reports (not measured)" : unmeasured ? "Outage found in results that are not measurements" : "Measured outage",
    `started ${formatDateTime(o.startedAt, "en", tz)}`,
    o.endedAt ? `ended ${formatDateTime(o.endedAt, "en", tz)}` : "ongoing",
    durationSec !== null ? `lasted ${formatDuration(durationSec, "en")}` : "",
  ];
  // Probe messages often begin with their class ("ASSERTION_STATUS: status 503"): say it once.
  const classNamed = o.errorClass !== null && o.message?.startsWith(o.errorClass) === true;
  const causeParts = [classNamed ? null : o.errorClass, o.message].filter(Boolean);
  const cause = causeParts.length > 0 ? `원인 · cause: ${causeParts.join(" — ")}` : "";
  const provenanceLines = unmeasured
    ? [PROVENANCE_LABEL[provenance], ...results.provenanceSources.map((src) => `출처 · source: ${sourceText(src)}`)].join("\n")
    : "";
  const summary = [provenanceLines, ko.filter(Boolean).join(" · "), en.filter(Boolean).join(" · "), cause].filter(Boolean).join("\n");

  return {
    id: tagUri(new URL(origin).hostname, o.createdAt, `${s.slug}/outage/${o.id}`),
    title,
    updated: outageUpdated(o),
    published: o.confirmedAt ?? o.startedAt,
    links: [
      { rel: "alternate", type: "text/html", hreflang: "ko", href: `${origin}/ko/outages/${o.id}` },
      { rel: "alternate", type: "text/html", hreflang: "en", href: `${origin}/en/outages/${o.id}` },
      { rel: "related", type: "text/html", hreflang: "ko", title: s.name, href: `${origin}/ko/services/${s.slug}` },
    ],
    summary,
    categories: [
      reported
        ? { term: "reported", label: "보도·제보 (reported)" }
        : unmeasured
          ? { term: provenance.toLowerCase(), label: PROVENANCE_LABEL[provenance] }
          : { term: "measured", label: "측정 (measured)" },
      { term: `service:${s.slug}`, label: `${s.name} (${s.nameEn})` },
      { term: `function:${f.key}`, label: `${f.name} (${f.nameEn})` },
      { term: ongoing ? "ongoing" : "resolved", label: status },
    ],
  };
}

/**
 * One published daily root as an entry, so anyone subscribed keeps a copy made
 * at the time: a later change to the record no longer matches it. The id is
 * dated on the day the root was computed and never changes (a root is never
 * recomputed).
 */
export function rootEntry(r: StoredRoot, origin: string): AtomEntry {
  const next = new Date(Date.parse(`${r.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    id: tagUri(new URL(origin).hostname, r.computedAt, `ledger/root/${r.day}`),
    title: `기록 일일 루트 ${r.day} (UTC) · Ledger daily root ${r.day}: ${r.root}`,
    updated: r.computedAt,
    published: r.computedAt,
    links: [{ rel: "alternate", type: "application/json", href: `${origin}/api/v1/ledger/roots?from=${r.day}&to=${next}` }],
    summary: [
      `${r.day} (UTC 00:00–24:00, KST 09:00–익일 09:00) 측정 결과 해시 체인의 루트. 보관해 두면 나중에 기록이 바뀌지 않았는지 검증할 수 있습니다 (docs/verify.md).`,
      `Root of the results' hash chains for UTC day ${r.day}. Keep it: it lets anyone check later that no result was changed or removed (docs/verify.md).`,
      `root ${r.root}`,
      ...r.leaves.map((l) => `${l.probe} ${l.seq} ${l.hash}`),
    ].join("\n"),
    categories: [{ term: "ledger-root", label: "일일 루트 (daily root)" }],
  };
}

/** The feed of one service or of all; null when the slug names no service. */
export async function incidentFeed(db: Db, opts: FeedOptions & { slug: string }): Promise<AtomFeed | null>;
export async function incidentFeed(db: Db, opts: Omit<FeedOptions, "slug">): Promise<AtomFeed>;
export async function incidentFeed(db: Db, opts: FeedOptions): Promise<AtomFeed | null> {
  let service: { slug: string; name: string; nameEn: string } | null = null;
  if (opts.slug !== undefined) {
    service = await db.service.findUnique({ where: { slug: opts.slug }, select: { slug: true, name: true, nameEn: true } });
    if (!service) return null;
  }
  const scope = opts.slug !== undefined ? { service: { slug: opts.slug } } : {};
  const include = {
    service: {
      select: { slug: true, name: true, nameEn: true, accounting: true, contracts: { select: { timeZone: true }, orderBy: { termStart: "desc" }, take: 1 } },
    },
    function: { select: { key: true, name: true, nameEn: true } },
  } as const;
  const [recent, open, roots] = await Promise.all([
    db.outage.findMany({ where: scope, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: opts.limit ?? FEED_LIMIT, include }),
    db.outage.findMany({ where: { ...scope, endedAt: null }, include }),
    // The roots cover every probe of the instance: they belong to the instance-wide feed.
    opts.slug === undefined ? latestRoots(db) : Promise.resolve([]),
  ]);
  const byId = new Map([...recent, ...open].map((o) => [o.id, o]));
  const outages: FeedOutage[] = [...byId.values()].map((o) => ({
    ...o,
    service: {
      slug: o.service.slug,
      name: o.service.name,
      nameEn: o.service.nameEn,
      timeZone: o.service.contracts[0]?.timeZone ?? DEFAULT_TZ,
      results: provenanceOf(o.service.accounting),
    },
  }));
  const entries = [...outages.map((o) => outageEntry(o, opts.origin)), ...roots.map((r) => rootEntry(r, opts.origin))]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || (a.id < b.id ? 1 : -1));

  return {
    // The feed's own address is its identity: a reader subscribes to exactly that.
    id: opts.selfUrl,
    title: service ? `${service.name} 장애 기록 (${service.nameEn} incidents)` : "업타임 원장 장애 기록 (Uptime Ledger incidents)",
    subtitle: service
      ? "독립 측정으로 기록한 장애와 보도·제보된 장애 · Outages measured by independent probes, and outages known from reports"
      : "독립 측정으로 기록한 장애, 보도·제보된 장애, 측정 기록의 일일 루트 · Outages measured by independent probes, outages known from reports, and the record's daily roots",
    updated: entries[0]?.updated ?? opts.now,
    links: [
      { rel: "self", type: "application/atom+xml", href: opts.selfUrl },
      { rel: "alternate", type: "text/html", hreflang: "ko", href: service ? `${opts.origin}/ko/services/${service.slug}` : `${opts.origin}/ko` },
      { rel: "alternate", type: "text/html", hreflang: "en", href: service ? `${opts.origin}/en/services/${service.slug}` : `${opts.origin}/en` },
    ],
    authors: [{ name: "Uptime Ledger · 업타임 원장", uri: `${opts.origin}/ko` }],
    lang: "ko",
    generator: { name: "Uptime Ledger", uri: `${opts.origin}/api/v1/openapi.json` },
    entries,
  };
}

async function latestRoots(db: Db): Promise<StoredRoot[]> {
  const newest = await db.ledgerRoot.findMany({ orderBy: { day: "desc" }, take: FEED_ROOTS, select: { day: true } });
  if (newest.length === 0) return [];
  return listRoots(db, { from: newest.at(-1)!.day });
}
