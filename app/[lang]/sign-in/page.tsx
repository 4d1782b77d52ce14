import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Flash } from "@/components/flash";
import { csrfToken, CSRF_FIELD, PRE_SESSION_COOKIE } from "@/lib/auth/csrf";
import { getViewer } from "@/lib/auth/viewer";
import { safeBackPath } from "@/lib/http/request-info";
import { isLang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import { WithQuoted } from "@/components/quoted-text";
import "@/components/ops.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ lang: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: ops(lang).signIn.title, robots: { index: false } } : {};
}

/** Password sign-in. The form's CSRF token is bound to the pre-session cookie proxy.ts gave this browser. */
export default async function SignInPage({ params, searchParams }: Props) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const q = await searchParams;
  const o = ops(lang).signIn;
  const viewer = await getViewer();
  const next = safeBackPath(typeof q.next === "string" ? q.next : null, `/${lang}/desk`);
  const pre = (await cookies()).get(PRE_SESSION_COOKIE)?.value ?? "";
  return (
    <div className="sign-in-box">
      <h1>{o.title}</h1>
      <Flash lang={lang} notice={q.notice} error={q.error} />
      {viewer ? (
        <p>
          <WithQuoted words={o.alreadyAs} text={viewer.displayName} /> <Link href={`/${lang}/desk`}>{o.goDesk}</Link>
        </p>
      ) : (
        <>
          <p className="muted">{o.intro}</p>
          <form method="post" action="/auth/sign-in" className="form" data-testid="sign-in-form">
            <input type="hidden" name={CSRF_FIELD} value={pre ? csrfToken(pre, "sign-in") : ""} />
            <input type="hidden" name="next" value={next} />
            <input type="hidden" name="lang" value={lang} />
            <label className="field">
              <span>{o.username}</span>
              <input name="username" autoComplete="username" required maxLength={80} autoCapitalize="none" spellCheck={false} />
            </label>
            <label className="field">
              <span>{o.password}</span>
              <input name="password" type="password" autoComplete="current-password" required maxLength={256} />
            </label>
            <div className="form-actions">
              <button className="button" type="submit">
                {o.submit}
              </button>
            </div>
          </form>
          <p className="muted">{o.help}</p>
        </>
      )}
    </div>
  );
}
