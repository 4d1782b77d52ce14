import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { parseMonth } from "@/core/accounting/periods";
import { monthLabel } from "@/components/council-format";
import { CouncilMonthNav } from "@/components/council-month-nav";
import { CouncilReport } from "@/components/council-report";
import { councilMonth } from "@/lib/data/council";
import { getDb } from "@/lib/db";
import { warmCouncilPdf } from "@/lib/pdf/council-pdf-store";
import { isLang, t } from "@/lib/i18n";
import "@/components/report-tables.css";
import "@/components/council-report.css";

export const dynamic = "force-dynamic";

type Params = Promise<{ lang: string; slug: string; month: string }>;

// One report per request, shared by the metadata and the page.
const load = cache(async (slug: string, month: string) => {
  const m = parseMonth(month);
  return m ? councilMonth(await getDb(), slug, m, new Date()) : null;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { lang, slug, month } = await params;
  if (!isLang(lang)) return {};
  const data = await load(slug, month);
  if (!data) return { title: t(lang).notFoundTitle };
  const svc = data.kind === "report" ? data.report.service : data.service;
  return { title: t(lang).council.pageTitle(lang === "ko" ? svc.name : svc.nameEn, monthLabel(month, lang)) };
}

export default async function CouncilMonthPage({ params }: { params: Params }) {
  const { lang, slug, month } = await params;
  if (!isLang(lang)) notFound();
  const data = await load(slug, month);
  if (!data) notFound();
  const m = t(lang);
  const svc = data.kind === "report" ? data.report.service : data.service;
  const name = lang === "ko" ? svc.name : svc.nameEn;
  if (data.kind === "report") warmCouncilPdf(data.report, lang);

  return (
    <>
      <p className="breadcrumb no-print">
        <Link href={`/${lang}/services/${slug}`}>
          <span aria-hidden="true">← </span>
          {m.outage.backToService(name)}
        </Link>
      </p>
      <CouncilMonthNav slug={slug} month={month} prev={data.prev} next={data.next} lang={lang} pdf={data.kind === "report"} />
      {data.kind === "report" ? (
        <CouncilReport report={data.report} lang={lang} methodologyHref={`/${lang}/methodology`} generatedAt={data.report.period.asOf} />
      ) : (
        <div className="message-page" data-testid="council-unavailable">
          <h1>{m.council.pageTitle(name, monthLabel(month, lang))}</h1>
          <p>{data.reason === "not_begun" ? m.council.notBegun : m.council.outsideTerm}</p>
        </div>
      )}
    </>
  );
}
