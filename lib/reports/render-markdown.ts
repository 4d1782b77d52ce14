import type { PeriodFigures } from "@/core/accounting/availability";
import type { ServiceReport } from "@/core/accounting/report-types";
import { formatDateTime, formatKrw } from "@/core/format";
import { sourceText } from "@/core/provenance";
import { t, type Lang } from "@/lib/i18n";
import {
  durationText,
  formatNote,
  formatValue,
  inputLabel,
  krwText,
  percentRule,
  percentText,
  textContext,
  toDateLines,
  valueLines,
} from "@/lib/i18n/report-text";

/**
 * A report as Markdown in one language (`ledger report --format markdown --lang ko|en`), for printing or
 * pasting into minutes. The words are the council page's (lib/i18n), the values go through the one
 * report formatter, so the markdown and the page show the same figures.
 */
export function reportToMarkdown(r: ServiceReport, lang: Lang = "ko"): string {
  const m = t(lang);
  const c = m.council;
  const x = textContext(r, lang);
  const ko = lang === "ko";
  const tz = r.period.timeZone;
  const when = (iso: string) => formatDateTime(new Date(iso), lang, tz);
  const pct = (v: number | null) => (v === null ? "—" : percentText(v));
  const out: string[] = [];
  const name = ko ? r.service.name : r.service.nameEn;
  out.push(`# ${c.pageTitle(name, c.monthLabel(Number(r.period.month.slice(0, 4)), Number(r.period.month.slice(5, 7))))}`, "");
  if (r.provenance !== "MEASURED") {
    const notice = m.provenanceNotice[r.provenance];
    out.push(`> **${notice.title}** — ${notice.body}`);
    for (const s of r.provenanceSources) out.push(`> ${m.provenanceSources}: ${sourceText(s)}`);
    out.push("");
  }
  out.push(`- ${m.contractTitle}: ${r.contract.title} — ${r.contract.operator}, ${krwText(r.contract.amountKrw, lang)}`);
  out.push(
    `- ${m.contractTerm}: ${formatValue({ type: "date", date: r.contract.termStart }, x)} ${m.termTo} ${formatValue({ type: "date", date: r.contract.termEnd }, x)}`,
  );
  out.push(
    `- ${c.period}: ${when(r.period.start)} – ${when(r.period.end)} (${c.periodRange})${r.period.partial ? ` — ${c.partial(when(r.period.asOf))}` : ""}`,
  );
  // The instant the figures are as of (docs/methodology.md, "As of"): a closed month's is the instant they settled.
  out.push(`- ${c.asOfLabel}: ${formatDateTime(new Date(r.period.asOf), lang, tz, true)}`);
  out.push(
    `- ${c.rulesInForce}: ${r.ruleset ? c.rulesInForceValue(formatValue({ type: "date", date: r.ruleset.effectiveFrom }, x), r.ruleset.label) : c.noRuleset}`,
  );
  out.push(`- ${c.fee}: ${krwText(r.fee.amountKrw, lang)} — ${ko ? r.fee.formulaKo : r.fee.formula}`);
  out.push("");

  out.push(`## ${c.availabilityHeading}`, "", c.availabilityIntro, "", percentRule(lang), "");
  out.push(
    `| ${c.colScope} | ${m.colAvailability} | ${m.colDowntime} | ${c.colExcused} | ${c.colNoData} | ${c.colUnknown} | ${c.colEligible} | ${c.colCoverage} |`,
  );
  out.push("|---|---|---|---|---|---|---|---|");
  const sec = (s: number) => durationText(s * 1000, lang);
  const row = (label: string, f: PeriodFigures) =>
    out.push(
      `| ${label} | ${pct(f.availability)} | ${sec(f.downtimeSec)} | ${sec(f.excusedSec)} | ${sec(f.noDataSec)} | ${sec(f.unknownSec)} | ${sec(f.eligibleSec)} | ${pct(f.coverage)} |`,
    );
  row(c.serviceRow, r.serviceFigures);
  for (const fn of r.functions) row(ko ? fn.name : fn.nameEn, fn.figures);
  out.push("");

  out.push(`## ${c.rulesHeading}`, "");
  if (r.money.length === 0) out.push(c.noRules, "");
  for (const line of r.money) {
    const badges = [line.illustrative ? c.illustrative : null, line.accruing ? c.accruing : null].filter(Boolean);
    out.push(
      `### ${c.kinds[line.kind] ?? line.kind} \`${line.ruleId}\` — ${krwText(line.amountKrw, lang)}${badges.length ? ` (${badges.join(", ")})` : ""}`,
      "",
    );
    out.push(`- ${c.verdictLabel}: ${line.breached ? c.breached : c.notBreached}`);
    out.push(`- ${c.clauseLabel}: ${line.clause}`);
    out.push(`- ${c.formulaLabel}: ${ko ? line.formulaKo : line.formula}`);
    for (const [k, v] of Object.entries(line.inputs)) {
      const lines = v.type === "list" && k === "outages" ? valueLines(v, x) : null;
      if (lines) {
        out.push(`- ${inputLabel(k, lang)}:${lines.length === 0 ? ` ${ko ? "없음" : "none"}` : ""}`);
        for (const l of lines) out.push(`  - ${l}`);
      } else out.push(`- ${inputLabel(k, lang)}: ${formatValue(v, x)}`);
    }
    const toDate = toDateLines(line, x);
    if (toDate.length > 0) {
      out.push("", `#### ${c.toDateHeading}`, "");
      for (const l of toDate) out.push(`- ${l.label}: ${l.value}`);
    }
    for (const w of line.warnings) out.push(`- ${c.warningsLabel}: ${formatNote(w, x)}`);
    out.push("");
  }
  out.push(
    `**${c.owed}: ${krwText(r.totalKrw, lang)}** — ${c.owedNote}${r.illustrativeTotalKrw ? `; ${c.illustrativeTotal(formatKrw(r.illustrativeTotalKrw, lang))}` : ""}`,
    "",
  );
  if (r.flags.length > 0) {
    out.push(`## ${c.flags}`, "");
    for (const f of r.flags)
      out.push(`- \`${f.ruleId}\`: **${f.triggered ? c.flagTriggered : c.flagNotTriggered}** — ${ko ? f.formulaKo : f.formula} — ${f.clause}`);
    out.push("");
  }
  if (r.whatIf) {
    out.push(`## ${c.whatIfHeading}`, "", c.whatIfIntro(r.whatIf.label), "");
    for (const w of r.whatIf.money) out.push(`- \`${w.ruleId}\`: ${krwText(w.amountKrw, lang)} — ${ko ? w.formulaKo : w.formula}`);
    out.push(`- ${c.whatIfTotal}: ${krwText(r.whatIf.totalKrw, lang)} (${c.currentTotal} ${krwText(r.totalKrw, lang)})`, "");
  }

  out.push(`## ${c.outagesHeading}`, "");
  if (r.outages.length === 0) out.push(c.noMeasured);
  else {
    out.push(c.wholeOutagesNote, "");
    out.push(`| ${m.colSource} | ${c.colFunctions} | ${m.colStart} | ${m.colEnd} | ${c.colDowntime} | ${c.colPeriodDowntime} | ${c.colExcused} |`);
    out.push("|---|---|---|---|---|---|---|");
    for (const o of r.outages) {
      const priced = o.belongsTo === "later" ? ` (${c.pricedLater})` : o.belongsTo === "earlier" ? ` (${c.pricedEarlier})` : "";
      const fns = `${o.level === "service" ? `${c.serviceLevel}: ` : ""}${o.functions.map(x.fnName).join(", ")}`;
      const excused =
        o.excusedBy.length === 0 ? "—" : `${sec(o.excusedSec)}: ${o.excusedBy.map((e) => `${c.excusedKinds[e.kind] ?? e.kind} \`${e.id}\``).join(", ")}`;
      out.push(
        `| ${m.sourceLabel[o.provenance]} | ${fns} | ${when(o.start)} | ${o.end ? when(o.end) : m.ongoing} | ${sec(o.downtimeSec)} | ${sec(o.periodDowntimeSec)}${priced} | ${excused} |`,
      );
    }
  }
  out.push("");
  out.push(`## ${c.blipsHeading}`, "", c.blipsIntro, "");
  if (r.blips.length === 0) out.push(c.noBlips);
  else for (const b of r.blips) out.push(`- ${c.blipLine(x.fnName(b.functionKey), b.location, when(b.start), b.failures)}`);
  out.push("");
  if (r.excused.length > 0) {
    out.push(`## ${c.excusedHeading}`, "", c.excusedIntro, "");
    for (const e of r.excused)
      out.push(
        `- ${c.excusedKinds[e.kind] ?? e.kind} \`${e.id}\` ${when(e.start)} – ${when(e.end)}: ${e.excused ? c.excusedYes : c.excusedNo} — ${formatNote(e.reason, x)}`,
      );
    out.push("");
  }
  if (r.warnings.length > 0) {
    out.push(`## ${c.warningsHeading}`, "");
    for (const w of r.warnings) out.push(`- ${w.params.rule ? `\`${formatValue(w.params.rule, x)}\`: ` : ""}${formatNote(w, x)}`);
    out.push("");
  }
  out.push(`## ${c.methodologyHeading}`, "");
  for (const line of ko ? r.methodologyKo : r.methodology) out.push(`- ${line}`);
  out.push(`- ${percentRule(lang)}`, "", c.footnote, "");
  return out.join("\n");
}
