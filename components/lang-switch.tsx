"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { otherLang, switchLangPath, t, type Lang } from "@/lib/i18n";

/** Link to the same page in the other language. */
export function LangSwitch({ lang }: { lang: Lang }) {
  const pathname = usePathname() ?? `/${lang}`;
  const to = otherLang(lang);
  return (
    <Link className="lang-switch" href={switchLangPath(pathname, to)} hrefLang={to} lang={to} aria-label={t(lang).languageSwitchLabel} prefetch={false}>
      {t(lang).languageSwitch}
    </Link>
  );
}
