import type { DisplayState } from "@/core/function-state";

/** A shape per state, so a state never depends on colour alone. Decorative: the label carries the meaning. */
export function StateIcon({ state }: { state: DisplayState }) {
  return (
    <svg className="state-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {state === "UP" && <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />}
      {state === "DEGRADED" && (
        <>
          <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M8 4.5V8l2.5 1.8" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </>
      )}
      {state === "FAILING" && (
        <>
          <path d="M8 1.8l6.6 12H1.4z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
          <path d="M8 6v3.6" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
          <circle cx="8" cy="11.7" r="1" fill="currentColor" />
        </>
      )}
      {state === "DOWN" && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </>
      )}
      {state === "UNKNOWN" && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.4" strokeDasharray="2.2 1.6" />
          <path d="M6.1 6.2a2 2 0 1 1 2.9 1.8c-.7.4-1 .8-1 1.5v.3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          <circle cx="8" cy="11.8" r=".9" fill="currentColor" />
        </>
      )}
      {state === "STOPPED" && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.4" strokeDasharray="2.2 1.6" />
          <path d="M6.2 5.3v5.4M9.8 5.3v5.4" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
        </>
      )}
      {state === "NO_DATA" && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.4" strokeDasharray="2.2 1.6" />
          <path d="M5 8h6" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}
