import type { ContractConfig, Rule } from "../config/contract-schema";
import { formatDurationCompact } from "../duration";
import { formatDuration } from "../format";
import { periodFigures } from "./availability";
import { combineFunctions, combineLocations, type StateTimeline } from "./combine";
import { excusedTime, type AcceptedDispute, type ForceMajeure, type Maintenance } from "./excused";
import { clip, intersect, subtract, totalMs, union, type Span } from "./intervals";
import { joinOutages } from "./join-outages";
import type { Run } from "./location-timeline";
import { reportReach, settledSpans } from "./report-reach";
import { toSegments, type RunSegment } from "./run-segments";
import { clipSegment, segmentTimelineAndBlips } from "./segment-fold";
import { formatMonth, monthsInclusive, monthWindow, parseMonth, type Month } from "./periods";
import type { BlipLine, FlagLine, MoneyLine, OutageLine, ServiceReport } from "./report-types";
import { code, date, note, type Note } from "./report-values";
import { MEASURED, type ResultsProvenance } from "../provenance";
import { krw, type OutageSpan, type RuleContext, type Scope } from "./rule-context";
import { criticalFailure } from "./rules/critical-failure";
import { delayDamages } from "./rules/delay-damages";
import { performancePool } from "./rules/performance-pool";
import { recoveryTime } from "./rules/recovery-time";
import { serviceCredit } from "./rules/service-credit";

export type ReportedIncident = {
  id: string;
  functions: string[];
  start: number;
  end: number;
  summary: string;
  sources: { title: string; url?: string; date?: string }[];
};

export type ReportInput = {
  service: {
    slug: string;
    name: string;
    nameEn: string;
    quorum: number;
    functions: { key: string; name: string; nameEn: string; critical: boolean }[];
    /** where the results come from; measured by the ledger when absent */
    provenance?: ResultsProvenance;
  };
  contract: ContractConfig;
  month: Month;
  asOf: number;
  /**
   * every run of every probe of the service in [runsFrom, runsTo): as runs, or as run segments (what pruned
   * days keep; a raw result is a segment of one run). `historyBefore`: the probe may have runs before runsFrom.
   */
  probes: ({ functionKey: string; location: string; confirm: number; historyBefore?: boolean } & ({ runs: Run[] } | { segments: RunSegment[] }))[];
  /** where the runs given begin; by default they are the whole record (from its first run) */
  runsFrom?: number;
  /** where the runs given end (never after asOf); by default asOf */
  runsTo?: number;
  maintenance: Maintenance[];
  forceMajeure: ForceMajeure[];
  /** outages an admin excused by accepting the operator's dispute, with the resolution as the reason */
  disputes?: AcceptedDispute[];
  reported: ReportedIncident[];
  latencyP95: (functions: string[], window: Span) => number | null;
};

/**
 * How far before the period the rules look: the longest rolling window (critical failure). Outages begun
 * earlier need no look-back of their own: a report reads back to where the whole service was UP
 * (core/accounting/report-reach.ts), however far that is.
 */
export function lookbackMs(contract: ContractConfig): number {
  const windows = contract.rulesets
    .flatMap((r) => r.rules)
    .concat(contract.proposed?.rules ?? [])
    .filter((r) => r.kind === "critical_failure")
    .map((r) => r.window);
  return Math.max(0, ...windows);
}

/**
 * The runs given do not reach an instant where the whole service was UP: before the period (an outage
 * may have begun earlier) or after it (an outage open at its end may end later). Read further and retry.
 */
export class IncompleteReading extends Error {
  constructor(
    readonly earlier: boolean,
    readonly later: boolean,
  ) {
    super(
      `the runs given do not reach an instant where the service was up ${earlier ? "before" : "after"} the period: read ${earlier ? "earlier" : "later"} runs`,
    );
    this.name = "IncompleteReading";
  }
}

export function periodWindow(contract: ContractConfig, month: Month): Span {
  return monthWindow(month, contract.timeZone);
}

