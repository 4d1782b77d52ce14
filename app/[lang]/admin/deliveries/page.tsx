import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/core/format";
import { requireView } from "@/lib/auth/viewer";
import { DELIVERY_STATUSES, deliveryCounts, listDeliveries } from "@/lib/data/admin-views";
import { getDb } from "@/lib/db";
import { isLang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import "@/components/report-tables.css";
import "@/components/ops.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ lang: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: ops(lang).admin.deliveriesTitle, robots: { index: false } } : {};
}

const TZ = "Asia/Seoul";

/** Every alert in the outbox (newest first) with each delivery attempt: admins and council members. */
export default async function DeliveriesPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const path = `/${lang}/admin/deliveries`;
  await requireView(lang, path, "view.deliveries");
  const q = await searchParams;
  const status = typeof q.status === "string" && (DELIVERY_STATUSES as readonly string[]).includes(q.status) ? q.status : undefined;
  const a = ops(lang).admin;
  const db = await getDb();
  const [rows, counts] = await Promise.all([listDeliveries(db, { status }), deliveryCounts(db)]);
  const at = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(new Date(iso), lang, TZ, true)}</time> : "—");
  return (
    <>
      <h1>{a.deliveriesTitle}</h1>
      <p className="muted">{a.deliveriesIntro}</p>
      <nav aria-label={a.colStatus} className="filter-nav">
        <Link href={path} aria-current={status ? undefined : "page"}>
          {a.filterAll}
        </Link>
        {DELIVERY_STATUSES.map((s) => (
          <Link key={s} href={`${path}?status=${s}`} aria-current={status === s ? "page" : undefined}>
            {a.statuses[s]} ({counts[s] ?? 0})
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="empty">{a.noDeliveries}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table card-table" data-testid="deliveries-table">
            <caption className="visually-hidden">{a.deliveriesTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{a.colCreated}</th>
                <th scope="col">{a.colKind}</th>
                <th scope="col">{a.colChannel}</th>
                <th scope="col">{a.colStatus}</th>
                <th scope="col">{a.colAttempts}</th>
                <th scope="col">{a.colNext}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="delivery-row" data-status={r.status} data-kind={r.kind} data-channel={r.channelKey}>
                  <th scope="row" data-label={a.colCreated}>
                    <span>
                      #{r.id} {at(r.createdAt)}
                    </span>
                  </th>
                  <td data-label={a.colKind}>
                    <span>
                      {a.kinds[r.kind] ?? r.kind}
                      <span className="muted block">
                        {lang === "ko" ? r.service.name : r.service.nameEn}
                        {r.outageId !== null && (
                          <>
                            {" · "}
                            <Link href={`/${lang}/outages/${r.outageId}`}>#{r.outageId}</Link>
                          </>
                        )}
                        {" · "}
                        {a.roundLevel(r.round, r.level)}
                      </span>
                    </span>
                  </td>
                  <td data-label={a.colChannel}>
                    <span>
                      <code>{r.channelKey}</code>
                      <span className="muted block">{r.policyKey}</span>
                    </span>
                  </td>
                  <td data-label={a.colStatus}>
                    <span>
                      <span className={`status status-${r.status}`}>{a.statuses[r.status] ?? r.status}</span>
                      {r.deliveredAt && <span className="muted block">{at(r.deliveredAt)}</span>}
                    </span>
                  </td>
                  <td data-label={a.colAttempts}>
                    <span>
                      {r.attempts}
                      {r.deliveryAttempts.length > 0 && (
                        <ol className="attempts">
                          {r.deliveryAttempts.map((x) => (
                            <li key={x.id} data-ok={x.ok ? "true" : "false"}>
                              {at(x.at)} · {x.durationMs} ms · <span className="detail-text">{x.detail}</span>
                            </li>
                          ))}
                        </ol>
                      )}
                      {r.lastError && r.deliveryAttempts.length === 0 && <span className="muted block detail-text">{r.lastError}</span>}
                    </span>
                  </td>
                  <td data-label={a.colNext}>
                    <span>{r.status === "PENDING" ? at(r.nextAttemptAt) : "—"}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
