import type { Lang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";

/** The outcome of the last action (?notice=… or ?error=…), announced to screen readers. */
export function Flash({ lang, notice, error }: { lang: Lang; notice?: string | string[]; error?: string | string[] }) {
  const o = ops(lang);
  const n = typeof notice === "string" ? o.notices[notice] : undefined;
  const e = typeof error === "string" ? (o.errors[error] ?? o.signIn.errors[error] ?? o.errors.invalid_input) : undefined;
  if (!n && !e) return null;
  return (
    <div
      className={`flash ${e ? "flash-error" : "flash-ok"}`}
      role={e ? "alert" : "status"}
      data-testid="flash"
      data-code={typeof error === "string" ? error : notice}
    >
      <p>{e ?? n}</p>
    </div>
  );
}