export function periodFee(contract: ContractConfig): { feeKrw: bigint; formula: string; formulaKo: string } {
  if (contract.fee.kind === "monthly") {
    return {
      feeKrw: BigInt(contract.fee.amountKrw),
      formula: `monthly fee stated in the contract: KRW ${krw(contract.fee.amountKrw)}`,
      formulaKo: `계약서에 정한 월 대가 ${krw(contract.fee.amountKrw)}원`,
    };
  }
  const months = monthsInclusive(parseMonth(contract.term.start.slice(0, 7))!, parseMonth(contract.term.end.slice(0, 7))!);
  const fee = BigInt(contract.amountKrw) / BigInt(months);
  return {
    feeKrw: fee,
    formula: `KRW ${krw(contract.amountKrw)} ÷ ${months} months of the term (${contract.term.start} – ${contract.term.end}) = KRW ${krw(fee)}; truncated below 1 won`,
    formulaKo: `계약금액 ${krw(contract.amountKrw)}원 ÷ 계약기간 ${months}개월 = ${krw(fee)}원 (1원 미만 절사)`,
  };
}

export function buildReport(input: ReportInput, opts: { proposed?: boolean } = {}): ServiceReport {
  const { contract, month } = input;
  const full = periodWindow(contract, month);
  if (input.asOf <= full.start) throw new Error(`the period ${formatMonth(month)} has not begun`);
  const period: Span = { start: full.start, end: Math.min(full.end, input.asOf) };
  const minOutage = contract.minOutage ?? 0;
  const keys = input.service.functions.map((f) => f.key);
  const known = new Set(keys);
  const warnings: Note[] = [];
  const results = input.service.provenance ?? MEASURED;

  // Every outage is judged whole: the timelines run between two instants where the whole
  // service was UP, one at or before the earliest instant a rule looks at, one at or after
  // the period's end (or as of now for an open period). See core/accounting/report-reach.ts.
  const needFrom = period.start - lookbackMs(contract);
  const probes = input.probes.map((p) => ({ ...p, segments: "segments" in p ? [...p.segments].sort((a, b) => a.start - b.start) : runSegments(p.runs) }));
  const firstRun = Math.min(needFrom, ...probes.flatMap((p) => (p.segments.length > 0 ? [p.segments[0]!.start] : [])));
  const runsFrom = input.runsFrom ?? firstRun;
  const runsTo = Math.min(input.runsTo ?? input.asOf, input.asOf);
  const given = probes.map((p) => ({ ...p, segments: p.segments.flatMap((s) => clipSegment(s, runsFrom, runsTo)) }));
  const reportedSpans = input.reported.map((r) => ({ start: r.start, end: r.end }));
  const reachInput = {
    functions: keys,
    probes: given.map((p) => ({ functionKey: p.functionKey, segments: p.segments, historyBefore: p.historyBefore ?? false })),
    from: runsFrom,
    to: runsTo,
    reported: reportedSpans,
  };
  const reach = reportReach(reachInput, needFrom, full.end);
  const earlier = reach.start === null && given.some((p) => p.historyBefore);
  const later = reach.end === null && runsTo < input.asOf;
  if (earlier || later) throw new IncompleteReading(earlier, later);
  const extended: Span = { start: reach.start ?? runsFrom, end: reach.end ?? runsTo };
  // A closed month is final from the first instant, at or after its last, where the whole service was up.
  const upAtEnd = input.asOf >= full.end ? settledSpans(reachInput, "after").find((s) => s.end >= full.end) : undefined;
  const actualStart = contract.goLive?.actualStart ? Date.parse(contract.goLive.actualStart) : null;
  const asOf = statedAsOf(input.asOf, full.end, upAtEnd ? Math.max(full.end, upAtEnd.start + 1) : null, actualStart);
  if (extended.end < period.end) throw new Error(`the runs given end at ${iso(runsTo)}, before the period's end or as-of instant ${iso(period.end)}`);

  // Function timelines, measured only and with REPORTED incidents laid over them.
  const measured = new Map<string, StateTimeline>();
  const blips: BlipLine[] = [];
  for (const f of input.service.functions) {
    const locs = given
      .filter((p) => p.functionKey === f.key)
      .map((p) => {
        const folded = segmentTimelineAndBlips(p.segments, extended, p.confirm);
        // Blips that began in the period: failures too short to be outages, listed so a reader sees they were seen.
        for (const b of folded.blips)
          if (b.start >= period.start && b.start < period.end)
            blips.push({ functionKey: f.key, location: p.location, start: iso(b.start), end: iso(b.end), failures: b.failures });
        return folded.timeline;
      });
    measured.set(f.key, dropShortOutages(combineLocations(locs, input.service.quorum, extended), minOutage));
  }
  blips.sort((a, b) => a.start.localeCompare(b.start) || a.functionKey.localeCompare(b.functionKey));
  const withReported = new Map<string, StateTimeline>();
  for (const [key, t] of measured) {
    const rep = input.reported.filter((r) => r.functions.includes(key)).map((r) => ({ start: r.start, end: r.end }));
    withReported.set(key, overlayDown(t, clip(rep, extended)));
  }
  for (const r of input.reported)
    for (const fn of r.functions) if (!known.has(fn)) warnings.push(note("unknown_reported_function", { incident: code(r.id), function: code(fn) }));

  const notice = contract.maintenanceNotice ?? 0;
  const excused = excusedTime({ maintenance: input.maintenance, forceMajeure: input.forceMajeure, disputes: input.disputes, noticeMs: notice });
  const excusedSpans = excused.spans;
  const excusedDecisions = excused.decisions;

  const scopes = new Map<string, Scope>();
  const scope: RuleContext["scope"] = ({ functions, combine, countReported }) => {
    const chosen = functions ?? input.service.functions.filter((f) => f.critical).map((f) => f.key);
    for (const fn of chosen)
      if (!known.has(fn)) throw new Error(`a rule names function "${fn}", which ${input.service.slug} does not have (${keys.join(", ")})`);
    const cacheKey = `${chosen.join(",")}|${combine}|${countReported}`;
    let s = scopes.get(cacheKey);
    if (!s) {
      const source = countReported ? withReported : measured;
      const timeline = combineFunctions(
        chosen.map((k) => source.get(k)!),
        combine,
        extended,
      );
      s = {
        functions: chosen,
        timeline,
        figures: periodFigures(clipTimeline(timeline, period), excusedSpans),
        outages: outageSpans(timeline, excusedSpans, period, full.end, input.asOf),
      };
      scopes.set(cacheKey, s);
    }
    return s;
  };

  const fee = periodFee(contract);
  const ctx: RuleContext = {
    contract,
    amountKrw: BigInt(contract.amountKrw),
    feeKrw: fee.feeKrw,
    timeZone: contract.timeZone,
    period,
    periodEnd: full.end,
    asOf: input.asOf,
    excused: excusedSpans,
    scope,
    latencyP95: input.latencyP95,
  };

  const firstDay = `${formatMonth(month)}-01`;
  const ruleset = [...contract.rulesets].reverse().find((r) => r.effectiveFrom <= firstDay) ?? null;
  if (!ruleset) warnings.push(note("no_ruleset", { day: date(firstDay) }));
  const applied = applyRules(ruleset?.rules ?? [], ctx);
  const whatIf = contract.proposed && opts.proposed !== false ? { label: contract.proposed.label, ...applyRules(contract.proposed.rules, ctx) } : null;

  const serviceScope = scope({ combine: "any", countReported: false });
  const outages: OutageLine[] = [];
  const line = (functions: string[], level: OutageLine["level"], o: OutageSpan, t: StateTimeline): OutageLine => ({
    functions,
    level,
    source: "MEASURED",
    provenance: results.provenance,
    start: iso(o.start),
    end: o.ongoing ? null : iso(o.end),
    downtimeSec: o.downMs / 1000,
    periodDowntimeSec: totalMs(subtract(clip(t.down, { start: Math.max(o.start, period.start), end: Math.min(o.end, period.end) }), excusedSpans)) / 1000,
    excusedSec: o.excusedMs / 1000,
    belongsTo: o.belongsTo,
    excusedBy: excusedDecisions
      .filter((d) => d.excused && d.start < o.end && d.end > o.start && intersect(t.down, [{ start: d.start, end: d.end }]).length > 0)
      .map((d) => ({ id: d.id, kind: d.kind })),
  });
  const functionLines = new Set<string>();
  for (const f of input.service.functions) {
    const t = measured.get(f.key)!;
    for (const o of outageSpans(t, excusedSpans, period, full.end, input.asOf)) {
      if (o.end <= period.start || o.start >= period.end) continue;
      outages.push(line([f.key], "function", o, t));
      functionLines.add(`${o.start}-${o.end}`);
    }
  }
  // The service-level outages the figures count, where one is more than a single function's outage:
  // several critical functions failing one after another are one outage of the service.
  for (const o of serviceScope.outages) {
    if (o.end <= period.start || o.start >= period.end || functionLines.has(`${o.start}-${o.end}`)) continue;
    const down = input.service.functions
      .filter((f) => f.critical && intersect(measured.get(f.key)!.down, [{ start: o.start, end: o.end }]).length > 0)
      .map((f) => f.key);
    outages.push(line(down, "service", o, serviceScope.timeline));
  }
  for (const r of input.reported) {
    if (r.end <= period.start || r.start >= period.end) continue;
    outages.push({
      functions: r.functions,
      source: "REPORTED",
      provenance: "REPORTED",
      level: "function",
      start: iso(r.start),
      end: iso(r.end),
      downtimeSec: (r.end - r.start) / 1000,
      periodDowntimeSec: (Math.min(r.end, period.end) - Math.max(r.start, period.start)) / 1000,
      excusedSec: 0,
      excusedBy: [],
      belongsTo: r.end <= period.start ? "earlier" : r.end > full.end ? "later" : "this",
      summary: r.summary,
      sources: r.sources,
    });
  }
  outages.sort((a, b) => a.start.localeCompare(b.start));

  return {
    service: { slug: input.service.slug, name: input.service.name, nameEn: input.service.nameEn },
    provenance: results.provenance,
    provenanceSources: results.provenanceSources,
    contract: {
      key: contract.key,
      title: contract.title,
      operator: contract.operator,
      amountKrw: contract.amountKrw,
      termStart: contract.term.start,
      termEnd: contract.term.end,
      jurisdiction: contract.jurisdiction,
      contractType: contract.contractType,
    },
    period: {
      month: formatMonth(month),
      start: iso(period.start),
      end: iso(full.end),
      timeZone: contract.timeZone,
      partial: period.end < full.end,
      asOf: iso(asOf),
    },
    ruleset: ruleset ? { effectiveFrom: ruleset.effectiveFrom, label: ruleset.label ?? null } : null,
    fee: { amountKrw: Number(fee.feeKrw), formula: fee.formula, formulaKo: fee.formulaKo },
    functions: input.service.functions.map((f) => ({
      key: f.key,
      name: f.name,
      nameEn: f.nameEn,
      critical: f.critical,
      figures: periodFigures(clipTimeline(measured.get(f.key)!, period), excusedSpans),
    })),
    serviceFigures: serviceScope.figures,
    outages,
    excused: excused.decisions.filter((d) => d.end > period.start && d.start < period.end).map((d) => ({ ...d, start: iso(d.start), end: iso(d.end) })),
    blips,
    money: applied.money,
    flags: applied.flags,
    totalKrw: applied.totalKrw,
    illustrativeTotalKrw: applied.illustrativeTotalKrw,
    whatIf,
    warnings: [...warnings, ...applied.money.flatMap((m) => m.warnings.map((w) => ({ ...w, params: { rule: code(m.ruleId), ...w.params } })))],
    ...(() => {
      const m = methodology(contract, input.service.quorum, minOutage, notice);
      return { methodology: m.en, methodologyKo: m.ko };
    })(),
  };
}

