import type { FlagLine, MoneyLine, ServiceReport } from "@/core/accounting/report-types";
import { formatDateTime, formatKrw, formatKrwKorean } from "@/core/format";
import { t, type Lang } from "@/lib/i18n";
import { Verdict } from "./council-verdict";

/**
 * One rule of the contract as a council reader checks it: target and actual,
 * breached or not, the amount, the formula, the clause and every input.
 * No next/* imports and no hooks: the council PDF renders it with react-dom/server.
 */
type Line = ({ type: "money" } & MoneyLine) | ({ type: "flag" } & FlagLine);

const INSTANT_INPUTS = new Set(["deadline", "actualStart", "worstWindowEnd"]);

export function CouncilRuleCard({ line, report, lang }: { line: Line; report: ServiceReport; lang: Lang }) {
  const m = t(lang).council;
  const tz = report.period.timeZone;
  const hit = line.type === "money" ? line.breached : line.triggered;
  const verdictLabel = line.type === "money" ? (hit ? m.breached : m.notBreached) : hit ? m.triggered : m.notTriggered;
  const { target, actual } = targetAndActual(line, lang, tz);
  const headingId = `rule-${line.ruleId}`;
  const inputs = Object.entries(line.inputs).filter(([, v]) => v !== null && v !== "");
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
              <span className="muted block">{formatKrwKorean(line.amountKrw)}</span>
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
        <blockquote className="rule-clause">{line.clause}</blockquote>
      </div>
      {inputs.length > 0 && (
        <div className="rule-block">
          <p className="rule-label">{m.inputsLabel}</p>
          <dl className="rule-inputs">
            {inputs.map(([k, v]) => (
              <div key={k}>
                <dt>
                  {m.inputNames[k] ?? k} <code>{k}</code>
                </dt>
                <dd>
                  {INSTANT_INPUTS.has(k) && typeof v === "string" && !Number.isNaN(Date.parse(v)) ? (
                    <time dateTime={v}>{formatDateTime(new Date(v), lang, tz)}</time>
                  ) : (
                    String(v)
                  )}
                </dd>
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
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}

function str(v: string | number | null | undefined): string {
  return v === null || v === undefined ? "—" : String(v);
}

/** The rule's yardstick and what was measured against it, in words. */
function targetAndActual(line: Line, lang: Lang, tz: string): { target: string; actual: string } {
  const m = t(lang).council;
  const i = line.inputs;
  const when = (v: string | number | null | undefined) =>
    typeof v === "string" && !Number.isNaN(Date.parse(v)) ? formatDateTime(new Date(v), lang, tz) : str(v);
  switch (line.kind) {
    case "delay_damages":
      return {
        target: `${m.inputNames.deadline}: ${when(i.deadline)}`,
        actual: i.actualStart ? `${when(i.actualStart)} · ${m.daysLate(Number(i.daysLateTotal ?? 0))}` : m.notStarted,
      };
    case "service_credit":
      return { target: str(i.target), actual: str(i.availability) };
    case "recovery_time": {
      const hours = Number(i.startedHoursBeyond ?? 0);
      return { target: str(i.maxRecovery), actual: hours > 0 ? m.hoursBeyond(hours) : m.noneOverLimit };
    }
    case "performance_pool":
      return { target: m.expectedLevels, actual: i.score === null || i.score === undefined ? "—" : m.score(String(i.score)) };
    case "critical_failure":
      return { target: m.moreThan(str(i.moreThan), str(i.window)), actual: m.worstWindow(str(i.worstWindowDowntime)) };
    default:
      return { target: "—", actual: "—" };
  }
}
