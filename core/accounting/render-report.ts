import { csvRow } from "../csv";
import { formatDurationCompact } from "../duration";
import { formatDateTime, formatKrw, formatKrwKorean, formatPercent } from "../format";
import type { PeriodFigures } from "./availability";
import type { ServiceReport } from "./report-types";
import { PROVENANCE_LABEL, sourceText, type Provenance } from "../provenance";

// The outage table's source column: never "measured" for what the ledger did not measure.
const OUTAGE_SOURCE: Record<Provenance, string> = { MEASURED: "측정 (MEASURED)", RECONSTRUCTED: "재구성 (RECONSTRUCTED)", REPORTED: "제보·보도 (REPORTED)" };

/** A report as CSV: one row per figure, money line, flag and total, with its clause and formula. */
export function reportToCsv(r: ServiceReport): string {
  const rows: (string | number | null)[][] = [["section", "key", "value", "amount_krw", "clause", "formula"]];
  // First, so no figure below is read without knowing whether it was measured.
  rows.push(["provenance", "results", r.provenance, null, PROVENANCE_LABEL[r.provenance], null]);
  for (const s of r.provenanceSources) rows.push(["provenance", "source", sourceText(s), null, null, null]);
  rows.push(["report", "as_of", r.period.asOf, null, null, r.period.partial ? "month in progress: figures may change" : null]);
  const figures = (prefix: string, f: PeriodFigures) => {
    for (const k of ["periodSec", "downtimeSec", "excusedSec", "noDataSec", "unknownSec", "eligibleSec", "coverage", "availability"] as const)
      rows.push(["figure", `${prefix}.${k}`, f[k], null, null, null]);
  };
  figures("service", r.serviceFigures);
  for (const fn of r.functions) figures(`function.${fn.key}`, fn.figures);
  rows.push(["fee", "period_fee", null, r.fee.amountKrw, null, r.fee.formula]);
  for (const m of r.money) rows.push([m.illustrative ? "money_illustrative" : "money", m.ruleId, m.kind, m.amountKrw, m.clause, m.formula]);
  for (const f of r.flags) rows.push(["flag", f.ruleId, f.triggered ? "TRIGGERED" : "not triggered", null, f.clause, f.formula]);
  if (r.whatIf) for (const m of r.whatIf.money) rows.push(["what_if", m.ruleId, m.kind, m.amountKrw, m.clause, m.formula]);
  rows.push(["total", "total_krw", "truncated below 1 won", r.totalKrw, null, null]);
  rows.push(["total", "illustrative_total_krw", "not owed: terms not stated in the contract", r.illustrativeTotalKrw, null, null]);
  return rows.map(csvRow).join("");
}

