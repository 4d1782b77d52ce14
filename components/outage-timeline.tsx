import type { ReactNode } from "react";
import { quotedLang, WithQuoted } from "./quoted-text";
import { formatDateTime, formatDuration } from "@/core/format";
import type { TimelineEvent } from "@/lib/data/outage-detail";
import type { OutageStatements } from "@/lib/data/outage-statements";
import { t, type Lang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import { formatMs } from "./format-ms";

/** What one result said, in words: "실패 · HTTP 503 · ASSERTION_STATUS". */
export function resultSummary(r: { state: string | null; httpStatus: number | null; errorClass: string | null }, lang: Lang): string {
  const o = t(lang).outage;
  const parts = [r.state ? (o.results[r.state] ?? r.state) : null, r.httpStatus !== null ? `HTTP ${r.httpStatus}` : null, r.errorClass];
  return parts.filter(Boolean).join(" · ");
}

/**
 * The outage as a vertical timeline read from the results, with the alert and
 * the operator's statements placed among them by time and marked as statements
 * (square markers, "operator statement"), never mistaken for measurements.
 * With none recorded, the list ends with a muted line saying so.
 */
export function OutageTimeline({
  events,
  omitted,
  lang,
  timeZone,
  locations,
  statements,
}: {
  events: TimelineEvent[];
  omitted: number;
  lang: Lang;
  timeZone: string;
  locations: number;
  statements?: OutageStatements;
}) {
  const o = t(lang).outage;
  const so = ops(lang).statements;
  const when = (iso: string) => <time dateTime={iso}>{formatDateTime(new Date(iso), lang, timeZone, true)}</time>;
  const where = (loc: string | null) => (locations > 1 && loc ? <span className="sub-note block">{o.tlAt(loc)}</span> : null);
  const said: { at: string; node: ReactNode }[] = [];
  if (statements) {
    const item = (key: string, kind: string, at: string, what: ReactNode, detail?: string) =>
      said.push({
        at,
        node: (
          <li key={key} className="tl-item tl-statement" data-kind={kind}>
            <p className="tl-when">{when(at)}</p>
            <p className="tl-what" data-mark={kind === "alerted" ? undefined : so.statementMark}>
              {what}
            </p>
            {detail && (
              <p className="tl-detail statement-body" lang={quotedLang(detail)}>
                {detail}
              </p>
            )}
          </li>
        ),
      });
    if (statements.alertedAt) item("alerted", "alerted", statements.alertedAt, so.tlAlerted);
    if (statements.acknowledgement)
      item(
        "ack",
        "acknowledged",
        statements.acknowledgement.at,
        <WithQuoted words={so.tlAcknowledged} text={statements.acknowledgement.by} />,
        statements.acknowledgement.note || undefined,
      );
    for (const u of statements.updates) item(`u${u.id}`, "update", u.at, <WithQuoted words={so.tlUpdate} text={u.by} />, u.body);
    for (const d of statements.disputes) {
      item(`d${d.id}`, "dispute", d.at, <WithQuoted words={so.tlDispute} text={d.by} />, d.reason);
      if (d.resolvedAt)
        item(`r${d.id}`, "dispute_resolved", d.resolvedAt, so.tlDisputeResolved(so.disputeStatus[d.status] ?? d.status), d.resolution ?? undefined);
    }
  }
  const measured = events.map((e, i) => {
    const key = `${e.kind}-${e.at}-${i}`;
    switch (e.kind) {
      case "first_failure":
        return (
          <li key={key} className="tl-item tl-bad" data-kind={e.kind}>
            <p className="tl-when">{when(e.at)}</p>
            <p className="tl-what">{o.tlFirstFailure}</p>
            <p className="tl-detail">
              {resultSummary(e, lang)}
              {e.message && <span className="tl-message">{e.message}</span>}
            </p>
            {where(e.location)}
          </li>
        );
      case "confirmed":
        return (
          <li key={key} className="tl-item tl-bad" data-kind={e.kind}>
            <p className="tl-when">{when(e.at)}</p>
            <p className="tl-what">{e.confirm ? o.tlConfirmed(e.confirm) : o.tlConfirmedUnknownCount}</p>
          </li>
        );
      case "change":
        return (
          <li
            key={key}
            className={`tl-item ${e.state === "UP" || e.state === "DEGRADED" ? "tl-good" : e.state === "UNKNOWN" ? "tl-neutral" : "tl-bad"}`}
            data-kind={e.kind}
          >
            <p className="tl-when">{when(e.at)}</p>
            <p className="tl-what">{o.tlChange}</p>
            <p className="tl-detail">
              {resultSummary(e, lang)}
              {e.message && <span className="tl-message">{e.message}</span>}
            </p>
            {where(e.location)}
          </li>
        );
      case "gap":
        return (
          <li key={key} className="tl-item tl-neutral" data-kind={e.kind}>
            <p className="tl-when">
              {when(e.at)} – {when(e.until)}
            </p>
            <p className="tl-what">{o.tlGap}</p>
            <p className="tl-detail">{formatDuration((Date.parse(e.until) - Date.parse(e.at)) / 1000, lang)}</p>
            {where(e.location)}
          </li>
        );
      case "resolved":
        return (
          <li key={key} className="tl-item tl-good" data-kind={e.kind}>
            <p className="tl-when">{when(e.at)}</p>
            <p className="tl-what">{o.tlResolved}</p>
            {e.state && (
              <p className="tl-detail">
                {resultSummary({ state: e.state, httpStatus: null, errorClass: null }, lang)}
                {e.latencyMs !== null && ` · ${formatMs(e.latencyMs)}`}
              </p>
            )}
            {where(e.location)}
          </li>
        );
      case "ongoing":
        return (
          <li key={key} className="tl-item tl-bad tl-open" data-kind={e.kind}>
            <p className="tl-when">{when(e.at)}</p>
            <p className="tl-what">{o.tlOngoing}</p>
          </li>
        );
    }
  });
  // Statements go after the measurement events of the same instant, in time order among the rest.
  said.sort((a, b) => a.at.localeCompare(b.at));
  const merged: ReactNode[] = [];
  let j = 0;
  for (const [i, node] of measured.entries()) {
    const at = events[i]!.at;
    while (j < said.length && said[j]!.at < at) merged.push(said[j++]!.node);
    merged.push(node);
  }
  while (j < said.length) merged.push(said[j++]!.node);
  const none = said.length === 0;
  return (
    <ol className="timeline" data-testid="outage-timeline">
      {merged}
      {omitted > 0 && (
        <li className="tl-item tl-neutral">
          <p className="tl-detail">{o.tlMoreChanges(omitted)}</p>
        </li>
      )}
      {none && (
        <li className="tl-item tl-none" data-testid="outage-no-statements">
          <p className="tl-what">{o.noStatements}</p>
          <p className="sub-note">{o.noStatementsHelp}</p>
        </li>
      )}
    </ol>
  );
}
