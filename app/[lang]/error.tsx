"use client";

import { useParams } from "next/navigation";
import { DEFAULT_LANG, isLang, t } from "@/lib/i18n";

export default function ErrorPage({ retry }: { error: unknown; retry: () => void }) {
  const params = useParams<{ lang: string }>();
  const lang = params?.lang && isLang(params.lang) ? params.lang : DEFAULT_LANG;
  const m = t(lang);
  return (
    <div className="message-page">
      <h1>{m.errorTitle}</h1>
      <p>{m.errorBody}</p>
      <button type="button" className="button" onClick={() => retry()}>
        {m.errorRetry}
      </button>
    </div>
  );
}
