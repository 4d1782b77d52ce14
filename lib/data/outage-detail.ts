import type { BrowserProbe, FlowProbe, HttpProbe, ProbeDefinition } from "@/core/config/resolve";
import { createRedactor } from "@/core/evidence/redact";
import { outageDown } from "@/core/outage-extent";
import { outageProvenance, type Provenance, type ProvenanceSource } from "@/core/provenance";
import type { ResultDetail } from "@/core/result-detail";
import type { Db } from "@/lib/db";
import { readEvidence } from "@/lib/store/evidence-store";
import { provenanceOf } from "./services";

/**
 * One outage with what backs it: the timeline read from the results, the results
 * themselves (capped) and what the probe checked. Pages read this; nothing here
 * decides an outage, that was done by the detector when the results arrived.
 */
export type OutageResultRow = {
  at: string;
  location: string;
  state: string;
  httpStatus: number | null;
  latencyMs: number | null;
  errorClass: string | null;
  message: string | null;
  /** blobs this run kept (body excerpt, screenshot, HAR), served at /api/v1/evidence/{hash} */
  evidence: EvidenceLink[];
};

export type EvidenceLink = { hash: string; kind: string; step: string | null; mediaType: string; size: number };

/** What one failing run kept, opened up: the answer, its timings, the steps, the blobs. */
export type FailureEvidence = {
  label: "first" | "last";
  at: string;
  location: string;
  state: string;
  httpStatus: number | null;
  errorClass: string | null;
  message: string | null;
  detail: ResultDetail | null;
  /** the redacted start of the body (or of the browser page's HTML), read from its blob */
  excerpt: { kind: string; text: string; link: EvidenceLink } | null;
  screenshot: EvidenceLink | null;
  har: EvidenceLink | null;
};

export type TimelineEvent =
  | { kind: "first_failure"; at: string; location: string; state: string; httpStatus: number | null; errorClass: string | null; message: string | null }
  | { kind: "confirmed"; at: string; confirm: number | null }
  | { kind: "change"; at: string; location: string; state: string; httpStatus: number | null; errorClass: string | null; message: string | null }
  | { kind: "gap"; at: string; until: string; location: string }
  | { kind: "resolved"; at: string; location: string | null; state: string | null; latencyMs: number | null }
  | { kind: "ongoing"; at: string };

export type ProbeStepView = { name: string; phase: "main" | "cleanup"; action: string; target: string; headerNames: string[]; hasBody: boolean; expects: string[] };

export type ProbeView = {
  key: string;
  kind: string;
  /** flows and browser journeys: each step, in order; empty for a single check */
  steps: ProbeStepView[];
  /** tls, dns and tcp checks: what is checked, in one line */
  target: string | null;
  location: string;
  locationName: string;
  locationNameEn: string;
  method: string;
  url: string;
  headerNames: string[];
  hasBody: boolean;
  intervalSec: number;
  timeoutMs: number;
  confirm: number;
  expect: {
    status: (number | string)[];
    json: { path: string; equals?: string | number | boolean | null; exists?: boolean; matches?: string }[];
    bodyContains: string[];
    bodyNotContains: string[];
    maxLatencyMs: number | null;
  };
};

export type OutageDetail = {
  id: number;
  source: "MEASURED" | "REPORTED";
  /** REPORTED for a reported incident; otherwise the provenance of the results it was found in */
  provenance: Provenance;
  /** what the service's results were built from, when the ledger did not measure them */
  provenanceSources: ProvenanceSource[];
  service: { slug: string; name: string; nameEn: string; operator: string; operatorEn: string };
  function: { key: string; name: string; nameEn: string };
  timeZone: string;
  startedAt: string;
  confirmedAt: string | null;
  endedAt: string | null;
  ongoing: boolean;
  /** downtime: start to end (while unresolved: to now, at most to the last result) less the unmeasured time */
  durationSec: number;
  /** time inside the outage the monitor did not measure: never downtime */
  unmeasuredSec: number;
  /** while unresolved: the end of what the results cover so far */
  measuredUntil: string | null;
  failures: number;
  errorClass: string | null;
  message: string | null;
  sources: IncidentSource[];
  timeline: TimelineEvent[];
  /** status changes left out of the timeline to keep it readable */
  timelineOmitted: number;
  evidence: { head: OutageResultRow[]; tail: OutageResultRow[]; total: number; pruned: boolean };
  /** the first and the latest failing run that kept evidence (one entry when they are the same run) */
  failureEvidence: FailureEvidence[];
  probes: ProbeView[];
  generatedAt: string;
};

