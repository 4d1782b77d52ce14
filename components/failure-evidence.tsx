import { formatDateTime } from "@/core/format";
import type { TimingPhases } from "@/core/result-detail";
import type { EvidenceLink, FailureEvidence } from "@/lib/data/outage-detail";
import { t, type Lang } from "@/lib/i18n";
import { formatMs } from "./format-ms";
import { StepMessage } from "./step-message";

const PHASES: (keyof TimingPhases)[] = ["dnsMs", "connectMs", "tlsMs", "firstByteMs", "totalMs"];

export const evidenceHref = (hash: string) => `/api/v1/evidence/${hash}`;
const kb = (bytes: number) => (bytes / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 });

/**
 * What a failing run kept, opened up for a reader: the answer's status, headers
 * and timings, the flow or journey's steps, the start of the body, and for a
 * browser the screen at that moment and the HAR. Everything was redacted before
 * it was stored; this only shows it.
 */
export function FailureEvidenceList({ items, lang, timeZone }: { items: FailureEvidence[]; lang: Lang; timeZone: string }) {
  const e = t(lang).evidence;
  if (items.length === 0)
    return (
      <p className="empty" data-testid="failure-evidence-none">
        {e.none}
      </p>
    );
  return (
    <>
      <p className="muted">{e.intro}</p>
      {items.map((f) => (
        <FailureEvidenceItem key={f.label} f={f} lang={lang} timeZone={timeZone} />
      ))}
    </>
  );
}