function applyRules(rules: Rule[], ctx: RuleContext): { money: MoneyLine[]; flags: FlagLine[]; totalKrw: number; illustrativeTotalKrw: number } {
  const money: MoneyLine[] = [];
  const flags: FlagLine[] = [];
  for (const rule of rules) {
    switch (rule.kind) {
      case "delay_damages": {
        const line = delayDamages(rule, ctx);
        if (line) money.push(line);
        break;
      }
      case "service_credit":
        money.push(serviceCredit(rule, ctx));
        break;
      case "recovery_time":
        money.push(recoveryTime(rule, ctx));
        break;
      case "performance_pool":
        money.push(performancePool(rule, ctx));
        break;
      case "critical_failure":
        flags.push(criticalFailure(rule, ctx));
        break;
    }
  }
  const sum = (lines: MoneyLine[]) => lines.reduce((n, l) => n + l.amountKrw, 0);
  return { money, flags, totalKrw: sum(money.filter((m) => !m.illustrative)), illustrativeTotalKrw: sum(money.filter((m) => m.illustrative)) };
}

export function clipTimeline(t: StateTimeline, w: Span): StateTimeline {
  return { window: w, down: clip(t.down, w), unknown: clip(t.unknown, w), noData: clip(t.noData, w), up: clip(t.up, w) };
}

