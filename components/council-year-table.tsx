import Link from "next/link";
import { formatKrw, formatKrwKorean } from "@/core/format";
import type { CouncilYear } from "@/lib/data/council";
import { t, type Lang } from "@/lib/i18n";
import { krwText, percentRule, percentText as formatPercent } from "@/lib/i18n/report-text";
import { monthLabel } from "./council-format";
import { Verdict } from "./council-verdict";

/** Below this a bar is also hatched, so a low month stands out without relying on colour. */
const LOW = 0.99;

/** Twelve months side by side: a text table first, then bars that repeat it. */
export function CouncilYearTable({ data, lang }: { data: CouncilYear; lang: Lang }) {
  const m = t(lang);
  const c = m.council;
  const base = `/${lang}/services/${data.service.slug}/council`;
  const reports = data.rows.filter((r) => r.status === "report");
  return (
    <>
      <table className="data-table stack-table council-table year-table" data-testid="council-year-table">
        <caption className="visually-hidden">{c.yearTitle(lang === "ko" ? data.service.name : data.service.nameEn, data.year)}</caption>
        <thead>
          <tr>
            <th scope="col">{c.colMonth}</th>
            <th scope="col" className="num">
              {m.colAvailability}
            </th>
            <th scope="col">{c.colBreaches}</th>
            <th scope="col">{c.colFlags}</th>
            <th scope="col" className="num">
              {c.colOwed}
            </th>
            <th scope="col" className="num">
              {c.colIllustrative}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) =>
            r.status === "report" ? (
              <tr key={r.month} data-testid="council-year-row" data-month={r.month} data-status="report">
                <th scope="row" data-label={c.colMonth}>
                  <span>
                    <Link href={`${base}/${r.month}`} aria-label={c.openMonth(monthLabel(r.month, lang))}>
                      {monthLabel(r.month, lang)}
                    </Link>
                    {r.partial && (
                      <>
                        {" "}
                        <span className="badge badge-partial">{m.ongoing}</span>
                      </>
                    )}
                  </span>
                </th>
                <td className="num" data-label={m.colAvailability}>
                  <span>{r.availability === null ? <span className="muted">{m.barNoData}</span> : formatPercent(r.availability)}</span>
                </td>
                <td data-label={c.colBreaches}>
                  <span>
                    {r.breaches.length === 0
                      ? c.noBreach
                      : r.breaches.map((b) => (
                          <span key={b.ruleId} className="block">
                            <Verdict tone="bad" label={c.kinds[b.kind] ?? b.kind} />
                            {b.illustrative && (
                              <>
                                {" "}
                                <span className="badge badge-illustrative">{c.illustrative}</span>
                              </>
                            )}
                          </span>
                        ))}
                  </span>
                </td>
                <td data-label={c.colFlags}>
                  <span>
                    {r.flagsTriggered.length === 0 ? (
                      c.noBreach
                    ) : (
                      <Verdict tone="bad" label={`${c.flagTriggered}${r.flagsTriggered.every((f) => f.illustrative) ? ` (${c.illustrative})` : ""}`} />
                    )}
                  </span>
                </td>
                <td className="num" data-label={c.colOwed}>
                  <span>{krwText(r.totalKrw, lang)}</span>
                </td>
                <td className="num" data-label={c.colIllustrative}>
                  <span className="muted">{krwText(r.illustrativeTotalKrw, lang)}</span>
                </td>
              </tr>
            ) : (
              <tr key={r.month} data-testid="council-year-row" data-month={r.month} data-status={r.status}>
                <th scope="row" data-label={c.colMonth}>
                  <span>{monthLabel(r.month, lang)}</span>
                </th>
                <td colSpan={5} data-label="" className="status-note">
                  <span>{r.status === "future" ? c.statusFuture : c.statusOutside}</span>
                </td>
              </tr>
            ),
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4} data-label="">
              <span>{c.yearTotal}</span>
            </th>
            <td className="num" data-label={c.colOwed}>
              <strong data-testid="council-year-total">{formatKrw(data.totalKrw, lang)}</strong>
              {lang === "ko" && <span className="sub-note block">{formatKrwKorean(data.totalKrw)}</span>}
            </td>
            <td className="num" data-label={c.colIllustrative}>
              <span className="muted">{krwText(data.illustrativeTotalKrw, lang)}</span>
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="sub-note" data-testid="council-year-percent-rule">
        {percentRule(lang)}
      </p>

      {reports.length > 0 && (
        <section aria-labelledby="year-bars-heading" className="council-section">
          <h2 id="year-bars-heading">{c.yearBarsHeading}</h2>
          <p className="sub-note">{c.yearBarsHelp}</p>
          <ul className="year-bars">
            {reports.map((r) => {
              const a = r.availability;
              const width = a === null ? 0 : Math.max(0, Math.min(1, a));
              const text = a === null ? m.barNoData : formatPercent(a);
              return (
                <li key={r.month}>
                  <span>{monthLabel(r.month, lang)}</span>
                  <span className="year-bar-track" aria-hidden="true">
                    <span className={`year-bar${a !== null && a < LOW ? " is-low" : ""}`} style={{ width: `${Math.round(width * 1000) / 10}%` }} />
                  </span>
                  <span className="num">{text}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