function FailureEvidenceItem({ f, lang, timeZone }: { f: FailureEvidence; lang: Lang; timeZone: string }) {
  const e = t(lang).evidence;
  const o = t(lang).outage;
  const d = f.detail;
  const r = d?.response;
  const headingId = `failure-evidence-${f.label}`;
  return (
    <section className="failure-evidence" aria-labelledby={headingId} data-testid="failure-evidence" data-label={f.label}>
      <h3 id={headingId}>
        {e.heading(f.label)} <span className="muted tl-when">{formatDateTime(new Date(f.at), lang, timeZone, true)}</span>
      </h3>
      <dl className="facts evidence-facts">
        <div className="fact-wide">
          <dt>{e.error}</dt>
          <dd className="error-text">
            <span className="result-label is-bad">{o.results[f.state] ?? f.state}</span> {f.errorClass && <code>{f.errorClass}</code>}{" "}
            {f.message && <code className="raw-message">{f.message}</code>}
          </dd>
        </div>
        {d?.step && (
          <div>
            <dt>{e.step}</dt>
            <dd data-testid="failure-evidence-step">{d.step}</dd>
          </div>
        )}
        {r && (
          <>
            <div className="fact-wide">
              <dt>{e.request}</dt>
              <dd>
                <code className="probe-request">
                  {r.method} {r.url}
                </code>
                {r.redirects.length > 0 && <span className="muted block">{e.redirects(r.redirects.length)}</span>}
                {(f.errorClass === "BAD_REDIRECT" || f.errorClass === "BLOCKED_ADDRESS") && (
                  <span className="muted block" data-testid="failure-evidence-redirect-refused">
                    {e.redirectRefused(f.errorClass)}
                  </span>
                )}
              </dd>
            </div>
            <div>
              <dt>{e.status}</dt>
              <dd>
                {r.status ?? "—"}
                <span className="muted block">{e.bodyBytes(r.bodyBytes)}</span>
              </dd>
            </div>
            <div className="fact-wide">
              <dt>{e.phases}</dt>
              <dd>
                <ul className="phase-list" data-testid="failure-evidence-phases">
                  {PHASES.map((p) => (
                    <li key={p}>
                      <span className="muted">{e.phaseNames[p]}</span> <span className="num">{r.phases[p] === null ? "—" : formatMs(r.phases[p])}</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          </>
        )}
        {d?.certificate && (
          <div className="fact-wide">
            <dt>{e.certificate}</dt>
            <dd>
              {e.certificateValue(formatDateTime(new Date(d.certificate.validTo), lang, timeZone), d.certificate.daysLeft)}
              <span className="muted block">{d.certificate.subject}</span>
            </dd>
          </div>
        )}
        {d?.dns && (
          <div className="fact-wide">
            <dt>{e.dns}</dt>
            <dd>
              <code>
                {d.dns.name} {d.dns.recordType}
              </code>{" "}
              {d.dns.records.length > 0 ? d.dns.records.join(", ") : e.noRecords}
            </dd>
          </div>
        )}
      </dl>

      {d?.steps && d.steps.length > 0 && (
        <table className="data-table stack-table evidence-steps" data-testid="failure-evidence-steps">
          <caption>{e.steps}</caption>
          <thead>
            <tr>
              <th scope="col">{e.colStep}</th>
              <th scope="col">{e.colOutcome}</th>
              <th scope="col" className="num">
                {e.colTime}
              </th>
              <th scope="col" className="num">
                {o.colHttp}
              </th>
              <th scope="col">{o.colError}</th>
            </tr>
          </thead>
          <tbody>
            {d.steps.map((s, i) => (
              <tr key={`${s.name}-${i}`} data-outcome={s.outcome}>
                <th scope="row" data-label={e.colStep}>
                  <span>
                    {s.name}
                    {s.phase === "cleanup" && <span className="muted"> ({e.cleanup})</span>}
                  </span>
                </th>
                <td data-label={e.colOutcome}>
                  <span className={`result-label ${s.outcome === "ok" ? "is-good" : s.outcome === "skipped" ? "is-neutral" : "is-bad"}`}>
                    {e.outcomes[s.outcome] ?? s.outcome}
                  </span>
                </td>
                <td className="num" data-label={e.colTime}>
                  <span>{s.ms === null ? "—" : formatMs(s.ms)}</span>
                </td>
                <td className="num" data-label={o.colHttp}>
                  <span>{s.status ?? "—"}</span>
                </td>
                <td className="wrap" data-label={o.colError}>
                  <span>
                    {s.errorClass && <code>{s.errorClass}</code>} {s.message ? <StepMessage message={s.message} lang={lang} /> : s.errorClass ? "" : "—"}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {r && Object.keys(r.headers).length > 0 && (
        <details className="evidence-details">
          <summary>{e.headers(Object.keys(r.headers).length)}</summary>
          <table className="data-table evidence-headers">
            <caption className="visually-hidden">{e.headers(Object.keys(r.headers).length)}</caption>
            <thead>
              <tr>
                <th scope="col">{e.headerName}</th>
                <th scope="col">{e.headerValue}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.headers).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">
                    <code>{k}</code>
                  </th>
                  <td className="wrap">
                    <code>{v}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}

      {f.excerpt && (
        <div className="evidence-body">
          <h4>{f.excerpt.kind === "page" ? e.page : e.body}</h4>
          <pre data-testid="failure-evidence-body" tabIndex={0}>
            {f.excerpt.text}
          </pre>
          <p className="sub-note">
            <FileLink link={f.excerpt.link} label={e.file} />
          </p>
        </div>
      )}

      {f.screenshot && (
        <figure className="evidence-shot">
          <a href={evidenceHref(f.screenshot.hash)}>
            {/* Evidence is shown byte for byte as stored: no image optimisation or resizing on the way. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={evidenceHref(f.screenshot.hash)}
              alt={e.screenshotAlt(f.screenshot.step ?? "")}
              loading="lazy"
              data-testid="failure-evidence-screenshot"
            />
          </a>
          <figcaption>{e.screenshot}</figcaption>
        </figure>
      )}

      {f.har && (
        <p>
          <a href={evidenceHref(f.har.hash)} download data-testid="failure-evidence-har">
            {e.har(kb(f.har.size))}
          </a>
        </p>
      )}
    </section>
  );
}

function FileLink({ link, label }: { link: EvidenceLink; label: string }) {
  return (
    <a href={evidenceHref(link.hash)}>
      {label} <code className="hash">sha256:{link.hash.slice(0, 12)}…</code>
    </a>
  );
}

/** Links to a run's blobs in the results table: body, page, screen, HAR. */
export function EvidenceFileLinks({ links, lang }: { links: EvidenceLink[]; lang: Lang }) {
  const e = t(lang).evidence;
  if (links.length === 0) return <>—</>;
  return (
    <>
      {links.map((l, i) => (
        <span key={l.hash + l.kind}>
          {i > 0 && " · "}
          <a href={evidenceHref(l.hash)}>{e.fileKinds[l.kind] ?? l.kind}</a>
        </span>
      ))}
    </>
  );
}