/** REPORTED downtime replaces whatever was (or was not) measured at the time. */
function overlayDown(t: StateTimeline, reported: Span[]): StateTimeline {
  if (reported.length === 0) return t;
  return {
    window: t.window,
    down: union(t.down, reported),
    unknown: subtract(t.unknown, reported),
    noData: subtract(t.noData, reported),
    up: subtract(t.up, reported),
  };
}

/**
 * Outages shorter than the contract's minimum are not downtime (e.g. "at least one consecutive minute").
 * Each outage is judged whole, on the whole timeline: its DOWN parts joined across unmeasured holes
 * (joinOutages), its measured downtime against the minimum; never a month's piece of it.
 */
function dropShortOutages(t: StateTimeline, minMs: number): StateTimeline {
  if (minMs <= 0) return t;
  const short = joinOutages(t)
    .filter((o) => o.downMs < minMs)
    .flatMap((o) => clip(t.down, { start: o.start, end: o.end }));
  if (short.length === 0) return t;
  return { ...t, down: subtract(t.down, short), up: union(t.up, short) };
}

/**
 * The report's outages: DOWN time joined across unmeasured holes (core/accounting/join-outages.ts), whole.
 * Excused time inside an outage is not its downtime but does not split it. An outage belongs to the period
 * in which it ends (its length is then final); one still open at the as-of instant belongs to the period
 * that instant is in, provisionally.
 */
