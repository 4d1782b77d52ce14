import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/core/auth/permissions";
import { formatDateTime } from "@/core/format";
import { Flash } from "@/components/flash";
import { Quoted } from "@/components/quoted-text";
import { FormBasics } from "@/components/form-basics";
import { requireView } from "@/lib/auth/viewer";
import { listDisputes } from "@/lib/data/admin-views";
import { getDb } from "@/lib/db";
import { isLang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import "@/components/report-tables.css";
import "@/components/ops.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ lang: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: ops(lang).admin.disputesTitle, robots: { index: false } } : {};
}

const TZ = "Asia/Seoul";

/** Operators' disputes: admins decide the open ones; council members read. */
export default async function DisputesPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const back = `/${lang}/admin/disputes`;
  const viewer = await requireView(lang, back, "view.disputes");
  const decides = can({ id: viewer.userId, role: viewer.role, serviceIds: [] }, "dispute.resolve");
  const q = await searchParams;
  const o = ops(lang);
  const a = o.admin;
  const disputes = await listDisputes(await getDb());
  const open = disputes.filter((d) => d.status === "OPEN");
  const done = disputes.filter((d) => d.status !== "OPEN");
  const at = (iso: string) => <time dateTime={iso}>{formatDateTime(new Date(iso), lang, TZ)}</time>;
  const head = (d: (typeof disputes)[number]) => (
    <p className="statement-meta">
      <span className={`status status-${d.status}`}>{o.statements.disputeStatus[d.status] ?? d.status}</span> #{d.id} ·{" "}
      {lang === "ko" ? d.outage.service.name : d.outage.service.nameEn} {lang === "ko" ? d.outage.function.name : d.outage.function.nameEn} ·{" "}
      <Link href={`/${lang}/outages/${d.outage.id}`}>{o.desk.openOutage(d.outage.id)}</Link> · <Quoted text={d.by} /> · {at(d.at)}
    </p>
  );
  return (
    <>
      <h1>{a.disputesTitle}</h1>
      <Flash lang={lang} notice={q.notice} error={q.error} />
      <p className="muted">{a.disputesIntro}</p>
      <section className="panel" aria-labelledby="open-heading">
        <h2 id="open-heading">{a.openDisputes}</h2>
        {open.length === 0 ? (
          <p className="empty">{a.noOpenDisputes}</p>
        ) : (
          <ul className="statement-list">
            {open.map((d) => (
              <li key={d.id} className="statement" data-testid="dispute-open" data-dispute-id={d.id}>
                {head(d)}
                <p className="statement-body">
                  <Quoted text={d.reason} />
                </p>
                {decides && (
                  <form method="post" action={`/actions/disputes/${d.id}/resolve`} className="form">
                    <FormBasics csrf={viewer.csrf} back={back} lang={lang} />
                    <fieldset className="field choices">
                      <legend>{a.outcome}</legend>
                      <label className="choice">
                        <input type="radio" name="outcome" value="ACCEPTED" required disabled={d.outage.endedAt === null} />
                        <span>{a.accept}</span>
                      </label>
                      <label className="choice">
                        <input type="radio" name="outcome" value="REJECTED" required />
                        <span>{a.reject}</span>
                      </label>
                      {d.outage.endedAt === null && <span className="hint">{a.outageStillOpen}</span>}
                    </fieldset>
                    <label className="field">
                      <span>{a.resolution}</span>
                      <textarea name="resolution" required minLength={5} maxLength={4000} />
                    </label>
                    <div className="form-actions">
                      <button className="button" type="submit">
                        {a.resolve}
                      </button>
                    </div>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="done-heading">
        <h2 id="done-heading">{a.resolvedDisputes}</h2>
        {done.length === 0 ? (
          <p className="empty">{o.statements.noDisputes}</p>
        ) : (
          <ul className="statement-list">
            {done.map((d) => (
              <li key={d.id} className="statement" data-testid="dispute-done">
                {head(d)}
                <p className="statement-body">
                  <Quoted text={d.reason} />
                </p>
                {d.resolvedAt && (
                  <p className="statement-body">
                    <strong>
                      <Quoted text={d.resolvedBy ?? ""} /> · {at(d.resolvedAt)}:
                    </strong>{" "}
                    <Quoted text={d.resolution ?? ""} />
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
