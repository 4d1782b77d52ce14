import { localParts } from "./time-zone";

export type Locale = "ko" | "en";

/** 14196000 → "14,196,000원" (ko) or "14,196,000 KRW" (en). Integer won only. */
export function formatKrw(amount: bigint | number, locale: Locale): string {
  const n = BigInt(amount);
  const digits = groupThousands(n < 0n ? -n : n);
  const sign = n < 0n ? "-" : "";
  return locale === "ko" ? `${sign}${digits}원` : `${sign}${digits} KRW`;
}

/**
 * The Korean reading of an amount in 억 and 만: 14196000 → "1,419만 6,000원",
 * 3640000000 → "36억 4,000만원". Units that are zero are left out.
 */
export function formatKrwKorean(amount: bigint | number): string {
  let n = BigInt(amount);
  const sign = n < 0n ? "-" : "";
  if (n < 0n) n = -n;
  if (n === 0n) return "0원";
  const units: [bigint, string][] = [
    [10n ** 12n, "조"],
    [10n ** 8n, "억"],
    [10n ** 4n, "만"],
  ];
  const parts: string[] = [];
  for (const [size, name] of units) {
    const q = n / size;
    if (q > 0n) parts.push(`${groupThousands(q)}${name}`);
    n %= size;
  }
  if (n > 0n) parts.push(groupThousands(n));
  return `${sign}${parts.join(" ")}원`;
}

function groupThousands(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2022년 4월 4일 09:00" (ko) or "2022-04-04 09:00 KST" (en), in the given zone. */
export function formatDateTime(at: Date, locale: Locale, timeZone = "Asia/Seoul", withSeconds = false): string {
  const p = localParts(at, timeZone);
  const time = `${pad(p.hour)}:${pad(p.minute)}${withSeconds ? `:${pad(p.second)}` : ""}`;
  if (locale === "ko") return `${p.year}년 ${p.month}월 ${p.day}일 ${time}`;
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${time} ${zoneAbbreviation(timeZone)}`;
}

export function formatDate(at: Date, locale: Locale, timeZone = "Asia/Seoul"): string {
  const p = localParts(at, timeZone);
  return locale === "ko" ? `${p.year}년 ${p.month}월 ${p.day}일` : `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function formatTime(at: Date, timeZone = "Asia/Seoul"): string {
  const p = localParts(at, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * When something was last measured, as read beside "now": "11:05" (ko) / "11:05 KST" (en)
 * on the same local day, the full date and time on any other (a bare time would pass for today's).
 */
export function formatLastMeasured(at: Date, now: Date, locale: Locale, timeZone = "Asia/Seoul"): string {
  const a = localParts(at, timeZone);
  const n = localParts(now, timeZone);
  if (a.year !== n.year || a.month !== n.month || a.day !== n.day) return formatDateTime(at, locale, timeZone);
  return locale === "ko" ? formatTime(at, timeZone) : `${formatTime(at, timeZone)} ${zoneAbbreviation(timeZone)}`;
}

function zoneAbbreviation(timeZone: string): string {
  return timeZone === "Asia/Seoul" ? "KST" : timeZone;
}

/**
 * A duration in whole units, largest first, at most two units:
 * 291600 s → "3일 9시간" / "3 d 9 h"; 45 s → "45초" / "45 s".
 */
export function formatDuration(totalSec: number, locale: Locale): string {
  const s = Math.max(0, Math.floor(totalSec));
  const units: [number, string, string][] = [
    [86_400, "일", "d"],
    [3_600, "시간", "h"],
    [60, "분", "min"],
    [1, "초", "s"],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [size, ko, en] of units) {
    const q = Math.floor(rest / size);
    rest -= q * size;
    if (q > 0 && parts.length < 2) parts.push(locale === "ko" ? `${q}${ko}` : `${q} ${en}`);
    else if (parts.length > 0) break;
  }
  return parts.length > 0 ? parts.join(" ") : locale === "ko" ? "0초" : "0 s";
}

/**
 * A span of time in whole hours and minutes, minutes truncated (a lead time is never shown
 * longer than it was): 262,764 s (72.99 h) → "72시간 59분" / "72 h 59 min"; 259,200 s → "72시간" / "72 h".
 * Hours are not folded into days: notice periods in contracts are stated in hours.
 */
export function formatHoursMinutes(totalSec: number, locale: Locale): string {
  const minutes = Math.floor(Math.max(0, totalSec) / 60);
  const h = Math.floor(minutes / 60);
  const min = minutes % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(locale === "ko" ? `${h}시간` : `${h} h`);
  if (min > 0 || h === 0) parts.push(locale === "ko" ? `${min}분` : `${min} min`);
  return parts.join(" ");
}

/** Every unit down to seconds, for figures compared against a limit: 86_430 s → "1일 30초" / "1 d 30 s". */
export function formatDurationExact(totalSec: number, locale: Locale): string {
  let rest = Math.max(0, Math.floor(totalSec));
  const parts: string[] = [];
  for (const [size, ko, en] of [
    [86_400, "일", "d"],
    [3_600, "시간", "h"],
    [60, "분", "min"],
    [1, "초", "s"],
  ] as const) {
    const q = Math.floor(rest / size);
    rest -= q * size;
    if (q > 0) parts.push(locale === "ko" ? `${q}${ko}` : `${q} ${en}`);
  }
  return parts.length > 0 ? parts.join(" ") : locale === "ko" ? "0초" : "0 s";
}

/** 0.8875 → "88.75%": two decimals, truncated rather than rounded so 99.999% never shows as 100.00%. */
export function formatPercent(ratio: number): string {
  const hundredths = Math.floor(ratio * 10_000 + 1e-9);
  return `${(hundredths / 100).toFixed(2)}%`;
}
