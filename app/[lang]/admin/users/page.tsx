import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ROLES } from "@/core/auth/permissions";
import { Flash } from "@/components/flash";
import { FormBasics } from "@/components/form-basics";
import { requireView } from "@/lib/auth/viewer";
import { listUsers } from "@/lib/data/admin-views";
import { getDb } from "@/lib/db";
import { isLang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import "@/components/report-tables.css";
import { Quoted } from "@/components/quoted-text";
import "@/components/ops.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ lang: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: ops(lang).admin.usersTitle, robots: { index: false } } : {};
}

/** Admins: every account, and the forms to create, disable and re-enable one or set its password. */
export default async function UsersPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const back = `/${lang}/admin/users`;
  const viewer = await requireView(lang, back, "view.users");
  const q = await searchParams;
  const o = ops(lang);
  const a = o.admin;
  const db = await getDb();
  const [users, services] = await Promise.all([
    listUsers(db),
    db.service.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true, nameEn: true } }),
  ]);
  return (
    <>
      <h1>{a.usersTitle}</h1>
      <Flash lang={lang} notice={q.notice} error={q.error} />
      <p className="muted">{a.usersIntro}</p>
      <section className="panel" aria-labelledby="users-heading">
        <h2 id="users-heading" className="visually-hidden">
          {a.usersTitle}
        </h2>
        <div className="table-scroll">
          <table className="data-table card-table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{a.colUsername}</th>
                <th scope="col">{a.colName}</th>
                <th scope="col">{a.colRole}</th>
                <th scope="col">{a.colServices}</th>
                <th scope="col">{a.colState}</th>
                <th scope="col">{a.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-testid="user-row" data-username={u.username}>
                  <th scope="row" data-label={a.colUsername}>
                    <span>
                      <code>{u.username}</code>
                    </span>
                  </th>
                  <td data-label={a.colName}>
                    <Quoted text={u.displayName} />
                  </td>
                  <td data-label={a.colRole}>
                    <span>{o.roles[u.role] ?? u.role}</span>
                  </td>
                  <td data-label={a.colServices}>
                    <span>{u.services.join(", ") || "—"}</span>
                  </td>
                  <td data-label={a.colState}>
                    <span>
                      <span className={`status status-${u.disabled ? "CANCELLED" : "DELIVERED"}`}>{u.disabled ? a.disabled : a.active}</span>
                    </span>
                  </td>
                  <td data-label={a.colActions}>
                    <span className="user-actions">
                      {u.id !== viewer.userId && (
                        <form method="post" action={`/actions/users/${u.id}`} className="inline-form">
                          <FormBasics csrf={viewer.csrf} back={back} lang={lang} />
                          <input type="hidden" name="change" value={u.disabled ? "enable" : "disable"} />
                          <button className="button button-quiet" type="submit" aria-label={`${u.disabled ? a.enable : a.disable}: ${u.username}`}>
                            {u.disabled ? a.enable : a.disable}
                          </button>
                        </form>
                      )}
                      <details className="password-reset">
                        <summary>{a.resetPassword}</summary>
                        <form method="post" action={`/actions/users/${u.id}`} className="form compact-form">
                          <FormBasics csrf={viewer.csrf} back={back} lang={lang} />
                          <input type="hidden" name="change" value="password" />
                          <label className="field">
                            <span>{a.newPasswordFor(u.username)}</span>
                            <input type="password" name="password" autoComplete="new-password" minLength={12} required />
                          </label>
                          <div className="form-actions">
                            <button className="button button-quiet" type="submit">
                              {a.resetPassword}
                            </button>
                          </div>
                        </form>
                      </details>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="create-heading">
        <h2 id="create-heading">{a.createHeading}</h2>
        <form method="post" action="/actions/users" className="form" data-testid="form-create-user">
          <FormBasics csrf={viewer.csrf} back={back} lang={lang} />
          <div className="form-row">
            <label className="field">
              <span>{a.colUsername}</span>
              <input name="username" required pattern="[a-z0-9][a-z0-9._\-]{2,39}" autoCapitalize="none" spellCheck={false} />
            </label>
            <label className="field">
              <span>{a.displayName}</span>
              <input name="displayName" required maxLength={80} />
            </label>
          </div>
          <div className="form-row">
            <label className="field">
              <span>{a.role}</span>
              <select name="role" defaultValue="OPERATOR">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {o.roles[r]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{a.services}</span>
              <select name="services" multiple size={Math.min(4, Math.max(2, services.length))}>
                {services.map((s) => (
                  <option key={s.slug} value={s.slug}>
                    {lang === "ko" ? s.name : s.nameEn} ({s.slug})
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span>{a.password}</span>
            <input type="password" name="password" autoComplete="new-password" required minLength={12} />
          </label>
          <div className="form-actions">
            <button className="button" type="submit">
              {a.create}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
