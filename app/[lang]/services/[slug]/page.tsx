import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/core/format";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ContractBox } from "@/components/contract-box";
import { CouncilServiceLinks } from "@/components/council-service-links";
import { DayBars, DayBarsLegend } from "@/components/day-bars";
import { FunctionNowList } from "@/components/function-now-list";
import { FailingNow } from "@/components/failing-now";
import { FollowService } from "@/components/follow-service";
import { LatencyPanel } from "@/components/latency-panel";
import { MaintenanceTable } from "@/components/maintenance-table";
import { OutageHistoryTable } from "@/components/outage-history-table";
import { StateChip } from "@/components/state-chip";
import { ReplayBanner } from "@/components/replay-banner";
import { StoppedBanner } from "@/components/stopped-banner";
import { ProvenanceNotice } from "@/components/provenance-notice";
import { UpdatedLine } from "@/components/updated-line";
import { ChangeoverPanel } from "@/components/changeover-panel";
import { PenaltyMeterView } from "@/components/penalty-meter";
import { PeakWarningPanel } from "@/components/peak-warning-panel";
import { CitizenReportPanel, SurgeBanner } from "@/components/citizen-report-panel";
import { citizenReportCounts } from "@/lib/citizen/report-counts";
import { changeoverOf } from "@/lib/data/changeover";
import { peakWarningsOf } from "@/lib/data/peak-warnings";
import { changeoverText } from "@/lib/i18n/changeover-messages";
import { servicePenaltyMeter } from "@/lib/reports/penalty-meter";
import { announcementsForService } from "@/lib/data/maintenance";
import { getService } from "@/lib/data/services";
import { getDb } from "@/lib/db";
import { subscriptionsOffered } from "@/lib/subscriptions/subscriptions-offered";
import { isLang, t } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import "@/components/report-tables.css";
import "@/components/ops.css";

export const dynamic = "force-dynamic";

type Params = Promise<{ lang: string; slug: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * `?at=<instant>[&speed=<n>]` replays a past instant: the whole page shows it (states, bars,
 * outages, changeover, meter), and it moves forward n times as fast.
 */
function replayOf(search: Record<string, string | string[] | undefined>): { at: string; speed: number } | null {
  const at = typeof search.at === "string" ? search.at.replaceAll(" ", "+") : null;
  if (!at || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(at) || Number.isNaN(Date.parse(at))) return null;
  // the present or a future instant: nothing to replay, the page shows now
  if (Date.parse(at) >= Date.now()) return null;
  const speed = Number(typeof search.speed === "string" ? search.speed : "1");
  return { at: new Date(at).toISOString(), speed: Number.isInteger(speed) && speed >= 1 && speed <= 1_000_000 ? speed : 1 };
}

// One read per request, shared by the metadata and the page; a replay reads the service as of its instant.
const loadService = cache(async (slug: string, at: string | null = null) =>
  getService(await getDb(), slug, at ? new Date(at) : new Date(), { replay: at !== null }),
);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { lang, slug } = await params;
  if (!isLang(lang)) return {};
  const s = await loadService(slug);
  if (!s) return { title: t(lang).notFoundTitle };
  return { title: lang === "ko" ? s.name : s.nameEn };
}

/** The answer to a report the form sent without JavaScript. */
function reportAnswerOf(search: Record<string, string | string[] | undefined>): string | null {
  return typeof search.report === "string" && ["ok", "limited", "invalid"].includes(search.report) ? search.report : null;
}

