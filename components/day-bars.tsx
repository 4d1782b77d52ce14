import { formatDate, formatDuration, formatPercent } from "@/core/format";
import { dayWindow, parseLocalDate } from "@/core/time-zone";
import type { DayBarView } from "@/lib/data/types";
import { t, type Lang } from "@/lib/i18n";
import { servicePageText } from "@/lib/i18n/service-page-messages";

export type BarTier = "none" | "full" | "minor" | "major" | "critical";
export const BAR_TIERS: BarTier[] = ["full", "minor", "major", "critical", "none"];

/** Colour band of a day: grey without data, then 100%, <100%, <99%, <95%. */
export function barTier(availability: number | null): BarTier {
  if (availability === null) return "none";
  if (availability >= 1) return "full";
  if (availability >= 0.99) return "minor";
  if (availability >= 0.95) return "major";
  return "critical";
}

function dayLabel(date: string, lang: Lang, timeZone: string): string {
  return formatDate(dayWindow(parseLocalDate(date), timeZone).start, lang, timeZone);
}

function barTitle(bar: DayBarView, lang: Lang, timeZone: string): string {
  const m = t(lang);
  const day = dayLabel(bar.date, lang, timeZone);
  if (bar.availability === null) return `${day} · ${m.barNoData}`;
  const parts = [day, m.barAvailability(formatPercent(bar.availability))];
  if (bar.downSec > 0) parts.push(m.barDowntime(formatDuration(bar.downSec, lang)));
  return parts.join(" · ");
}

/**
 * Ninety daily bars for one function, with their availability together beside them. The bars are
 * a picture (one image with a summary label) and the summary of a <details>: a tap, a click or the
 * keyboard opens the table of every day, newest first, which says the same in text. A tooltip per
 * day remains for a mouse, but nothing depends on hovering.
 */
export function DayBars({
  functionName,
  bars,
  availability,
  blips,
  lang,
  timeZone,
}: {
  functionName: string;
  bars: DayBarView[];
  availability: number | null;
  blips: number;
  lang: Lang;
  timeZone: string;
}) {
  const m = t(lang);
  const sp = servicePageText(lang);
  const downDays = bars.filter((b) => b.downSec > 0);
  const noDataDays = bars.filter((b) => b.availability === null).length;
  return (
    <div className="day-bars">
      <div className="history-fn-head">
        <h3>{functionName}</h3>
        <p className="bars-availability" data-testid="availability-90">
          <span className="bars-availability-label">{sp.availability90}</span>{" "}
          <strong className="bars-availability-value" data-value={availability ?? ""}>
            {availability === null ? sp.availability90None : formatPercent(availability)}
          </strong>
        </p>
      </div>
      <details className="day-details">
        <summary>
          <span className="bars" role="img" aria-label={m.historyAria(functionName, downDays.length, noDataDays)}>
            {bars.map((b) => (
              <span key={b.date} className={`bar tier-${barTier(b.availability)}`} title={barTitle(b, lang, timeZone)} />
            ))}
          </span>
          <span className="bars-axis" aria-hidden="true">
            <span>{m.daysAgo(bars.length - 1)}</span>
            <span>{m.today}</span>
          </span>
          <span className="bars-open">{sp.barsOpen}</span>
        </summary>
        <div className="table-scroll">
          <table className="data-table compact">
            <caption className="visually-hidden">{sp.dayTable(functionName)}</caption>
            <thead>
              <tr>
                <th scope="col">{m.colDate}</th>
                <th scope="col">{m.colAvailability}</th>
                <th scope="col">{m.colDowntime}</th>
                <th scope="col">{m.colMeasured}</th>
              </tr>
            </thead>
            <tbody>
              {[...bars].reverse().map((b) => (
                <tr key={b.date} data-date={b.date} className={b.downSec > 0 ? "has-downtime" : undefined}>
                  <th scope="row">{dayLabel(b.date, lang, timeZone)}</th>
                  <td>{b.availability === null ? m.barNoData : formatPercent(b.availability)}</td>
                  <td>{formatDuration(b.downSec, lang)}</td>
                  <td>{formatDuration(b.measuredSec, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="bars-summary">{m.downDaysSummary(downDays.length)}</p>
      {blips > 0 && (
        <p className="muted blips-note" data-testid="blips-note">
          {sp.blipsFn(blips)}
        </p>
      )}
    </div>
  );
}

/** The legend shared by all bars of a page: each band's swatch (colour and pattern) and its words, and how the 90-day figure is rounded. */
export function DayBarsLegend({ lang }: { lang: Lang }) {
  const m = t(lang);
  const sp = servicePageText(lang);
  const label: Record<BarTier, string> = { full: m.tierFull, minor: m.tierMinor, major: m.tierMajor, critical: m.tierCritical, none: m.tierNone };
  return (
    <div className="legend">
      <p className="legend-title">{m.legendHeading}</p>
      <ul className="legend-list">
        {BAR_TIERS.map((tier) => (
          <li key={tier}>
            <span className={`swatch bar tier-${tier}`} aria-hidden="true" />
            {label[tier]}
          </li>
        ))}
      </ul>
      <p className="legend-note" data-testid="availability-90-note">
        {sp.availability90}: {sp.availability90Note} · <a href={`/${lang}/methodology#ninety-day`}>{sp.availability90How}</a>
      </p>
    </div>
  );
}
