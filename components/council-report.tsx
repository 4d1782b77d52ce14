import type { ServiceReport } from "@/core/accounting/report-types";
import { NoteText, Quoted, WithQuoted } from "./quoted-text";
import { formatDateTime, formatKrw, formatKrwKorean } from "@/core/format";
import { t, type Lang } from "@/lib/i18n";
import { formatNote, formatValue, krwText, percentRule, percentText as formatPercent, textContext } from "@/lib/i18n/report-text";
import { localDateLabel, monthLabel } from "./council-format";
import { FiguresRow, OutageLines } from "./council-report-tables";
import { CouncilRuleCard } from "./council-rule-card";
import { Verdict } from "./council-verdict";
import { ProvenanceNotice, ProvenanceTag } from "./provenance-notice";

/** Below this share of the period measured, the availability figure carries a visible caution. */
const LOW_COVERAGE = 0.9;

/**
 * The council report of one month, from the ServiceReport alone (every figure is
 * the report's; nothing is recomputed here). Shared by the web page, which wraps
 * it with navigation, and the PDF, which prints it: so no next/* imports and no
 * client hooks anywhere below this component.
 */
export function CouncilReport({
  report,
  lang,
  methodologyHref,
  generatedAt,
}: {
  report: ServiceReport;
  lang: Lang;
  methodologyHref?: string;
  generatedAt?: string;
}) {
  const m = t(lang);
  const c = m.council;
  const r = report;
  const tz = r.period.timeZone;
  const serviceName = lang === "ko" ? r.service.name : r.service.nameEn;
  const x = textContext(r, lang);
  const fnName = x.fnName;
  const krw = (n: number) => krwText(n, lang);
  const dt = (iso: string) => <time dateTime={iso}>{formatDateTime(new Date(iso), lang, tz)}</time>;
  const lines = [...r.money.map((x) => ({ type: "money" as const, ...x })), ...r.flags.map((x) => ({ type: "flag" as const, ...x }))];
  const credit = r.money.find((x) => x.kind === "service_credit");
  const measured = r.outages.filter((o) => o.source === "MEASURED");
  const reported = r.outages.filter((o) => o.source === "REPORTED");

  return (
    <article className="council-report" data-testid="council-report" data-month={r.period.month} data-partial={r.period.partial ? "true" : "false"} lang={lang}>
      <header className="council-head">
        <p className="council-kicker">{c.kicker}</p>
        <h1>{c.pageTitle(serviceName, monthLabel(r.period.month, lang))}</h1>
        <ProvenanceNotice provenance={r.provenance} sources={r.provenanceSources} lang={lang} timeZone={tz} />
        {r.period.partial && (
          <p className="council-partial" data-testid="council-partial">
            <span className="badge badge-partial">{c.partial(formatDateTime(new Date(r.period.asOf), lang, tz))}</span> <span>{c.partialNote}</span>
          </p>
        )}
        <dl className="facts council-facts">
          <div className="fact-wide">
            <dt>{m.contractTitle}</dt>
            <dd>
              <Quoted text={r.contract.title} />
            </dd>
          </div>
          <div>
            <dt>{m.contractOperator}</dt>
            <dd>
              <Quoted text={r.contract.operator} />
            </dd>
          </div>
          <div>
            <dt>{m.contractAmount}</dt>
            <dd>
              <span className="num">{formatKrw(r.contract.amountKrw, lang)}</span>
              {lang === "ko" && <span className="muted block">{formatKrwKorean(r.contract.amountKrw)}</span>}
            </dd>
          </div>
          <div>
            <dt>{m.contractTerm}</dt>
            <dd>
              <span className="nowrap">{localDateLabel(r.contract.termStart, lang, tz)}</span> {m.termTo}{" "}
              <span className="nowrap">{localDateLabel(r.contract.termEnd, lang, tz)}</span>
            </dd>
          </div>
          <div className="fact-wide">
            <dt>{c.period}</dt>
            <dd>
              {dt(r.period.start)} – {dt(r.period.end)} <span className="muted">({c.periodRange})</span>
            </dd>
          </div>
          <div>
            <dt>{c.rulesInForce}</dt>
            <dd>
              {r.ruleset ? (
                r.ruleset.label ? (
                  <WithQuoted words={(q) => c.rulesInForceValue(localDateLabel(r.ruleset!.effectiveFrom, lang, tz), q)} text={r.ruleset.label} />
                ) : (
                  c.rulesInForceValue(localDateLabel(r.ruleset.effectiveFrom, lang, tz), null)
                )
              ) : (
                c.noRuleset
              )}
            </dd>
          </div>
          <div className="fact-wide-2">
            <dt>{c.fee}</dt>
            <dd>
              <span className="num">{formatKrw(r.fee.amountKrw, lang)}</span>
              {lang === "ko" && <span className="muted block">{formatKrwKorean(r.fee.amountKrw)}</span>}
              <span className="muted block">{lang === "ko" ? r.fee.formulaKo : r.fee.formula}</span>
            </dd>
          </div>
        </dl>
      </header>

      <section className="council-summary" aria-labelledby="council-summary-heading">
        <h2 id="council-summary-heading">{c.summaryHeading}</h2>
        <div className="summary-grid">
          <div className="summary-item" data-testid="council-availability">
            <p className="summary-label">{c.availability}</p>
            <p className={r.serviceFigures.availability === null ? "summary-value summary-none" : "summary-value num"} data-testid="council-availability-value">
              {r.serviceFigures.availability === null ? c.noEligible : formatPercent(r.serviceFigures.availability)}
            </p>
            <ProvenanceTag provenance={r.provenance} lang={lang} />
            <p className="sub-note">
              {credit ? (
                <>
                  {c.target(credit.inputs.target ? formatValue(credit.inputs.target, x) : "—")}
                  {credit.illustrative && ` (${c.targetIllustrative})`}
                </>
              ) : (
                c.targetNone
              )}
              {" · "}
              {c.coverage(formatPercent(r.serviceFigures.coverage))}
            </p>
            {credit && <Verdict tone={credit.breached ? "bad" : "good"} label={credit.breached ? c.belowTarget : c.meetsTarget} />}
            {r.serviceFigures.coverage < LOW_COVERAGE && (
              <p className="coverage-warning" data-testid="council-low-coverage">
                {c.lowCoverage}
              </p>
            )}
          </div>
          <div className="summary-item summary-owed" data-testid="council-total">
            <p className="summary-label">{c.owed}</p>
            <p className="summary-value num" data-testid="council-total-value">
              {formatKrw(r.totalKrw, lang)}
            </p>
            <ProvenanceTag provenance={r.provenance} lang={lang} />
            {lang === "ko" && <p className="summary-korean">{formatKrwKorean(r.totalKrw)}</p>}
            <p className="sub-note">{c.owedNote}</p>
            {r.money.some((x) => x.illustrative) && (
              <p className="sub-note">
                <span className="badge badge-illustrative">{c.illustrative}</span> {c.illustrativeTotal(krw(r.illustrativeTotalKrw))}
              </p>
            )}
          </div>
          <div className="summary-item" data-testid="council-flags">
            <p className="summary-label">{c.flags}</p>
            {r.flags.length === 0 ? (
              <p className="sub-note">{c.noFlags}</p>
            ) : (
              <ul className="flag-list">
                {r.flags.map((f) => (
                  <li key={f.ruleId}>
                    <Verdict tone={f.triggered ? "bad" : "good"} label={f.triggered ? c.flagTriggered : c.flagNotTriggered} /> <code>{f.ruleId}</code>
                    {f.illustrative && (
                      <>
                        {" "}
                        <span className="badge badge-illustrative">{c.illustrative}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        {lines.length > 0 && (
          <table className="data-table stack-table council-table council-glance" data-testid="council-glance">
            <caption>{c.rulesAtAGlance}</caption>
            <thead>
              <tr>
                <th scope="col">{c.colRule}</th>
                <th scope="col">{c.colVerdict}</th>
                <th scope="col" className="num">
                  {c.amountLabel}
                </th>
                <th scope="col">{c.colNote}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((x) => {
                const hit = x.type === "money" ? x.breached : x.triggered;
                return (
                  <tr key={`${x.type}-${x.ruleId}`}>
                    <th scope="row" data-label={c.colRule}>
                      <span>
                        {c.kinds[x.kind] ?? x.kind} <code>{x.ruleId}</code>
                      </span>
                    </th>
                    <td data-label={c.colVerdict}>
                      <span>
                        <Verdict
                          tone={hit ? "bad" : "good"}
                          label={x.type === "money" ? (hit ? c.breached : c.notBreached) : hit ? c.triggered : c.notTriggered}
                        />
                      </span>
                    </td>
                    <td className="num" data-label={c.amountLabel}>
                      <span>{x.type === "money" ? krw(x.amountKrw) : c.flagOnly}</span>
                    </td>
                    <td data-label={c.colNote}>
                      <span>
                        {x.illustrative && <span className="badge badge-illustrative">{c.illustrative}</span>}{" "}
                        {x.type === "money" && x.accruing && <span className="badge badge-accruing">{c.accruing}</span>}
                        {!x.illustrative && !(x.type === "money" && x.accruing) && "—"}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2} data-label="">
                  <span>{c.owed}</span>
                </th>
                <td className="num" data-label={c.amountLabel}>
                  <strong>{krw(r.totalKrw)}</strong>
                </td>
                <td data-label={c.colNote}>
                  <span>{c.owedNote}</span>
                </td>
              </tr>
            </tfoot>
          </table>
        )}
      </section>

      <section aria-labelledby="council-rules-heading" className="council-section council-rules">
        <h2 id="council-rules-heading">{c.rulesHeading}</h2>
        <p className="muted">{c.rulesIntro}</p>
        {lines.length === 0 ? (
          <p className="empty">{c.noRules}</p>
        ) : (
          lines.map((line) => <CouncilRuleCard key={`${line.type}-${line.ruleId}`} line={line} report={r} lang={lang} />)
        )}
      </section>

      {r.whatIf && (
        <section aria-labelledby="council-whatif-heading" className="council-section" data-testid="council-what-if">
          <h2 id="council-whatif-heading">{c.whatIfHeading}</h2>
          <p className="muted">{c.whatIfIntro(r.whatIf.label)}</p>
          <table className="data-table stack-table council-table">
            <caption className="visually-hidden">{c.whatIfHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{c.colScope}</th>
                <th scope="col" className="num">
                  {c.amountLabel}
                </th>
                <th scope="col">{c.formulaLabel}</th>
              </tr>
            </thead>
            <tbody>
              {r.whatIf.money.map((x) => (
                <tr key={x.ruleId}>
                  <th scope="row" data-label={c.colScope}>
                    <span>
                      {c.kinds[x.kind] ?? x.kind} <code>{x.ruleId}</code>
                      {x.illustrative && (
                        <>
                          {" "}
                          <span className="badge badge-illustrative">{c.illustrative}</span>
                        </>
                      )}
                    </span>
                  </th>
                  <td className="num" data-label={c.amountLabel}>
                    <span>{krw(x.amountKrw)}</span>
                  </td>
                  <td className="wrap" data-label={c.formulaLabel}>
                    <span>{lang === "ko" ? x.formulaKo : x.formula}</span>
                  </td>
                </tr>
              ))}
              {r.whatIf.flags.map((x) => (
                <tr key={`flag-${x.ruleId}`}>
                  <th scope="row" data-label={c.colScope}>
                    <span>
                      {c.kinds[x.kind] ?? x.kind} <code>{x.ruleId}</code>
                    </span>
                  </th>
                  <td data-label={c.amountLabel}>
                    <span>
                      <Verdict tone={x.triggered ? "bad" : "good"} label={x.triggered ? c.flagTriggered : c.flagNotTriggered} />
                    </span>
                  </td>
                  <td className="wrap" data-label={c.formulaLabel}>
                    <span>{lang === "ko" ? x.formulaKo : x.formula}</span>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" data-label="">
                  <span>{c.whatIfTotal}</span>
                </th>
                <td className="num" data-label={c.whatIfTotal}>
                  <strong>{krw(r.whatIf.totalKrw)}</strong>
                </td>
                <td data-label={c.currentTotal}>
                  <span>
                    {c.currentTotal}: {krw(r.totalKrw)}
                  </span>
                </td>
              </tr>
            </tfoot>
          </table>
        </section>
      )}

      <section aria-labelledby="council-availability-heading" className="council-section">
        <h2 id="council-availability-heading">{c.availabilityHeading}</h2>
        <p className="muted">{c.availabilityIntro}</p>
        <p className="muted" data-testid="council-percent-rule">
          {percentRule(lang)}
        </p>
        <table className="data-table stack-table council-table council-figures" data-testid="council-availability-table">
          <caption className="visually-hidden">{c.availabilityHeading}</caption>
          <thead>
            <tr>
              <th scope="col">{c.colScope}</th>
              <th scope="col" className="num">
                {m.colAvailability}
              </th>
              <th scope="col" className="num">
                {m.colDowntime}
              </th>
              <th scope="col" className="num">
                {c.colExcused}
              </th>
              <th scope="col" className="num">
                {c.colNoData}
              </th>
              <th scope="col" className="num">
                {c.colUnknown}
              </th>
              <th scope="col" className="num">
                {c.colEligible}
              </th>
              <th scope="col" className="num">
                {c.colCoverage}
              </th>
            </tr>
          </thead>
          <tbody>
            <FiguresRow label={c.serviceRow} note={c.serviceRowHelp} figures={r.serviceFigures} lang={lang} strong />
            {r.functions.map((f) => (
              <FiguresRow key={f.key} label={lang === "ko" ? f.name : f.nameEn} note={f.critical ? null : c.notCritical} figures={f.figures} lang={lang} />
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="council-outages-heading" className="council-section">
        <h2 id="council-outages-heading">{c.outagesHeading}</h2>
        <p className="muted">{c.wholeOutagesNote}</p>
        <h3>{c.measuredHeading[r.provenance]}</h3>
        {measured.length === 0 ? (
          <p className="empty" data-testid="council-outages-measured">
            {c.noMeasured}
          </p>
        ) : (
          <OutageLines outages={measured} lang={lang} fnName={fnName} dt={dt} testId="council-outages-measured" />
        )}
        <h3>{c.reportedHeading}</h3>
        <p className="muted">{c.reportedIntro}</p>
        {reported.length === 0 ? (
          <p className="empty" data-testid="council-outages-reported">
            {c.noReported}
          </p>
        ) : (
          <OutageLines outages={reported} lang={lang} fnName={fnName} dt={dt} testId="council-outages-reported" reported />
        )}
      </section>

      <section aria-labelledby="council-blips-heading" className="council-section" data-testid="council-blips">
        <h2 id="council-blips-heading">{c.blipsHeading}</h2>
        <p className="muted">{c.blipsIntro}</p>
        {r.blips.length === 0 ? (
          <p className="empty">{c.noBlips}</p>
        ) : (
          <ul>
            {r.blips.map((b, i) => (
              <li key={i}>{c.blipLine(fnName(b.functionKey), b.location, formatDateTime(new Date(b.start), lang, tz), b.failures)}</li>
            ))}
          </ul>
        )}
      </section>

      {r.excused.length > 0 && (
        <section aria-labelledby="council-excused-heading" className="council-section">
          <h2 id="council-excused-heading">{c.excusedHeading}</h2>
          <p className="muted">{c.excusedIntro}</p>
          <table className="data-table stack-table council-table">
            <caption className="visually-hidden">{c.excusedHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{c.colKind}</th>
                <th scope="col">{m.colStart}</th>
                <th scope="col">{m.colEnd}</th>
                <th scope="col">{c.colDecision}</th>
                <th scope="col">{c.colWhy}</th>
              </tr>
            </thead>
            <tbody>
              {r.excused.map((e) => (
                <tr key={e.id}>
                  <th scope="row" data-label={c.colKind}>
                    <span>
                      {c.excusedKinds[e.kind] ?? e.kind} <code>{e.id}</code>
                    </span>
                  </th>
                  <td data-label={m.colStart}>
                    <span>{dt(e.start)}</span>
                  </td>
                  <td data-label={m.colEnd}>
                    <span>{dt(e.end)}</span>
                  </td>
                  <td data-label={c.colDecision}>
                    <span>
                      <Verdict tone={e.excused ? "good" : "bad"} label={e.excused ? c.excusedYes : c.excusedNo} />
                    </span>
                  </td>
                  <td className="wrap" data-label={c.colWhy}>
                    <span>
                      <NoteText note={e.reason} x={x} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {r.warnings.length > 0 && (
        <section aria-labelledby="council-warnings-heading" className="council-section council-warnings">
          <h2 id="council-warnings-heading">{c.warningsHeading}</h2>
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i}>
                {w.params.rule && (
                  <>
                    <code>{formatValue(w.params.rule, x)}</code>:{" "}
                  </>
                )}
                {formatNote(w, x)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="council-method-heading" className="council-section council-method">
        <h2 id="council-method-heading">{c.methodologyHeading}</h2>
        <ul>
          {(lang === "ko" ? r.methodologyKo : r.methodology).map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
        {methodologyHref && (
          <p>
            <a href={methodologyHref}>{c.methodologyLink}</a>
          </p>
        )}
      </section>

      <footer className="council-footnote">
        <p data-testid="council-footnote">{c.footnote}</p>
        {generatedAt && <p className="muted">{c.generated(formatDateTime(new Date(generatedAt), lang, tz))}</p>}
      </footer>
    </article>
  );
}
