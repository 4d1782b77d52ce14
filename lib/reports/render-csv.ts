import type { ServiceReport } from "@/core/accounting/report-types";
import { csvRow } from "@/core/csv";
import { formatDateTime } from "@/core/format";
import { sourceText } from "@/core/provenance";
import { t, type Lang } from "@/lib/i18n";
import { durationText, formatNote, formatValue, inputLabel, percentRule, percentText, textContext } from "@/lib/i18n/report-text";

const HEAD: Record<Lang, string[]> = {
  ko: ["구분", "키", "값", "금액(원)", "조항", "계산", "입력값"],
  en: ["section", "key", "value", "amount_krw", "clause", "formula", "inputs"],
};

const SECTION: Record<Lang, Record<string, string>> = {
  ko: {
    provenance: "출처",
    report: "보고서",
    figure: "수치",
    fee: "월 대가",
    money: "금액",
    money_illustrative: "예시 금액",
    flag: "중대 장애",
    what_if: "변경안",
    outage: "장애",
    blip: "일시 오류",
    total: "합계",
    note: "참고",
  },
  en: {
    provenance: "provenance",
    report: "report",
    figure: "figure",
    fee: "fee",
    money: "money",
    money_illustrative: "money_illustrative",
    flag: "flag",
    what_if: "what_if",
    outage: "outage",
    blip: "blip",
    total: "total",
    note: "note",
  },
};

/**
 * A report as CSV in one language: one row per figure, money line (with its inputs), flag, outage, blip and
 * total. The key column holds stable machine keys in both languages; the amount column integer KRW; the
 * other cells are words and values of the document's language (instants in the contract's time zone).
 */
export function reportToCsv(r: ServiceReport, lang: Lang = "ko"): string {
  const m = t(lang);
  const c = m.council;
  const x = textContext(r, lang);
  const ko = lang === "ko";
  const s = SECTION[lang];
  const rows: (string | number | null)[][] = [HEAD[lang]];
  const when = (iso: string) => formatDateTime(new Date(iso), lang, r.period.timeZone);
  // First, so no figure below is read without knowing whether it was measured.
  rows.push([s.provenance!, "results", m.sourceLabel[r.provenance], null, null, null, null]);
  for (const src of r.provenanceSources) rows.push([s.provenance!, "source", sourceText(src), null, null, null, null]);
  rows.push([
    s.report!,
    "as_of",
    formatDateTime(new Date(r.period.asOf), lang, r.period.timeZone, true),
    null,
    null,
    null,
    r.period.partial ? c.partial(when(r.period.asOf)) : null,
  ]);
  const figures = (prefix: string, f: ServiceReport["serviceFigures"]) => {
    for (const k of ["periodSec", "downtimeSec", "excusedSec", "noDataSec", "unknownSec", "eligibleSec"] as const)
      rows.push([s.figure!, `${prefix}.${k}`, `${durationText(f[k] * 1000, lang)} (${f[k]}${ko ? "초" : " s"})`, null, null, null, null]);
    rows.push([s.figure!, `${prefix}.coverage`, percentText(f.coverage), null, null, null, null]);
    rows.push([s.figure!, `${prefix}.availability`, f.availability === null ? "—" : percentText(f.availability), null, null, null, null]);
  };
  figures("service", r.serviceFigures);
  for (const fn of r.functions) figures(`function.${fn.key}`, fn.figures);
  rows.push([s.fee!, "period_fee", null, r.fee.amountKrw, null, ko ? r.fee.formulaKo : r.fee.formula, null]);
  const inputs = (line: ServiceReport["money"][number] | ServiceReport["flags"][number]) =>
    Object.entries(line.inputs)
      .map(([k, v]) => `${inputLabel(k, lang)}: ${formatValue(v, x)}`)
      .join(" | ");
  for (const line of r.money) {
    const verdict = line.breached ? c.breached : c.notBreached;
    rows.push([
      line.illustrative ? s.money_illustrative! : s.money!,
      line.ruleId,
      `${c.kinds[line.kind] ?? line.kind}: ${verdict}`,
      line.amountKrw,
      line.clause,
      ko ? line.formulaKo : line.formula,
      inputs(line),
    ]);
  }
  for (const f of r.flags)
    rows.push([s.flag!, f.ruleId, f.triggered ? c.flagTriggered : c.flagNotTriggered, null, f.clause, ko ? f.formulaKo : f.formula, inputs(f)]);
  if (r.whatIf)
    for (const w of r.whatIf.money)
      rows.push([s.what_if!, w.ruleId, c.kinds[w.kind] ?? w.kind, w.amountKrw, w.clause, ko ? w.formulaKo : w.formula, inputs(w)]);
  for (const o of r.outages) {
    const excused = o.excusedBy.map((e) => `${c.excusedKinds[e.kind] ?? e.kind} ${e.id}`).join(", ");
    rows.push([
      s.outage!,
      o.functions.join("+"),
      `${o.functions.map(x.fnName).join(", ")}: ${when(o.start)} – ${o.end ? when(o.end) : m.ongoing}, ${durationText(o.downtimeSec * 1000, lang)}${excused ? `; ${c.excusedOutage(excused)}` : ""}`,
      null,
      null,
      null,
      null,
    ]);
  }
  for (const b of r.blips)
    rows.push([s.blip!, b.functionKey, c.blipLine(x.fnName(b.functionKey), b.location, when(b.start), b.failures), null, null, null, null]);
  for (const w of r.warnings) rows.push([c.warningsLabel, w.code, formatNote(w, x), null, null, null, null]);
  rows.push([s.total!, "total_krw", c.owedNote, r.totalKrw, null, null, null]);
  rows.push([s.total!, "illustrative_total_krw", c.illustrative, r.illustrativeTotalKrw, null, null, null]);
  rows.push([s.note!, "percent_rule", percentRule(lang), null, null, null, null]);
  return rows.map(csvRow).join("");
}
