/**
 * Half-open intervals [start, end) in epoch milliseconds, and the set algebra
 * the accounting needs. A "set" is a sorted list of disjoint, non-empty intervals.
 */
export type Span = { start: number; end: number };

export function normalize(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

export function union(...sets: Span[][]): Span[] {
  return normalize(sets.flat());
}

export function intersect(a: Span[], b: Span[]): Span[] {
  const A = normalize(a);
  const B = normalize(b);
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < A.length && j < B.length) {
    const start = Math.max(A[i]!.start, B[j]!.start);
    const end = Math.min(A[i]!.end, B[j]!.end);
    if (end > start) out.push({ start, end });
    if (A[i]!.end < B[j]!.end) i++;
    else j++;
  }
  return out;
}

export function subtract(a: Span[], b: Span[]): Span[] {
  const B = normalize(b);
  const out: Span[] = [];
  for (const s of normalize(a)) {
    let cursor = s.start;
    for (const cut of B) {
      if (cut.end <= cursor) continue;
      if (cut.start >= s.end) break;
      if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
      if (cursor >= s.end) break;
    }
    if (cursor < s.end) out.push({ start: cursor, end: s.end });
  }
  return out;
}

export function clip(spans: Span[], window: Span): Span[] {
  return intersect(spans, [window]);
}

/** Total length in milliseconds. */
export function totalMs(spans: Span[]): number {
  return normalize(spans).reduce((n, s) => n + (s.end - s.start), 0);
}
