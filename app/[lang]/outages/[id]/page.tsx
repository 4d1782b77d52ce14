import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { formatMonth } from "@/core/accounting/periods";
import { formatDateTime, formatDuration } from "@/core/format";
import { monthLabel } from "@/components/council-format";
import { LocalTime } from "@/components/local-time";
import { FailureEvidenceList } from "@/components/failure-evidence";
import { OutageEvidence } from "@/components/outage-evidence";
import { OutageProbeDefinition } from "@/components/outage-probe-definition";
import { Flash } from "@/components/flash";
import { OutageStatementsPanel } from "@/components/outage-statements";
import { OutageTimeline } from "@/components/outage-timeline";
import { StateChip } from "@/components/state-chip";
import { monthOf } from "@/lib/data/council";
import { evidenceDir } from "@/lib/data/evidence-blob";
import { getViewer } from "@/lib/auth/viewer";
import { getOutageDetail } from "@/lib/data/outage-detail";
import { ProvenanceNotice } from "@/components/provenance-notice";
import { getOutageStatements } from "@/lib/data/outage-statements";
import { getDb } from "@/lib/db";
import { isLang, t } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import { citizenReportText } from "@/lib/i18n/citizen-report-messages";
import "@/components/report-tables.css";
import "@/components/outage-detail.css";
import "@/components/ops.css";

export const dynamic = "force-dynamic";

type Params = Promise<{ lang: string; id: string }>;

