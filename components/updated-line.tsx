import { formatDateTime } from "@/core/format";
import { t, type Lang } from "@/lib/i18n";
import { AutoRefresh } from "./auto-refresh";

/** "As of …, refreshes every 10 s", with the refresher that makes it true. */
export function UpdatedLine({ iso, lang, timeZone }: { iso: string; lang: Lang; timeZone: string }) {
  const m = t(lang);
  return (
    <p className="updated muted">
      <AutoRefresh />
      <time dateTime={iso}>{m.updatedAt(formatDateTime(new Date(iso), lang, timeZone, true))}</time>
      <span aria-hidden="true"> · </span>
      <span>{m.autoRefresh}</span>
    </p>
  );
}
