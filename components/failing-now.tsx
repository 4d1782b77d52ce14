import Link from "next/link";
import { formatDateTime } from "@/core/format";
import type { FunctionNow, ServiceOutageView } from "@/lib/data/types";
import type { Lang } from "@/lib/i18n";
import { servicePageText } from "@/lib/i18n/service-page-messages";

/**
 * The top of the service page during trouble: which functions are failing and since when (KST),
 * each down function linking to its open outage. On a phone this is on the first screen, where
 * the function list further down is not.
 */
export function FailingNow({ functions, outages, lang, timeZone }: { functions: FunctionNow[]; outages: ServiceOutageView[]; lang: Lang; timeZone: string }) {
  const sp = servicePageText(lang);
  const failing = functions.filter((f) => f.state === "DOWN" || f.state === "FAILING");
  if (failing.length === 0) return null;
  return (
    <div className="failing-now" data-testid="failing-now">
      <p className="failing-now-title">{sp.nowFailing}</p>
      <ul>
        {failing.map((f) => {
          const name = lang === "ko" ? f.name : f.nameEn;
          const outage = outages.find((o) => o.ongoing && o.source === "MEASURED" && o.functionKey === f.key);
          const since = outage?.startedAt ?? f.since;
          const when = since ? formatDateTime(new Date(since), lang, timeZone) : "—";
          return (
            <li key={f.key} data-function={f.key} data-state={f.state}>
              <span>{f.state === "DOWN" ? sp.downSince(name, when) : sp.failingSince(name, when)}</span>
              {outage && (
                <>
                  {" · "}
                  {/* the visible words begin the link's name (WCAG 2.5.3), the function follows for screen readers */}
                  <Link href={`/${lang}/outages/${outage.id}`} data-testid="failing-now-link">
                    {sp.outageLink}
                    <span className="visually-hidden"> ({name})</span>
                  </Link>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
