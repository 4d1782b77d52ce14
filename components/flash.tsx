import type { Lang } from "@/lib/i18n";
import { ops } from "@/lib/i18n/ops-messages";

/**
 * Notices that report something done but not as hoped: shown as a warning, never as a success.
 * A maintenance announced later than the contract's notice period is recorded, yet excuses nothing.
 */
export const WARNING_NOTICES: ReadonlySet<string> = new Set(["maintenance_announced_late"]);

export type FlashKind = "ok" | "warn" | "error";

/** Which look a result gets: an error code is an error, a warning notice a warning, any other notice a success. */
export function flashKind(notice: string | undefined, error: string | undefined): FlashKind {
  if (error !== undefined) return "error";
  return notice !== undefined && WARNING_NOTICES.has(notice) ? "warn" : "ok";
}

/** The outcome of the last action (?notice=… or ?error=…), announced to screen readers. */
export function Flash({ lang, notice, error }: { lang: Lang; notice?: string | string[]; error?: string | string[] }) {
  const o = ops(lang);
  const n = typeof notice === "string" ? o.notices[notice] : undefined;
  const e = typeof error === "string" ? (o.errors[error] ?? o.signIn.errors[error] ?? o.errors.invalid_input) : undefined;
  if (!n && !e) return null;
  const kind = flashKind(typeof notice === "string" ? notice : undefined, e ? String(error) : undefined);
  return (
    <div
      className={`flash flash-${kind}`}
      role={kind === "ok" ? "status" : "alert"}
      data-testid="flash"
      data-kind={kind}
      data-code={typeof error === "string" ? error : notice}
    >
      <p>
        {kind === "warn" && <strong className="flash-label">{o.flashWarning}: </strong>}
        {e ?? n}
      </p>
    </div>
  );
}
