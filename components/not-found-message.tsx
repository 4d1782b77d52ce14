"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { isLang, t } from "@/lib/i18n";

/**
 * The 404 text in the page's language. not-found files get no params, so this
 * reads them on the client; for an unsupported language it shows both.
 */
export function NotFoundMessage() {
  const params = useParams<{ lang: string }>();
  const raw = params?.lang ?? "";
  const langs = isLang(raw) ? [raw] : (["ko", "en"] as const);
  return (
    <div className="message-page">
      {langs.map((lang, i) => {
        const m = t(lang);
        return (
          <div key={lang} lang={lang}>
            {i === 0 ? <h1>{m.notFoundTitle}</h1> : <h2>{m.notFoundTitle}</h2>}
            <p>{m.notFoundBody}</p>
            <p>
              <Link href={`/${lang}`}>{m.notFoundBack}</Link>
            </p>
          </div>
        );
      })}
    </div>
  );
}
