import { formatDateTime } from "@/core/format";
import { Quoted, WithQuoted } from "./quoted-text";
import { leadText } from "@/core/accounting/excused";
import type { AnnouncementView } from "@/lib/data/maintenance";
import type { Lang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";

/** Announced maintenance with the contract's notice rule applied: excused, or late and not excused (with why). */
export function MaintenanceTable({ items, lang, timeZone }: { items: AnnouncementView[]; lang: Lang; timeZone: string }) {
  const o = ops(lang).maintenance;
  if (items.length === 0) return <p className="empty">{o.none}</p>;
  const at = (iso: string) => <time dateTime={iso}>{formatDateTime(new Date(iso), lang, timeZone)}</time>;
  return (
    <div className="table-scroll">
      <table className="data-table card-table" data-testid="maintenance-table">
        <caption className="visually-hidden">{o.heading}</caption>
        <thead>
          <tr>
            <th scope="col">{o.colWhen}</th>
            <th scope="col">{o.colAnnounced}</th>
            <th scope="col">{o.colLead}</th>
            <th scope="col">{o.colStatus}</th>
            <th scope="col">{o.colNote}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id} data-testid="maintenance-row" data-excused={m.excused ? "true" : "false"}>
              <th scope="row" data-label={o.colWhen}>
                <span>
                  {at(m.start)} – {at(m.end)}
                </span>
              </th>
              <td data-label={o.colAnnounced}>
                <span>
                  {at(m.announcedAt)}{" "}
                  <span className="muted block">
                    <WithQuoted words={o.by} text={m.by} />
                  </span>
                </span>
              </td>
              <td data-label={o.colLead} className="num">
                <span>{leadText(m.leadMs, lang)}</span>
              </td>
              <td data-label={o.colStatus}>
                <span>
                  <span className={`status status-${m.excused ? "excused" : "late"}`}>{m.excused ? o.excused : o.late}</span>
                  <span className="muted block detail-text">{lang === "ko" ? m.whyKo : m.why}</span>
                </span>
              </td>
              <td data-label={o.colNote}>
                <Quoted className="statement-body" text={m.note} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
