import type { Lang } from "@/lib/i18n";

/** A cleanup step the flow runner skipped: "skipped: {{topupId}} has no value (…)". */
const SKIPPED = /^skipped: \{\{([^}]+)\}\} has no value/;

const TEXT = {
  ko: {
    skipped: (variable: string) => `앞 단계가 값(${variable})을 주지 않아 이 단계를 건너뛰었습니다.`,
    raw: "원본 기록",
  },
  en: {
    skipped: (variable: string) => `Skipped because an earlier step gave no value (${variable}).`,
    raw: "Raw log",
  },
} as const;

/**
 * What a flow step's message says, for a reader: the runner's note on a skipped step becomes a
 * sentence in the page's language, with the runner's words kept in a details element as the raw
 * log. Any other message is the probe's own evidence and is shown as it was recorded, as code.
 */
export function readableStepMessage(message: string, lang: Lang): { sentence: string | null; raw: string } {
  const m = SKIPPED.exec(message);
  return { sentence: m ? TEXT[lang].skipped(m[1]!) : null, raw: message };
}

export function StepMessage({ message, lang }: { message: string; lang: Lang }) {
  const { sentence, raw } = readableStepMessage(message, lang);
  if (sentence === null) return <code className="raw-message">{raw}</code>;
  return (
    <>
      <span data-testid="step-sentence">{sentence}</span>
      <details className="raw-log">
        <summary>{TEXT[lang].raw}</summary>
        <code>{raw}</code>
      </details>
    </>
  );
}
