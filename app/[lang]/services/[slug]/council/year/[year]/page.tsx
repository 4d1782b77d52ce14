import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CouncilYearTable } from "@/components/council-year-table";
import { ProvenanceNotice } from "@/components/provenance-notice";
import { councilYear } from "@/lib/data/council";
import { getDb } from "@/lib/db";
import { isLang, t } from "@/lib/i18n";
import "@/components/report-tables.css";
import "@/components/council-report.css";

export const dynamic = "force-dynamic";

type Params = Promise<{ lang: string; slug: string; year: string }>;

const load = cache(async (slug: string, year: string) => {
  if (!/^\d{4}$/.test(year)) return null;
  return councilYear(await getDb(), slug, Number(year), new Date());
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { lang, slug, year } = await params;
  if (!isLang(lang)) return {};
  const data = await load(slug, year);
  if (!data) return { title: t(lang).notFoundTitle };
  return { title: t(lang).council.yearTitle(lang === "ko" ? data.service.name : data.service.nameEn, data.year) };
}

export default async function CouncilYearPage({ params }: { params: Params }) {
  const { lang, slug, year } = await params;
  if (!isLang(lang)) notFound();
  const data = await load(slug, year);
  if (!data) notFound();
  const m = t(lang);
  const c = m.council;
  const name = lang === "ko" ? data.service.name : data.service.nameEn;
  const base = `/${lang}/services/${slug}/council/year`;
  return (
    <>
      <p className="breadcrumb no-print">
        <Link href={`/${lang}/services/${slug}`}>
          <span aria-hidden="true">← </span>
          {m.outage.backToService(name)}
        </Link>
      </p>
      {(data.prevYear !== null || data.nextYear !== null) && (
        <div className="council-tools no-print">
          <nav aria-label={c.yearNav}>
            <ul>
              {data.prevYear !== null && (
                <li>
                  <Link href={`${base}/${data.prevYear}`} rel="prev">
                    <span aria-hidden="true">← </span>
                    {c.prevYear(data.prevYear)}
                  </Link>
                </li>
              )}
              {data.nextYear !== null && (
                <li>
                  <Link href={`${base}/${data.nextYear}`} rel="next">
                    {c.nextYear(data.nextYear)}
                    <span aria-hidden="true"> →</span>
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        </div>
      )}
      <article className="council-report" data-testid="council-year">
        <p className="council-kicker">{c.kicker}</p>
        <h1>{c.yearTitle(name, data.year)}</h1>
        <ProvenanceNotice provenance={data.results.provenance} sources={data.results.provenanceSources} lang={lang} timeZone={data.timeZone} />
        <p className="lead">{c.yearIntro}</p>
        <CouncilYearTable data={data} lang={lang} />
        <footer className="council-footnote">
          <p>{c.footnote}</p>
        </footer>
      </article>
    </>
  );
}
