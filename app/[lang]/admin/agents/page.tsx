import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/core/auth/permissions";
import { formatDateTime } from "@/core/format";
import { Flash } from "@/components/flash";
import { FormBasics } from "@/components/form-basics";
import { agentOverview } from "@/lib/agents/agent-overview";
import { requireView } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db";
import { isLang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import "@/components/report-tables.css";
import "@/components/ops.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ lang: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: ops(lang).admin.agentsTitle, robots: { index: false } } : {};
}

const TZ = "Asia/Seoul";
/** An offset in seconds to a tenth; under 0.05 s it is 0.0 s, never "-0.0 s". */
const seconds = (ms: number) => `${Math.abs(ms) < 50 ? "0.0" : (ms / 1000).toFixed(1)} s`;

/** Remote probe agents and the batches the server held back: admins count them with a reason; council members read. */
export default async function AgentsPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const back = `/${lang}/admin/agents`;
  const viewer = await requireView(lang, back, "view.agents");
  const decides = can({ id: viewer.userId, role: viewer.role, serviceIds: [] }, "agent_batch.release");
  const q = await searchParams;
  const a = ops(lang).admin;
  const { agents, held } = await agentOverview(await getDb());
  const at = (iso: string) => <time dateTime={iso}>{formatDateTime(new Date(iso), lang, TZ, true)}</time>;
  return (
    <>
      <h1>{a.agentsTitle}</h1>
      <Flash lang={lang} notice={q.notice} error={q.error} />
      <p className="muted">{a.agentsIntro}</p>
      {agents.length === 0 ? (
        <p className="empty">{a.noAgents}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table card-table" data-testid="agents-table">
            <caption className="visually-hidden">{a.agentsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{a.colAgent}</th>
                <th scope="col">{a.colLocation}</th>
                <th scope="col">{a.colAccepted}</th>
                <th scope="col">{a.colHeld}</th>
                <th scope="col">{a.colResults}</th>
                <th scope="col">{a.colLastBatch}</th>
                <th scope="col">{a.colSkew}</th>
              </tr>
            </thead>
            <tbody>
              {agents.map((x) => (
                <tr key={x.key}>
                  <th scope="row" data-label={a.colAgent}>
                    {x.key}
                    {!x.active && <span className="muted"> ({a.notConfigured})</span>}
                  </th>
                  <td data-label={a.colLocation}>{x.location}</td>
                  <td data-label={a.colAccepted} className="num">
                    {x.accepted.toLocaleString(lang)}
                  </td>
                  <td data-label={a.colHeld} className="num">
                    {x.held.toLocaleString(lang)}
                  </td>
                  <td data-label={a.colResults} className="num">
                    {x.resultsStored.toLocaleString(lang)}
                  </td>
                  <td data-label={a.colLastBatch}>{x.lastBatch ? at(x.lastBatch.receivedAt) : a.neverSent}</td>
                  <td data-label={a.colSkew}>
                    {x.lastBatch ? seconds(x.lastBatch.skewMs) : "—"}
                    {x.clockFlagged && x.lastBatch && (
                      <strong className="status status-FAILED"> {a.clockFlagged(seconds(x.lastBatch.skewMs), seconds(x.maxClockSkewMs))}</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="panel" aria-labelledby="held-heading">
        <h2 id="held-heading">{a.heldHeading}</h2>
        {held.length === 0 ? (
          <p className="empty">{a.noHeld}</p>
        ) : (
          <ul className="statement-list">
            {held.map((b) => {
              const clockHeld = b.code === "clock_skew";
              return (
                <li key={`${b.agent}:${b.batchId}`} className="statement" data-testid="held-batch" data-batch-id={b.batchId}>
                  <p className="statement-meta">
                    <span className="status status-PENDING">{a.colHeld}</span> {a.heldMeta(b.agent, b.results)} · <code>{b.batchId}</code>
                  </p>
                  <dl className="batch-facts">
                    <dt>{a.sentReceived}</dt>
                    <dd>
                      {at(b.sentAt)} / {at(b.receivedAt)}
                    </dd>
                    <dt>{a.heldFor}</dt>
                    <dd>
                      {a.heldReasons[b.code] ?? b.code}
                      {/* the server's record of the reason, as it was written (in English) */}
                      <details>
                        <summary>{a.reasonRecorded}</summary>
                        <span className="muted" lang="en">
                          {b.reason}
                        </span>
                      </details>
                    </dd>
                    <dt>{a.payloadHash}</dt>
                    <dd>
                      <code>{b.payloadHash}</code>
                    </dd>
                  </dl>
                  {decides && (
                    <form method="post" action="/actions/agent-batches/release" className="form">
                      <FormBasics csrf={viewer.csrf} back={back} lang={lang} />
                      <input type="hidden" name="batchId" value={b.batchId} />
                      <input type="hidden" name="agent" value={b.agent} />
                      <label className="field">
                        <span>{a.why}</span>
                        <textarea name="why" required minLength={5} maxLength={4000} />
                      </label>
                      {clockHeld && (
                        <label className="check">
                          <input type="checkbox" name="trustClock" /> {a.trustClock}
                        </label>
                      )}
                      <div className="form-actions">
                        <button className="button" type="submit">
                          {a.release}
                        </button>
                      </div>
                    </form>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