/** Results shown in full below this many; above it the first and last EVIDENCE_EDGE. */
export const EVIDENCE_CAP = 200;
const EVIDENCE_EDGE = EVIDENCE_CAP / 2;
/** Status changes listed in the timeline; the rest are in the evidence table. */
export const TIMELINE_CHANGES = 30;
/** Results read to build the timeline: bounds the work for a very long outage at a short interval. */
const TIMELINE_SCAN = 50_000;
const DEFAULT_TZ = "Asia/Seoul";

type Run = { probeId: number; at: Date; intervalSec: number; state: string; httpStatus: number | null; errorClass: string | null; message: string | null; latencyMs: number | null };
type LinkRow = { kind: string; step: string | null; hash: string; evidence: { mediaType: string; size: number } };

const EVIDENCE_SELECT = { select: { kind: true, step: true, hash: true, evidence: { select: { mediaType: true, size: true } } }, orderBy: { kind: "asc" } } as const;
const toLink = (e: LinkRow): EvidenceLink => ({ hash: e.hash, kind: e.kind, step: e.step, mediaType: e.evidence.mediaType, size: e.evidence.size });
/** Text blobs larger than this are linked, not shown inline. */
const EXCERPT_MAX = 65_536;

/** `evidenceDir` is where blobs are read from for the inline excerpts; without it only links are given. */
export async function getOutageDetail(db: Db, id: number, now: Date, opts: { evidenceDir?: string | null } = {}): Promise<OutageDetail | null> {
  const o = await db.outage.findUnique({
    where: { id },
    include: {
      service: { select: { slug: true, name: true, nameEn: true, operator: true, operatorEn: true, accounting: true, contracts: { select: { timeZone: true }, orderBy: { termStart: "desc" }, take: 1 } } },
      function: { select: { key: true, name: true, nameEn: true, probes: { include: { location: true } } } },
    },
  });
  if (!o) return null;
  const probes = o.function.probes;
  const probeIds = probes.map((p) => p.id);
  const locationOf = new Map(probes.map((p) => [p.id, p.location.key]));
  // The resolving run sits exactly at endedAt: include it.
  const window = { gte: o.startedAt, lte: o.endedAt ?? now };
  const where = { probeId: { in: probeIds }, at: window };
  const select = { probeId: true, at: true, intervalSec: true, state: true, httpStatus: true, errorClass: true, message: true, latencyMs: true, evidence: EVIDENCE_SELECT } as const;
  const withDetail = { where: { ...where, state: { not: "UP" }, detail: { not: null } }, select: { ...select, detail: true } } as const;

  const [total, head, tailDesc, scan, pruned, firstKept, lastKept] = await Promise.all([
    db.result.count({ where }),
    db.result.findMany({ where, select, orderBy: [{ at: "asc" }, { probeId: "asc" }], take: EVIDENCE_CAP }),
    db.result.findMany({ where, select, orderBy: [{ at: "desc" }, { probeId: "desc" }], take: EVIDENCE_EDGE }),
    o.source === "MEASURED"
      ? db.result.findMany({ where, select: { probeId: true, at: true, intervalSec: true, state: true, httpStatus: true, errorClass: true, message: true, latencyMs: true }, orderBy: [{ at: "asc" }, { probeId: "asc" }], take: TIMELINE_SCAN })
      : Promise.resolve([] as Run[]),
    // Past the evidence retention the raw results may be gone; their chain segments remain.
    db.prunedSegment.count({ where: { probeId: { in: probeIds }, firstAt: { lte: window.lte }, lastAt: { gte: window.gte } } }),
    db.result.findFirst({ ...withDetail, orderBy: [{ at: "asc" }, { probeId: "asc" }] }),
    db.result.findFirst({ ...withDetail, orderBy: [{ at: "desc" }, { probeId: "desc" }] }),
  ]);
  const row = (r: Run & { evidence: LinkRow[] }): OutageResultRow => ({
    at: r.at.toISOString(),
    location: locationOf.get(r.probeId) ?? "",
    state: r.state,
    httpStatus: r.httpStatus,
    latencyMs: r.latencyMs,
    errorClass: r.errorClass,
    message: r.message,
    evidence: r.evidence.map(toLink),
  });
  const failures: FailureEvidence[] = [];
  for (const [label, r] of [["first", firstKept], ["last", lastKept]] as const) {
    if (!r || failures.some((f) => f.at === r.at.toISOString() && f.location === (locationOf.get(r.probeId) ?? ""))) continue;
    failures.push(await failureEvidence(label, r, locationOf.get(r.probeId) ?? "", opts.evidenceDir ?? null));
  }
  const evidence =
    total <= EVIDENCE_CAP
      ? { head: head.map(row), tail: [], total, pruned: pruned > 0 }
      : { head: head.slice(0, EVIDENCE_EDGE).map(row), tail: tailDesc.reverse().map(row), total, pruned: pruned > 0 };

  const confirm = probes.length > 0 ? Math.max(...probes.map((p) => p.confirm)) : null;
  const { events, omitted } =
    o.source === "MEASURED"
      ? outageTimeline({ runs: scan, locationOf, startedAt: o.startedAt, confirmedAt: o.confirmedAt, endedAt: o.endedAt, confirm, now })
      : { events: [], omitted: 0 };

  // Show the probes that produced these results; with none, every probe of the function.
  const seen = new Set(scan.map((r) => r.probeId).concat(head.map((r) => r.probeId)));
  const shown = probes.filter((p) => seen.size === 0 || seen.has(p.id));

  const down = outageDown(o, now);
  const results = provenanceOf(o.service.accounting);
  return {
    id: o.id,
    source: o.source === "REPORTED" ? "REPORTED" : "MEASURED",
    provenance: outageProvenance(o.source, results.provenance),
    provenanceSources: results.provenanceSources,
    service: { slug: o.service.slug, name: o.service.name, nameEn: o.service.nameEn, operator: o.service.operator, operatorEn: o.service.operatorEn },
    function: { key: o.function.key, name: o.function.name, nameEn: o.function.nameEn },
    timeZone: o.service.contracts[0]?.timeZone ?? DEFAULT_TZ,
    startedAt: o.startedAt.toISOString(),
    confirmedAt: o.confirmedAt?.toISOString() ?? null,
    endedAt: o.endedAt?.toISOString() ?? null,
    ongoing: o.endedAt === null,
    durationSec: down.downSec,
    unmeasuredSec: down.unmeasuredSec,
    measuredUntil: o.endedAt === null ? (o.measuredUntil?.toISOString() ?? null) : null,
    failures: o.failures,
    errorClass: o.errorClass,
    message: o.message,
    sources: parseSources(o.sources),
    timeline: events,
    timelineOmitted: omitted,
    evidence,
    failureEvidence: failures,
    probes: shown.map((p) => probeView(p.key, p.location, p.definition, { intervalSec: p.intervalSec, timeoutMs: p.timeoutMs, confirm: p.confirm, method: "GET", url: "" })),
    generatedAt: now.toISOString(),
  };
}

