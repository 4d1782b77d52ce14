import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime, formatHoursMinutes } from "@/core/format";
import { localParts } from "@/core/time-zone";
import { Flash } from "@/components/flash";
import { FormBasics } from "@/components/form-basics";
import { MaintenanceTable } from "@/components/maintenance-table";
import { SurgeDeskPanel } from "@/components/surge-desk-panel";
import { deskSurges } from "@/lib/citizen/desk-surges";
import { requireViewer } from "@/lib/auth/viewer";
import { adminDeskCounts, operatorDesk, type DeskOutage } from "@/lib/data/desk";
import { getDb } from "@/lib/db";
import { isLang, type Lang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import "@/components/report-tables.css";
import { WithQuoted } from "@/components/quoted-text";
import "@/components/ops.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ lang: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: ops(lang).desk.title, robots: { index: false } } : {};
}

const pad = (n: number) => String(n).padStart(2, "0");
/** A datetime-local value in the zone, for a form's default. */
function localInput(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The signed-in landing page: what this account can do, by role. */
export default async function DeskPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const viewer = await requireViewer(lang, `/${lang}/desk`);
  const q = await searchParams;
  const o = ops(lang);
  const db = await getDb();
  const now = new Date();
  const back = `/${lang}/desk`;
  const services =
    viewer.role === "OPERATOR"
      ? await operatorDesk(
          db,
          viewer.services.map((s) => s.id),
          now,
        )
      : [];
  const counts = viewer.role === "OPERATOR" ? null : await adminDeskCounts(db);
  const surges = viewer.role === "ADMIN" ? await deskSurges(db, now) : null;

  const outageLine = (x: DeskOutage, tz: string, canAck: boolean) => (
    <li key={x.id} className="statement" data-testid="desk-outage" data-outage-id={x.id} data-acknowledged={x.acknowledgement ? "true" : "false"}>
      <p>
        <Link href={`/${lang}/outages/${x.id}`}>{o.desk.openOutage(x.id)}</Link> · {lang === "ko" ? x.functionName : x.functionNameEn} ·{" "}
        <time dateTime={x.startedAt}>{formatDateTime(new Date(x.startedAt), lang, tz)}</time>
        {x.endedAt && (
          <>
            {" – "}
            <time dateTime={x.endedAt}>{formatDateTime(new Date(x.endedAt), lang, tz)}</time>
          </>
        )}
      </p>
      <p className="statement-meta">
        {x.acknowledgement ? (
          <WithQuoted words={(q) => o.desk.acknowledgedBy(q, formatDateTime(new Date(x.acknowledgement!.at), lang, tz))} text={x.acknowledgement.by} />
        ) : (
          o.desk.notAcknowledged
        )}
      </p>
      {canAck && !x.acknowledgement && (
        <form method="post" action={`/actions/outages/${x.id}/acknowledge`} className="inline-form">
          <FormBasics csrf={viewer.csrf} back={back} lang={lang} />
          <button className="button" type="submit" data-testid={`desk-ack-${x.id}`}>
            {o.desk.acknowledge}
          </button>
        </form>
      )}
    </li>
  );

  return (
    <>
      <h1>{o.desk.title}</h1>
      <p className="lead" data-testid="desk-who" data-role={viewer.role}>
        {/* the account's name as it was given (an operator may name its account in Korean) */}
        <WithQuoted words={(q) => o.desk.youAre(q, o.roles[viewer.role] ?? viewer.role)} text={viewer.displayName} />
      </p>
      <Flash lang={lang} notice={q.notice} error={q.error} />
      <p className="muted">{viewer.role === "OPERATOR" ? o.desk.operatorIntro : viewer.role === "ADMIN" ? o.desk.adminIntro : o.desk.councilIntro}</p>

      {services.map((s) => {
        const name = lang === "ko" ? s.name : s.nameEn;
        const start = new Date(now.getTime() + Math.max(s.noticeMs, 3_600_000) + 3_600_000);
        return (
          <section key={s.slug} className="panel" aria-labelledby={`svc-${s.slug}`} data-testid="desk-service" data-slug={s.slug}>
            <h2 id={`svc-${s.slug}`}>{o.desk.openOutagesHeading(name)}</h2>
            {s.open.length === 0 ? (
              <p className="muted">{o.desk.noOpenOutages}</p>
            ) : (
              <ul className="statement-list">{s.open.map((x) => outageLine(x, s.timeZone, true))}</ul>
            )}
            {s.recent.length > 0 && (
              <>
                <h3>{o.desk.recentHeading}</h3>
                <ul className="statement-list">{s.recent.map((x) => outageLine(x, s.timeZone, true))}</ul>
              </>
            )}
            <h3 id={`mnt-${s.slug}`}>{o.maintenance.formHeading(name)}</h3>
            <p className="muted">{s.noticeMs > 0 ? o.maintenance.noticeRule(formatHoursMinutes(s.noticeMs / 1000, lang)) : o.maintenance.noNoticeRule}</p>
            <form method="post" action={`/actions/services/${s.slug}/maintenance`} className="form" data-testid="form-maintenance">
              <FormBasics csrf={viewer.csrf} back={back} lang={lang} />
              <div className="form-row">
                <label className="field">
                  <span>{o.maintenance.start}</span>
                  <input type="datetime-local" name="start" required defaultValue={localInput(start, s.timeZone)} />
                </label>
                <label className="field">
                  <span>{o.maintenance.end}</span>
                  <input type="datetime-local" name="end" required defaultValue={localInput(new Date(start.getTime() + 2 * 3_600_000), s.timeZone)} />
                </label>
              </div>
              <label className="field">
                <span>{o.maintenance.note}</span>
                <textarea name="note" maxLength={1000} />
              </label>
              <div className="form-actions">
                <button className="button" type="submit">
                  {o.maintenance.submit}
                </button>
              </div>
            </form>
            <MaintenanceTable items={s.announcements} lang={lang as Lang} timeZone={s.timeZone} />
          </section>
        );
      })}

      {surges && <SurgeDeskPanel surges={surges} lang={lang} csrf={viewer.csrf} />}

      {counts && (
        <section className="panel" aria-labelledby="desk-links-heading">
          <h2 id="desk-links-heading">{o.desk.links}</h2>
          <ul className="desk-links">
            {viewer.role === "ADMIN" && (
              <li>
                <Link href={`/${lang}/admin/users`}>{o.desk.usersLink}</Link>
              </li>
            )}
            <li>
              <Link href={`/${lang}/admin/disputes`}>{o.desk.disputesLink(counts.openDisputes)}</Link>
            </li>
            <li>
              <Link href={`/${lang}/admin/deliveries`}>{o.desk.deliveriesLink}</Link>{" "}
              <span className="muted">({o.desk.failedDeliveries(counts.failedDeliveries)})</span>
            </li>
            <li>
              <Link href={`/${lang}/admin/agents`}>{o.desk.agentsLink(counts.heldBatches)}</Link>
            </li>
            <li>
              <Link href={`/${lang}/audit`}>{o.desk.auditLink}</Link>
            </li>
          </ul>
        </section>
      )}

      <section className="panel" aria-labelledby="password-heading">
        <h2 id="password-heading">{o.desk.passwordHeading}</h2>
        <form method="post" action="/auth/password" className="form">
          <FormBasics csrf={viewer.csrf} back={back} lang={lang} />
          <input type="text" name="username" autoComplete="username" value={viewer.username} readOnly hidden />
          <label className="field">
            <span>{o.desk.currentPassword}</span>
            <input type="password" name="current" autoComplete="current-password" required />
          </label>
          <label className="field">
            <span>{o.desk.newPassword}</span>
            <input type="password" name="password" autoComplete="new-password" required minLength={12} />
          </label>
          <div className="form-actions">
            <button className="button button-quiet" type="submit">
              {o.desk.changePassword}
            </button>
          </div>
        </form>
        <form method="post" action="/auth/sign-out" className="inline-form">
          <FormBasics csrf={viewer.csrf} back={back} lang={lang} />
          <button className="button" type="submit" data-testid="sign-out">
            {o.signOut}
          </button>
        </form>
      </section>
    </>
  );
}
