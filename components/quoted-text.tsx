import type { ReactNode } from "react";
import type { Note } from "@/core/accounting/report-values";
import { formatNote, type TextContext } from "@/lib/i18n/report-text";

/**
 * Text quoted as it was written (an operator's note, an admin's resolution, a contract's clause or title):
 * marked with the language it is written in, so a screen reader reads it in that voice and nobody
 * mistakes the quote for the page's own words. No next/* imports: the council PDF renders it too.
 */
export function quotedLang(text: string): "ko" | "en" | undefined {
  if (/[\uac00-\ud7af]/.test(text)) return "ko";
  return /[A-Za-z]/.test(text) ? "en" : undefined;
}

export function Quoted({ text, className }: { text: string; className?: string }) {
  return (
    <span lang={quotedLang(text)} className={className}>
      {text}
    </span>
  );
}

/** A note in the page's language, with the free text inside it (a reason as written) marked as quoted. */
export function NoteText({ note, x }: { note: Note; x: TextContext }): ReactNode {
  const quoted: string[] = [];
  const params = Object.fromEntries(
    Object.entries(note.params).map(([k, v]) => {
      if (v.type !== "text") return [k, v];
      quoted.push(v.text);
      return [k, { type: "text", text: `\u0000${quoted.length - 1}\u0000` }];
    }),
  ) as Note["params"];
  const parts = formatNote({ ...note, params }, x).split("\u0000");
  return parts.map((p, i) => (i % 2 === 1 ? <Quoted key={i} text={quoted[Number(p)] ?? ""} /> : p));
}

/** A message with one quoted text in it: `words("\u0000")` split around the quote. */
export function WithQuoted({ words, text }: { words: (marker: string) => string; text: string }): ReactNode {
  const [before, after] = words("\u0000").split("\u0000");
  return (
    <>
      {before}
      <Quoted text={text} />
      {after}
    </>
  );
}
