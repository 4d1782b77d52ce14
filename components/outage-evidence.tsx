import { formatDateTime } from "@/core/format";
import type { OutageResultRow } from "@/lib/data/outage-detail";
import { t, type Lang } from "@/lib/i18n";
import { EvidenceFileLinks } from "./failure-evidence";
import { formatMs } from "./format-ms";

/** Rows shown open; a longer list starts folded behind a summary line. */
const OPEN_ROWS = 12;

/** The results in the outage window as they were recorded: the evidence behind the timeline. */
export function OutageEvidence({
  head,
  tail,
  total,
  lang,
  timeZone,
  showLocation,
  jsonHref,
}: {
  head: OutageResultRow[];
  tail: OutageResultRow[];
  total: number;
  lang: Lang;
  timeZone: string;
  showLocation: boolean;
  jsonHref: string;
}) {
  const o = t(lang).outage;
  if (total === 0) return <p className="empty">{o.evidenceNone}</p>;
  const skipped = total - head.length - tail.length;
  // The files column appears only where some run kept files, so older outages keep their table.
  const files = head.some((r) => r.evidence.length > 0) || tail.some((r) => r.evidence.length > 0);
  const columns = (showLocation ? 6 : 5) + (files ? 1 : 0);
  const table = (
    <table className="data-table stack-table evidence-table" data-testid="outage-evidence">
      <caption className="visually-hidden">{o.evidenceHeading}</caption>
      <thead>
        <tr>
          <th scope="col">{o.colTime}</th>
          {showLocation && <th scope="col">{o.colLocation}</th>}
          <th scope="col">{o.colResult}</th>
          <th scope="col" className="num">
            {o.colHttp}
          </th>
          <th scope="col" className="num">
            {o.colLatency}
          </th>
          <th scope="col">{o.colError}</th>
          {files && <th scope="col">{t(lang).evidence.files}</th>}
        </tr>
      </thead>
      <tbody>
        {head.map((r, i) => (
          <EvidenceRow key={`h${i}`} r={r} lang={lang} timeZone={timeZone} showLocation={showLocation} files={files} />
        ))}
        {skipped > 0 && (
          <tr className="evidence-gap">
            <td colSpan={columns} data-label="">
              <span>{o.evidenceSkipped(skipped)}</span>
            </td>
          </tr>
        )}
        {tail.map((r, i) => (
          <EvidenceRow key={`t${i}`} r={r} lang={lang} timeZone={timeZone} showLocation={showLocation} files={files} />
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      {skipped > 0 && (
        <p className="sub-note" data-testid="outage-evidence-capped">
          {o.evidenceTruncated(total, head.length, tail.length)} <a href={jsonHref}>{o.evidenceJson}</a>
        </p>
      )}
      {total > OPEN_ROWS ? (
        <details className="evidence-details">
          <summary>{o.evidenceSummary(total)}</summary>
          {table}
        </details>
      ) : (
        table
      )}
    </>
  );
}

function EvidenceRow({ r, lang, timeZone, showLocation, files }: { r: OutageResultRow; lang: Lang; timeZone: string; showLocation: boolean; files: boolean }) {
  const o = t(lang).outage;
  const good = r.state === "UP" || r.state === "DEGRADED";
  return (
    <tr className={`evidence-row result-${r.state}`} data-state={r.state}>
      <th scope="row" data-label={o.colTime}>
        <span>
          <time dateTime={r.at}>{formatDateTime(new Date(r.at), lang, timeZone, true)}</time>
        </span>
      </th>
      {showLocation && (
        <td data-label={o.colLocation}>
          <span>{r.location}</span>
        </td>
      )}
      <td data-label={o.colResult}>
        <span className={`result-label ${good ? "is-good" : r.state === "UNKNOWN" ? "is-neutral" : "is-bad"}`}>
          <span aria-hidden="true">{good ? "✓ " : r.state === "UNKNOWN" ? "? " : "✕ "}</span>
          {o.results[r.state] ?? r.state}
        </span>
      </td>
      <td className="num" data-label={o.colHttp}>
        <span>{r.httpStatus ?? "—"}</span>
      </td>
      <td className="num" data-label={o.colLatency}>
        <span>{r.latencyMs === null ? "—" : formatMs(r.latencyMs)}</span>
      </td>
      <td className="wrap" data-label={o.colError}>
        <span>
          {r.errorClass && <code>{r.errorClass}</code>} {r.message}
          {!r.errorClass && !r.message && "—"}
        </span>
      </td>
      {files && (
        <td data-label={t(lang).evidence.files}>
          <span>
            <EvidenceFileLinks links={r.evidence} lang={lang} />
          </span>
        </td>
      )}
    </tr>
  );
}
