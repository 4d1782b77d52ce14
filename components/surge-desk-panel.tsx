import Link from "next/link";
import { formatDateTime } from "@/core/format";
import { FormBasics } from "@/components/form-basics";
import type { DeskSurge } from "@/lib/citizen/desk-surges";
import type { Lang } from "@/lib/i18n";
import { citizenReportText } from "@/lib/i18n/citizen-report-messages";

/** The admins' list of surges, each with the form that records it as a REPORTED incident. */
export function SurgeDeskPanel({ surges, lang, csrf }: { surges: DeskSurge[]; lang: Lang; csrf: string }) {
  const m = citizenReportText(lang);
  const name = (s: DeskSurge, key: string) => {
    const f = s.functions.find((x) => x.key === key);
    return f ? (lang === "ko" ? f.name : f.nameEn) : (m.extra[key] ?? key);
  };
  return (
    <section className="panel" aria-labelledby="desk-surges-heading" data-testid="desk-surges">
      <h2 id="desk-surges-heading">{m.desk.heading}</h2>
      <p className="muted">{m.desk.intro}</p>
      {surges.length === 0 ? (
        <p className="muted">{m.desk.none}</p>
      ) : (
        <ul className="statement-list">
          {surges.map((s) => (
            <li key={s.id} className="statement" data-testid="desk-surge" data-surge-id={s.id} data-function={s.functionKey}>
              <p>
                <Link href={`/${lang}/services/${s.slug}#report`}>
                  {m.desk.line(lang === "ko" ? s.serviceName : s.serviceNameEn, name(s, s.functionKey), s.peakCount, s.threshold)}
                </Link>
              </p>
              <p className="statement-meta">
                {m.desk.since} <time dateTime={s.startedAt}>{formatDateTime(new Date(s.startedAt), lang, s.timeZone)}</time> ·{" "}
                {s.endedAt ? m.desk.ended : m.desk.ongoing}
              </p>
              {s.incidentId !== null ? (
                <p>
                  <Link href={`/${lang}/outages/${s.incidentId}`}>{m.desk.recorded(s.incidentId)}</Link>
                </p>
              ) : (
                <form method="post" action={`/actions/surges/${s.id}/incident`} className="form">
                  <FormBasics csrf={csrf} back={`/${lang}/desk`} lang={lang} />
                  {!s.functions.some((f) => f.key === s.functionKey) && (
                    <label className="field">
                      <span>{m.desk.fn}</span>
                      <select name="function" required defaultValue="">
                        <option value="" disabled />
                        {s.functions.map((f) => (
                          <option key={f.key} value={f.key}>
                            {lang === "ko" ? f.name : f.nameEn}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  <label className="field">
                    <span>{m.desk.note}</span>
                    <input name="note" maxLength={500} />
                  </label>
                  <div className="form-actions">
                    <button className="button" type="submit" data-testid={`desk-surge-record-${s.id}`}>
                      {m.desk.record}
                    </button>
                  </div>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