function outageSpans(t: StateTimeline, excused: Span[], period: Span, periodEnd: number, asOf: number): OutageSpan[] {
  return joinOutages(t).map((o) => {
    const down = clip(t.down, { start: o.start, end: o.end });
    const ongoing = intersect([{ start: o.end, end: t.window.end }], t.up).length === 0;
    const belongsTo: OutageSpan["belongsTo"] = ongoing
      ? asOf < periodEnd
        ? "this"
        : "later"
      : o.end <= period.start
        ? "earlier"
        : o.end > periodEnd
          ? "later"
          : "this";
    return { start: o.start, end: o.end, downMs: totalMs(subtract(down, excused)), excusedMs: totalMs(intersect(down, excused)), ongoing, belongsTo };
  });
}

/**
 * The instant a report is stated to be as of (docs/methodology.md, "As of"). A closed month is as of the
 * instant its figures settled: its end when the whole service was up at its last instant, else the whole
 * second after the service was seen up again (an outage across the end is then whole). From then on
 * nothing read changes its figures, so a report read at any later instant (today, tomorrow, or asked
 * for with --as-of) is the same document. Otherwise (a month still running, an outage still open at the
 * reading) it is the instant read as of, and may still change. A go-live made after the month settled
 * (and before the reading) settles the delay damages' line then. `settledAt`: the first instant, at or
 * after the period's end, by which every outage of the month was over.
 */
export function statedAsOf(asOf: number, periodEnd: number, settledAt: number | null, goLiveStart: number | null = null): number {
  if (asOf < periodEnd || settledAt === null) return asOf;
  const settled = Math.max(settledAt, goLiveStart !== null && goLiveStart <= asOf ? goLiveStart : 0);
  return Math.min(asOf, Math.ceil(settled / 1000) * 1000);
}