async function failureEvidence(label: "first" | "last", r: Run & { detail: string | null; evidence: LinkRow[] }, location: string, dir: string | null): Promise<FailureEvidence> {
  let detail: ResultDetail | null = null;
  try {
    detail = r.detail ? (JSON.parse(r.detail) as ResultDetail) : null;
  } catch {
    // an unreadable detail still leaves the row and its links
  }
  const links = r.evidence.map(toLink);
  const textLink = links.find((l) => l.kind === "body") ?? links.find((l) => l.kind === "page") ?? null;
  let excerpt: FailureEvidence["excerpt"] = null;
  if (textLink && dir && textLink.size <= EXCERPT_MAX) {
    const bytes = await readEvidence(dir, textLink.hash);
    if (bytes) excerpt = { kind: textLink.kind, text: bytes.toString("utf8"), link: textLink };
  }
  return {
    label,
    at: r.at.toISOString(),
    location,
    state: r.state,
    httpStatus: r.httpStatus,
    errorClass: r.errorClass,
    message: r.message,
    detail,
    excerpt,
    screenshot: links.find((l) => l.kind === "screenshot") ?? null,
    har: links.find((l) => l.kind === "har") ?? null,
  };
}

/**
 * The timeline of one outage from its results, oldest first: the first failing
 * run, the confirmation, every change of result (state, HTTP status, error class)
 * per location, gaps longer than two intervals (no data), and the first correct
 * run or "ongoing". Pure, so it is tested without a database.
 */
