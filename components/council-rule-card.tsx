import type { FlagLine, MoneyLine, ServiceReport } from "@/core/accounting/report-types";
import { quotedLang } from "./quoted-text";
import type { Value } from "@/core/accounting/report-values";
import { formatKrw, formatKrwKorean } from "@/core/format";
import { t, type Lang } from "@/lib/i18n";
import { formatNote, formatValue, inputLabel, textContext, toDateLines, valueLines, type TextContext } from "@/lib/i18n/report-text";
import { Verdict } from "./council-verdict";

/**
 * One rule of the contract as a council reader checks it: target and actual,
 * breached or not, the amount, the formula, the clause and every input.
 * No next/* imports and no hooks: the council PDF renders it with react-dom/server.
 */
type Line = ({ type: "money" } & MoneyLine) | ({ type: "flag" } & FlagLine);

export function CouncilRuleCard({ line, report, lang }: { line: Line; report: ServiceReport; lang: Lang }) {
  const m = t(lang).council;
  const x = textContext(report, lang);
  const hit = line.type === "money" ? line.breached : line.triggered;
  const verdictLabel = line.type === "money" ? (hit ? m.breached : m.notBreached) : hit ? m.triggered : m.notTriggered;
  const { target, actual } = targetAndActual(line, x);
  const headingId = `rule-${line.ruleId}`;
  const inputs = Object.entries(line.inputs);
  const toDate = line.type === "money" ? toDateLines(line, x) : [];
  return (
    <article
      className={`rule-card${line.illustrative ? " is-illustrative" : ""}${hit ? " is-hit" : ""}`}
      aria-labelledby={headingId}
      data-testid="council-rule"
      data-rule-id={line.ruleId}
      data-kind={line.kind}
      data-breached={hit ? "true" : "false"}
      data-illustrative={line.illustrative ? "true" : "false"}
    >
      <header className="rule-head">
        <div className="rule-title">
          <h3 id={headingId}>
            {m.kinds[line.kind] ?? line.kind} <code className="rule-id">{line.ruleId}</code>
          </h3>
          {(line.illustrative || (line.type === "money" && line.accruing)) && (
            <p className="rule-badges">
              {line.illustrative && (
                <span className="badge badge-illustrative" data-testid="badge-illustrative">
                  {m.illustrative}
                </span>
              )}
              {line.type === "money" && line.accruing && (
                <span className="badge badge-accruing" data-testid="badge-accruing">
                  {m.accruing}
                </span>
              )}
            </p>
          )}
        </div>
        <Verdict tone={hit ? "bad" : "good"} label={verdictLabel} />
      </header>
      {line.illustrative && <p className="sub-note">{m.illustrativeHelp}</p>}
      {line.type === "money" && line.accruing && <p className="sub-note">{m.accruingHelp}</p>}

      <dl className="rule-figures">
        <div>
          <dt>{m.targetLabel}</dt>
          <dd>{target}</dd>
        </div>
        <div>
          <dt>{m.actualLabel}</dt>
          <dd>{actual}</dd>
        </div>
        {line.type === "money" && (
          <div className="rule-amount">
            <dt>{m.amountLabel}</dt>
            <dd>
              <span className="num amount" data-testid="rule-amount">
                {formatKrw(line.amountKrw, lang)}
              </span>
              {lang === "ko" && <span className="muted block">{formatKrwKorean(line.amountKrw)}</span>}
            </dd>
          </div>
        )}
      </dl>

      <div className="rule-block">
        <p className="rule-label">{m.formulaLabel}</p>
        <p className="rule-formula">{lang === "ko" ? line.formulaKo : line.formula}</p>
      </div>
      <div className="rule-block">
        <p className="rule-label">{m.clauseLabel}</p>
        <blockquote className="rule-clause" lang={quotedLang(line.clause)}>
          {line.clause}
        </blockquote>
      </div>
      {inputs.length > 0 && (
        <div className="rule-block">
          <p className="rule-label">{m.inputsLabel}</p>
          <dl className="rule-inputs">
            {inputs.map(([k, v]) => (
              <div key={k}>
                <dt>{inputLabel(k, lang)}</dt>
                <dd>
                  <InputValue name={k} value={v} x={x} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {toDate.length > 0 && (
        <div className="rule-block" data-testid="rule-to-date">
          <p className="rule-label">{m.toDateHeading}</p>
          <dl className="rule-inputs">
            {toDate.map((row) => (
              <div key={row.label}>
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {line.type === "money" && line.warnings.length > 0 && (
        <div className="rule-block rule-warnings">
          <p className="rule-label">{m.warningsLabel}</p>
          <ul>
            {line.warnings.map((w) => (
              <li key={w.code}>{formatNote(w, x)}</li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}

/** One input: an instant as <time>, a list of outages one per line, anything else as the formatter words it. */
function InputValue({ name, value, x }: { name: string; value: Value; x: TextContext }) {
  if (value.type === "instant") return <time dateTime={value.at}>{formatValue(value, x)}</time>;
  if (value.type === "list" && name === "outages") {
    const lines = valueLines(value, x);
    if (lines.length === 0) return <>{formatValue(value, x)}</>;
    return (
      <ul className="rule-outages" data-testid="rule-outages">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    );
  }
  return <>{formatValue(value, x)}</>;
}

/** The rule's yardstick and what was measured against it, in words. */
function targetAndActual(line: Line, x: TextContext): { target: string; actual: string } {
  const m = t(x.lang).council;
  const i = line.inputs;
  const v = (key: string) => (i[key] ? formatValue(i[key], x) : "—");
  const n = (key: string) => {
    const val = i[key];
    return val && (val.type === "count" || val.type === "number") ? val.n : 0;
  };
  switch (line.kind) {
    case "delay_damages":
      return {
        target: `${inputLabel("deadline", x.lang)}: ${v("deadline")}`,
        actual: i.actualStart ? `${v("actualStart")} · ${m.daysLate(n("daysLateTotal"))}` : m.notStarted,
      };
    case "service_credit":
      return { target: v("target"), actual: v("availability") };
    case "recovery_time": {
      const hours = n("startedHoursBeyond");
      return { target: v("maxRecovery"), actual: hours > 0 ? m.hoursBeyond(hours) : m.noneOverLimit };
    }
    case "performance_pool":
      return { target: m.expectedLevels, actual: i.score ? m.score(v("score")) : "—" };
    case "critical_failure":
      return { target: m.moreThan(v("moreThan"), v("window")), actual: m.worstWindow(v("worstWindowDowntime")) };
    default:
      return { target: "—", actual: "—" };
  }
}
