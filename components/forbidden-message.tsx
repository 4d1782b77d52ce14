"use client";

import { useParams } from "next/navigation";
import { DEFAULT_LANG, isLang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";

/** The 403 text in the page's language (forbidden files get no params, as not-found files). */
export function ForbiddenMessage() {
  const params = useParams<{ lang: string }>();
  const lang = isLang(params?.lang ?? "") ? (params!.lang as "ko" | "en") : DEFAULT_LANG;
  const o = ops(lang).admin;
  return (
    <div className="message-page" data-testid="forbidden">
      <h1>{o.forbiddenTitle}</h1>
      <p>{o.forbiddenText}</p>
    </div>
  );
}
