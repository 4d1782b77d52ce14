import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import { Quoted } from "./quoted-text";
import { formatDateTime } from "@/core/format";
import type { AuditView } from "@/lib/data/audit";
import type { Lang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";

const TZ = "Asia/Seoul";

/** Details that are someone's own words (an operator's note, an admin's reason, a name): quoted as written. */
const QUOTED = new Set(["body", "note", "reason", "resolution", "username"]);

/** What an entry's details say, in a line: the fields people read (the JSON has them all). */
function summary(e: AuditView, lang: Lang): ReactNode[] {
  const a = ops(lang).audit;
  const roles = ops(lang).roles;
  const d = e.details;
  const value = (k: string, v: unknown): ReactNode => {
    if (Array.isArray(v)) return v.join(", ");
    if (typeof v === "boolean") return v ? a.yes : a.no;
    if ((k === "start" || k === "end") && typeof v === "string") return formatDateTime(new Date(v), lang, TZ);
    if (k === "outcome" && typeof v === "string") return a.outcomes[v] ?? v;
    if (k === "role" && typeof v === "string") return roles[v] ?? v;
    return QUOTED.has(k) ? <Quoted text={String(v)} /> : String(v);
  };
  return ["body", "note", "reason", "outcome", "resolution", "start", "end", "excused", "username", "role", "services", "remindersCancelled"]
    .filter((k) => d[k] !== undefined && d[k] !== "" && d[k] !== 0 && !(Array.isArray(d[k]) && (d[k] as unknown[]).length === 0))
    .map((k, i) => (
      <Fragment key={k}>
        {i > 0 && " · "}
        {a.detailKeys[k] ?? k}: {value(k, d[k])}
      </Fragment>
    ));
}

function subjectLink(e: AuditView, lang: Lang) {
  const m = /^outage:(\d+)$/.exec(e.subject);
  if (m) return <Link href={`/${lang}/outages/${m[1]}`}>{e.subject}</Link>;
  if (e.serviceSlug && e.subject.startsWith("maintenance:")) return <Link href={`/${lang}/services/${e.serviceSlug}`}>{e.subject}</Link>;
  return <code>{e.subject}</code>;
}

export function AuditTable({ entries, lang }: { entries: AuditView[]; lang: Lang }) {
  const o = ops(lang);
  if (entries.length === 0) return <p className="empty">{o.audit.none}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table card-table" data-testid="audit-table">
        <caption className="visually-hidden">{o.audit.title}</caption>
        <thead>
          <tr>
            <th scope="col">{o.audit.colWhen}</th>
            <th scope="col">{o.audit.colWho}</th>
            <th scope="col">{o.audit.colWhat}</th>
            <th scope="col">{o.audit.colSubject}</th>
            <th scope="col">{o.audit.colDetails}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action} id={`entry-${e.id}`}>
              <th scope="row" data-label={o.audit.colWhen}>
                <span>
                  #{e.id} <time dateTime={e.at}>{formatDateTime(new Date(e.at), lang, TZ, true)}</time>
                </span>
              </th>
              <td data-label={o.audit.colWho}>
                {e.actorRole === "SYSTEM" ? (
                  <span>{o.roles.SYSTEM}</span>
                ) : (
                  <span>
                    <Quoted text={e.actorName} /> <span className="muted block">{o.roles[e.actorRole] ?? e.actorRole}</span>
                  </span>
                )}
              </td>
              <td data-label={o.audit.colWhat}>
                <span>{o.audit.actions[e.action] ?? e.action}</span>
              </td>
              <td data-label={o.audit.colSubject}>
                <span>{subjectLink(e, lang)}</span>
              </td>
              <td data-label={o.audit.colDetails}>
                <span className="detail-text statement-body">{summary(e, lang)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
