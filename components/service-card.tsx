import Link from "next/link";
import { formatLastMeasured } from "@/core/format";
import type { ServiceSummary } from "@/lib/data/types";
import { t, type Lang } from "@/lib/i18n";
import { LocalTime } from "./local-time";
import { StateChip } from "./state-chip";
import { StoppedLine } from "./stopped-banner";
import { ProvenanceTag } from "./provenance-notice";

/** The home page card of one service: the state of each function right now. */
export function ServiceCard({ service, lang, timeZone, now }: { service: ServiceSummary; lang: Lang; timeZone: string; now: string }) {
  const m = t(lang);
  const name = lang === "ko" ? service.name : service.nameEn;
  const operator = lang === "ko" ? service.operator : service.operatorEn;
  const lastCheck = latest(service.functions.map((f) => f.lastResultAt));
  // While the service is STOPPED, its last measurement is that of the functions no longer measured.
  const lastStopped = latest(service.functions.filter((f) => f.state === "STOPPED").map((f) => f.lastResultAt));
  const headingId = `svc-${service.slug}`;
  return (
    <article className={`card service-card edge-${service.state}`} data-testid={`service-${service.slug}`} aria-labelledby={headingId}>
      <header className="card-head">
        <div>
          <h3 id={headingId} className="card-title">
            <Link href={`/${lang}/services/${service.slug}`}>{name}</Link>
          </h3>
          <p className="muted">
            <span className="visually-hidden">{m.operatorLabel}: </span>
            {operator}
          </p>
          {service.provenance !== "MEASURED" && (
            <p>
              <ProvenanceTag provenance={service.provenance} lang={lang} />
            </p>
          )}
        </div>
        <div className="card-state">
          <span className="visually-hidden">{m.overallState}: </span>
          <StateChip state={service.state} lang={lang} large />
        </div>
      </header>
      <p className="card-meta">
        <span className={service.openOutages > 0 ? "open-outages is-open" : "open-outages"}>{m.openOutages(service.openOutages)}</span>
        <span aria-hidden="true"> · </span>
        {service.state === "STOPPED" ? (
          <StoppedLine fn={{ state: "STOPPED", lastResultAt: lastStopped }} lang={lang} timeZone={timeZone} now={now} />
        ) : (
          <span>
            {m.lastCheck}: {lastCheck ? <LocalTime iso={lastCheck} lang={lang} timeZone={timeZone} /> : m.never}
          </span>
        )}
      </p>
      <ul className="fn-list" aria-label={m.functionsHeading}>
        {service.functions.map((f) => (
          <li key={f.key} className="fn-item" data-testid={`function-${service.slug}-${f.key}`} data-state={f.state}>
            <span className="fn-name">{lang === "ko" ? f.name : f.nameEn}</span>
            <StateChip state={f.state} lang={lang} />
            <span className="fn-since muted">
              {f.state === "STOPPED" ? (
                // the chip beside it says 측정 중단: the row adds when it was last measured
                <>
                  {m.lastMeasured} {f.lastResultAt ? formatLastMeasured(new Date(f.lastResultAt), new Date(now), lang, timeZone) : m.never}
                </>
              ) : f.since ? (
                <>
                  {m.sincePrefix}
                  <LocalTime iso={f.since} lang={lang} timeZone={timeZone} />
                  {m.sinceSuffix}
                </>
              ) : (
                m.never
              )}
            </span>
          </li>
        ))}
      </ul>
      <p className="card-link">
        <Link href={`/${lang}/services/${service.slug}`}>
          {m.viewDetails(name)} <span aria-hidden="true">→</span>
        </Link>
      </p>
    </article>
  );
}

function latest(isos: (string | null)[]): string | null {
  let best: string | null = null;
  for (const iso of isos) if (iso && (best === null || Date.parse(iso) > Date.parse(best))) best = iso;
  return best;
}
