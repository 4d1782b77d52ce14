import Link from "next/link";
import { t, type Lang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";
import { Quoted } from "./quoted-text";
import { LangSwitch } from "./lang-switch";

/** `account`: the signed-in user's name, for a link to the desk (never on a page served to the public cache). */
export function SiteHeader({ lang, account }: { lang: Lang; account?: string | null }) {
  const m = t(lang);
  return (
    <header className="site-header">
      <div className="container site-header-inner">
        <Link href={`/${lang}`} className="brand">
          <span className="brand-name">{m.siteName}</span>
          <span className="brand-tagline">{m.siteTagline}</span>
        </Link>
        <nav aria-label={m.nav.label} className="site-nav">
          <ul>
            <li>
              <Link href={`/${lang}/compare`}>{m.nav.compare}</Link>
            </li>
            <li>
              <Link href={`/${lang}/methodology`}>{m.nav.methodology}</Link>
            </li>
            {account && (
              <li>
                <Link href={`/${lang}/desk`} data-testid="header-desk" prefetch={false}>
                  {ops(lang).headerDesk} (<Quoted text={account} />)
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <nav aria-label={m.langNavLabel} className="site-lang">
          <LangSwitch lang={lang} />
        </nav>
      </div>
    </header>
  );
}