const load = cache(async (id: string) => {
  if (!/^[1-9]\d{0,9}$/.test(id)) return null;
  return getOutageDetail(await getDb(), Number(id), new Date(), { evidenceDir: evidenceDir() });
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { lang, id } = await params;
  if (!isLang(lang)) return {};
  const o = await load(id);
  if (!o) return { title: t(lang).notFoundTitle };
  return { title: t(lang).outage.title(lang === "ko" ? o.function.name : o.function.nameEn, lang === "ko" ? o.service.name : o.service.nameEn, o.id) };
}

export default async function OutagePage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { lang, id } = await params;
  if (!isLang(lang)) notFound();
  const o = await load(id);
  if (!o) notFound();
  const [statements, viewer, query] = await Promise.all([getOutageStatements(await getDb(), o.id), getViewer(), searchParams]);
  // Only an operator of this very service gets the forms; the action checks again.
  const actor = viewer && viewer.role === "OPERATOR" && viewer.services.some((s) => s.slug === o.service.slug) ? { csrf: viewer.csrf } : null;
  const m = t(lang);
  const tz = o.timeZone;
  const fn = lang === "ko" ? o.function.name : o.function.nameEn;
  const service = lang === "ko" ? o.service.name : o.service.nameEn;
  const month = formatMonth(monthOf(new Date(o.startedAt), tz));
  const locations = new Set(o.probes.map((p) => p.location)).size;
  // The outages API takes a half-open window: from the start to just after the resolving run.
  const to = new Date((o.endedAt ? Date.parse(o.endedAt) : Date.parse(o.generatedAt)) + 1000).toISOString();
  const jsonHref = `/api/v1/services/${o.service.slug}/outages?from=${encodeURIComponent(o.startedAt)}&to=${encodeURIComponent(to)}`;

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/${lang}/services/${o.service.slug}`}>
          <span aria-hidden="true">← </span>
          {m.outage.backToService(service)}
        </Link>
      </p>
      <Flash lang={lang} notice={query.notice} error={query.error} />
      <header className={`page-head edge-${o.ongoing ? "DOWN" : "UP"}`} data-testid="outage-head" data-ongoing={o.ongoing ? "true" : "false"}>
        <div>
          <p className="muted outage-kicker">
            {m.outage.number(o.id)} · {service}
          </p>
          <h1>{m.outage.heading(fn)}</h1>
          <p>
            <span className={`source source-${o.provenance}`}>{m.sourceLabel[o.provenance]}</span>
          </p>
        </div>
        <div className="page-head-state">
          {o.ongoing ? <StateChip state="DOWN" lang={lang} large /> : <span className="badge badge-resolved">{m.outage.resolvedBadge}</span>}
          <p className="outage-duration num">{formatDuration(o.durationSec, lang)}</p>
        </div>
      </header>
      {o.source === "MEASURED" && <ProvenanceNotice provenance={o.provenance} sources={o.provenanceSources} lang={lang} timeZone={tz} />}

      <section aria-labelledby="outage-facts-heading" className="panel">
        <h2 id="outage-facts-heading" className="visually-hidden">
          {m.outage.heading(fn)}
        </h2>
        <dl className="facts outage-facts" data-testid="outage-facts">
          <div>
            <dt>{m.outage.service}</dt>
            <dd>
              <Link href={`/${lang}/services/${o.service.slug}`}>{service}</Link>
              <span className="muted block">{lang === "ko" ? o.service.operator : o.service.operatorEn}</span>
            </dd>
          </div>
          <div>
            <dt>{m.outage.function}</dt>
            <dd>{fn}</dd>
          </div>
          <div>
            <dt>{m.outage.start}</dt>
            <dd>
              <LocalTime iso={o.startedAt} lang={lang} timeZone={tz} withSeconds />
            </dd>
          </div>
          <div>
            <dt>{m.outage.confirmed}</dt>
            <dd>{o.confirmedAt ? <LocalTime iso={o.confirmedAt} lang={lang} timeZone={tz} withSeconds /> : m.outage.notConfirmed}</dd>
          </div>
          <div>
            <dt>{m.outage.end}</dt>
            <dd data-testid="outage-end">
              {o.endedAt ? (
                <LocalTime iso={o.endedAt} lang={lang} timeZone={tz} withSeconds />
              ) : (
                <>
                  <strong className="ongoing">{m.outage.ongoingAsOf(formatDateTime(new Date(o.generatedAt), lang, tz, true))}</strong>
                  {o.measuredUntil && <span className="muted"> · {m.outage.measuredUntil(formatDateTime(new Date(o.measuredUntil), lang, tz, true))}</span>}
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{m.outage.duration}</dt>
            <dd data-testid="outage-duration" data-duration-sec={o.durationSec}>
              {formatDuration(o.durationSec, lang)}
            </dd>
          </div>
          {o.unmeasuredSec > 0 && (
            <div>
              <dt>{m.outage.unmeasured}</dt>
              <dd data-testid="outage-unmeasured" data-unmeasured-sec={o.unmeasuredSec}>
                {formatDuration(o.unmeasuredSec, lang)}
              </dd>
            </div>
          )}
          <div>
            <dt>{m.outage.failures}</dt>
            <dd>{m.outage.failuresValue(o.failures)}</dd>
          </div>
          <div className="fact-wide">
            <dt>{m.outage.firstError}</dt>
            <dd className="error-text">
              {o.errorClass || o.message ? (
                <>
                  {o.errorClass && <code>{o.errorClass}</code>} {o.message}
                </>
              ) : (
                m.causeUnknown
              )}
            </dd>
          </div>
          {o.sources.length > 0 && (
            <div className="fact-wide">
              <dt>{m.outage.reportedSources}</dt>
              <dd>
                {o.sources.map((s, i) => {
                  // a surge of citizens' reports is worded in the page's language; other sources are quoted as given
                  const title = s.citizenReports
                    ? citizenReportText(lang).source(s.citizenReports.count, s.citizenReports.clients, s.citizenReports.threshold)
                    : s.title;
                  return (
                    <span key={i} className="block">
                      {s.url ? (
                        <a href={s.url} rel="noopener noreferrer">
                          {title}
                        </a>
                      ) : (
                        title
                      )}
                      {s.date && <span className="muted"> ({s.date})</span>}
                    </span>
                  );
                })}
              </dd>
            </div>
          )}
        </dl>
        <ul className="text-link-list">
          <li>
            <Link href={`/${lang}/services/${o.service.slug}/council/${month}`}>{m.outage.councilLink(monthLabel(month, lang))}</Link>
          </li>
          <li>
            <a href={jsonHref}>{m.outage.evidenceJson}</a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="outage-timeline-heading" className="panel">
        <h2 id="outage-timeline-heading">{m.outage.timelineHeading}</h2>
        <p className="muted">{o.provenance === "MEASURED" ? m.outage.timelineIntro : m.outage.timelineIntroUnmeasured}</p>
        <OutageTimeline events={o.timeline} omitted={o.timelineOmitted} lang={lang} timeZone={tz} locations={locations} statements={statements} />
      </section>

      <section aria-labelledby="statements" className="panel">
        <h2 id="statements" tabIndex={-1}>
          {ops(lang).statements.heading}
        </h2>
        <p className="muted">{ops(lang).statements.intro}</p>
        <OutageStatementsPanel s={statements} outageId={o.id} lang={lang} timeZone={tz} actor={actor} signedIn={viewer !== null} />
      </section>

      <section aria-labelledby="outage-evidence-heading" className="panel">
        <h2 id="outage-evidence-heading">{m.outage.evidenceHeading}</h2>
        <p className="muted">{m.outage.evidenceIntro}</p>
        {o.evidence.pruned ? <p className="muted">{m.outage.evidencePruned}</p> : null}
        {o.source === "MEASURED" && <FailureEvidenceList items={o.failureEvidence} lang={lang} timeZone={tz} />}
        <OutageEvidence
          head={o.evidence.head}
          tail={o.evidence.tail}
          total={o.evidence.total}
          lang={lang}
          timeZone={tz}
          showLocation={locations > 1}
          jsonHref={jsonHref}
        />
      </section>

      <section aria-labelledby="outage-probe-heading" className="panel">
        <h2 id="outage-probe-heading">{m.outage.probeHeading}</h2>
        <p className="muted">{m.outage.probeIntro}</p>
        {o.probes.length === 0 ? (
          <p className="empty">{m.outage.probeNone}</p>
        ) : (
          o.probes.map((p) => <OutageProbeDefinition key={p.key} probe={p} lang={lang} />)
        )}
      </section>
    </>
  );
}