export function outageTimeline(opts: {
  runs: Run[];
  locationOf: Map<number, string>;
  startedAt: Date;
  confirmedAt: Date | null;
  endedAt: Date | null;
  confirm: number | null;
  now: Date;
  maxChanges?: number;
}): { events: TimelineEvent[]; omitted: number } {
  const max = opts.maxChanges ?? TIMELINE_CHANGES;
  const loc = (id: number) => opts.locationOf.get(id) ?? "";
  const endMs = opts.endedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const during = opts.runs.filter((r) => r.at.getTime() >= opts.startedAt.getTime() && r.at.getTime() < endMs);
  const events: TimelineEvent[] = [];

  const first = during.find((r) => r.at.getTime() === opts.startedAt.getTime() && r.state === "DOWN") ?? during[0];
  if (first) events.push({ kind: "first_failure", at: opts.startedAt.toISOString(), location: loc(first.probeId), state: first.state, httpStatus: first.httpStatus, errorClass: first.errorClass, message: first.message });
  else events.push({ kind: "first_failure", at: opts.startedAt.toISOString(), location: "", state: "DOWN", httpStatus: null, errorClass: null, message: null });
  if (opts.confirmedAt) events.push({ kind: "confirmed", at: opts.confirmedAt.toISOString(), confirm: opts.confirm });

  const changes: TimelineEvent[] = [];
  const last = new Map<number, Run>();
  for (const r of during) {
    const prev = last.get(r.probeId);
    last.set(r.probeId, r);
    if (!prev) continue;
    const gapStart = prev.at.getTime() + prev.intervalSec * 1000;
    if (r.at.getTime() - prev.at.getTime() > 2 * prev.intervalSec * 1000) {
      changes.push({ kind: "gap", at: new Date(gapStart).toISOString(), until: r.at.toISOString(), location: loc(r.probeId) });
    }
    if (signature(prev) !== signature(r)) {
      changes.push({ kind: "change", at: r.at.toISOString(), location: loc(r.probeId), state: r.state, httpStatus: r.httpStatus, errorClass: r.errorClass, message: r.message });
    }
  }
  events.push(...changes.slice(0, max));

  if (opts.endedAt) {
    const resolving = opts.runs.find((r) => r.at.getTime() === endMs && (r.state === "UP" || r.state === "DEGRADED"));
    events.push({ kind: "resolved", at: opts.endedAt.toISOString(), location: resolving ? loc(resolving.probeId) : null, state: resolving?.state ?? null, latencyMs: resolving?.latencyMs ?? null });
  } else {
    events.push({ kind: "ongoing", at: opts.now.toISOString() });
  }
  const order: Record<TimelineEvent["kind"], number> = { first_failure: 0, gap: 1, change: 2, confirmed: 3, resolved: 4, ongoing: 5 };
  events.sort((a, b) => a.at.localeCompare(b.at) || order[a.kind] - order[b.kind]);
  return { events, omitted: Math.max(0, changes.length - max) };
}

function signature(r: Run): string {
  return `${r.state}|${r.httpStatus ?? ""}|${r.errorClass ?? ""}`;
}

/** A source of a reported incident; `citizenReports` when it is a surge of citizens' reports (worded per language on the page). */
export type IncidentSource = { title: string; url?: string; date?: string; citizenReports?: { count: number; clients: number; threshold: number } };

function parseSources(text: string): IncidentSource[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((x): x is { title: string } => typeof x === "object" && x !== null && typeof (x as { title?: unknown }).title === "string") : [];
  } catch {
    return [];
  }
}

const publicRedactor = createRedactor();

/** A URL fit to publish: no user or password, and the values of secret-looking query parameters hidden. */
export function redactUrl(raw: string): string {
  return publicRedactor.url(raw);
}

type Fallback = { intervalSec: number; timeoutMs: number; confirm: number; method: string; url: string };
type ExpectLike = Partial<HttpProbe["expect"]> | undefined;