/** Runs as segments: sorted, one per instant (the first of duplicates, as the fold keeps it). */
function runSegments(runs: Run[]): RunSegment[] {
  const sorted = [...runs].sort((a, b) => a.at - b.at);
  return toSegments(sorted.filter((r, i) => i === 0 || r.at > sorted[i - 1]!.at));
}

function methodology(c: ContractConfig, quorum: number, minOutage: number, notice: number): { en: string[]; ko: string[] } {
  const noticeKo = notice > 0 ? formatDuration(notice / 1000, "ko") : "0초(계약에 공지 기간 없음)";
  return {
    en: [
      `Period: calendar month in ${c.timeZone}, half-open [first day 00:00, first day of the next month 00:00).`,
      "A result at t covers [t, t + interval); a gap longer than 2 × interval is no data, never downtime.",
      "An outage starts at the first failing run of a confirmed streak and ends at the first run answering correctly; shorter streaks are blips.",
      "An outage is judged whole, over the whole record: its DOWN parts joined across unmeasured holes, held against any minimum duration as a whole, and only then cut at the period's edges for downtime and availability.",
      "Recovery time and the outage indicators price each outage once, whole, in the period in which it ends; one still open at the as-of instant is provisional (current period) or left to the period in which it ends.",
      `Locations: a function is down when at least ${quorum} location(s) with data see it down.`,
      "Availability = 1 − downtime / eligible; eligible = period − excused − unmeasured (no data and the monitor's own failures). Coverage = measured / period.",
      `Maintenance is excused only when announced at least ${notice > 0 ? formatDurationCompact(notice) : "0s (no notice rule in the contract)"} before it starts; force majeure only with a stated reason.`,
      minOutage > 0
        ? `Outages whose measured downtime, whole, is shorter than ${formatDurationCompact(minOutage)} are not counted.`
        : "Every confirmed outage counts, however short.",
      "Money is integer KRW, truncated below 1 won. Illustrative rules are shown but not added to the total.",
    ],
    ko: [
      `기간: ${c.timeZone === "Asia/Seoul" ? "한국 표준시(KST)" : c.timeZone} 달력 월, 1일 00:00부터 다음 달 1일 00:00 전까지.`,
      "시각 t의 측정 결과는 t부터 다음 측정까지(간격의 2배 안에서)를 대표합니다. 간격의 2배가 넘는 공백은 데이터 없음이며 장애 시간이 아닙니다.",
      "장애는 연속 실패가 확정된 첫 실패 측정에서 시작해 처음 정상 응답한 측정에서 끝납니다. 확정 횟수에 못 미친 짧은 실패는 일시 오류로 따로 둡니다.",
      "장애는 달이 아니라 전체 기록에서 하나로 판단합니다: 측정되지 않은 틈을 건너 이은 장애 전체를 최소 시간과 비교한 뒤에야 달의 경계에서 나누어 장애 시간과 가용률에 넣습니다.",
      "복구 시간 금액과 장애 지표는 장애가 끝난 달에 장애 전체로 한 번만 계산합니다. 기준 시각에 아직 진행 중인 장애는 잠정입니다(진행 중인 달은 지금까지로, 끝난 달은 장애가 끝나는 달로 미룸).",
      `측정 위치: 데이터가 있는 위치 중 ${quorum}곳 이상이 장애로 보면 그 기능은 장애입니다.`,
      "가용률 = 1 − 장애 시간 ÷ 대상 시간. 대상 시간 = 기간 − 면책 − 측정하지 못한 시간(데이터 없음, 감시 시스템 자체 오류). 측정률 = 측정한 시간 ÷ 기간.",
      `점검은 시작 ${noticeKo} 전까지 공지된 경우에만 면책되고, 불가항력은 이유가 적힌 경우에만 면책됩니다.`,
      minOutage > 0
        ? `측정된 장애 시간이 전체로 ${formatDuration(minOutage / 1000, "ko")}보다 짧은 장애는 세지 않습니다.`
        : "확정된 장애는 아무리 짧아도 모두 셉니다.",
      "금액은 정수 원이며 1원 미만은 절사합니다. 예시 규정은 보여 주기만 하고 합계에는 넣지 않습니다.",
    ],
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
