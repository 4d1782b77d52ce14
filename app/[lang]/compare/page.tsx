import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/core/format";
import { CompareTable } from "@/components/compare-table";
import { compareServices, sortCompare, type CompareSort } from "@/lib/data/compare";
import { getDb } from "@/lib/db";
import { isLang, t } from "@/lib/i18n";
import "@/components/report-tables.css";
import "@/components/compare-table.css";

export const dynamic = "force-dynamic";

const TIME_ZONE = "Asia/Seoul";
const SORTS: CompareSort[] = ["operator", "availability", "outages"];

export async function generateMetadata({ params }: { params: Promise<{ lang: string }> }): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: t(lang).compare.title } : {};
}

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ lang: string }>;
  searchParams: Promise<{ sort?: string | string[] }>;
}) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const raw = (await searchParams).sort;
  const sort: CompareSort = SORTS.find((s) => s === raw) ?? "operator";
  const m = t(lang);
  const c = m.compare;
  const data = await compareServices(await getDb(), new Date());
  const rows = sortCompare(data.rows, sort, lang);
  const label: Record<CompareSort, string> = { operator: c.sortOperator, availability: c.sortAvailability, outages: c.sortOutages };

  return (
    <>
      <h1>{c.title}</h1>
      <p className="lead">{c.intro}</p>
      <p className="sub-note">{c.windowNote(formatDateTime(new Date(data.from), lang, TIME_ZONE), formatDateTime(new Date(data.to), lang, TIME_ZONE))}</p>
      <nav aria-label={c.sortLabel} className="sort-nav">
        <span className="sort-label">{c.sortLabel}:</span>
        <ul>
          {SORTS.map((s) => (
            <li key={s}>
              {s === sort ? (
                <span aria-current="true" className="is-current">
                  {label[s]}
                </span>
              ) : (
                <Link href={s === "operator" ? `/${lang}/compare` : `/${lang}/compare?sort=${s}`}>{label[s]}</Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? <p className="empty">{c.empty}</p> : <CompareTable rows={rows} sort={sort} lang={lang} />}
    </>
  );
}
