import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit-table";
import { checkAuditChain, listAudit } from "@/lib/data/audit";
import { getDb } from "@/lib/db";
import { isLang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import "@/components/report-tables.css";
import "@/components/ops.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ lang: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: ops(lang).audit.title } : {};
}

/** The public activity log: who did what, when; newest first, with the hash chain checked. */
export default async function AuditPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const q = await searchParams;
  const before = typeof q.before === "string" && /^[1-9]\d{0,9}$/.test(q.before) ? Number(q.before) : undefined;
  const o = ops(lang).audit;
  const db = await getDb();
  const [page, chain] = await Promise.all([listAudit(db, { before }), checkAuditChain(db)]);
  return (
    <>
      <h1>{o.title}</h1>
      <p className="lead">{o.intro}</p>
      <p data-testid="audit-chain" data-intact={chain.brokenAtId === null ? "true" : "false"}>
        <strong>{chain.brokenAtId === null ? o.chainOk(chain.entries) : o.chainBroken(chain.brokenAtId)}</strong> ·{" "}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a JSON document, not a page */}
        <a href="/api/v1/audit">{o.json}</a>
      </p>
      <AuditTable entries={page.entries} lang={lang} />
      <p className="filter-nav">
        {before && <Link href={`/${lang}/audit`}>{o.newest}</Link>}
        {page.older && <Link href={`/${lang}/audit?before=${page.older}`}>{o.older}</Link>}
      </p>
    </>
  );
}
