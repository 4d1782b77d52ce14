import { formatLastMeasured } from "@/core/format";
import type { FunctionNow } from "@/lib/data/types";
import { t, type Lang } from "@/lib/i18n";

/**
 * "측정 중단 · 마지막 측정 HH:MM" when any function is no longer measured: said at the top
 * of the page, so nobody reads the states below as the states now. Nothing while all are measured.
 */
export function StoppedBanner({ functions, lang, timeZone, now }: { functions: FunctionNow[]; lang: Lang; timeZone: string; now: string }) {
  const m = t(lang);
  const stopped = functions.filter((f) => f.state === "STOPPED");
  if (stopped.length === 0) return null;
  const last = latestOf(stopped.map((f) => f.lastResultAt));
  const everyone = stopped.length === functions.length;
  return (
    <div className="stopped-banner" role="status" data-testid="stopped-banner">
      <p className="stopped-banner-head">
        <strong>{m.stopped(last ? formatLastMeasured(new Date(last), new Date(now), lang, timeZone) : m.never)}</strong>
      </p>
      <p>{everyone ? m.stoppedIntro : m.stoppedFunctions(stopped.map((f) => (lang === "ko" ? f.name : f.nameEn)).join(", "))}</p>
    </div>
  );
}

/** The per-function words (inline): the function's own last measurement. */
export function StoppedLine({ fn, lang, timeZone, now }: { fn: Pick<FunctionNow, "state" | "lastResultAt">; lang: Lang; timeZone: string; now: string }) {
  if (fn.state !== "STOPPED") return null;
  const m = t(lang);
  return (
    <span className="stopped-line" data-testid="stopped-line">
      {m.stopped(fn.lastResultAt ? formatLastMeasured(new Date(fn.lastResultAt), new Date(now), lang, timeZone) : m.never)}
    </span>
  );
}

function latestOf(isos: (string | null)[]): string | null {
  let best: string | null = null;
  for (const iso of isos) if (iso && (best === null || Date.parse(iso) > Date.parse(best))) best = iso;
  return best;
}
