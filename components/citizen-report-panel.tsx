import Link from "next/link";
import { CitizenReportForm } from "@/components/citizen-report-form";
import type { CitizenReportCounts } from "@/lib/citizen/report-counts";
import { lastHourSummary } from "@/lib/citizen/report-counts";
import type { Lang } from "@/lib/i18n";
import { citizenReportText } from "@/lib/i18n/citizen-report-messages";
import "./citizen-reports.css";

/** The name of a reportable key in a language: a function's name, or in-store payment / other. */
export function reportKeyName(c: CitizenReportCounts, key: string, lang: Lang): string {
  const f = c.target.functions.find((x) => x.key === key);
  if (f) return lang === "ko" ? f.name : f.nameEn;
  return citizenReportText(lang).extra[key] ?? key;
}

/** "시민 신고 급증" at the top of the service page while a surge is open. */
export function SurgeBanner({ counts, lang }: { counts: CitizenReportCounts; lang: Lang }) {
  const open = counts.surges.filter((s) => s.endedAt === null);
  if (open.length === 0) return null;
  const m = citizenReportText(lang);
  return (
    <div className="surge-banner" role="alert" data-testid="citizen-surge">
      <strong>{m.surge}</strong>
      <ul>
        {open.map((s) => (
          <li key={s.id} data-function={s.functionKey}>
            {m.surgeDetail(reportKeyName(counts, s.functionKey, lang), s.peakCount, s.median, s.threshold)}
          </li>
        ))}
      </ul>
      <p className="muted">{m.notMeasured}</p>
    </div>
  );
}

/** Counts of the last hour beside the measured states, and the report form. Never a measurement. */
export function CitizenReportPanel({ counts, lang, now, answer }: { counts: CitizenReportCounts; lang: Lang; now: number; answer: string | null }) {
  const m = citizenReportText(lang);
  const rows = lastHourSummary(counts, now).filter((r) => r.hour > 0);
  const open = new Set(counts.surges.filter((s) => s.endedAt === null).map((s) => s.functionKey));
  const name = (key: string) => reportKeyName(counts, key, lang);
  return (
    <section aria-labelledby="report-heading" className="panel citizen-reports" id="report" data-testid="citizen-reports">
      <h2 id="report-heading">{m.heading}</h2>
      <p className="report-kind">{m.notMeasured}</p>
      <h3>{m.countsHeading}</h3>
      {rows.length === 0 ? (
        <p className="muted" data-testid="citizen-report-none">
          {m.noReports}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table compact report-counts">
            <thead>
              <tr>
                <th scope="col">{m.colKey}</th>
                <th scope="col">{m.colHour}</th>
                <th scope="col">{m.colLast5}</th>
                <th scope="col" className="report-buckets-col">
                  {m.colBuckets}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="citizen-report-count" data-function={r.key} data-hour={r.hour}>
                  <th scope="row">
                    {name(r.key)}
                    {open.has(r.key) && <span className="surge-chip"> {m.surge}</span>}
                  </th>
                  <td>{m.count(r.hour)}</td>
                  <td>{m.count(r.last5)}</td>
                  <td className="report-buckets-col">{r.buckets.join(" · ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {counts.target.enabled && (
        <>
          <p>{m.intro}</p>
          <CitizenReportForm
            slug={counts.target.slug}
            lang={lang}
            choices={counts.target.keys.map((k) => ({ key: k, label: name(k) }))}
            districts={counts.target.districts.map((d) => ({ key: d.key, label: lang === "ko" ? d.name : d.nameEn }))}
            // only plain strings cross to the client component (functions cannot)
            words={{
              whatFails: m.whatFails,
              district: m.district,
              districtNone: m.districtNone,
              submit: m.submit,
              working: m.working,
              answer: m.answer,
              noScript: m.noScript,
            }}
            answer={answer}
          />
        </>
      )}
      <p>
        <Link href={`/${lang}/methodology#citizen-reports`}>{m.method}</Link>
      </p>
    </section>
  );
}
