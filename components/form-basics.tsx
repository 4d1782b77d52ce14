import { CSRF_FIELD } from "@/lib/auth/csrf";

/** The hidden fields every action form carries: the CSRF token, where to return, and the language. */
export function FormBasics({ csrf, back, lang }: { csrf: string; back: string; lang: string }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <input type="hidden" name="back" value={back} />
      <input type="hidden" name="lang" value={lang} />
    </>
  );
}
