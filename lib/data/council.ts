import { addMonths, formatMonth, type Month } from "@/core/accounting/periods";
import type { ResultsProvenance } from "@/core/provenance";
import { provenanceOf } from "./services";
import type { ServiceReport } from "@/core/accounting/report-types";
import type { ContractConfig } from "@/core/config/contract-schema";
import { localParts } from "@/core/time-zone";
import type { Db } from "@/lib/db";
import { ReportError, serviceReport } from "@/lib/reports/service-report";

/**
 * The council pages' data: the monthly report from lib/reports (the one source of
 * every figure) plus what the pages need around it: which months exist to move to,
 * and a year of months side by side.
 */

const DEFAULT_TZ = "Asia/Seoul";

export type CouncilMonth =
  | { kind: "report"; report: ServiceReport; prev: string | null; next: string | null }
  | { kind: "unavailable"; reason: "no_contract" | "not_begun"; month: string; service: { slug: string; name: string; nameEn: string }; prev: string | null; next: string | null };

type Term = { start: string; end: string; timeZone: string };

/** The contract terms of a service as YYYY-MM bounds, oldest first; null when the service does not exist. */
async function serviceTerms(db: Db, slug: string): Promise<{ service: { slug: string; name: string; nameEn: string }; terms: Term[]; results: ResultsProvenance } | null> {
  const s = await db.service.findUnique({
    where: { slug },
    select: { slug: true, name: true, nameEn: true, accounting: true, contracts: { select: { definition: true } } },
  });
  if (!s) return null;
  const terms = s.contracts
    .map((c) => JSON.parse(c.definition) as ContractConfig)
    .map((c) => ({ start: c.term.start.slice(0, 7), end: c.term.end.slice(0, 7), timeZone: c.timeZone ?? DEFAULT_TZ }))
    .sort((a, b) => a.start.localeCompare(b.start));
  return { service: { slug: s.slug, name: s.name, nameEn: s.nameEn }, terms, results: provenanceOf(s.accounting) };
}

/** The calendar month an instant falls in, in a time zone. */
export function monthOf(at: Date, timeZone: string): Month {
  const p = localParts(at, timeZone);
  return { year: p.year, month: p.month };
}

function inTerms(m: string, terms: Term[]): boolean {
  return terms.some((t) => t.start <= m && m <= t.end);
}

/** The nearest month before/after `m` that is inside a contract term and has begun. */
function neighbour(m: Month, step: 1 | -1, terms: Term[], current: string): string | null {
  if (terms.length === 0) return null;
  const first = terms[0]!.start;
  const last = terms.map((t) => t.end).sort().at(-1)!;
  let x = addMonths(m, step);
  for (let i = 0; i < 240; i++, x = addMonths(x, step)) {
    const s = formatMonth(x);
    if (s < first || s > last) return null;
    // moving back from a future month skips ahead to the months that have begun
    if (s > current) {
      if (step === 1) return null;
      continue;
    }
    if (inTerms(s, terms)) return s;
  }
  return null;
}

/** One month's council report, with the neighbouring months; null when the service does not exist. */
export async function councilMonth(db: Db, slug: string, month: Month, asOf: Date): Promise<CouncilMonth | null> {
  const info = await serviceTerms(db, slug);
  if (!info) return null;
  const current = formatMonth(monthOf(asOf, info.terms[0]?.timeZone ?? DEFAULT_TZ));
  const prev = neighbour(month, -1, info.terms, current);
  const next = neighbour(month, 1, info.terms, current);
  try {
    const report = await serviceReport(db, slug, month, asOf);
    return { kind: "report", report, prev, next };
  } catch (err) {
    if (err instanceof ReportError && err.code === "not_found") return null;
    if (err instanceof ReportError) return { kind: "unavailable", reason: err.code === "not_begun" ? "not_begun" : "no_contract", month: formatMonth(month), service: info.service, prev, next };
    throw err;
  }
}

export type YearRow =
  | {
      month: string;
      status: "report";
      availability: number | null;
      coverage: number;
      partial: boolean;
      /** money rules whose condition was met, with whether each is illustrative */
      breaches: { ruleId: string; kind: string; illustrative: boolean }[];
      flagsTriggered: { ruleId: string; illustrative: boolean }[];
      totalKrw: number;
      illustrativeTotalKrw: number;
    }
  | { month: string; status: "outside_term" | "future" };

