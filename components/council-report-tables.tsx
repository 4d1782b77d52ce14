import type { ReactNode } from "react";
import type { PeriodFigures } from "@/core/accounting/availability";
import type { OutageLine } from "@/core/accounting/report-types";
import { t, type Lang } from "@/lib/i18n";
import { durationText, percentText as formatPercent } from "@/lib/i18n/report-text";
import { durationWithSeconds } from "./council-format";

/** The council report's tables of figures and outages (components/council-report.tsx). No next/* imports: the PDF renders them too. */
export function FiguresRow({
  label,
  note,
  figures: f,
  lang,
  strong = false,
}: {
  label: string;
  note: string | null;
  figures: PeriodFigures;
  lang: Lang;
  strong?: boolean;
}) {
  const m = t(lang);
  const c = m.council;
  const d = (sec: number, exact = false) => {
    const x = durationWithSeconds(sec, lang);
    return (
      <span>
        {x.text}
        {exact && <span className="exact">{x.exact}</span>}
      </span>
    );
  };
  return (
    <tr className={strong ? "is-total" : undefined} data-testid={strong ? "council-service-row" : undefined}>
      <th scope="row" data-label={c.colScope}>
        <span>
          {label}
          {note && <span className="sub-note block">{note}</span>}
        </span>
      </th>
      <td className="num" data-label={m.colAvailability}>
        <span>{f.availability === null ? "—" : formatPercent(f.availability)}</span>
      </td>
      <td className="num" data-label={m.colDowntime}>
        {d(f.downtimeSec, true)}
      </td>
      <td className="num" data-label={c.colExcused}>
        {d(f.excusedSec)}
      </td>
      <td className="num" data-label={c.colNoData}>
        {d(f.noDataSec)}
      </td>
      <td className="num" data-label={c.colUnknown}>
        {d(f.unknownSec)}
      </td>
      <td className="num" data-label={c.colEligible}>
        {d(f.eligibleSec, true)}
      </td>
      <td className="num" data-label={c.colCoverage}>
        <span>{formatPercent(f.coverage)}</span>
      </td>
    </tr>
  );
}

export function OutageLines({
  outages,
  lang,
  fnName,
  dt,
  testId,
  reported = false,
}: {
  outages: OutageLine[];
  lang: Lang;
  fnName: (k: string) => string;
  dt: (iso: string) => ReactNode;
  testId: string;
  reported?: boolean;
}) {
  const m = t(lang);
  const c = m.council;
  return (
    <table className={`data-table stack-table council-table${reported ? " is-reported" : ""}`} data-testid={testId}>
      <caption className="visually-hidden">{reported ? c.reportedHeading : c.measuredHeading[outages[0]?.provenance ?? "MEASURED"]}</caption>
      <thead>
        <tr>
          <th scope="col">{c.colFunctions}</th>
          <th scope="col">{m.colStart}</th>
          <th scope="col">{m.colEnd}</th>
          <th scope="col" className="num">
            {c.colDowntime}
          </th>
          <th scope="col" className="num">
            {c.colPeriodDowntime}
          </th>
          {!reported && <th scope="col">{c.colExcused}</th>}
          {reported && <th scope="col">{c.colSummary}</th>}
          {reported && <th scope="col">{c.colSources}</th>}
        </tr>
      </thead>
      <tbody>
        {outages.map((o, i) => (
          <tr key={`${o.start}-${o.functions.join(",")}-${i}`} data-testid="council-outage-row" data-source={o.source}>
            <th scope="row" data-label={c.colFunctions}>
              <span>
                <span className={`source source-${o.provenance}`}>{m.sourceLabel[o.provenance]}</span> {o.level === "service" ? `${c.serviceLevel}: ` : ""}
                {o.functions.map(fnName).join(", ")}
              </span>
            </th>
            <td data-label={m.colStart}>
              <span>{dt(o.start)}</span>
            </td>
            <td data-label={m.colEnd}>
              <span>{o.end ? dt(o.end) : <strong className="ongoing">{m.ongoing}</strong>}</span>
            </td>
            <td className="num" data-label={c.colDowntime}>
              <span>{durationWithSeconds(o.downtimeSec, lang).text}</span>
            </td>
            <td className="num" data-label={c.colPeriodDowntime} data-testid="council-outage-period">
              <span>
                {durationWithSeconds(o.periodDowntimeSec, lang).text}
                {o.belongsTo !== "this" && <small className="muted"> ({o.belongsTo === "later" ? c.pricedLater : c.pricedEarlier})</small>}
              </span>
            </td>
            {!reported && (
              <td className="wrap" data-label={c.colExcused} data-testid="council-outage-excused">
                <span>
                  {o.excusedBy.length === 0
                    ? "—"
                    : `${durationText(o.excusedSec * 1000, lang)} · ${c.excusedOutage(o.excusedBy.map((e) => `${c.excusedKinds[e.kind] ?? e.kind} ${e.id}`).join(", "))}`}
                </span>
              </td>
            )}
            {reported && (
              <td className="wrap" data-label={c.colSummary}>
                <span>{o.summary ?? "—"}</span>
              </td>
            )}
            {reported && (
              <td className="wrap" data-label={c.colSources}>
                <span>
                  {(o.sources ?? []).length === 0
                    ? "—"
                    : (o.sources ?? []).map((s, j) => (
                        <span key={j} className="block">
                          {s.url ? (
                            <a href={s.url} rel="noopener noreferrer">
                              {s.title}
                            </a>
                          ) : (
                            s.title
                          )}
                          {s.date && <span className="muted"> ({s.date})</span>}
                        </span>
                      ))}
                </span>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
