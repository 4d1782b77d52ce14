import Link from "next/link";
import { councilLinks } from "@/lib/data/council";
import type { ServiceDetail } from "@/lib/data/types";
import { t, type Lang } from "@/lib/i18n";
import { monthLabel } from "./council-format";

/** Links to the council reports: this month (in progress), the last complete month and the year. */
export function CouncilServiceLinks({
  slug,
  contract,
  now,
  lang,
  timeZone,
}: {
  slug: string;
  contract: NonNullable<ServiceDetail["contract"]>;
  now: string;
  lang: Lang;
  timeZone: string;
}) {
  const c = t(lang).council;
  const links = councilLinks(contract, new Date(now), timeZone);
  if (!links.current && !links.lastComplete) return null;
  const base = `/${lang}/services/${slug}/council`;
  return (
    <div className="council-links" data-testid="council-links">
      <h3>{c.serviceLinksHeading}</h3>
      <p className="muted">{c.serviceLinksIntro}</p>
      <ul className="text-link-list">
        {links.lastComplete && (
          <li>
            <Link href={`${base}/${links.lastComplete}`} data-testid="council-link-last">
              {links.termEnded ? c.termLastMonthLink(monthLabel(links.lastComplete, lang)) : c.lastMonthLink(monthLabel(links.lastComplete, lang))}
            </Link>
          </li>
        )}
        {links.current && (
          <li>
            <Link href={`${base}/${links.current}`} data-testid="council-link-current">
              {c.currentMonthLink(monthLabel(links.current, lang))}
            </Link>
          </li>
        )}
        {links.year && (
          <li>
            <Link href={`${base}/year/${links.year}`}>{c.yearLink(links.year)}</Link>
          </li>
        )}
      </ul>
    </div>
  );
}