export type CouncilYear = {
  service: { slug: string; name: string; nameEn: string };
  /** where the results behind every row come from */
  results: ResultsProvenance;
  year: number;
  timeZone: string;
  rows: YearRow[];
  totalKrw: number;
  illustrativeTotalKrw: number;
  prevYear: number | null;
  nextYear: number | null;
};

/**
 * Twelve months of a year. Months outside every contract term, or not yet begun,
 * are rows of their own rather than errors. Reports run one after another so a
 * year costs the memory of one month at a time.
 */
export async function councilYear(db: Db, slug: string, year: number, asOf: Date): Promise<CouncilYear | null> {
  const info = await serviceTerms(db, slug);
  if (!info) return null;
  const timeZone = info.terms[0]?.timeZone ?? DEFAULT_TZ;
  const current = formatMonth(monthOf(asOf, timeZone));
  const rows: YearRow[] = [];
  for (let mo = 1; mo <= 12; mo++) {
    const m: Month = { year, month: mo };
    const key = formatMonth(m);
    if (key > current) {
      rows.push({ month: key, status: "future" });
      continue;
    }
    if (!inTerms(key, info.terms)) {
      rows.push({ month: key, status: "outside_term" });
      continue;
    }
    try {
      rows.push(yearRow(await serviceReport(db, slug, m, asOf)));
    } catch (err) {
      if (err instanceof ReportError) rows.push({ month: key, status: err.code === "not_begun" ? "future" : "outside_term" });
      else throw err;
    }
  }
  const years = info.terms.flatMap((t) => [Number(t.start.slice(0, 4)), Number(t.end.slice(0, 4))]);
  const firstYear = Math.min(...years);
  const lastYear = Math.min(Math.max(...years), Number(current.slice(0, 4)));
  const reports = rows.filter((r) => r.status === "report");
  return {
    service: info.service,
    results: info.results,
    year,
    timeZone,
    rows,
    totalKrw: reports.reduce((a, r) => a + r.totalKrw, 0),
    illustrativeTotalKrw: reports.reduce((a, r) => a + r.illustrativeTotalKrw, 0),
    prevYear: info.terms.length > 0 && year - 1 >= firstYear ? year - 1 : null,
    nextYear: info.terms.length > 0 && year + 1 <= lastYear ? year + 1 : null,
  };
}

export function yearRow(r: ServiceReport): YearRow {
  return {
    month: r.period.month,
    status: "report",
    availability: r.serviceFigures.availability,
    coverage: r.serviceFigures.coverage,
    partial: r.period.partial,
    breaches: r.money.filter((m) => m.breached).map((m) => ({ ruleId: m.ruleId, kind: m.kind, illustrative: m.illustrative })),
    flagsTriggered: r.flags.filter((f) => f.triggered).map((f) => ({ ruleId: f.ruleId, illustrative: f.illustrative })),
    totalKrw: r.totalKrw,
    illustrativeTotalKrw: r.illustrativeTotalKrw,
  };
}

/**
 * The council links of the service page: this month (in progress) and the last
 * complete month, each only when inside the contract term. Term bounds are the
 * stored half-open instants [termStart, termEnd).
 */
export function councilLinks(term: { termStart: string; termEnd: string }, now: Date, timeZone: string): { current: string | null; lastComplete: string | null; termEnded: boolean; year: number | null } {
  const first = formatMonth(monthOf(new Date(term.termStart), timeZone));
  const last = formatMonth(monthOf(new Date(Date.parse(term.termEnd) - 1), timeZone));
  const cur = monthOf(now, timeZone);
  const current = formatMonth(cur);
  const previous = formatMonth(addMonths(cur, -1));
  const inside = (m: string) => first <= m && m <= last;
  const lastComplete = inside(previous) ? previous : current > last ? last : null;
  return {
    current: inside(current) ? current : null,
    lastComplete,
    termEnded: current > last,
    year: inside(current) ? cur.year : lastComplete ? Number(lastComplete.slice(0, 4)) : null,
  };
}

/** The month a bare /council link opens: this month inside a term, else the last month of the latest past term. */
export async function defaultCouncilMonth(db: Db, slug: string, now: Date): Promise<string | null> {
  const info = await serviceTerms(db, slug);
  if (!info || info.terms.length === 0) return null;
  const current = formatMonth(monthOf(now, info.terms[0]!.timeZone));
  if (inTerms(current, info.terms)) return current;
  const past = info.terms.filter((t) => t.end < current).map((t) => t.end).sort();
  return past.at(-1) ?? null;
}
