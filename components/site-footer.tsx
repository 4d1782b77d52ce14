import Link from "next/link";
import { t, type Lang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";

export function SiteFooter({ lang }: { lang: Lang }) {
  const m = t(lang);
  return (
    <footer className="site-footer">
      <div className="container site-footer-inner">
        <p>{m.footerNote}</p>
        <p className="footer-links">
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a JSON document, not a page: plain navigation */}
          <a href="/api/v1/services">{m.footerApi}</a>
          {" · "}
          <Link href={`/${lang}/audit`} prefetch={false}>
            {ops(lang).footerAudit}
          </Link>
          {" · "}
          <Link href={`/${lang}/sign-in`} prefetch={false} data-testid="footer-sign-in">
            {ops(lang).footerSignIn}
          </Link>
        </p>
      </div>
    </footer>
  );
}
