import Link from "next/link";
import { Quoted, quotedLang } from "./quoted-text";
import { formatDateTime } from "@/core/format";
import type { OutageStatements as Statements } from "@/lib/data/outage-statements";
import type { Lang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import { FormBasics } from "./form-basics";

type Actor = { csrf: string } | null;

/**
 * The operator's side of an outage: the alert it got, its acknowledgement, its
 * updates and disputes, each with who and when. An operator of this service,
 * signed in, gets the forms to add to it; everyone else reads.
 */
export function OutageStatementsPanel({
  s,
  outageId,
  lang,
  timeZone,
  actor,
  signedIn,
}: {
  s: Statements;
  outageId: number;
  lang: Lang;
  timeZone: string;
  actor: Actor;
  signedIn: boolean;
}) {
  const o = ops(lang).statements;
  const when = (iso: string) => <time dateTime={iso}>{formatDateTime(new Date(iso), lang, timeZone, true)}</time>;
  const back = `/${lang}/outages/${outageId}#statements`;
  return (
    <>
      <ul className="statement-list" data-testid="outage-statements">
        <li className="statement" data-testid="statement-alert" data-alerted={s.alertedAt ? "true" : "false"}>
          <p>
            {s.alertedAt ? (
              <>
                {o.alertedAt("")}
                {when(s.alertedAt)}
              </>
            ) : (
              o.notAlerted
            )}
          </p>
        </li>
        <li className="statement" data-testid="statement-ack" data-acknowledged={s.acknowledgement ? "true" : "false"}>
          {s.acknowledgement ? (
            <>
              <p>
                {lang === "ko" ? (
                  <>
                    {when(s.acknowledgement.at)}에{" "}
                    <strong>
                      <Quoted text={s.acknowledgement.by} />
                    </strong>{" "}
                    님이 장애를 확인했습니다.
                  </>
                ) : (
                  <>
                    Acknowledged by{" "}
                    <strong>
                      <Quoted text={s.acknowledgement.by} />
                    </strong>{" "}
                    at {when(s.acknowledgement.at)}.
                  </>
                )}
              </p>
              {s.acknowledgement.note && (
                <p className="statement-body" lang={quotedLang(s.acknowledgement.note)}>
                  {s.acknowledgement.note}
                </p>
              )}
            </>
          ) : (
            <p>{o.notAcknowledged}</p>
          )}
        </li>
      </ul>

      <h3>{o.updatesHeading}</h3>
      {s.updates.length === 0 ? (
        <p className="muted">{o.noUpdates}</p>
      ) : (
        <ol className="statement-list" data-testid="outage-updates">
          {s.updates.map((u) => (
            <li key={u.id} className="statement" data-testid="outage-update">
              <p className="statement-meta">
                {when(u.at)} · <Quoted text={u.by} />
              </p>
              <p className="statement-body" lang={quotedLang(u.body)}>
                {u.body}
              </p>
            </li>
          ))}
        </ol>
      )}

      <h3>{o.disputesHeading}</h3>
      {s.disputes.length === 0 ? (
        <p className="muted">{o.noDisputes}</p>
      ) : (
        <ol className="statement-list" data-testid="outage-disputes">
          {s.disputes.map((d) => (
            <li key={d.id} className="statement" data-testid="outage-dispute" data-status={d.status}>
              <p className="statement-meta">
                <span className={`status status-${d.status}`}>{o.disputeStatus[d.status]}</span> #{d.id} · <Quoted text={d.by} /> · {when(d.at)}
              </p>
              <p className="statement-body" lang={quotedLang(d.reason)}>
                {d.reason}
              </p>
              {d.resolvedAt && (
                <p className="statement-body">
                  <strong>
                    {d.resolvedBy ? <Quoted text={d.resolvedBy} /> : null} · {when(d.resolvedAt)}:
                  </strong>{" "}
                  {d.resolution ? <Quoted text={d.resolution} /> : null}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}

      {actor ? (
        <section aria-labelledby="operator-forms-heading" data-testid="operator-forms">
          <h3 id="operator-forms-heading">{o.operatorForms}</h3>
          {!s.acknowledgement && (
            <form method="post" action={`/actions/outages/${outageId}/acknowledge`} className="form" data-testid="form-acknowledge">
              <FormBasics csrf={actor.csrf} back={back} lang={lang} />
              <label className="field">
                <span>{o.ackNote}</span>
                <input name="note" maxLength={500} />
              </label>
              <div className="form-actions">
                <button className="button" type="submit">
                  {o.ackSubmit}
                </button>
              </div>
            </form>
          )}
          <form method="post" action={`/actions/outages/${outageId}/update`} className="form" data-testid="form-update">
            <FormBasics csrf={actor.csrf} back={back} lang={lang} />
            <label className="field">
              <span>{o.updateBody}</span>
              <textarea name="body" required maxLength={2000} />
            </label>
            <div className="form-actions">
              <button className="button" type="submit">
                {o.updateSubmit}
              </button>
            </div>
          </form>
          {!s.disputes.some((d) => d.status === "OPEN") && (
            <form method="post" action={`/actions/outages/${outageId}/dispute`} className="form" data-testid="form-dispute">
              <FormBasics csrf={actor.csrf} back={back} lang={lang} />
              <label className="field">
                <span>{o.disputeReason}</span>
                <textarea name="reason" required minLength={5} maxLength={4000} />
              </label>
              <div className="form-actions">
                <button className="button button-quiet" type="submit">
                  {o.disputeSubmit}
                </button>
              </div>
            </form>
          )}
        </section>
      ) : (
        !signedIn && (
          <p className="muted">
            {o.signInToAct}{" "}
            <Link href={`/${lang}/sign-in?next=${encodeURIComponent(`/${lang}/outages/${outageId}`)}`} prefetch={false}>
              {ops(lang).signIn.title}
            </Link>
          </p>
        )
      )}
    </>
  );
}
