import { formatDateTime } from "@/core/format";
import { t, type Lang } from "@/lib/i18n";
import { changeoverText } from "@/lib/i18n/changeover-messages";
import { AutoRefresh } from "./auto-refresh";

/** "As of …, refreshes every 10 s", with the refresher that makes it true; on a replay, the replayed instant moving forward. */
export function UpdatedLine({
  iso,
  lang,
  timeZone,
  replay = null,
}: {
  iso: string;
  lang: Lang;
  timeZone: string;
  replay?: { at: string; speed: number } | null;
}) {
  const m = t(lang);
  return (
    <p className="updated muted" data-testid="updated-line" data-as-of={iso}>
      <AutoRefresh replay={replay} />
      <time dateTime={iso}>{m.updatedAt(formatDateTime(new Date(iso), lang, timeZone, true))}</time>
      <span aria-hidden="true"> · </span>
      <span>{replay ? changeoverText(lang).meter.replayAutoRefresh(replay.speed) : m.autoRefresh}</span>
    </p>
  );
}
