import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { citizenReportSection } from "@/components/methodology-citizen";
import { methodologySections } from "@/components/methodology-content";
import { reportRetentionDays } from "@/lib/citizen/report-retention";
import { isLang, t } from "@/lib/i18n";
import "@/components/methodology.css";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ lang: string }> }): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: t(lang).methodologyTitle } : {};
}

export default async function MethodologyPage({ params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const m = t(lang);
  const sections = [...methodologySections(lang), citizenReportSection(lang, reportRetentionDays())];
  return (
    <article className="methodology" data-testid="methodology">
      <h1>{m.methodologyTitle}</h1>
      <p className="lead">{m.methodologyIntro}</p>
      <nav aria-labelledby="methodology-toc" className="method-toc">
        <h2 id="methodology-toc">{m.methodologyToc}</h2>
        <ol>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={s.id} className="method-section">
          <h2 id={s.id} tabIndex={-1}>
            {s.title}
          </h2>
          {s.body}
        </section>
      ))}
    </article>
  );
}
