import { formatDateTime } from "@/core/format";
import type { ChangeoverView } from "@/lib/data/changeover";
import { type Lang } from "@/lib/i18n";
import { changeoverText } from "@/lib/i18n/changeover-messages";

const when = (iso: string | number, lang: Lang, tz: string) => {
  const d = new Date(iso);
  return <time dateTime={d.toISOString()}>{formatDateTime(d, lang, tz)}</time>;
};

/** The changeover's dates and, per function, whether the new operator's endpoint answers correctly and since when. */
export function ChangeoverPanel({ c, lang, timeZone, fnName }: { c: ChangeoverView; lang: Lang; timeZone: string; fnName: (key: string) => string }) {
  const m = changeoverText(lang);
  const en = lang === "en";
  return (
    <section aria-labelledby="changeover-heading" className="panel changeover" data-testid="changeover-panel">
      <h2 id="changeover-heading">{m.heading}</h2>
      <p className="muted">{m.intro}</p>
      {(en ? c.noteEn : c.note) && <p className="changeover-note">{en ? c.noteEn : c.note}</p>}
      <dl className="facts">
        <div>
          <dt>{m.oldOperator}</dt>
          <dd>{en ? c.oldOperatorEn : c.oldOperator}</dd>
        </div>
        <div>
          <dt>{m.newOperator}</dt>
          <dd>{en ? c.newOperatorEn : c.newOperator}</dd>
        </div>
        <div>
          <dt>{m.readinessDeadline}</dt>
          <dd>{when(c.readinessDeadline, lang, timeZone)}</dd>
        </div>
        <div>
          <dt>{m.cutover}</dt>
          <dd>
            {when(c.cutover.start, lang, timeZone)} – {when(c.cutover.end, lang, timeZone)}
          </dd>
        </div>
        <div>
          <dt>{m.goLiveDeadline}</dt>
          <dd>{when(c.goLiveDeadline, lang, timeZone)}</dd>
        </div>
        <div>
          <dt>{m.actualStart}</dt>
          <dd data-testid="changeover-go-live">
            {c.live && c.actualStart ? when(c.actualStart, lang, timeZone) : m.notStarted}
            {c.late && <strong className="late-flag block">{m.late}</strong>}
          </dd>
        </div>
      </dl>

      <h3 className="readiness-heading">{m.readinessHeading}</h3>
      {c.live && <p className="muted">{m.readinessStopped}</p>}
      {c.readiness.length === 0 ? (
        <p className="empty">{m.readinessNone}</p>
      ) : (
        <table className="data-table stack-table readiness">
          <caption className="visually-hidden">{m.readinessHeading}</caption>
          <thead>
            <tr>
              <th scope="col">{m.fn}</th>
              <th scope="col">{m.now}</th>
              <th scope="col">{m.since}</th>
              <th scope="col">{m.atDeadline}</th>
              <th scope="col">{m.lastChecked}</th>
            </tr>
          </thead>
          <tbody>
            {c.readiness.map((r) => (
              <tr key={r.functionKey} data-testid="readiness-row" data-function={r.functionKey} data-state={r.status.state}>
                <th scope="row" data-label={m.fn}>
                  <span>{fnName(r.functionKey)}</span>
                </th>
                <td data-label={m.now}>
                  <span>
                    <span className={`badge ${r.status.state === "ready" ? "badge-ready" : r.status.state === "not_ready" ? "badge-not-ready" : ""}`}>
                      <span aria-hidden="true">{r.status.state === "ready" ? "✓" : r.status.state === "not_ready" ? "✕" : "–"}</span>
                      {m.states[r.status.state]}
                    </span>
                    {r.status.state === "not_ready" && (r.errorClass || r.httpStatus) && (
                      <span className="muted block readiness-error">
                        {[r.httpStatus ? `HTTP ${r.httpStatus}` : null, r.errorClass].filter(Boolean).join(" · ")}
                      </span>
                    )}
                  </span>
                </td>
                <td data-label={m.since}>
                  <span>{r.status.since !== null ? when(r.status.since, lang, timeZone) : "–"}</span>
                </td>
                <td data-label={m.atDeadline}>
                  <span>{m.states[r.status.atDeadline]}</span>
                </td>
                <td data-label={m.lastChecked}>
                  <span>{r.status.lastAt !== null ? when(r.status.lastAt, lang, timeZone) : "–"}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
