/**
 * A verdict as a shape and words together (never colour alone): breached or met,
 * triggered or not. No next/* imports: the council PDF renders it outside Next.
 */
export type VerdictTone = "bad" | "good" | "neutral";

export function Verdict({ tone, label, testId }: { tone: VerdictTone; label: string; testId?: string }) {
  return (
    <span className={`verdict verdict-${tone}`} data-testid={testId} data-tone={tone}>
      <VerdictIcon tone={tone} />
      <span>{label}</span>
    </span>
  );
}

export function VerdictIcon({ tone }: { tone: VerdictTone }) {
  return (
    <svg className="verdict-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {tone === "bad" && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </>
      )}
      {tone === "good" && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M4.8 8.3l2.2 2.2 4.2-4.9" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </>
      )}
      {tone === "neutral" && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.4" strokeDasharray="2.2 1.6" />
          <path d="M5 8h6" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}
