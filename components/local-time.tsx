import { formatDateTime, type Locale } from "@/core/format";

/** An instant shown in the service's zone, with the machine-readable instant beside it. */
export function LocalTime({ iso, lang, timeZone, withSeconds = false }: { iso: string; lang: Locale; timeZone: string; withSeconds?: boolean }) {
  return <time dateTime={iso}>{formatDateTime(new Date(iso), lang, timeZone, withSeconds)}</time>;
}
