import Link from "next/link";
import { formatDateTime, formatDuration } from "@/core/format";
import type { ServiceOutageView } from "@/lib/data/types";
import { t, type Lang } from "@/lib/i18n";
import { servicePageText } from "@/lib/i18n/service-page-messages";
import { LocalTime } from "./local-time";

/**
 * Recent outages, newest first, each linking to its outage page, with what the operator did
 * (acknowledged, disputed and how the dispute ended). On a phone each row becomes a small card (see globals.css).
 */
export function OutageHistoryTable({ outages, lang, timeZone }: { outages: ServiceOutageView[]; lang: Lang; timeZone: string }) {
  const m = t(lang);
  const sp = servicePageText(lang);
  if (outages.length === 0) return <p className="empty">{m.noOutages}</p>;
  return (
    <table className="data-table outages">
      <caption className="visually-hidden">{m.outagesHeading}</caption>
      <thead>
        <tr>
          <th scope="col">{m.colFunction}</th>
          <th scope="col">{m.colStart}</th>
          <th scope="col">{m.colEnd}</th>
          <th scope="col">{m.colDuration}</th>
          <th scope="col">{m.colCause}</th>
          <th scope="col">{m.colSource}</th>
          <th scope="col">{sp.colOperator}</th>
        </tr>
      </thead>
      <tbody>
        {outages.map((o) => (
          <tr
            key={o.id}
            className={`outage-row${o.ongoing ? " is-ongoing" : ""}${o.source === "REPORTED" ? " is-reported" : ""}`}
            data-testid="outage-row"
            data-function={o.functionKey}
            data-ongoing={o.ongoing ? "true" : "false"}
            data-duration-sec={o.durationSec}
            data-acknowledged={o.acknowledgedAt ? "true" : "false"}
            data-dispute={o.dispute ?? "none"}
          >
            <th scope="row" data-label={m.colFunction}>
              <span>
                <Link
                  href={`/${lang}/outages/${o.id}`}
                  aria-label={m.outage.detailsFor(lang === "ko" ? o.functionName : o.functionNameEn, formatDateTime(new Date(o.startedAt), lang, timeZone))}
                  data-testid="outage-link"
                >
                  {lang === "ko" ? o.functionName : o.functionNameEn}
                </Link>
              </span>
            </th>
            <td data-label={m.colStart}>
              <span>
                <LocalTime iso={o.startedAt} lang={lang} timeZone={timeZone} />
              </span>
            </td>
            <td data-label={m.colEnd}>
              <span>{o.endedAt ? <LocalTime iso={o.endedAt} lang={lang} timeZone={timeZone} /> : <strong className="ongoing">{m.ongoing}</strong>}</span>
            </td>
            <td data-label={m.colDuration} className="duration">
              <span>
                {formatDuration(o.durationSec, lang)}
                {o.unmeasuredSec > 0 && <span className="muted unmeasured-note">{m.outage.unmeasuredShort(formatDuration(o.unmeasuredSec, lang))}</span>}
              </span>
            </td>
            <td data-label={m.colCause} className="cause">
              {o.errorClass === null && o.message === null ? (
                <span className="muted">{m.causeUnknown}</span>
              ) : (
                <span>
                  {o.errorClass && <code>{o.errorClass}</code>} {o.message && <code className="raw-message">{o.message}</code>}
                </span>
              )}
            </td>
            <td data-label={m.colSource}>
              <span>
                <span className={`source source-${o.provenance}`}>{m.sourceLabel[o.provenance]}</span>
              </span>
            </td>
            <td data-label={sp.colOperator} data-testid="outage-operator">
              {o.provenance !== "MEASURED" ? (
                // a reconstructed or reported outage predates this record: there is no response to show
                <span className="muted">—</span>
              ) : (
                <span className="operator-response">
                  <span className={`status status-${o.acknowledgedAt ? "DELIVERED" : "PENDING"}`}>
                    {o.acknowledgedAt ? sp.acknowledged : sp.notAcknowledged}
                  </span>
                  {o.dispute && <span className={`status status-${o.dispute}`}>{sp.dispute[o.dispute]}</span>}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
