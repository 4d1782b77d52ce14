import { formatDate, formatDuration, type Locale } from "@/core/format";
import { dayWindow, parseLocalDate } from "@/core/time-zone";
import { t } from "@/lib/i18n";

/** Small formatting helpers shared by the council page, its PDF and the year view. */

/** "2022-04" → "2022년 4월" / "April 2022". */
export function monthLabel(month: string, lang: Locale): string {
  const [y, m] = month.split("-").map(Number);
  return t(lang).council.monthLabel(y ?? 0, m ?? 1);
}

/** A local calendar date "2022-04-01" shown the page's way. */
export function localDateLabel(date: string, lang: Locale, timeZone: string): string {
  try {
    return formatDate(dayWindow(parseLocalDate(date), timeZone).start, lang, timeZone);
  } catch {
    return date;
  }
}

/** "3일 9시간" with the exact seconds, for figures a reader may recompute. */
export function durationWithSeconds(sec: number, lang: Locale): { text: string; exact: string } {
  const whole = Math.round(sec);
  return { text: formatDuration(whole, lang), exact: lang === "ko" ? `${whole.toLocaleString("ko-KR")}초` : `${whole.toLocaleString("en-US")} s` };
}
