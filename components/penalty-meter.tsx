"use client";

import { useEffect, useState } from "react";
import type { PenaltyMeter } from "@/core/accounting/penalty-meter";
import { formatDateTime, formatKrw, formatKrwKorean } from "@/core/format";
import type { Lang } from "@/lib/i18n";
import { replayInstant } from "./replay-clock";
import { changeoverText } from "@/lib/i18n/changeover-messages";

/**
 * The money accruing now, refreshed from GET …/meter without a reload, only while
 * the tab is visible. A replay (`replay`: a past instant and a speed) advances
 * the instant by the time elapsed × speed at each refresh, from the same route.
 */
export function PenaltyMeterView({
  initial,
  slug,
  lang,
  replay,
  functionNames,
}: {
  initial: PenaltyMeter;
  slug: string;
  lang: Lang;
  replay: { at: string; speed: number } | null;
  /** each function's name in the page's language, by key */
  functionNames: Record<string, string>;
}) {
  const [meter, setMeter] = useState(initial);
  // A refreshed page hands in the server's newer figures: taken at once, never an older copy over a newer one.
  const [initialSeen, setInitialSeen] = useState(initial);
  if (initial !== initialSeen) {
    setInitialSeen(initial);
    if (Date.parse(initial.asOf) > Date.parse(meter.asOf)) setMeter(initial);
  }
  const m = changeoverText(lang).meter;
  // The replay's clock is the tab's one (replay-clock.ts): the page's steps forward do not restart it.
  const replayAt = replay?.at ?? null;
  const speed = replay?.speed ?? 1;
  useEffect(() => {
    // Live, the page's own refresh (every 10 s, and at once when the record changes) hands in new figures
    // above; only a replay, whose clock runs faster than the page's steps, asks the route itself.
    if (!replayAt) return;
    replayInstant({ at: replayAt, speed }); // the clock starts when the page does
    const everyMs = 2_000;
    let timer: ReturnType<typeof setInterval> | null = null;
    let cancelled = false;
    const refresh = async () => {
      const at = new Date(replayInstant({ at: replayAt, speed })).toISOString();
      try {
        const res = await fetch(`/api/v1/services/${encodeURIComponent(slug)}/meter?at=${encodeURIComponent(at)}`, { cache: "no-store" });
        if (!res.ok || cancelled) return;
        const next = (await res.json()) as PenaltyMeter;
        // answers can arrive out of order: an older one never replaces a newer one
        setMeter((cur) => (Date.parse(next.asOf) >= Date.parse(cur.asOf) ? next : cur));
      } catch {
        // a failed refresh keeps the figures shown; the next one tries again
      }
    };
    const start = () => {
      if (timer === null) timer = setInterval(refresh, everyMs);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => (document.visibilityState === "visible" ? (void refresh(), start()) : stop());
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      cancelled = true;
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [slug, replayAt, speed]);

  const when = (iso: string) => formatDateTime(new Date(iso), lang, meter.timeZone);
  const whenSec = (iso: string) => formatDateTime(new Date(iso), lang, meter.timeZone, true);
  return (
    <div className="meter" data-testid="penalty-meter" data-as-of={meter.asOf}>
      <p className="muted">
        {m.asOf}: <time dateTime={meter.asOf}>{formatDateTime(new Date(meter.asOf), lang, meter.timeZone, true)}</time> · {m.month(meter.month)} ·{" "}
        {replay ? m.replayUpdating : m.updating}
      </p>
      {meter.openOutages.length > 0 && (
        <div className="meter-open" data-testid="meter-open-outages">
          <h3>{replay ? m.openHeadingReplay : m.openHeading}</h3>
          <ul>
            {meter.openOutages.map((o) => (
              <li key={`${o.functionKey}-${o.startedAt}`} data-testid="meter-open-outage" data-function={o.functionKey} data-counted={o.countsFrom === null}>
                <strong>
                  {m.openSince(functionNames[o.functionKey] ?? o.functionKey, whenSec(o.startedAt), o.confirmedAt ? whenSec(o.confirmedAt) : null)}
                </strong>
                <span className="muted block">{o.countsFrom ? m.notCountedYet(whenSec(o.countsFrom)) : m.counted}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {meter.lines.length === 0 ? (
        <p className="empty">{m.nothing}</p>
      ) : (
        <table className="data-table stack-table meter-table" aria-live="polite">
          <caption className="visually-hidden">{m.heading}</caption>
          <thead>
            <tr>
              <th scope="col">{m.rule}</th>
              <th scope="col">{m.soFar}</th>
              <th scope="col">{m.nextStep}</th>
            </tr>
          </thead>
          <tbody>
            {meter.lines.map((l) => (
              <tr key={l.ruleId} data-testid="meter-line" data-rule={l.ruleId} data-amount={l.amountKrw}>
                <th scope="row" data-label={m.rule}>
                  <span>
                    {m.kinds[l.kind] ?? l.kind} <span className="muted">({l.ruleId})</span>
                    {l.illustrative && <span className="badge badge-illustrative block-badge">{m.illustrative}</span>}
                  </span>
                </th>
                <td data-label={m.soFar}>
                  <span>
                    <strong className="meter-amount">{formatKrw(l.amountKrw, lang)}</strong>
                    {lang === "ko" && l.amountKrw >= 10_000 && <span className="muted block">{formatKrwKorean(l.amountKrw)}</span>}
                  </span>
                </td>
                <td data-label={m.nextStep}>
                  <span>{l.nextStep ? m.nextAt(when(l.nextStep.at), formatKrw(l.nextStep.amountKrw, lang)) : m.noNext}</span>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" data-label={m.rule}>
                <span>{m.total}</span>
              </th>
              <td data-label={m.soFar} data-testid="meter-total">
                <span>
                  <strong className="meter-amount">{formatKrw(meter.totalKrw, lang)}</strong>
                </span>
              </td>
              <td data-label="" aria-hidden="true"></td>
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}
