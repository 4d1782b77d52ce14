import { formatDateTime } from "@/core/format";
import type { FunctionNow } from "@/lib/data/types";
import { t, type Lang } from "@/lib/i18n";
import { LocalTime } from "./local-time";
import { StateChip } from "./state-chip";
import { StoppedLine } from "./stopped-banner";
import { formatMs } from "./format-ms";

/** Service page: one row per function with its state now and the last thing the probe saw. */
export function FunctionNowList({
  slug,
  functions,
  lang,
  timeZone,
  now,
}: {
  slug: string;
  functions: FunctionNow[];
  lang: Lang;
  timeZone: string;
  now: string;
}) {
  const m = t(lang);
  return (
    <ul className="fn-now-list">
      {functions.map((f) => (
        <li key={f.key} className={`fn-now edge-${f.state}`} data-testid={`function-${slug}-${f.key}`} data-state={f.state}>
          <div className="fn-now-head">
            <h3 className="fn-now-name">
              {lang === "ko" ? f.name : f.nameEn}
              {f.critical && <span className="tag">{m.critical}</span>}
            </h3>
            <StateChip state={f.state} lang={lang} />
          </div>
          {f.state === "STOPPED" && (
            <p className="fn-now-stopped">
              <StoppedLine fn={f} lang={lang} timeZone={timeZone} now={now} />
            </p>
          )}
          <dl className="facts">
            <div>
              <dt>{m.since}</dt>
              <dd>{f.since ? <time dateTime={f.since}>{formatDateTime(new Date(f.since), lang, timeZone)}</time> : m.never}</dd>
            </div>
            <div>
              <dt>{m.lastCheck}</dt>
              <dd>{f.lastResultAt ? <LocalTime iso={f.lastResultAt} lang={lang} timeZone={timeZone} withSeconds /> : m.never}</dd>
            </div>
            <div>
              <dt>{m.lastLatency}</dt>
              <dd>{f.lastLatencyMs === null ? m.never : formatMs(f.lastLatencyMs)}</dd>
            </div>
            {f.locations.length > 1 && (
              <div className="fact-wide">
                <dt>{m.byLocation}</dt>
                <dd data-testid={`function-${slug}-${f.key}-locations`}>
                  {f.locations.map((l, i) => (
                    <span key={l.key} data-location={l.key} data-state={l.state}>
                      {i > 0 && " · "}
                      {l.key}: {m.states[l.state]}
                    </span>
                  ))}
                </dd>
              </div>
            )}
            <div className="fact-wide">
              <dt>{m.lastError}</dt>
              <dd className={f.lastError ? "error-text" : undefined}>{f.lastError ? <code className="raw-message">{f.lastError}</code> : m.noError}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
