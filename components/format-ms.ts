/** 3420.4 → "3,420 ms". Latency only; dates, money and durations go through core/format.ts. */
export function formatMs(ms: number): string {
  return `${Math.round(ms).toLocaleString("en-US")} ms`;
}
