import { notFound, redirect } from "next/navigation";
import { defaultCouncilMonth } from "@/lib/data/council";
import { getDb } from "@/lib/db";
import { isLang } from "@/lib/i18n";

export const dynamic = "force-dynamic";

/** /council without a month: this month's report (or the last month of a finished contract). */
export default async function CouncilIndexPage({ params }: { params: Promise<{ lang: string; slug: string }> }) {
  const { lang, slug } = await params;
  if (!isLang(lang)) notFound();
  const month = await defaultCouncilMonth(await getDb(), slug, new Date());
  if (!month) notFound();
  redirect(`/${lang}/services/${slug}/council/${month}`);
}