export default async function ServicePage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { lang, slug } = await params;
  const search = await searchParams;
  const replay = replayOf(search);
  if (!isLang(lang)) notFound();
  const s = await loadService(slug, replay?.at ?? null);
  if (!s) notFound();
  const m = t(lang);
  const tz = s.timeZone;
  const maintenance = await announcementsForService(await getDb(), s.slug, new Date(s.generatedAt));
  const watchedAt = replay ? new Date(replay.at) : new Date(s.generatedAt);
  const changeover = await changeoverOf(await getDb(), s.slug, watchedAt);
  // The meter costs a month's report: computed only when something can be accruing (or on a replay).
  const c = s.contract;
  const lateGoLive =
    c?.goLiveDeadline != null && watchedAt.getTime() > Date.parse(c.goLiveDeadline) && !(c.actualStart && Date.parse(c.actualStart) <= watchedAt.getTime());
  const meter = c && (replay || lateGoLive || s.openOutages > 0) ? await servicePenaltyMeter(await getDb(), s.slug, watchedAt) : null;
  const cm = changeoverText(lang);
  // The last hour of citizens' reports (12 five-minute buckets) and any surge still open.
  const generated = Date.parse(s.generatedAt);
  const reports = await citizenReportCounts(await getDb(), s.slug, { from: new Date(generated - 3_600_000), to: new Date(generated + 300_000) });
  const peakWarnings = (await peakWarningsOf(await getDb(), s.slug, tz, watchedAt)).filter((w) => w.showNow);
  const fnName = (key: string) => {
    const f = s.functions.find((x) => x.key === key);
    return f ? (lang === "ko" ? f.name : f.nameEn) : key;
  };

  return (
    <>
      <header className={`page-head edge-${s.state}`}>
        <div>
          <h1>{lang === "ko" ? s.name : s.nameEn}</h1>
          <p className="muted">
            {m.operatorLabel}: {lang === "ko" ? s.operator : s.operatorEn}
            {s.homepage && (
              <>
                {" · "}
                <a href={s.homepage} rel="noopener noreferrer">
                  {m.servicePageHomepage}
                </a>
              </>
            )}
          </p>
          {s.description && lang === "ko" && <p>{s.description}</p>}
        </div>
        <div className="page-head-state">
          <span className="visually-hidden">{m.overallState}: </span>
          <StateChip state={s.state} lang={lang} large />
          <p className={s.openOutages > 0 ? "open-outages is-open" : "open-outages"}>{m.openOutages(s.openOutages)}</p>
          <FailingNow functions={s.functions} outages={s.outages} lang={lang} timeZone={tz} />
        </div>
      </header>
      <UpdatedLine iso={s.generatedAt} lang={lang} timeZone={tz} replay={replay} />
      {replay && <ReplayBanner at={replay.at} speed={replay.speed} lang={lang} timeZone={tz} href={`/${lang}/services/${s.slug}`} />}
      <StoppedBanner functions={s.functions} lang={lang} timeZone={tz} now={s.generatedAt} />
      <ProvenanceNotice provenance={s.provenance} sources={s.provenanceSources} lang={lang} timeZone={tz} />
      {reports && <SurgeBanner counts={reports} lang={lang} />}

      {s.contract && (
        <section aria-labelledby="contract-heading" className="panel">
          <h2 id="contract-heading">{m.contractHeading}</h2>
          <ContractBox contract={s.contract} lang={lang} timeZone={tz} />
          <CouncilServiceLinks slug={s.slug} contract={s.contract} now={s.generatedAt} lang={lang} timeZone={tz} />
        </section>
      )}

      {peakWarnings.map((w) => (
        <PeakWarningPanel key={w.ruleId} warning={w} lang={lang} timeZone={tz} />
      ))}

      {meter && (meter.lines.length > 0 || meter.openOutages.length > 0 || replay) && (
        <section aria-labelledby="meter-heading" className="panel meter-panel">
          <h2 id="meter-heading">{cm.meter.heading}</h2>
          <p className="muted">{cm.meter.intro}</p>
          {replay && <p className="muted">{cm.meter.replay(formatDateTime(new Date(replay.at), lang, tz), replay.speed)}</p>}
          <PenaltyMeterView
            initial={meter}
            slug={s.slug}
            lang={lang}
            replay={replay}
            functionNames={Object.fromEntries(s.functions.map((f) => [f.key, lang === "ko" ? f.name : f.nameEn]))}
          />
          <p>
            <Link href={`/${lang}/services/${s.slug}/council/${meter.month}`}>{cm.meter.report}</Link>
          </p>
        </section>
      )}

      {changeover && <ChangeoverPanel c={changeover} lang={lang} timeZone={tz} fnName={fnName} />}

      <section aria-labelledby="now-heading">
        <h2 id="now-heading">{m.nowHeading}</h2>
        <FunctionNowList slug={s.slug} functions={s.functions} lang={lang} timeZone={tz} now={s.generatedAt} />
      </section>

      {reports && <CitizenReportPanel counts={reports} lang={lang} now={generated} answer={reportAnswerOf(search)} />}

      <section aria-labelledby="history-heading" className="panel">
        <h2 id="history-heading">{m.historyHeading}</h2>
        <p className="muted">{m.historyIntro}</p>
        <DayBarsLegend lang={lang} />
        {s.days.map((d) => (
          <div key={d.functionKey} className="history-fn">
            <DayBars functionName={fnName(d.functionKey)} bars={d.bars} availability={d.availability} blips={d.blips} lang={lang} timeZone={tz} />
          </div>
        ))}
      </section>

      <section aria-labelledby="latency-heading" className="panel">
        <h2 id="latency-heading">{m.latencyHeading}</h2>
        <p className="muted">{m.latencyIntro}</p>
        <LatencyPanel
          lang={lang}
          timeZone={tz}
          series={s.latency.map((l) => ({
            key: l.functionKey,
            label: fnName(l.functionKey),
            points: l.points,
            daily: s.latencyDaily.find((d) => d.functionKey === l.functionKey)?.points ?? [],
          }))}
        />
      </section>

      <section aria-labelledby="outages-heading" className="panel">
        <h2 id="outages-heading">{m.outagesHeading}</h2>
        <p className="muted">{m.outagesIntro}</p>
        <OutageHistoryTable outages={s.outages} lang={lang} timeZone={tz} />
      </section>

      <section aria-labelledby="maintenance-heading" className="panel" data-testid="service-maintenance">
        <h2 id="maintenance-heading">{ops(lang).maintenance.heading}</h2>
        <p className="muted">{ops(lang).maintenance.publicIntro}</p>
        <MaintenanceTable items={maintenance.items} lang={lang} timeZone={tz} />
      </section>

      <FollowService slug={s.slug} lang={lang} emailOffered={subscriptionsOffered()} />
    </>
  );
}
