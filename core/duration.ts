/**
 * Durations as written in configuration and scenario files: whole numbers of
 * days, hours, minutes, seconds and milliseconds, largest unit first, spaces
 * optional: "500ms", "10s", "90s", "14h", "2d 9h", "1h 30m". One format only,
 * so a file reads the same way everywhere.
 */
const DURATION = /^(?:(\d+)d)? *(?:(\d+)h)? *(?:(\d+)m(?!s))? *(?:(\d+)s)? *(?:(\d+)ms)?$/;

const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1_000, 1] as const;

export const DURATION_HINT = 'a duration such as "500ms", "10s", "90s", "14h", "2d 9h" or "1h 30m" (units d, h, m, s, ms, largest first)';

/** Milliseconds, or null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  if (!match || trimmed === "") return null;
  return match.slice(1).reduce((sum, part, i) => sum + Number(part ?? 0) * UNIT_MS[i]!, 0);
}

/** The inverse of parseDuration for whole seconds ("3d 9h", "14h 2m 5s"); sub-second parts are dropped. */
export function formatDurationCompact(ms: number): string {
  let rest = Math.max(0, Math.floor(ms / 1000));
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.length === 0 ? "0s" : parts.join(" ");
}
