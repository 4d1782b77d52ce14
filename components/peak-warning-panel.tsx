import type { PeakWarning } from "@/core/changeover/peak-warning";
import { formatDateTime, formatPercent } from "@/core/format";
import type { Lang } from "@/lib/i18n";
import { changeoverText } from "@/lib/i18n/changeover-messages";

/** A public warning before a peak hour whose last occurrences were all degraded, with the evidence. */
export function PeakWarningPanel({ warning, lang, timeZone }: { warning: PeakWarning; lang: Lang; timeZone: string }) {
  const m = changeoverText(lang).peak;
  const ms = (v: number | null) => (v === null ? "–" : `${Math.round(v).toLocaleString(lang === "ko" ? "ko-KR" : "en-US")} ms`);
  return (
    <section aria-labelledby={`peak-${warning.ruleId}`} className="panel peak-warning" data-testid="peak-warning" role="note">
      <h2 id={`peak-${warning.ruleId}`}>
        <span aria-hidden="true">⚠ </span>
        {m.heading}
      </h2>
      <p>
        <strong>{m.lead(formatDateTime(new Date(warning.nextPeak), lang, timeZone), warning.months.length)}</strong>
      </p>
      <table className="data-table stack-table">
        <caption className="visually-hidden">{m.heading}</caption>
        <thead>
          <tr>
            <th scope="col">{m.month}</th>
            <th scope="col">{m.peakLatency}</th>
            <th scope="col">{m.medianLatency}</th>
            <th scope="col">{m.peakErrors}</th>
          </tr>
        </thead>
        <tbody>
          {warning.months.map((x) => (
            <tr key={x.month}>
              <th scope="row" data-label={m.month}>
                <span>
                  {x.month} {x.degraded && <span className="muted">({m.why[x.degraded]})</span>}
                </span>
              </th>
              <td data-label={m.peakLatency}>
                <span>{ms(x.latencyP95)}</span>
              </td>
              <td data-label={m.medianLatency}>
                <span>{ms(x.medianLatencyP95)}</span>
              </td>
              <td data-label={m.peakErrors}>
                <span>{x.errorRate === null ? "–" : formatPercent(x.errorRate)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{m.note}</p>
    </section>
  );
}