/** A report as Markdown, Korean first with English beside, for printing or pasting into minutes. */
export function reportToMarkdown(r: ServiceReport): string {
  const f = r.serviceFigures;
  const pct = (x: number | null) => (x === null ? "—" : formatPercent(x));
  const out: string[] = [];
  out.push(`# ${r.service.name} · ${r.period.month} SLA 보고서 (SLA report)`);
  out.push("");
  if (r.provenance !== "MEASURED") {
    out.push(
      `> **${PROVENANCE_LABEL[r.provenance]}** — 이 보고서의 수치는 이 원장이 측정한 값이 아닙니다. The figures below are not measurements by this ledger.`,
    );
    for (const s of r.provenanceSources) out.push(`> 출처 (source): ${sourceText(s)}`);
    out.push("");
  }
  out.push(
    `- 계약 (contract): ${r.contract.title} — ${r.contract.operator}, ${formatKrw(r.contract.amountKrw, "ko")} (${formatKrwKorean(r.contract.amountKrw)}), ${r.contract.termStart} ~ ${r.contract.termEnd}`,
  );
  out.push(`- 기간 (period): ${r.period.month}, ${r.period.timeZone}${r.period.partial ? " — 진행 중 (partial)" : ""}`);
  // The instant the figures are as of (docs/methodology.md, "As of"), in the contract's time zone with its name.
  out.push(`- 기준 시각 (as of): ${formatDateTime(new Date(r.period.asOf), "en", r.period.timeZone, true)}`);
  out.push(`- 적용 규정 (rules in force): ${r.ruleset ? `${r.ruleset.effectiveFrom}${r.ruleset.label ? ` ${r.ruleset.label}` : ""}` : "없음 (none)"}`);
  out.push(`- 월 대가 (period fee): ${formatKrw(r.fee.amountKrw, "ko")} — ${r.fee.formulaKo}`);
  out.push("");
  out.push("## 가용률 (availability)");
  out.push("");
  out.push(
    "| 대상 (scope) | 가용률 (availability) | 장애 (down) | 면책 (excused) | 데이터 없음 (no data) | 측정 불가 (unknown) | 대상 시간 (eligible) | 측정률 (coverage) |",
  );
  out.push("|---|---|---|---|---|---|---|---|");
  const row = (name: string, x: PeriodFigures) =>
    out.push(
      `| ${name} | ${pct(x.availability)} | ${x.downtimeSec} s (${formatDurationCompact(x.downtimeSec * 1000)}) | ${x.excusedSec} s | ${x.noDataSec} s | ${x.unknownSec} s | ${x.eligibleSec} s | ${pct(x.coverage)} |`,
    );
  row("서비스 (service)", f);
  for (const fn of r.functions) row(`${fn.name} (${fn.nameEn})`, fn.figures);
  out.push("");
  out.push("## 금액 (money owed)");
  out.push("");
  if (r.money.length === 0) out.push("해당 없음 (none).");
  for (const m of r.money) {
    out.push(
      `### ${m.ruleId} — ${formatKrw(m.amountKrw, "ko")}${m.illustrative ? " (예시: 계약에 명시되지 않음 · illustrative)" : ""}${m.accruing ? " (누적 중 · accruing)" : ""}`,
    );
    out.push("");
    out.push(`- 조항 (clause): ${m.clause}`);
    out.push(`- 계산 (formula): ${m.formulaKo}`);
    out.push(`- Formula: ${m.formula}`);
    for (const [k, v] of Object.entries(m.inputs)) if (v !== null && v !== "") out.push(`- ${k}: ${v}`);
    out.push("");
  }
  out.push(
    `**합계 (total): ${formatKrw(r.totalKrw, "ko")} (${formatKrwKorean(r.totalKrw)})** — 1원 미만 절사 (truncated below 1 won)${r.illustrativeTotalKrw ? `; 예시 규정 합계 (illustrative, not owed): ${formatKrw(r.illustrativeTotalKrw, "ko")}` : ""}`,
  );
  out.push("");
  if (r.flags.length > 0) {
    out.push("## 중대 장애 요건 (critical failure)");
    out.push("");
    for (const fl of r.flags)
      out.push(`- ${fl.ruleId}: ${fl.triggered ? "**충족 (TRIGGERED)**" : "해당 없음 (not triggered)"} — ${fl.formulaKo} — ${fl.clause}`);
    out.push("");
  }
  if (r.whatIf) {
    out.push(`## 변경안 비교 (what-if): ${r.whatIf.label}`);
    out.push("");
    for (const m of r.whatIf.money) out.push(`- ${m.ruleId}: ${formatKrw(m.amountKrw, "ko")} — ${m.formulaKo}`);
    out.push(`- 합계 (total): ${formatKrw(r.whatIf.totalKrw, "ko")} (현행 ${formatKrw(r.totalKrw, "ko")})`);
    out.push("");
  }
  out.push("## 장애 목록 (outages)");
  out.push("");
  if (r.outages.length === 0) out.push("없음 (none).");
  else {
    const tz = r.period.timeZone;
    out.push("장애는 달을 넘어도 하나로 판단합니다. 복구 시간 금액은 장애가 끝난 달에 한 번만 정산합니다.");
    out.push("");
    out.push(`| 출처 (source) | 기능 (functions) | 시작 (start, ${tz}) | 종료 (end, ${tz}) | 장애 시간 (downtime) | 이 달 몫 (in this month) |`);
    out.push("|---|---|---|---|---|---|");
    for (const o of r.outages) {
      const end = o.end ? formatDateTime(new Date(o.end), "ko", tz) : "진행 중 (ongoing)";
      out.push(
        `| ${OUTAGE_SOURCE[o.provenance]} | ${o.level === "service" ? "서비스 전체: " : ""}${o.functions.join(", ")} | ${formatDateTime(new Date(o.start), "ko", tz)} | ${end} | ${formatDurationCompact(o.downtimeSec * 1000)} | ${formatDurationCompact(o.periodDowntimeSec * 1000)}${o.belongsTo === "later" ? " (끝난 달에 정산)" : o.belongsTo === "earlier" ? " (앞 달에 정산)" : ""} |`,
      );
    }
  }
  out.push("");
  if (r.excused.length > 0) {
    out.push("## 면책 검토 (excused time)");
    out.push("");
    for (const e of r.excused)
      out.push(
        `- ${e.id} (${e.kind}) ${formatDateTime(new Date(e.start), "ko", r.period.timeZone)} → ${formatDateTime(new Date(e.end), "ko", r.period.timeZone)}: ${e.excused ? "면책 (excused)" : "면책 안 됨 (not excused)"} — ${e.whyKo === e.why ? e.why : `${e.whyKo} (${e.why})`}`,
      );
    out.push("");
  }
  if (r.warnings.length > 0) {
    out.push("## 주의 (warnings)");
    out.push("");
    for (const w of r.warnings) out.push(`- ${w}`);
    out.push("");
  }
  out.push("## 산정 방법 (methodology)");
  out.push("");
  for (const m of r.methodologyKo) out.push(`- ${m}`);
  out.push("");
  return out.join("\n");
}