/** A stored probe definition as the page shows it: header names only, bodies withheld. */
export function probeView(key: string, location: { key: string; name: string; nameEn: string }, definition: string, fallback: Fallback): ProbeView {
  let def: Partial<ProbeDefinition> & { kind?: string } = {};
  try {
    def = JSON.parse(definition) as typeof def;
  } catch {
    // an unreadable definition still shows what the columns say
  }
  const kind = def.kind ?? "http";
  const http = kind === "http" ? (def as Partial<HttpProbe>) : null;
  const req = http?.request;
  const exp: ExpectLike = http?.expect;
  const steps: ProbeStepView[] = [];
  if (kind === "flow") {
    const f = def as Partial<FlowProbe>;
    for (const [phase, list] of [["main", f.steps ?? []], ["cleanup", f.cleanup ?? []]] as const) {
      for (const s of list) {
        steps.push({ name: s.name, phase, action: s.request.method, target: redactUrl(s.request.url), headerNames: Object.keys(s.request.headers ?? {}).sort(), hasBody: s.request.body !== undefined && s.request.body !== null, expects: expectLines(s.expect) });
      }
    }
  } else if (kind === "browser") {
    for (const s of (def as Partial<BrowserProbe>).steps ?? []) {
      const target = s.action === "goto" ? redactUrl(s.url) : s.selector;
      const expects = s.action === "expectText" ? [`"${s.text}"`] : s.action === "waitFor" ? [s.state] : [];
      steps.push({ name: s.name, phase: "main", action: s.action, target, headerNames: [], hasBody: s.action === "fill", expects });
    }
  }
  const d = def as { host?: string; port?: number; name?: string; recordType?: string; warnDays?: number; maxLatencyMs?: number | null };
  const target = kind === "tls" ? `${d.host}:${d.port} · ${d.warnDays}` : kind === "dns" ? `${d.name} ${d.recordType}` : kind === "tcp" ? `${d.host}:${d.port}` : null;
  const headerNames = kind === "flow" ? [...new Set(steps.flatMap((s) => s.headerNames))].sort() : Object.keys(req?.headers ?? {}).sort();
  return {
    key,
    kind,
    steps,
    target,
    location: location.key,
    locationName: location.name,
    locationNameEn: location.nameEn,
    method: req?.method ?? (kind === "http" ? fallback.method : kind.toUpperCase()),
    url: req?.url ? redactUrl(req.url) : fallback.url,
    headerNames,
    hasBody: kind === "flow" ? steps.some((s) => s.hasBody) : req?.body !== undefined && req?.body !== null,
    intervalSec: fallback.intervalSec,
    timeoutMs: fallback.timeoutMs,
    confirm: fallback.confirm,
    expect: {
      status: exp?.status ?? ["2xx"],
      json: (exp?.json ?? []).map((j) => ({ path: j.path, equals: j.equals, exists: j.exists, matches: j.matches })),
      bodyContains: exp?.bodyContains ?? [],
      bodyNotContains: exp?.bodyNotContains ?? [],
      maxLatencyMs: typeof exp?.maxLatency === "number" ? exp.maxLatency : typeof d.maxLatencyMs === "number" ? d.maxLatencyMs : null,
    },
  };
}

/** A flow step's conditions in short, language-neutral notation: "201", "$.status = \"COMPLETED\"", "$.total ≥ {{before + 1000}}". */
function expectLines(e: ExpectLike): string[] {
  if (!e) return [];
  const out: string[] = [(e.status ?? ["2xx"]).join(" | ")];
  for (const j of e.json ?? []) {
    if (j.equals !== undefined) out.push(`${j.path} = ${JSON.stringify(j.equals)}`);
    else if (j.exists !== undefined) out.push(`${j.path} ${j.exists ? "∃" : "∄"}`);
    else if (j.matches !== undefined) out.push(`${j.path} ~ /${j.matches}/`);
    else {
      if (j.min !== undefined) out.push(`${j.path} ≥ ${j.min}`);
      if (j.max !== undefined) out.push(`${j.path} ≤ ${j.max}`);
    }
  }
  for (const h of e.headers ?? []) out.push(h.equals !== undefined ? `${h.name}: ${h.equals}` : h.exists !== undefined ? `${h.name} ${h.exists ? "∃" : "∄"}` : `${h.name} ~ /${h.matches}/`);
  for (const t of e.bodyContains ?? []) out.push(`∋ "${t}"`);
  for (const t of e.bodyNotContains ?? []) out.push(`∌ "${t}"`);
  if (typeof e.maxLatency === "number") out.push(`≤ ${e.maxLatency} ms`);
  return out;
}
