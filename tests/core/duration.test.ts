import { describe, expect, it } from "vitest";
import { formatDurationCompact as formatDuration, parseDuration } from "@/core/duration";

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("parseDuration", () => {
  it.each([
    { text: "0s", ms: 0 },
    { text: "90s", ms: 90 * S },
    { text: "14h", ms: 14 * H },
    { text: "2d 9h", ms: 2 * D + 9 * H },
    { text: "3d9h", ms: 3 * D + 9 * H },
    { text: "1h 30m", ms: 90 * M },
    { text: "1d 2h 3m 4s", ms: D + 2 * H + 3 * M + 4 * S },
    { text: " 5m ", ms: 5 * M },
    { text: "500ms", ms: 500 },
    { text: "1s 500ms", ms: 1500 },
  ])('"$text" is $ms ms', ({ text, ms }) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "10", "1.5h", "9h 2d", "5 minutes", "-1s", "1w", "PT1H", "500ms 1s", "10 parsecs"])('"%s" is not a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe("formatDuration", () => {
  it.each([
    { ms: 0, text: "0s" },
    { ms: 999, text: "0s" },
    { ms: 81 * H, text: "3d 9h" },
    { ms: 14 * H + 2 * M + 5 * S, text: "14h 2m 5s" },
  ])("$ms ms is $text", ({ ms, text }) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
