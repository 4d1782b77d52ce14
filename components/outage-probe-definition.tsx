import { formatDuration } from "@/core/format";
import type { ProbeView } from "@/lib/data/outage-detail";
import { t, type Lang } from "@/lib/i18n";
import { formatMs } from "./format-ms";

/** What the probe sent and what counted as a correct answer. Header values and bodies are never shown. */
export function OutageProbeDefinition({ probe, lang }: { probe: ProbeView; lang: Lang }) {
  const o = t(lang).outage;
  const e = probe.expect;
  return (
    <div className="probe-def" data-testid="outage-probe">
      <dl className="facts">
        <div className="fact-wide">
          <dt>{o.probeRequest}</dt>
          <dd>
            {probe.steps.length > 0 ? (
              <ol className="probe-steps" data-testid="outage-probe-steps">
                {probe.steps.map((s) => (
                  <li key={`${s.phase}-${s.name}`} data-phase={s.phase}>
                    <strong>{s.name}</strong>
                    {s.phase === "cleanup" && <span className="muted"> ({t(lang).evidence.cleanup})</span>}{" "}
                    <code className="probe-request">
                      {s.action} {s.target}
                    </code>
                    {s.expects.length > 0 && (
                      <span className="block muted">
                        {o.probeExpect}:{" "}
                        {s.expects.map((x) => (
                          <code key={x}>{x}</code>
                        ))}
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            ) : probe.target ? (
              <code className="probe-request">
                {probe.kind.toUpperCase()} {probe.target}
              </code>
            ) : (
              <code className="probe-request">
                {probe.method} {probe.url}
              </code>
            )}
          </dd>
        </div>
        <div>
          <dt>{o.probeHeaders}</dt>
          <dd data-testid="outage-probe-headers">
            {probe.headerNames.length === 0
              ? o.probeNoHeaders
              : probe.headerNames.map((h) => (
                  <code key={h} className="probe-header">
                    {h}
                  </code>
                ))}
          </dd>
        </div>
        <div>
          <dt>{o.probeBody}</dt>
          <dd>{probe.hasBody ? o.probeBodyHidden : o.probeBodyNone}</dd>
        </div>
        <div>
          <dt>{o.probeLocation}</dt>
          <dd>{lang === "ko" ? probe.locationName : probe.locationNameEn}</dd>
        </div>
        <div>
          <dt>{o.probeInterval}</dt>
          <dd>{formatDuration(probe.intervalSec, lang)}</dd>
        </div>
        <div>
          <dt>{o.probeTimeout}</dt>
          <dd>{formatMs(probe.timeoutMs)}</dd>
        </div>
        <div>
          <dt>{o.probeConfirm}</dt>
          <dd>{o.probeConfirmValue(probe.confirm)}</dd>
        </div>
      </dl>
      {probe.kind === "http" && (
        <>
          <h3>{o.probeExpect}</h3>
          <ul className="probe-expect">
            <li>
              {o.probeStatus}:{" "}
              {e.status.map((s) => (
                <code key={String(s)}>{String(s)}</code>
              ))}
            </li>
            {e.json.map((j) => (
              <li key={`${j.path}-${String(j.equals)}-${String(j.exists)}-${j.matches ?? ""}`}>
                {o.probeJson}: <code>{j.path}</code>{" "}
                {j.equals !== undefined ? (
                  <>
                    = <code>{JSON.stringify(j.equals)}</code>
                  </>
                ) : j.exists !== undefined ? (
                  j.exists ? (
                    o.probeExists
                  ) : (
                    o.probeMissing
                  )
                ) : (
                  <>
                    {o.probeMatches} <code>/{j.matches}/</code>
                  </>
                )}
              </li>
            ))}
            {e.bodyContains.map((b) => (
              <li key={`c-${b}`}>
                {o.probeContains}: <code>{b}</code>
              </li>
            ))}
            {e.bodyNotContains.map((b) => (
              <li key={`n-${b}`}>
                {o.probeNotContains}: <code>{b}</code>
              </li>
            ))}
            {e.maxLatencyMs !== null && (
              <li>
                {o.probeMaxLatency}: {formatMs(e.maxLatencyMs)}
              </li>
            )}
          </ul>
        </>
      )}
      {probe.kind !== "http" && e.maxLatencyMs !== null && (
        <p>
          {o.probeMaxLatency}: {formatMs(e.maxLatencyMs)}
        </p>
      )}
    </div>
  );
}
